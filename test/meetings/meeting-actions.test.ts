// /meetings/:id/actions: follow-up actions (hvad, hvem, hvornår) created from a meeting or one of
// its agenda items, edited and deleted by the consultant.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAction, anAgendaItem, personId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, selectedValue } from '../helpers/html';
import { anInitiative } from '../initiatives/helpers';

describe('creating a follow-up action', () => {
  it('offers the agenda items, preselects the one asked for, and creates the action', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db, { kind: 'workshop' });
    const item = await anAgendaItem(db, meeting, { title: 'Frivillige' });
    const hanne = await personId(db, 'Hanne M. Petersen');
    const k = await signedIn(app, db, 'konsulent');
    const form = await k.agent.get(`/meetings/${meeting}/actions/new?agenda_item_id=${item}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<option value="' + item + '" selected>1. Frivillige</option>');
    expect(selectedValue(form.text, 'status')).toBe('aaben');

    const res = await k.post(`/meetings/${meeting}/actions`, {
      text: 'Indkald frivillige til møde',
      owner_id: String(hanne),
      due_date: '2026-12-15',
      status: 'i_gang',
      agenda_item_id: String(item),
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meeting}#opfoelgning`);
    const row = await db.selectFrom('actions').selectAll().where('text', '=', 'Indkald frivillige til møde').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ meeting_id: meeting, agenda_item_id: item, owner_id: hanne, due_date: '2026-12-15', status: 'i_gang', completed_at: null });
    const page = await k.agent.get(`/meetings/${meeting}`);
    expect(flashes(page.text)).toContain('Opfølgningspunktet er oprettet.');
    expect(page.text).toContain('Indkald frivillige til møde – Hanne M. Petersen, senest 15.12.2026 (I gang)');
    expect((await auditOf(db, 'action', row.id))[0]).toMatchObject({ action: 'create', user_id: k.userId });
  });

  it('preselects the initiative of the agenda item the action comes from', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db, { kind: 'workshop' });
    const gaa = await anInitiative(db, { title: 'Gåklubben' });
    const sang = await anInitiative(db, { title: 'Sangaften' });
    const linked = await anAgendaItem(db, meeting, { title: 'Gåklubben', initiative_ids: [gaa] });
    const both = await anAgendaItem(db, meeting, { title: 'To initiativer', initiative_ids: [gaa, sang] });
    const plain = await anAgendaItem(db, meeting, { title: 'Uden initiativ' });
    const k = await signedIn(app, db, 'konsulent');
    const form = async (query: string) => (await k.agent.get(`/meetings/${meeting}/actions/new?${query}`)).text;
    expect(selectedValue(await form(`agenda_item_id=${linked}`), 'initiative_id')).toBe(String(gaa));
    // Several initiatives on the item: the consultant chooses; an initiative asked for wins.
    expect(selectedValue(await form(`agenda_item_id=${both}`), 'initiative_id')).toBe('');
    expect(selectedValue(await form(`agenda_item_id=${linked}&initiative_id=${sang}`), 'initiative_id')).toBe(String(sang));
    expect(selectedValue(await form(`agenda_item_id=${plain}`), 'initiative_id')).toBe('');
  });

  it('re-renders with 422 beside the fields and keeps the input; saves nothing', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/actions`, { text: '', due_date: '15-12-2026', status: 'færdig', owner_id: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'text')).toBe('Skriv, hvad der skal gøres');
    expect(fieldError(res.text, 'due_date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldError(res.text, 'status')).toBe('Vælg en status');
    expect(fieldValue(res.text, 'due_date')).toBe('15-12-2026');
    expect(await countRows(db, 'actions')).toBe(0);
  });

  it('refuses an owner who does not exist and an agenda item of another meeting with 422', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const other = await aMeeting(db);
    const foreignItem = await anAgendaItem(db, other, { title: 'Andet møde' });
    const k = await signedIn(app, db, 'konsulent');
    const owner = await k.post(`/meetings/${meeting}/actions`, { text: 'Ring', owner_id: '999999' });
    expect(owner.status).toBe(422);
    expect(fieldError(owner.text, 'owner_id')).toBe('Vælg en ansvarlig fra listen');
    expect(fieldValue(owner.text, 'text')).toBe('Ring');
    const item = await k.post(`/meetings/${meeting}/actions`, { text: 'Ring', agenda_item_id: String(foreignItem) });
    expect(item.status).toBe(422);
    expect(fieldError(item.text, 'agenda_item_id')).toBe('Vælg et punkt fra mødets dagsorden');
    expect(await countRows(db, 'actions')).toBe(0);
  });

  it('marks an action created as done with the time it was completed', async () => {
    const { app, db, clock } = await testApp();
    const meeting = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    clock.set('2026-11-24T12:34:00.000Z');
    await k.post(`/meetings/${meeting}/actions`, { text: 'Allerede klaret', status: 'udfoert' });
    const row = await db.selectFrom('actions').selectAll().where('text', '=', 'Allerede klaret').executeTakeFirstOrThrow();
    expect(row.completed_at).toBe('2026-11-24T12:34:00.000Z');
  });
});

describe('editing and deleting a follow-up action', () => {
  it('shows the action in the form and saves the change', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const per = await personId(db, 'Per Lange');
    const action = await anAction(db, meeting, { text: 'Skriv aftale', due_date: '2026-12-01' });
    const k = await signedIn(app, db, 'konsulent');
    const form = await k.agent.get(`/meetings/${meeting}/actions/${action}/edit`);
    expect(form.status).toBe(200);
    expect(fieldValue(form.text, 'text')).toBe('Skriv aftale');
    expect(fieldValue(form.text, 'due_date')).toBe('2026-12-01');
    const res = await k.post(`/meetings/${meeting}/actions/${action}`, { text: 'Skriv aftale om tavshedspligt', owner_id: String(per), due_date: '2027-01-10', status: 'aaben' });
    expect(res.status).toBe(303);
    expect(await db.selectFrom('actions').selectAll().where('id', '=', action).executeTakeFirstOrThrow()).toMatchObject({
      text: 'Skriv aftale om tavshedspligt',
      owner_id: per,
      due_date: '2027-01-10',
    });
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toContain('Opfølgningspunktet er gemt.');
  });

  it('re-renders the edit with 422 and keeps the input; the action is unchanged', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const action = await anAction(db, meeting, { text: 'Uændret' });
    const before = await db.selectFrom('actions').selectAll().where('id', '=', action).executeTakeFirstOrThrow();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/actions/${action}`, { text: 'Nyt', due_date: '2026-13-01' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Redigér opfølgningspunkt');
    expect(fieldError(res.text, 'due_date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldValue(res.text, 'text')).toBe('Nyt');
    expect(await db.selectFrom('actions').selectAll().where('id', '=', action).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('deletes an action', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const action = await anAction(db, meeting);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meeting}/actions/${action}/delete`);
    expect(res.status).toBe(303);
    expect(await countRows(db, 'actions')).toBe(0);
    expect(flashes((await k.agent.get(`/meetings/${meeting}`)).text)).toContain('Opfølgningspunktet er slettet.');
    expect((await auditOf(db, 'action', action)).map((e) => e.action)).toEqual(['create', 'delete']);
  });
});
