// Failed sign-ins are limited per (account, address) pair and per address, so a guesser is
// stopped without locking the account's owner (or everyone behind the same address) out.
import request from 'supertest';
import { clientKey } from '../../server/accounts/login-throttle';
import { createAccount } from '../../server/accounts/service';
import { createApp } from '../../server/app';
import type { Config } from '../../server/config';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { fixedClock } from '../../server/web/clock';
import { csrfFrom, PASSWORD } from '../helpers/agent';
import { freshDb, testConfig, TEST_NOW } from '../helpers/app';
import { fieldError } from '../helpers/html';

const WRONG = 'forkert-adgangskode';
const MINUTE = 60 * 1000;
const TOO_MANY = 'For mange mislykkede forsøg. Vent et kvarter, og prøv igen.';

async function world(trustProxy: Config['trustProxy'] = false) {
  const { db } = await freshDb();
  const clock = fixedClock(TEST_NOW);
  const app = createApp({ db, config: { ...testConfig, trustProxy }, clock, log: () => undefined });
  const account = async (email: string) =>
    createAccount(db, { email, password: PASSWORD, role: 'laeser', name: email }, SYSTEM_ACTOR, clock.now());
  await account('anna@test.dk');
  await account('bo@test.dk');

  /** A fresh browser; `forwardedFor` is the X-Forwarded-For header it (or a proxy) sends. */
  async function browser(forwardedFor?: string) {
    const agent = request.agent(app);
    const withHeader = <T extends request.Test>(r: T) => (forwardedFor ? r.set('X-Forwarded-For', forwardedFor) : r);
    const csrf = csrfFrom((await withHeader(agent.get('/login'))).text);
    return {
      agent,
      login: (email: string, password: string) =>
        withHeader(agent.post('/login').type('form').send({ _csrf: csrf, email, password })),
    };
  }
  async function failures(n: number, email: string, forwardedFor?: string | ((i: number) => string)) {
    for (let i = 0; i < n; i++) {
      const b = await browser(typeof forwardedFor === 'function' ? forwardedFor(i) : forwardedFor);
      expect((await b.login(email, WRONG)).status).toBe(422);
    }
  }
  return { app, db, clock, browser, failures };
}

