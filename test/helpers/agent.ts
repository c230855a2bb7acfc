// Signed-in supertest agents, one per role, that know their CSRF token.
import request from 'supertest';
import type { Express } from 'express';
import { createAccount } from '../../server/accounts/service';
import type { Db } from '../../server/db/database';
import type { AppRole } from '../../server/db/schema';
import { SYSTEM_ACTOR } from '../../server/db/audit';

export const PASSWORD = 'korrekt-hest-batteri';

export type Agent = ReturnType<typeof request.agent>;

export interface SignedIn {
  agent: Agent;
  csrf: string;
  userId: number;
  personId: number;
  /** POST a form with the CSRF token added. */
  post(url: string, form?: Record<string, string | string[]>): ReturnType<Agent['post']>;
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

export async function signIn(app: Express, email: string, password = PASSWORD): Promise<Pick<SignedIn, 'agent' | 'csrf' | 'post'>> {
  const agent = request.agent(app);
  const loginPage = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(loginPage.text), email, password });
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
  const page = await agent.get('/profile');
  const csrf = csrfFrom(page.text);
  return {
    agent,
    csrf,
    post: (url, form = {}) => agent.post(url).type('form').send({ _csrf: csrf, ...form }),
  };
}

let counter = 0;

/**
 * Creates a user with the role and signs them in. `person` links the account to an existing
 * person (e.g. a seeded representative); otherwise a new person is made in `organisationId`.
 */
export async function signedIn(
  app: Express,
  db: Db,
  role: AppRole,
  opts: { personName?: string; organisationName?: string } = {},
): Promise<SignedIn> {
  counter++;
  const email = `${role}${counter}@test.dk`;
  let personId: number | null = null;
  if (opts.personName) {
    personId = (await db.selectFrom('people').select('id').where('name', '=', opts.personName).executeTakeFirstOrThrow()).id;
  }
  const organisationId = opts.organisationName
    ? (await db.selectFrom('organisations').select('id').where('name', '=', opts.organisationName).executeTakeFirstOrThrow()).id
    : null;
  const userId = await createAccount(
    db,
    { email, password: PASSWORD, role, personId, name: `Test ${role} ${counter}`, organisationId },
    SYSTEM_ACTOR,
    new Date(),
  );
  const user = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirstOrThrow();
  const session = await signIn(app, email);
  return { ...session, userId, personId: user.person_id };
}
