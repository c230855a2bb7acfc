// The partnership's standard agenda items: the five defaults, and the konsulent's add, edit,
// move and remove on the partnership page; 422 with nothing stored, 403 per role, 404.
import { DEFAULT_STANDARD_ITEMS } from '../../server/partnerships/service';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { partnershipId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, unescapeHtml } from '../helpers/html';

async function templateOf(db: TestApp['db'], pid: number) {
  return db.selectFrom('standard_items').select(['id', 'title', 'kind', 'background', 'position']).where('partnership_id', '=', pid).orderBy('position').execute();
}

/** The standard items' titles as the partnership page lists them. */
function listedTitles(html: string): string[] {
  const section = /<section aria-labelledby="standardpunkter">([\s\S]*?)<\/section>/.exec(html)![1];
  return [...section.matchAll(/<span class="agenda-number">\d+\.<\/span> ([^<]*) <span class="badge">/g)].map((m) => unescapeHtml(m[1]));
}

const DEFAULT_TITLES = ['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Eventuelt', 'Næste møde'];

describe('standard items', () => {
  it('a partnership starts with the five defaults, shown to every role on its page', async () => {
    const { app, db } = await testApp();
    const pid = await partnershipId(db);
    expect((await templateOf(db, pid)).map((i) => [i.title, i.kind])).toEqual([
      ['Godkendelse af dagsorden', 'beslutning'],
      ['Godkendelse af referat fra sidste møde', 'beslutning'],
      ['Opfølgning fra sidste møde', 'orientering'],
      ['Eventuelt', 'orientering'],
      ['Næste møde', 'droeftelse'],
    ]);
    expect(DEFAULT_STANDARD_ITEMS.map((i) => i.title)).toEqual(DEFAULT_TITLES);
    const reader = await signedIn(app, db, 'laeser');
    const page = await reader.agent.get(`/partnerships/${pid}`);
    expect(listedTitles(page.text)).toEqual(DEFAULT_TITLES);
    expect(page.text).not.toContain('Tilføj standardpunkt');
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get(`/partnerships/${pid}`)).text).toContain('Tilføj standardpunkt');
  });

  it('the konsulent adds, edits, moves and removes items, each with its audit row', async () => {
    const { app, db } = await testApp();
    const pid = await partnershipId(db);
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get(`/partnerships/${pid}/standard-items/new`)).status).toBe(200);

    const added = await k.post(`/partnerships/${pid}/standard-items`, { title: 'Nyt fra Uldum', kind: 'orientering', background: 'Kort runde.' });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/partnerships/${pid}#standardpunkter`);
    let items = await templateOf(db, pid);
    const nyt = items.find((i) => i.title === 'Nyt fra Uldum')!;
    expect(nyt).toMatchObject({ position: 6, kind: 'orientering', background: 'Kort runde.' });
    expect(await auditOf(db, 'standard_item', nyt.id)).toHaveLength(1);
    expect(flashes((await k.agent.get(`/partnerships/${pid}`)).text)).toContain('Standardpunktet er tilføjet.');

    const edit = await k.agent.get(`/partnerships/${pid}/standard-items/${nyt.id}/edit`);
    expect(fieldValue(edit.text, 'title')).toBe('Nyt fra Uldum');
    expect((await k.post(`/partnerships/${pid}/standard-items/${nyt.id}`, { title: 'Nyt fra Uldum og omegn', kind: 'droeftelse', background: '' })).status).toBe(303);

    // Up twice: above "Eventuelt" and "Næste møde".
    for (let i = 0; i < 2; i++) expect((await k.post(`/partnerships/${pid}/standard-items/${nyt.id}/move`, { direction: 'up' })).status).toBe(303);
    items = await templateOf(db, pid);
    expect(items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Nyt fra Uldum og omegn', 'Eventuelt', 'Næste møde']);
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);

    const eventuelt = items.find((i) => i.title === 'Eventuelt')!;
    const confirm = await k.agent.get(`/partnerships/${pid}/standard-items/${eventuelt.id}/delete`);
    expect(unescapeHtml(confirm.text)).toContain('Vil du fjerne standardpunktet "Eventuelt"?');
    expect((await k.post(`/partnerships/${pid}/standard-items/${eventuelt.id}/delete`)).status).toBe(303);
    items = await templateOf(db, pid);
    expect(items.map((i) => [i.position, i.title])).toEqual([
      [1, 'Godkendelse af dagsorden'],
      [2, 'Godkendelse af referat fra sidste møde'],
      [3, 'Opfølgning fra sidste møde'],
      [4, 'Nyt fra Uldum og omegn'],
      [5, 'Næste møde'],
    ]);
    expect((await auditOf(db, 'standard_item', nyt.id)).map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
    expect((await auditOf(db, 'standard_item', eventuelt.id)).map((a) => a.action)).toContain('delete');
    expect(listedTitles((await k.agent.get(`/partnerships/${pid}`)).text)).toEqual(items.map((i) => i.title));
  });

  it('bad input comes back with 422, the input kept and nothing stored', async () => {
    const { app, db } = await testApp();
    const pid = await partnershipId(db);
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'standard_items');
    const res = await k.post(`/partnerships/${pid}/standard-items`, { title: '   ', kind: 'fest', background: 'Noget at huske' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toBe('Skriv en overskrift på punktet');
    expect(fieldError(res.text, 'kind')).toBe('Vælg punktets type');
    expect(fieldValue(res.text, 'background')).toBe('Noget at huske');
    expect(await countRows(db, 'standard_items')).toBe(before);

    const [first] = await templateOf(db, pid);
    const edit = await k.post(`/partnerships/${pid}/standard-items/${first.id}`, { title: 'x'.repeat(301), kind: 'beslutning' });
    expect(edit.status).toBe(422);
    expect(fieldError(edit.text, 'title')).toBe('Højst 300 tegn');
    const move = await k.post(`/partnerships/${pid}/standard-items/${first.id}/move`, { direction: 'sideways' });
    expect(move.status).toBe(422);
    expect(unescapeHtml(move.text)).toContain('Punktet blev ikke flyttet. Brug knapperne "Flyt op" og "Flyt ned".');
    expect((await templateOf(db, pid))[0]).toEqual(first);
  });

  it.each(['repraesentant', 'laeser'] as const)('a %s may not change the template (403)', async (role) => {
    const { app, db } = await testApp();
    const pid = await partnershipId(db);
    const [first] = await templateOf(db, pid);
    const u = await signedIn(app, db, role);
    expect((await u.agent.get(`/partnerships/${pid}/standard-items/new`)).status).toBe(403);
    expect((await u.post(`/partnerships/${pid}/standard-items`, { title: 'Mit punkt', kind: 'orientering' })).status).toBe(403);
    expect((await u.agent.get(`/partnerships/${pid}/standard-items/${first.id}/edit`)).status).toBe(403);
    expect((await u.post(`/partnerships/${pid}/standard-items/${first.id}`, { title: 'Ændret', kind: 'orientering' })).status).toBe(403);
    expect((await u.post(`/partnerships/${pid}/standard-items/${first.id}/move`, { direction: 'down' })).status).toBe(403);
    expect((await u.post(`/partnerships/${pid}/standard-items/${first.id}/delete`)).status).toBe(403);
    expect((await templateOf(db, pid)).map((i) => i.title)).toEqual(DEFAULT_TITLES);
  });

  it('unknown partnerships and items are 404, also an item of another partnership', async () => {
    const { app, db } = await testApp();
    const pid = await partnershipId(db);
    const k = await signedIn(app, db, 'konsulent');
    const [first] = await templateOf(db, pid);
    expect((await k.agent.get(`/partnerships/9999/standard-items/new`)).status).toBe(404);
    expect((await k.post(`/partnerships/9999/standard-items`, { title: 'X', kind: 'orientering' })).status).toBe(404);
    expect((await k.agent.get(`/partnerships/${pid}/standard-items/9999/edit`)).status).toBe(404);
    expect((await k.post(`/partnerships/${pid}/standard-items/9999`, { title: 'X', kind: 'orientering' })).status).toBe(404);
    expect((await k.post(`/partnerships/${pid}/standard-items/9999/move`, { direction: 'up' })).status).toBe(404);
    expect((await k.post(`/partnerships/${pid}/standard-items/9999/delete`)).status).toBe(404);
    expect((await k.agent.get(`/partnerships/${pid}/standard-items/0${first.id}/edit`)).status).toBe(404);
  });
});
