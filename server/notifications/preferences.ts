// Which messages a user gets, chosen on /profile: one choice per topic, all on unless switched
// off. Stored per user (mail_preferences, migration 0019); a topic without a row has its default,
// so a topic added later reaches everyone until they say otherwise. Password and invitation
// links for the account itself are always sent.
import type { Kysely } from 'kysely';
import { audit } from '../db/audit';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

export const TOPICS = ['meetings', 'agenda', 'approval', 'approved', 'remarks', 'actions', 'reminders', 'proposals', 'deadlines'] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, { label: string; hint: string }> = {
  meetings: { label: 'Invitationer til møder', hint: 'Når du bliver inviteret, og når et møde flyttes eller aflyses – med kalenderfil og links til at svare.' },
  agenda: { label: 'Dagsorden udsendt', hint: 'Når dagsordenen til et møde, du er inviteret til, er udsendt, med listen over bilag.' },
  approval: { label: 'Referat til godkendelse', hint: 'Til partnerskabets repræsentanter: når et referat skal godkendes, også en rettet version.' },
  approved: { label: 'Referat godkendt', hint: 'Når alle parter har godkendt referatet fra et møde, du var inviteret til.' },
  remarks: { label: 'Bemærkninger til referatet', hint: 'Til konsulenten: når en part godkender med en bemærkning til protokollen eller ikke kan godkende.' },
  actions: { label: 'Opfølgningspunkter til dig', hint: 'Når du bliver ansvarlig for et opfølgningspunkt.' },
  reminders: { label: 'Påmindelser om frister', hint: 'Kl. 7 om morgenen: når fristen for dit opfølgningspunkt er om tre dage, og når den er overskredet.' },
  proposals: { label: 'Svar på dine forslag', hint: 'Når dit forslag til dagsordenen er taget med eller afvist.' },
  deadlines: { label: 'Overskredne frister', hint: 'Til konsulenten: når fristen for dagsorden, referat eller godkendelse er overskredet.' },
};

/** Every topic is on until the user switches it off (there is no weekly digest to be off by default). */
const DEFAULTS: Record<Topic, boolean> = Object.fromEntries(TOPICS.map((t) => [t, true])) as Record<Topic, boolean>;

export type Preferences = Record<Topic, boolean>;

export async function preferencesOf(db: Kysely<Database>, userId: number): Promise<Preferences> {
  const rows = await db.selectFrom('mail_preferences').select(['topic', 'enabled']).where('user_id', '=', userId).execute();
  const prefs = { ...DEFAULTS };
  for (const r of rows) if ((TOPICS as readonly string[]).includes(r.topic)) prefs[r.topic as Topic] = r.enabled === 1;
  return prefs;
}

/** The people (by id) who switched the topic off: on an account of theirs. */
export async function peopleWithTopicOff(db: Kysely<Database>, personIds: readonly number[], topic: Topic): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('mail_preferences')
    .innerJoin('users', 'users.id', 'mail_preferences.user_id')
    .select('users.person_id')
    .where('users.person_id', 'in', personIds)
    .where('mail_preferences.topic', '=', topic)
    .where('mail_preferences.enabled', '=', DEFAULTS[topic] ? 0 : 1)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Saves the user's choices (the topics ticked are on, the rest off); audited. */
export async function savePreferences(db: Db, userId: number, on: ReadonlySet<Topic>, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await preferencesOf(trx, userId);
    const after = Object.fromEntries(TOPICS.map((t) => [t, on.has(t)])) as Preferences;
    if (TOPICS.every((t) => before[t] === after[t])) return;
    await trx.deleteFrom('mail_preferences').where('user_id', '=', userId).execute();
    const rows = TOPICS.filter((t) => after[t] !== DEFAULTS[t]).map((topic) => ({ user_id: userId, topic, enabled: after[topic] ? 1 : 0 }));
    if (rows.length) await trx.insertInto('mail_preferences').values(rows).execute();
    await audit(trx, { actor: { userId }, at, action: 'update', entity: 'mail_preferences', entityId: userId, before, after });
  });
}

/** What /profile shows: each topic with its choice, and the address messages go to (null: none). */
export async function mailSettingsOf(db: Db, user: { id: number; personId: number }) {
  const [prefs, person, account] = await Promise.all([
    preferencesOf(db, user.id),
    db.selectFrom('people').select('email').where('id', '=', user.personId).executeTakeFirst(),
    db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirst(),
  ]);
  return {
    address: person?.email?.trim() || account?.email?.trim() || null,
    topics: TOPICS.map((key) => ({ key, ...TOPIC_LABELS[key], on: prefs[key] })),
  };
}
