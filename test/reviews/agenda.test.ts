import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { aMeeting, anAgendaItem, aPerson } from '../helpers/factories';
import { aFefItem } from '../helpers/register-factories';
import { createInitiative } from '../../server/initiatives/service';
import { InitiativeFormSchema } from '../../server/initiatives/schemas';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { unescapeHtml } from '../helpers/html';

async function agenda(db: TestApp['db'], meetingId: number) {
  return db.selectFrom('agenda_items').select(['id', 'title', 'background']).where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
}

function aTrial(db: TestApp['db'], title: string, trialStart: string): Promise<number> {
  return createInitiative(db, InitiativeFormSchema.parse({ title, kind: 'proevehandling', trial_start: trialStart }), { actor: SYSTEM_ACTOR, personId: null }, new Date('2027-01-01T09:00:00Z'));
}

async function planNext(k: Awaited<ReturnType<typeof signedIn>>, meetingId: number, day: string): Promise<number> {
  const res = await k.post(`/meetings/${meetingId}/plan-next`, { title: 'Næste partnerskabsmøde', day, start_time: '14:00', end_time: '16:00', place: 'Uldum Kulturhus' });
  expect(res.status).toBe(303);
  return Number(/^\/meetings\/(\d+)$/.exec(res.headers.location)![1]);
}

describe('Planlæg næste møde: the item "Til opfølgning"', () => {
  it('lists the reviews due by the meeting’s day — summer time begins that Sunday — before Eventuelt and Næste møde, with its trial actions linked', async () => {
    const { app, db } = await testApp({ now: '2027-03-01T10:00:00Z' });
    const k = await signedIn(app, db, 'konsulent');
    const convener = await aPerson(db, { name: 'Karen Konsulent' });
    const meetingId = await aMeeting(db, { day: '2027-02-28', convener_id: convener });
    const decision = await anAgendaItem(db, meetingId, { kind: 'beslutning', title: 'Ny vagtplan i weekenden' });
    const rule = await aFefItem(db, { title: 'Dobbeltregistrering af medicin' });
    const later = await aFefItem(db, { title: 'Tjekliste ved udskrivelse' });
    // Eight weeks: from 31 January 2027 the trial ends on the meeting's day, from 1 February the day after.
    const trial = await aTrial(db, 'Gåture med beboere', '2027-01-31');
    await aTrial(db, 'Fælles morgenmad', '2027-02-01');
    await k.post(`/opfoelgning/beslutning/${decision}`, { review_day: '2027-03-28' });
    await k.post(`/opfoelgning/fef/${rule}`, { review_day: '2027-03-01' });
    await k.post(`/opfoelgning/fef/${later}`, { review_day: '2027-03-29' });

    const nextId = await planNext(k, meetingId, '2027-03-28');
    const items = await agenda(db, nextId);
    const titles = items.map((i) => i.title);
    const at = titles.indexOf('Til opfølgning');
    expect(at).toBeGreaterThan(titles.indexOf('Opfølgning fra sidste møde'));
    expect(titles.slice(at + 1)).toEqual(titles.filter((t) => t === 'Eventuelt' || t === 'Næste møde'));
    const text = items[at].background;
    expect(text).toContain('Beslutning: Ny vagtplan i weekenden');
    expect(text).toContain('tages op igen 28.03.2027, ansvarlig: Karen Konsulent');
    expect(text).toContain('Forklar eller fjern: Dobbeltregistrering af medicin');
    expect(text).not.toContain('Tjekliste'); // due the day after the meeting
    expect(text).toContain('Prøvehandling: Gåture med beboere (Prøvehandling) – prøveperioden sluttede 28.03.2027');
    expect(text).not.toContain('Fælles morgenmad');
    const linked = await db.selectFrom('agenda_item_initiatives').select('initiative_id').where('agenda_item_id', '=', items[at].id).execute();
    expect(linked.map((l) => l.initiative_id)).toEqual([trial]);
    const reader = await signedIn(app, db, 'laeser');
    const page = unescapeHtml((await reader.agent.get(`/meetings/${nextId}`)).text);
    expect(page).toContain('Til opfølgning');
    expect(page).toContain('Gåture med beboere');
  });

  it('adds no item when nothing is due by the meeting’s day', async () => {
    const { app, db } = await testApp({ now: '2027-03-01T10:00:00Z' });
    const k = await signedIn(app, db, 'konsulent');
    const meetingId = await aMeeting(db, { day: '2027-02-28' });
    const rule = await aFefItem(db, { title: 'Tjekliste ved udskrivelse' });
    await k.post(`/opfoelgning/fef/${rule}`, { review_day: '2027-03-29' });
    const nextId = await planNext(k, meetingId, '2027-03-28');
    expect((await agenda(db, nextId)).map((i) => i.title)).not.toContain('Til opfølgning');
  });
});
