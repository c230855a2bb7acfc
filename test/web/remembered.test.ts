// What the server remembers between requests (per data version) must never show stale data:
// the search, the status report, the actions CSV and the calendar feed change with the next
// write. Also the role matrix's pages, and the few most recent arguments a summary keeps.
import request from 'supertest';
import { DataVersionCache } from '../../server/web/caches';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { createLearning, deleteLearning } from '../../server/learnings/service';
import { signedIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { aMeeting, anAction, anAgendaItem, anOrganisation, aPerson } from '../helpers/factories';
import { pagerText, relHref, unescapeHtml } from '../helpers/html';
import { download } from '../exports/fixture';

const AT = new Date('2026-11-24T10:00:00Z');

const learning = (title: string) => ({
  title,
  date: '2026-10-15',
  what_we_did: '',
  what_happened: '',
  what_next: '',
  outcome: 'virkede' as const,
  initiative_ids: [],
  meeting_ids: [],
});

describe('a per-data-version cache with several keys', () => {
  it('keeps the most recently used arguments and forgets the oldest', async () => {
    const { db } = await freshDb();
    const computed: string[] = [];
    const cache = new DataVersionCache(db, 2, { freeze: false });
    const summary = (arg: string) => cache.get(arg, async () => (computed.push(arg), arg.toUpperCase()));
    expect(await summary('a')).toBe('A');
    await summary('b');
    await summary('a'); // remembered; now the most recent
    await summary('c'); // forgets b, the least recently used
    await summary('a');
    await summary('b');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });
});

describe('remembered pages follow every write', () => {
  it('search finds a new record at once and loses a deleted one at once', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const search = async () => unescapeHtml((await user.agent.get('/search?q=Kirsebærhaven')).text.replace(/<\/?mark>/g, ''));
    expect(await search()).toContain('Ingen resultater for »Kirsebærhaven«');
    const id = await createLearning(db, learning('Fælles frokost i Kirsebærhaven'), SYSTEM_ACTOR, AT);
    expect(await search()).toContain('Fælles frokost i Kirsebærhaven');
    await deleteLearning(db, id, SYSTEM_ACTOR, AT);
    expect(await search()).toContain('Ingen resultater for »Kirsebærhaven«');
  });

  it('the status report and its PDF show a learning recorded after they were first built', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'repraesentant');
    const url = '/reports/status?from=2026-10-01&to=2026-10-31';
    expect(unescapeHtml((await user.agent.get(url)).text)).not.toContain('Bålmad med børnehaven');
    await download(user.agent, url.replace('/status?', '/status.pdf?'));
    await createLearning(db, learning('Bålmad med børnehaven'), SYSTEM_ACTOR, AT);
    expect(unescapeHtml((await user.agent.get(url)).text)).toContain('Bålmad med børnehaven');
  });

  it('the actions CSV has an action added after the last download', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const meeting = await aMeeting(db, { title: 'Møde i Uldum', day: '2026-11-10' });
    await anAction(db, meeting, { text: 'Ringe til spejderne', due_date: '2026-12-01' });
    const before = (await download(user.agent, '/actions.csv')).body.toString('utf8');
    expect(before).toContain('Ringe til spejderne');
    await anAction(db, meeting, { text: 'Låne æblepresseren', due_date: '2026-12-02' });
    const after = (await download(user.agent, '/actions.csv')).body.toString('utf8');
    expect(after).toContain('Ringe til spejderne');
    expect(after).toContain('Låne æblepresseren');
  });

  it('the calendar feed has a meeting planned after the last fetch', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'repraesentant');
    await user.post('/profile/calendar-token');
    const token = /\/meetings\.ics\?token=([A-Za-z0-9_-]+)"/.exec((await user.agent.get('/profile')).text)![1];
    const feed = async () => (await download(request(app), `/meetings.ics?token=${token}`)).body.toString('utf8');
    await aMeeting(db, { title: 'Høstmøde', day: '2026-12-01' });
    expect(await feed()).toContain('SUMMARY:Høstmøde');
    await aMeeting(db, { title: 'Julemøde på Ærø', day: '2026-12-15' });
    const after = await feed();
    expect(after).toContain('SUMMARY:Høstmøde');
    expect(after).toContain('SUMMARY:Julemøde på Ærø');
  });
});

describe('the read-only agenda of a meeting page', () => {
  it('shows a reader a new agenda item and an action’s new status at once', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db, { title: 'Møde i Uldum', day: '2026-11-10' });
    const item = await anAgendaItem(db, meeting, { title: 'Haven ved plejecentret' });
    const action = await anAction(db, meeting, { text: 'Købe frø til højbedene', agenda_item_id: item, due_date: '2026-12-01' });
    const reader = await signedIn(app, db, 'laeser');
    const agenda = async () => {
      const html = (await reader.agent.get(`/meetings/${meeting}`)).text;
      return unescapeHtml(/<section aria-labelledby="dagsorden">([\s\S]*?)<\/section>/.exec(html)![1]);
    };
    expect(await agenda()).toContain('Købe frø til højbedene, senest 01.12.2026 (Åben)');
    const consultant = await signedIn(app, db, 'konsulent');
    expect((await consultant.post(`/actions/${action}/status`, { status: 'udfoert', back: `/meetings/${meeting}` })).status).toBe(303);
    expect(await agenda()).toContain('Købe frø til højbedene, senest 01.12.2026 (Udført)');
    await anAgendaItem(db, meeting, { title: 'Æbletræer på skolen' });
    const after = await agenda();
    expect(after).toContain('Haven ved plejecentret');
    expect(after).toContain('Æbletræer på skolen');
  });
});

describe('/roles matrix pages', () => {
  it('shows 50 institutions a page, with the rest on the next page and the totals on both', async () => {
    const { app, db } = await testApp();
    for (let i = 1; i <= 55; i++) await anOrganisation(db, { name: `Institution ${String(i).padStart(2, '0')}`, kind: 'institution' });
    await aPerson(db, { name: 'Åse' });
    const user = await signedIn(app, db, 'laeser');
    const rows = (html: string) => [...html.matchAll(/<th scope="row">(?:<a href="\/organisations\/\d+">)?([^<]*)/g)].map((m) => m[1]).filter((n) => n !== 'I alt');
    const first = await user.agent.get('/roles');
    expect(first.status).toBe(200);
    const total = rows(first.text).length;
    expect(total).toBe(50);
    expect(pagerText(first.text)).toMatch(/^Viser 1–50 af (\d+) · side 1 af 2$/);
    const all = Number(/af (\d+) ·/.exec(pagerText(first.text)!)![1]);
    expect(all).toBeGreaterThanOrEqual(55);
    expect(relHref(first.text, 'next')).toBe('/roles?page=2');
    const second = await user.agent.get('/roles?page=2');
    expect(rows(second.text)).toHaveLength(all - 50);
    expect(rows(second.text)).not.toContain(rows(first.text)[0]);
    expect(second.text).toContain('<th scope="row">I alt</th>');
    expect(first.text).toContain('<th scope="row">I alt</th>');
  });
});
