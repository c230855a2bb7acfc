// The main pages are remembered as rendered for a session, per data version and minute
// (server/web/remembered-pages.ts): a repeated view costs two queries, and is never older than
// the data, the minute or the session's own messages.
import type { KyselyPlugin } from 'kysely';
import { createApp } from '../../server/app';
import { fixedClock } from '../../server/web/clock';
import { LOCKED_MESSAGE } from '../../server/meetings/lock';
import { signedIn } from '../helpers/agent';
import { testApp, testConfig, TEST_NOW, freshDb } from '../helpers/app';
import { aMeeting, aMeetingAwaitingApproval, aPerson } from '../helpers/factories';
import { flashes, unescapeHtml } from '../helpers/html';

describe('remembered pages', () => {
  it('a page seen again in the same data version and minute runs no query of its own', async () => {
    const { db: raw } = await freshDb();
    let queries = 0;
    // Counted per execution: the session's query is compiled once and not transformed again.
    const counting: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => (queries++, a.result) };
    const app = createApp({ db: raw.withPlugin(counting), config: testConfig, clock: fixedClock(TEST_NOW), log: () => undefined });
    const k = await signedIn(app, raw, 'konsulent');
    const person = await aPerson(raw, { name: 'Gunnar Gemt' });
    const first = await k.agent.get(`/people/${person}`);
    expect(unescapeHtml(first.text)).toContain('Gunnar Gemt');
    queries = 0;
    const again = await k.agent.get(`/people/${person}`);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(queries).toBe(1); // the session, which reads the data version in the same query
    expect((await k.agent.get(`/people/${person}`).set('If-None-Match', first.headers.etag)).status).toBe(304);
  });

  it('a change shows at once, and the session\'s own message is never lost to a remembered page', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    expect(unescapeHtml((await k.agent.get('/people')).text)).not.toContain('Gunnar Gemt');
    await aPerson(db, { name: 'Gunnar Gemt' });
    expect(unescapeHtml((await k.agent.get('/people')).text)).toContain('Gunnar Gemt');

    const meeting = await aMeetingAwaitingApproval(db);
    await k.agent.get(`/meetings/${meeting}`); // remembered without a message
    const edit = await k.agent.get(`/meetings/${meeting}/edit`); // locked: a message, no write
    expect(edit.status).toBe(303);
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toEqual([LOCKED_MESSAGE]);
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toEqual([]);
  });

  it('each session gets its own page, with its own form token', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const r = await signedIn(app, db, 'laeser');
    const meeting = await aMeeting(db);
    const forK = (await k.agent.get(`/meetings/${meeting}`)).text;
    const forR = (await r.agent.get(`/meetings/${meeting}`)).text;
    expect(forK).toContain(k.csrf);
    expect(forR).not.toContain(k.csrf);
    expect(forR).not.toContain('Rediger møde');
    expect((await k.agent.get(`/meetings/${meeting}`)).text).toContain(k.csrf);
  });

  it('time moves the page on without any write: a meeting that has begun is no longer upcoming', async () => {
    const { app, db, clock } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    // TEST_NOW is 11:00 in Copenhagen.
    await aMeeting(db, { title: 'Morgenmøde om vandværket', day: '2026-11-24', start_time: '11:30', end_time: '12:30' });
    const row = (html: string) => /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Morgenmøde om vandværket/.exec(html)?.[0] ?? '';
    expect(row((await k.agent.get('/meetings')).text)).toContain('class="upcoming"');
    clock.advance(45 * 60_000);
    expect(row((await k.agent.get('/meetings')).text)).not.toContain('class="upcoming"');
  });
});
