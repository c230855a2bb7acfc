// Follow-up actions as domain rules (server/actions/service.ts): references checked, locking
// respected, completion time kept, and the open actions a new meeting carries over.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { carryOverOpenActions } from '../../server/actions/service';
import { createAction, deleteAction, updateAction } from '../../server/meetings/follow-up';
import type { ActionForm } from '../../server/meetings/schemas';
import { sendForApproval } from '../../server/meetings/minutes';
import { LOCKED_MESSAGE } from '../../server/meetings/lock';
import { Conflict, Invalid, NotFound } from '../../server/web/errors';
import { freshDb } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aHeldMeeting, aMeeting, anAction, anActionForm, anAgendaItem, partnershipId, personId } from '../helpers/factories';
import { withoutAuditRule } from '../helpers/audit-rule';

const AT = new Date('2026-11-24T10:00:00.000Z');
const form = (over: Partial<ActionForm> = {}): ActionForm => anActionForm({ text: 'Ring til skolen', ...over });

describe('createAction and updateAction', () => {
  it('creates an action from an agenda item of the same meeting', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db, { kind: 'workshop' });
    const item = await anAgendaItem(db, meeting);
    const hanne = await personId(db, 'Hanne M. Petersen');
    const id = await createAction(db, meeting, form({ owner_id: hanne, due_date: '2026-12-15', agenda_item_id: item }), SYSTEM_ACTOR, AT);
    expect(await db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toMatchObject({
      meeting_id: meeting,
      agenda_item_id: item,
      owner_id: hanne,
      due_date: '2026-12-15',
      status: 'aaben',
      completed_at: null,
      created_at: AT.toISOString(),
    });
  });

  it('refuses an owner who does not exist and an item of another meeting, as field errors', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db);
    const foreign = await anAgendaItem(db, await aMeeting(db));
    const fieldErrors = async (input: ActionForm) => {
      const err = await createAction(db, meeting, input, SYSTEM_ACTOR, AT).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Invalid);
      return (err as Invalid).fieldErrors;
    };
    expect(await fieldErrors(form({ owner_id: 999999 }))).toEqual({ owner_id: 'Vælg en ansvarlig fra listen' });
    expect(await fieldErrors(form({ agenda_item_id: foreign }))).toEqual({ agenda_item_id: 'Vælg et punkt fra mødets dagsorden' });
    expect(await countRows(db, 'actions')).toBe(0);
  });

  it('sets the completion time when saved as done, keeps it, and clears it when reopened', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db);
    const id = await anAction(db, meeting, { status: 'udfoert' }, AT);
    const completed = async () => (await db.selectFrom('actions').select('completed_at').where('id', '=', id).executeTakeFirstOrThrow()).completed_at;
    expect(await completed()).toBe(AT.toISOString());
    await updateAction(db, id, form({ status: 'droppet' }), SYSTEM_ACTOR, new Date('2026-12-01T00:00:00Z'));
    expect(await completed()).toBe(AT.toISOString());
    await updateAction(db, id, form({ status: 'aaben' }), SYSTEM_ACTOR, new Date('2026-12-02T00:00:00Z'));
    expect(await completed()).toBeNull();
  });

  it('answers NotFound for an action that does not exist', async () => {
    const { db } = await freshDb();
    await expect(updateAction(db, 999999, form(), SYSTEM_ACTOR, AT)).rejects.toBeInstanceOf(NotFound);
    await expect(deleteAction(db, 999999, SYSTEM_ACTOR, AT)).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses to create, change or delete actions of a locked meeting', async () => {
    const { db } = await freshDb();
    const meeting = await aHeldMeeting(db);
    const id = await anAction(db, meeting, { text: 'Før låsning' });
    await sendForApproval(db, meeting, SYSTEM_ACTOR, AT);
    await expect(createAction(db, meeting, form(), SYSTEM_ACTOR, AT)).rejects.toEqual(new Conflict(LOCKED_MESSAGE));
    await expect(updateAction(db, id, form({ text: 'Efter' }), SYSTEM_ACTOR, AT)).rejects.toEqual(new Conflict(LOCKED_MESSAGE));
    await expect(deleteAction(db, id, SYSTEM_ACTOR, AT)).rejects.toEqual(new Conflict(LOCKED_MESSAGE));
    expect(await db.selectFrom('actions').select('text').execute()).toEqual([{ text: 'Før låsning' }]);
  });
});

describe('carryOverOpenActions', () => {
  it('links the open actions of other meetings of the partnership to the item and returns them', async () => {
    const { db } = await freshDb();
    const earlier = await aMeeting(db, { kind: 'workshop' });
    await anAction(db, earlier, { text: 'Åben', status: 'aaben', due_date: '2026-12-01' });
    await anAction(db, earlier, { text: 'I gang', status: 'i_gang', due_date: '2026-11-01' });
    await anAction(db, earlier, { text: 'Udført', status: 'udfoert' });
    await anAction(db, earlier, { text: 'Droppet', status: 'droppet' });
    const meeting = await aMeeting(db, { kind: 'workshop', title: 'Uden opfølgningspunkt endnu' });
    await withoutAuditRule(db, () => db.deleteFrom('carried_over_actions').execute());
    await withoutAuditRule(db, () => db.deleteFrom('agenda_items').where('meeting_id', '=', meeting).execute());
    const item = await anAgendaItem(db, meeting, { title: 'Opfølgning' });
    await anAction(db, meeting, { text: 'Fra mødet selv' });

    const partnership = await partnershipId(db);
    // A step of createMeeting, whose transaction writes the audit row; called alone here.
    const carried = await withoutAuditRule(db, () => db.transaction().execute((trx) => carryOverOpenActions(trx, partnership, item, meeting)));
    expect(carried.map((a) => [a.text, a.status])).toEqual([
      ['I gang', 'i_gang'],
      ['Åben', 'aaben'],
    ]);
    const links = await db.selectFrom('carried_over_actions').select('agenda_item_id').execute();
    expect(links).toEqual([{ agenda_item_id: item }, { agenda_item_id: item }]);
  });
});
