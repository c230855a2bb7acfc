// "Opfølgning fra sidste møde": a new partnership meeting starts with this item, listing the
// partnership's open actions (åben, i gang) from earlier meetings as they stood when it was made.
import { setActionStatus } from '../../server/actions/service';
import { FOLLOW_UP_TITLE } from '../../server/meetings/service';
import { buildMinutesDocument } from '../../server/meetings/minutes-document';
import { minutesOf } from '../../server/meetings/minutes';
import { signedIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { aMeeting, anAction, aUser, personId } from '../helpers/factories';
import { withoutAuditRule } from '../helpers/audit-rule';

type Db = Awaited<ReturnType<typeof freshDb>>['db'];

async function itemsOf(db: Db, meetingId: number) {
  return db.selectFrom('agenda_items').select(['id', 'position', 'title', 'background']).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

/** The texts of the actions carried over to a meeting. */
async function carriedTexts(db: Db, meetingId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('carried_over_actions')
    .innerJoin('agenda_items', 'agenda_items.id', 'carried_over_actions.agenda_item_id')
    .innerJoin('actions', 'actions.id', 'carried_over_actions.action_id')
    .select('actions.text')
    .where('agenda_items.meeting_id', '=', meetingId)
    .orderBy('actions.id')
    .execute();
  return rows.map((r) => r.text);
}

/** A partnership with an earlier meeting holding one action of every status. */
async function earlierMeeting(db: Db) {
  const first = await aMeeting(db, { title: 'Første møde', day: '2026-10-06' });
  const ids = {
    aaben: await anAction(db, first, { text: 'Åben opgave', status: 'aaben', due_date: '2026-11-01' }),
    i_gang: await anAction(db, first, { text: 'Igangværende opgave', status: 'i_gang' }),
    udfoert: await anAction(db, first, { text: 'Udført opgave', status: 'udfoert' }),
    droppet: await anAction(db, first, { text: 'Droppet opgave', status: 'droppet' }),
  };
  return { first, ids };
}

describe('carrying over open actions', () => {
  it('starts a partnership meeting with the follow-up item, even when nothing is open', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db, { kind: 'partnerskabsmoede' });
    const items = await itemsOf(db, meeting);
    expect(items).toEqual([
      expect.objectContaining({ position: 1, title: FOLLOW_UP_TITLE, background: 'Der var ingen åbne opfølgningspunkter fra tidligere møder, da mødet blev oprettet.' }),
    ]);
    expect(await carriedTexts(db, meeting)).toEqual([]);
  });

  it('lists the open actions (åben and i gang) from earlier meetings, not the closed ones', async () => {
    const { db } = await freshDb();
    await earlierMeeting(db);
    const meeting = await aMeeting(db, { kind: 'partnerskabsmoede', title: 'Andet møde' });
    expect(await carriedTexts(db, meeting)).toEqual(['Åben opgave', 'Igangværende opgave']);
    const [item] = await itemsOf(db, meeting);
    expect(item).toMatchObject({ title: FOLLOW_UP_TITLE, background: 'Status på partnerskabets 2 åbne opfølgningspunkter fra tidligere møder (listet nedenfor).' });
  });

  it('gives other kinds of meeting the item only when something is open', async () => {
    const { db } = await freshDb();
    const quiet = await aMeeting(db, { kind: 'workshop' });
    expect(await itemsOf(db, quiet)).toEqual([]);
    const { ids } = await earlierMeeting(db);
    const busy = await aMeeting(db, { kind: 'arbejdsgruppe' });
    expect((await itemsOf(db, busy)).map((i) => i.title)).toEqual([FOLLOW_UP_TITLE]);
    expect(await carriedTexts(db, busy)).toEqual(['Åben opgave', 'Igangværende opgave']);
    // With everything closed, a new workshop has no follow-up item again.
    const user = await aUser(db, 'konsulent');
    for (const id of [ids.aaben, ids.i_gang]) await setActionStatus(db, id, 'udfoert', { userId: user.userId, personId: user.personId, mayEditAll: true }, new Date());
    expect(await itemsOf(db, await aMeeting(db, { kind: 'dialogmoede' }))).toEqual([]);
  });

  it('does not carry over actions of another partnership', async () => {
    const { db } = await freshDb();
    await earlierMeeting(db);
    const now = '2026-01-01T00:00:00.000Z';
    const other = await withoutAuditRule(db, () => db.insertInto('partnerships').values({ name: 'Andet partnerskab', purpose: '', project_area: '', start_date: null, meeting_cadence: '', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow());
    const meeting = await aMeeting(db, { partnership_id: other.id, kind: 'partnerskabsmoede' });
    expect(await carriedTexts(db, meeting)).toEqual([]);
  });

  it('keeps the list as it stood when the meeting was made: later actions are not added', async () => {
    const { db } = await freshDb();
    const { first } = await earlierMeeting(db);
    const second = await aMeeting(db, { title: 'Andet møde' });
    await anAction(db, first, { text: 'Kom til senere' });
    expect(await carriedTexts(db, second)).toEqual(['Åben opgave', 'Igangværende opgave']);
    expect(await carriedTexts(db, await aMeeting(db, { title: 'Tredje møde' }))).toEqual(['Åben opgave', 'Igangværende opgave', 'Kom til senere']);
  });

  it('shows the carried actions with their status now, on the meeting page and in the minutes', async () => {
    const { app, db } = await testApp();
    const hanne = await personId(db, 'Hanne M. Petersen');
    const { ids } = await earlierMeeting(db);
    await withoutAuditRule(db, () => db.updateTable('actions').set({ owner_id: hanne }).where('id', '=', ids.aaben).execute());
    const meeting = await aMeeting(db, { title: 'Andet møde' });
    const k = await signedIn(app, db, 'konsulent');
    await k.post(`/actions/${ids.i_gang}/status`, { status: 'udfoert' });

    const page = await k.agent.get(`/meetings/${meeting}`);
    expect(page.text).toContain('<span class="agenda-number">1.</span> Opfølgning fra sidste møde');
    expect(page.text).toContain('Åbne opfølgningspunkter, da mødet blev oprettet');
    expect(page.text).toMatch(/Åben opgave<\/a><\/td><td>Hanne M\. Petersen<\/td><td>01\.11\.2026<\/td><td>Åben<\/td>/);
    expect(page.text).toMatch(/Igangværende opgave<\/a><\/td><td><\/td><td><\/td><td>Udført<\/td>/);
    expect(page.text).not.toContain('Droppet opgave');
    expect(page.text).not.toContain('Udført opgave');

    const doc = await buildMinutesDocument(db, meeting, await minutesOf(db, meeting));
    expect(doc.items[0].title).toBe(FOLLOW_UP_TITLE);
    expect(doc.items[0].carriedOver).toHaveLength(2);
    expect(doc.items[0].carriedOver).toEqual(
      expect.arrayContaining([
        { text: 'Åben opgave', owner: 'Hanne M. Petersen', due: '01.11.2026', status: 'Åben', item: null },
        { text: 'Igangværende opgave', owner: '', due: '', status: 'Udført', item: null },
      ]),
    );
  });

  it('creates the follow-up item through the form as well', async () => {
    const { app, db } = await testApp();
    await earlierMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const partnership = await db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();
    const res = await k.post('/meetings', { partnership_id: String(partnership.id), title: 'Via formularen', kind: 'workshop', day: '2026-12-01', start_time: '10:00', end_time: '12:00' });
    const meeting = Number(res.headers.location.split('/').pop());
    expect(await carriedTexts(db, meeting)).toEqual(['Åben opgave', 'Igangværende opgave']);
  });
});
