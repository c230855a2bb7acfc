// Several app instances over one database (behind a load balancer) share the failure counts:
// failures made through one instance count on the other, with the same rules and messages.
import request from 'supertest';
import { generate } from 'otplib';
import { createAccount } from '../../server/accounts/service';
import { createApp } from '../../server/app';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { fixedClock } from '../../server/web/clock';
import { FailureCounter } from '../../server/web/rate-limit';
import { csrfFrom, PASSWORD, signIn } from '../helpers/agent';
import { freshDb, testConfig, TEST_NOW } from '../helpers/app';
import { withoutAuditRule } from '../helpers/audit-rule';

const WRONG = 'forkert-adgangskode';
const MINUTE = 60 * 1000;

/** Two instances of the app over the same database and the same clock. */
async function twoInstances() {
  const { db } = await freshDb();
  const clock = fixedClock(TEST_NOW);
  const make = () => createApp({ db, config: testConfig, clock, log: () => undefined });
  const [a, b] = [make(), make()];
  await createAccount(db, { email: 'anna@test.dk', password: PASSWORD, role: 'repraesentant', name: 'Anna' }, SYSTEM_ACTOR, clock.now());
  return { db, clock, a, b };
}

async function login(app: ReturnType<typeof createApp>, email: string, password: string) {
  const agent = request.agent(app);
  const csrf = csrfFrom((await agent.get('/login')).text);
  return { agent, res: await agent.post('/login').type('form').send({ _csrf: csrf, email, password }) };
}

describe('failure counts shared between app instances', () => {
  it('refuses the right password on instance B after 10 wrong ones for the pair on instance A', async () => {
    const { a, b } = await twoInstances();
    for (let i = 0; i < 10; i++) expect((await login(a, 'anna@test.dk', WRONG)).res.status).toBe(422);
    const refused = (await login(b, 'anna@test.dk', PASSWORD)).res;
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('For mange mislykkede forsøg. Vent et kvarter, og prøv igen.');
  });

  it('refuses the sixth code on instance B after five wrong codes on instance A', async () => {
    const { a, b, clock } = await twoInstances();
    // Anna turns on two-factor (on A).
    const anna = await signIn(a, 'anna@test.dk');
    const page = await anna.agent.get('/profile/two-factor');
    const key = /id="totp-key">([A-Z2-7 ]+)</.exec(page.text)![1].replace(/ /g, '');
    const codeNow = () => generate({ secret: key, epoch: Math.floor(clock.now().getTime() / 1000) });
    expect((await anna.agent.post('/profile/two-factor').type('form').send({ _csrf: csrfFrom(page.text), code: await codeNow() })).status).toBe(200);
    clock.advance(MINUTE);

    const secondStep = async (app: typeof a) => {
      const { agent, res } = await login(app, 'anna@test.dk', PASSWORD);
      expect(res.headers.location).toBe('/login/two-factor');
      const csrf = csrfFrom((await agent.get('/login/two-factor')).text);
      return (code: string) => agent.post('/login/two-factor').type('form').send({ _csrf: csrf, code });
    };
    const wrong = (await codeNow()) === '000001' ? '000002' : '000001';
    for (let i = 0; i < 5; i++) expect((await (await secondStep(a))(wrong)).status).toBe(422);
    const blocked = await (await secondStep(b))(await codeNow());
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('For mange forkerte koder. Vent et kvarter, og prøv igen.');
  });

  it('refuses "Glemt adgangskode?" on instance B for an address that asked 10 times on instance A', async () => {
    const { a, b } = await twoInstances();
    const forgot = async (app: typeof a, email: string) => {
      const agent = request.agent(app);
      const csrf = csrfFrom((await agent.get('/password/forgot')).text);
      return agent.post('/password/forgot').type('form').send({ _csrf: csrf, email });
    };
    for (let i = 0; i < 10; i++) expect((await forgot(a, `x${i}@nowhere.example.dk`)).status).toBe(200);
    const refused = await forgot(b, 'y@nowhere.example.dk');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('For mange forsøg. Vent et kvarter, og prøv igen.');
  });
});

describe('FailureCounter', () => {
  it('counts within its window only, keeps the newest few per key, and prunes keys that stopped failing', async () => {
    const { db } = await freshDb();
    const clock = fixedClock(TEST_NOW);
    const counter = new FailureCounter(db, 'test', 15 * MINUTE, () => clock.now(), 3);
    for (let i = 0; i < 5; i++) {
      await counter.record('a');
      clock.advance(MINUTE);
    }
    expect(await counter.count('a')).toBe(3); // only the newest three are kept
    await counter.record('b');
    expect(await counter.count('b')).toBe(1);
    clock.advance(13 * MINUTE); // the newest 'a' was 14 minutes ago, 'b' 13
    expect(await counter.count('a')).toBe(1);
    clock.advance(MINUTE);
    expect(await counter.count('a')).toBe(0);
    expect(await counter.count('b')).toBe(1);
    await counter.reset('b');
    expect(await counter.count('b')).toBe(0);

    // Another counter's keys of the same name are its own.
    const other = new FailureCounter(db, 'other', 15 * MINUTE, () => clock.now());
    await other.record('a');
    expect(await counter.count('a')).toBe(0);
    expect(await other.count('a')).toBe(1);

    // Rows of keys that stopped failing go once they are older than any rule counts.
    clock.advance(2 * 60 * MINUTE);
    await withoutAuditRule(db, () => db.insertInto('failures').values({ key: 'test:fresh', at: clock.now().toISOString() }).execute());
    await counter.prune();
    expect(await db.selectFrom('failures').select('key').execute()).toEqual([{ key: 'test:fresh' }]);
  });
});
