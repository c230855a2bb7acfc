import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAgendaItem, aPerson } from '../helpers/factories';
import { fieldError, fieldValue, flashes, unescapeHtml } from '../helpers/html';
import { aFefItem } from '../helpers/register-factories';
import { createInitiative } from '../../server/initiatives/service';
import { InitiativeFormSchema } from '../../server/initiatives/schemas';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { withoutAuditRule } from '../helpers/audit-rule';

/** The "Til opfølgning" section of a page, as text. */
function dueSection(html: string): string {
  const m = /<section aria-labelledby="reviews-heading"[\s\S]*?<\/section>/.exec(html);
  return m ? unescapeHtml(m[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')) : '';
}

function reviewRow(db: TestApp['db'], kind: 'beslutning' | 'afproevning' | 'fef', id: number) {
  return db.selectFrom('reviews').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', id).executeTakeFirst();
}

async function aTrial(db: TestApp['db'], title: string, trialStart: string): Promise<number> {
  const form = InitiativeFormSchema.parse({ title, kind: 'proevehandling', status: 'afproeves', trial_start: trialStart });
  return createInitiative(db, form, { actor: SYSTEM_ACTOR, personId: null }, new Date('2026-11-01T09:00:00Z'));
}

describe('/opfoelgning/:kind/:id: the review date ("Tages op igen")', () => {
  it('a konsulent sets a day on a forklar-eller-fjern item, with an audit row; a wrong day is refused with the input kept', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aFefItem(db, { title: 'Dobbeltregistrering af medicin' });

    const bad = await k.post(`/opfoelgning/fef/${id}`, { review_day: '2027-02-30' });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.text, 'review_day')).toBeTruthy();
    expect(fieldValue(bad.text, 'review_day')).toBe('2027-02-30');
    expect(await countRows(db, 'reviews')).toBe(0);

    const ok = await k.post(`/opfoelgning/fef/${id}`, { review_day: '2027-06-01' });
    expect(ok.status).toBe(303);
    const page = await k.agent.get(ok.headers.location);
    expect(flashes(page.text).join(' ')).toContain('Punktet tages op igen 01.06.2027');
    expect((await reviewRow(db, 'fef', id))?.review_day).toBe('2027-06-01');
    const rows = await auditOf(db, 'review');
    expect(rows.map((r) => r.action)).toEqual(['create']);
  });

  it.each<[AppRole, number]>([
    ['laeser', 403],
    ['repraesentant', 403],
    ['konsulent', 303],
    ['admin', 303],
  ])('setting a day as %s answers %i; every role sees the page', async (role, status) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const id = await aFefItem(db, { title: 'Skema ved nye borgere' });
    expect((await user.agent.get(`/opfoelgning/fef/${id}`)).status).toBe(200);
    expect((await user.post(`/opfoelgning/fef/${id}`, { review_day: '2027-06-01' })).status).toBe(status);
    expect((await user.post(`/opfoelgning/fef/${id}/handled`)).status).toBe(status === 303 ? 303 : 403);
  });

  it('answers 404 for an unknown kind or id, and for a decision on an item that is not a beslutning', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meetingId = await aMeeting(db);
    const discussion = await anAgendaItem(db, meetingId, { kind: 'droeftelse' });
    expect((await k.agent.get('/opfoelgning/noget/1')).status).toBe(404);
    expect((await k.agent.get('/opfoelgning/fef/999')).status).toBe(404);
    expect((await k.post(`/opfoelgning/beslutning/${discussion}`, { review_day: '2027-06-01' })).status).toBe(404);
    expect(await countRows(db, 'reviews')).toBe(0);
  });

  it('the overview shows the eight longest due and links to all of them', async () => {
    const { app, db } = await testApp({ now: '2027-06-01T10:00:00Z' });
    const ids: number[] = [];
    for (let n = 1; n <= 10; n++) ids.push(await aFefItem(db, { title: `Regel nummer ${n}` }));
    const k = await signedIn(app, db, 'konsulent');
    for (const [i, id] of ids.entries()) await k.post(`/opfoelgning/fef/${id}`, { review_day: `2027-05-${String(10 + i).padStart(2, '0')}` });
    const due = dueSection((await k.agent.get('/')).text);
    for (let n = 1; n <= 8; n++) expect(due).toContain(`Regel nummer ${n} `);
    expect(due).not.toContain('Regel nummer 9');
    expect(due).toContain('Se alle 10, der skal tages op igen');
    const all = (await k.agent.get('/opfoelgning')).text;
    expect(all).toContain('Regel nummer 9');
    expect(all).toContain('Regel nummer 10');
  });

  it('a decision taken up again shows on the overview from its day, with the meeting convener as owner; marked taken up it goes', async () => {
    const { app, db, clock } = await testApp({ now: '2027-05-31T10:00:00Z' });
    const convener = await aPerson(db, { name: 'Karen Konsulent' });
    const meetingId = await aMeeting(db, { convener_id: convener, day: '2027-05-01' });
    const item = await anAgendaItem(db, meetingId, { kind: 'beslutning', title: 'Ny vagtplan i weekenden' });
    const k = await signedIn(app, db, 'konsulent');
    const reader = await signedIn(app, db, 'laeser');
    await k.post(`/opfoelgning/beslutning/${item}`, { review_day: '2027-06-01' });

    expect(dueSection((await reader.agent.get('/')).text)).not.toContain('Ny vagtplan');
    clock.set('2027-06-01T05:00:00Z');
    const due = dueSection((await reader.agent.get('/')).text);
    expect(due).toContain('Til opfølgning');
    expect(due).toContain('Ny vagtplan i weekenden');
    expect(due).toContain('ansvarlig: Karen Konsulent');
    expect((await reader.agent.get('/opfoelgning')).text).toContain('Ny vagtplan i weekenden');

    expect((await k.post(`/opfoelgning/beslutning/${item}/handled`)).status).toBe(303);
    expect((await reviewRow(db, 'beslutning', item))?.handled_by).toBe(k.personId);
    expect(dueSection((await reader.agent.get('/')).text)).not.toContain('Ny vagtplan');
    expect((await auditOf(db, 'review')).map((r) => r.action)).toEqual(['create', 'update']);
    // Nothing left to mark: refused with a message, no write.
    const again = await k.post(`/opfoelgning/beslutning/${item}/handled`);
    expect(again.status).toBe(303);
    expect(flashes((await k.agent.get(again.headers.location)).text).join(' ')).toContain('ingen opfølgning');
    // A new day opens it again.
    await k.post(`/opfoelgning/beslutning/${item}`, { review_day: '2027-06-01' });
    expect(dueSection((await reader.agent.get('/')).text)).toContain('Ny vagtplan');
  });

  it.each([
    // Summer time ends on Sunday 25 October 2026 (02:00 CEST → 01:00 CET): the day begins at 22:00 UTC the evening before.
    ['2026-10-25', '2026-10-24T21:59:00Z', '2026-10-24T22:00:00Z'],
    // Summer time begins on Sunday 28 March 2027: that day begins at 23:00 UTC the evening before.
    ['2027-03-28', '2027-03-27T22:59:00Z', '2027-03-27T23:00:00Z'],
  ])('a review on %s is due from Copenhagen midnight (not at %s, at %s)', async (day, before, from) => {
    const { app, db, clock } = await testApp({ now: '2026-10-01T10:00:00Z' });
    const k = await signedIn(app, db, 'konsulent');
    const id = await aFefItem(db, { title: 'Tjekliste ved udskrivelse' });
    await k.post(`/opfoelgning/fef/${id}`, { review_day: day });
    clock.set(before);
    expect(dueSection((await k.agent.get('/')).text)).not.toContain('Tjekliste');
    clock.set(from);
    expect(dueSection((await k.agent.get('/')).text)).toContain('Tjekliste ved udskrivelse');
  });

  it('a trial action is taken up at the end of its eight weeks unless another day is set', async () => {
    const { app, db, clock } = await testApp({ now: '2027-01-10T10:00:00Z' });
    const k = await signedIn(app, db, 'konsulent');
    // Eight weeks from 4 January 2027: 1 March 2027.
    const id = await aTrial(db, 'Fælles morgenmad', '2027-01-04');
    const page = await k.agent.get(`/opfoelgning/afproevning/${id}`);
    expect(unescapeHtml(page.text)).toContain('01.03.2027 (prøveperiodens slut)');

    clock.set('2027-02-28T22:59:00Z');
    expect(dueSection((await k.agent.get('/')).text)).not.toContain('Fælles morgenmad');
    clock.set('2027-02-28T23:00:00Z');
    expect(dueSection((await k.agent.get('/')).text)).toContain('Fælles morgenmad');

    // Moved to a later day: gone until then.
    await k.post(`/opfoelgning/afproevning/${id}`, { review_day: '2027-03-15' });
    expect(dueSection((await k.agent.get('/')).text)).not.toContain('Fælles morgenmad');
    clock.set('2027-03-15T08:00:00Z');
    expect(dueSection((await k.agent.get('/')).text)).toContain('Fælles morgenmad');
    await k.post(`/opfoelgning/afproevning/${id}/handled`);
    expect(dueSection((await k.agent.get('/')).text)).not.toContain('Fælles morgenmad');
    // The day cleared: back to the trial's end, which has passed, so it is due again.
    const cleared = await k.post(`/opfoelgning/afproevning/${id}`, { review_day: '' });
    expect(flashes((await k.agent.get(cleared.headers.location)).text).join(' ')).toContain('Datoen for opfølgning er fjernet');
    expect(await reviewRow(db, 'afproevning', id)).toBeUndefined();
    expect(dueSection((await k.agent.get('/')).text)).toContain('Fælles morgenmad');
    expect((await auditOf(db, 'review')).map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it('a trial default taken up is recorded with its day; an ordinary initiative has no review', async () => {
    const { app, db } = await testApp({ now: '2027-03-02T10:00:00Z' });
    const k = await signedIn(app, db, 'konsulent');
    const id = await aTrial(db, 'Gåture med beboere', '2027-01-04');
    expect((await k.post(`/opfoelgning/afproevning/${id}/handled`)).status).toBe(303);
    const row = await reviewRow(db, 'afproevning', id);
    expect(row).toMatchObject({ review_day: '2027-03-01', handled_by: k.personId });
    const ordinary = await createInitiative(db, InitiativeFormSchema.parse({ title: 'Almindeligt', kind: 'initiativ' }), { actor: SYSTEM_ACTOR, personId: null }, new Date());
    expect((await k.agent.get(`/opfoelgning/afproevning/${ordinary}`)).status).toBe(404);
  });

  it('the subject pages show the review date and link to it: a forklar-eller-fjern item, a trial action, a decision item being edited', async () => {
    const { app, db } = await testApp({ now: '2027-01-10T10:00:00Z' });
    const k = await signedIn(app, db, 'konsulent');
    const reader = await signedIn(app, db, 'laeser');
    const rule = await aFefItem(db, { title: 'Skema ved nye borgere' });
    await k.post(`/opfoelgning/fef/${rule}`, { review_day: '2027-06-01' });
    const fefPage = unescapeHtml((await reader.agent.get(`/forklar-eller-fjern/${rule}`)).text);
    expect(fefPage).toContain('Tages op igen');
    expect(fefPage).toContain('01.06.2027');
    expect(fefPage).toContain(`href="/opfoelgning/fef/${rule}">Se opfølgning</a>`);

    const trial = await aTrial(db, 'Fælles morgenmad', '2027-01-04');
    const trialPage = unescapeHtml((await k.agent.get(`/initiatives/${trial}`)).text);
    expect(trialPage).toContain('01.03.2027 (prøveperiodens slut)');
    expect(trialPage).toContain(`href="/opfoelgning/afproevning/${trial}">Sæt dato eller markér som taget op</a>`);

    const meetingId = await aMeeting(db, { day: '2027-02-01' });
    const decision = await anAgendaItem(db, meetingId, { kind: 'beslutning', title: 'Ny vagtplan' });
    const form = await k.agent.get(`/meetings/${meetingId}/agenda/${decision}/edit`);
    expect(form.text).toContain(`href="/opfoelgning/beslutning/${decision}"`);
  });

  it('a trial action’s owner is the first person named among its partners', async () => {
    const { app, db } = await testApp({ now: '2027-03-02T10:00:00Z' });
    const k = await signedIn(app, db, 'konsulent');
    const trial = await aTrial(db, 'Fælles morgenmad', '2027-01-04');
    const first = await aPerson(db, { name: 'Jonas Leder' });
    const second = await aPerson(db, { name: 'Mette Medarbejder' });
    await withoutAuditRule(db, () =>
      db.insertInto('initiative_partners').values([first, second].map((person_id) => ({ initiative_id: trial, organisation_id: null, person_id, contribution: '' }))).execute(),
    );
    expect(dueSection((await k.agent.get('/')).text)).toContain('Fælles morgenmad · Prøvehandling · prøveperioden sluttede 01.03.2027 · ansvarlig: Jonas Leder');
  });
});
