// /meetings/:id/agenda: add, edit, remove and move items; positions stay 1..n.
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAgendaItem } from '../helpers/factories';
import { fieldError, fieldValue, flashes, selectedValue } from '../helpers/html';

type Db = TestApp['db'];

/** The agenda as [position, title], in order. */
async function agenda(db: Db, meetingId: number): Promise<Array<[number, string]>> {
  const rows = await db.selectFrom('agenda_items').select(['position', 'title']).where('meeting_id', '=', meetingId).orderBy('position').execute();
  return rows.map((r) => [r.position, r.title]);
}

/** A workshop (no follow-up item when nothing is open) with items A, B, C. */
async function meetingWithItems(db: Db) {
  const meeting = await aMeeting(db, { kind: 'workshop' });
  const a = await anAgendaItem(db, meeting, { title: 'A' });
  const b = await anAgendaItem(db, meeting, { title: 'B' });
  const c = await anAgendaItem(db, meeting, { title: 'C' });
  return { meeting, a, b, c };
}

describe('adding an agenda item', () => {
  it('shows the form and adds the item last, with its texts', async () => {
    const { app, db } = await testApp();
    const { meeting } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    const form = await k.agent.get(`/meetings/${meeting}/agenda/new`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Nyt punkt på dagsordenen');
    expect(selectedValue(form.text, 'kind')).toBe('droeftelse');

    const res = await k.post(`/meetings/${meeting}/agenda`, {
      title: 'Frivillige i frugtordningen',
      kind: 'beslutning',
      background: 'Skolen ønsker frivillige.',
      discussion: 'Tavshedspligt.',
      decision: 'Vi afprøver i 8 uger.',
    });
    expect(res.status).toBe(303);
    const item = await db.selectFrom('agenda_items').selectAll().where('title', '=', 'Frivillige i frugtordningen').executeTakeFirstOrThrow();
    expect(res.headers.location).toBe(`/meetings/${meeting}#punkt-${item.id}`);
    expect(item).toMatchObject({ meeting_id: meeting, position: 4, kind: 'beslutning', decision: 'Vi afprøver i 8 uger.' });
    const page = await k.agent.get(`/meetings/${meeting}`);
    expect(flashes(page.text)).toContain('Punktet er tilføjet dagsordenen.');
    expect(page.text).toContain('<span class="agenda-number">4.</span> Frivillige i frugtordningen');
    expect((await auditOf(db, 'agenda_item', item.id))[0]).toMatchObject({ action: 'create', user_id: k.userId });
  });

  it('re-renders with 422 beside the fields and keeps the input; saves nothing', async () => {
    const { app, db } = await testApp();
    const { meeting } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'agenda_items');
    const res = await k.post(`/meetings/${meeting}/agenda`, { title: ' ', kind: 'snak', background: 'Baggrund bevares' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toBe('Skriv en overskrift på punktet');
    expect(fieldError(res.text, 'kind')).toBe('Vælg punktets type');
    expect(fieldValue(res.text, 'background')).toBe('Baggrund bevares');
    const long = await k.post(`/meetings/${meeting}/agenda`, { title: 'x'.repeat(301), kind: 'orientering' });
    expect(long.status).toBe(422);
    expect(fieldError(long.text, 'title')).toBe('Højst 300 tegn');
    expect(await countRows(db, 'agenda_items')).toBe(before);
  });
});

describe('editing an agenda item', () => {
  it('shows the item in the form and saves the change', async () => {
    const { app, db } = await testApp();
    const { meeting, b } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    const form = await k.agent.get(`/meetings/${meeting}/agenda/${b}/edit`);
    expect(form.status).toBe(200);
    expect(fieldValue(form.text, 'title')).toBe('B');
    const res = await k.post(`/meetings/${meeting}/agenda/${b}`, { title: 'B rettet', kind: 'orientering', decision: 'Taget til efterretning' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meeting}#punkt-${b}`);
    const item = await db.selectFrom('agenda_items').selectAll().where('id', '=', b).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ title: 'B rettet', kind: 'orientering', decision: 'Taget til efterretning', position: 2 });
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toContain('Punktet er gemt.');
  });

  it('re-renders with 422 and the input kept; the item is unchanged', async () => {
    const { app, db } = await testApp();
    const { meeting, b } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    const before = await db.selectFrom('agenda_items').selectAll().where('id', '=', b).executeTakeFirstOrThrow();
    const res = await k.post(`/meetings/${meeting}/agenda/${b}`, { title: '', kind: 'beslutning', discussion: 'Ny drøftelse' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toBe('Skriv en overskrift på punktet');
    expect(fieldValue(res.text, 'discussion')).toBe('Ny drøftelse');
    expect(await db.selectFrom('agenda_items').selectAll().where('id', '=', b).executeTakeFirstOrThrow()).toEqual(before);
  });
});

describe('removing and moving agenda items', () => {
  it('removes an item and closes the gap, so positions stay 1..n', async () => {
    const { app, db } = await testApp();
    const { meeting, a, b } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/agenda/${a}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meeting}#dagsorden`);
    expect(await agenda(db, meeting)).toEqual([[1, 'B'], [2, 'C']]);
    await k.post(`/meetings/${meeting}/agenda/${b}/delete`);
    expect(await agenda(db, meeting)).toEqual([[1, 'C']]);
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toContain('Punktet er fjernet fra dagsordenen.');
  });

  it('keeps an action that came from a removed item, now belonging to the meeting as a whole', async () => {
    const { app, db } = await testApp();
    const { meeting, b } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    await k.post(`/meetings/${meeting}/actions`, { text: 'Ring til skolen', agenda_item_id: String(b) });
    await k.post(`/meetings/${meeting}/agenda/${b}/delete`);
    const action = await db.selectFrom('actions').selectAll().where('text', '=', 'Ring til skolen').executeTakeFirstOrThrow();
    expect(action).toMatchObject({ meeting_id: meeting, agenda_item_id: null });
  });

  it('swaps an item with its neighbour up or down; nothing happens at either end', async () => {
    const { app, db } = await testApp();
    const { meeting, a, c } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/agenda/${c}/move`, { direction: 'up' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meeting}#punkt-${c}`);
    expect(await agenda(db, meeting)).toEqual([[1, 'A'], [2, 'C'], [3, 'B']]);
    await k.post(`/meetings/${meeting}/agenda/${a}/move`, { direction: 'down' });
    expect(await agenda(db, meeting)).toEqual([[1, 'C'], [2, 'A'], [3, 'B']]);
    await k.post(`/meetings/${meeting}/agenda/${c}/move`, { direction: 'up' }); // already first
    await k.post(`/meetings/${meeting}/agenda/${a}/move`, { direction: 'down' });
    await k.post(`/meetings/${meeting}/agenda/${a}/move`, { direction: 'down' }); // already last
    expect(await agenda(db, meeting)).toEqual([[1, 'C'], [2, 'B'], [3, 'A']]);
    const page = await k.agent.get(`/meetings/${meeting}`);
    expect(page.text.indexOf('</span> C ')).toBeLessThan(page.text.indexOf('</span> B '));
    expect(page.text.indexOf('</span> B ')).toBeLessThan(page.text.indexOf('</span> A '));
  });

  it('refuses a direction other than up or down and changes nothing', async () => {
    const { app, db } = await testApp();
    const { meeting, b } = await meetingWithItems(db);
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.post(`/meetings/${meeting}/agenda/${b}/move`, { direction: 'sideways' })).status).toBe(422);
    expect((await k.post(`/meetings/${meeting}/agenda/${b}/move`)).status).toBe(422);
    expect(await agenda(db, meeting)).toEqual([[1, 'A'], [2, 'B'], [3, 'C']]);
  });
});