describe('sign-in limits without TRUST_PROXY', () => {
  it('10 failures for account A from one address do not block account B from that address', async () => {
    const w = await world();
    await w.failures(10, 'anna@test.dk');
    const b = await w.browser();
    expect((await b.login('bo@test.dk', PASSWORD)).status).toBe(303);
    expect((await b.agent.get('/')).status).toBe(200);
    // The pair that failed is blocked, also for the right password.
    const refused = await (await w.browser()).login('anna@test.dk', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain(TOO_MANY);
  });

  it('ignores X-Forwarded-For: a spoofed header does not give a guesser new addresses', async () => {
    const w = await world();
    await w.failures(10, 'anna@test.dk', (i) => `203.0.113.${i + 1}`);
    expect((await (await w.browser('198.51.100.99')).login('anna@test.dk', PASSWORD)).status).toBe(429);
  });

  it('answers an unknown e-mail exactly as a known one, also once it is blocked', async () => {
    const w = await world();
    const answers = async (email: string) => {
      const seen: Array<[number, string | undefined]> = [];
      for (let i = 0; i < 11; i++) {
        const res = await (await w.browser()).login(email, WRONG);
        seen.push([res.status, fieldError(res.text, 'password') ?? (res.text.includes(TOO_MANY) ? TOO_MANY : undefined)]);
      }
      return seen;
    };
    const known = await answers('bo@test.dk');
    expect(known.at(0)).toEqual([422, 'E-mail eller adgangskode er forkert']);
    expect(known.at(-1)).toEqual([429, TOO_MANY]);
    expect(await answers('ingen@test.dk')).toEqual(known);
  });

  it('stops one address trying many accounts, but not a browser that has signed in to its account before', async () => {
    const w = await world();
    const regular = await w.browser();
    expect((await regular.login('bo@test.dk', PASSWORD)).status).toBe(303);

    // A password spray: one guess each for many (mostly unknown) accounts.
    const attacker = await w.browser();
    for (let i = 0; i < 100; i++) expect((await attacker.login(`gæt${i}@test.dk`, WRONG)).status).toBe(422);
    const stranger = await (await w.browser()).login('anna@test.dk', PASSWORD);
    expect(stranger.status).toBe(429);
    expect(stranger.text).toContain(TOO_MANY);

    // Bo's browser signed in here before: his right password still works from the same address.
    await regular.agent.post('/logout').type('form').send({ _csrf: csrfFrom((await regular.agent.get('/logout')).text) });
    const again = await regular.agent.get('/login');
    const res = await regular.agent.post('/login').type('form').send({ _csrf: csrfFrom(again.text), email: 'bo@test.dk', password: PASSWORD });
    expect(res.status).toBe(303);

    // A quarter of an hour later the address may try again.
    w.clock.advance(15 * MINUTE);
    expect((await (await w.browser()).login('anna@test.dk', PASSWORD)).status).toBe(303);
  }, 30_000);
});

describe('sign-in limits with TRUST_PROXY', () => {
  it('lets the owner in from a fresh address after 10 failures for the account from another', async () => {
    const w = await world(1);
    await w.failures(10, 'anna@test.dk', '203.0.113.7');
    expect((await (await w.browser('203.0.113.7')).login('anna@test.dk', PASSWORD)).status).toBe(429);
    const owner = await w.browser('198.51.100.20');
    expect((await owner.login('anna@test.dk', PASSWORD)).status).toBe(303);
    expect((await owner.agent.get('/')).status).toBe(200);
  });

  it('gives an account under attack from many addresses fewer tries per address, but still takes the right password from a clean one', async () => {
    const w = await world(1);
    await w.failures(10, 'anna@test.dk', '203.0.113.7');
    await w.failures(3, 'anna@test.dk', '203.0.113.8');
    expect((await (await w.browser('203.0.113.8')).login('anna@test.dk', PASSWORD)).status).toBe(429);
    await w.failures(2, 'anna@test.dk', '198.51.100.20');
    expect((await (await w.browser('198.51.100.20')).login('anna@test.dk', PASSWORD)).status).toBe(303);
  });

  it('with a hop count trusts only that many hops: a forged address to the left is ignored', async () => {
    const w = await world(1);
    // The client forges a different first entry each time; the proxy appends the real address.
    await w.failures(10, 'anna@test.dk', (i) => `10.9.9.${i}, 203.0.113.7`);
    expect((await (await w.browser('1.2.3.4, 203.0.113.7')).login('anna@test.dk', PASSWORD)).status).toBe(429);
    expect((await (await w.browser('203.0.113.7, 198.51.100.20')).login('anna@test.dk', PASSWORD)).status).toBe(303);
  });

  it('with a list trusts exactly the listed proxies', async () => {
    // Our own proxy (loopback) and an inner load balancer in 10.0.0.0/8: the client is left of them.
    const inner = await world(['loopback', '10.0.0.0/8']);
    await inner.failures(10, 'anna@test.dk', '203.0.113.7, 10.1.2.3');
    expect((await (await inner.browser('203.0.113.7, 10.1.2.3')).login('anna@test.dk', PASSWORD)).status).toBe(429);
    expect((await (await inner.browser('198.51.100.20, 10.1.2.3')).login('anna@test.dk', PASSWORD)).status).toBe(303);

    // Only loopback trusted: 10.1.2.3 is the client, whatever stands left of it.
    const outer = await world(['loopback']);
    await outer.failures(10, 'anna@test.dk', '203.0.113.7, 10.1.2.3');
    expect((await (await outer.browser('198.51.100.20, 10.1.2.3')).login('anna@test.dk', PASSWORD)).status).toBe(429);
    expect((await (await outer.browser('10.1.2.4')).login('anna@test.dk', PASSWORD)).status).toBe(303);
  });
});

describe('clientKey', () => {
  it('counts an IPv4 address (also IPv4-mapped) as itself and an IPv6 address by its /64', () => {
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(clientKey('2001:DB8:0000:0012:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:12::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});
