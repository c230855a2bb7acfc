// The minutes workflow as domain rules, calling server/meetings/minutes.ts directly: who may
// approve for which party, approving twice, locking, withdrawing, and corrections as new versions.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { setActionStatus } from '../../server/actions/service';
import { updateAction } from '../../server/meetings/follow-up';
import { addAgendaItem, moveAgendaItem, removeAgendaItem, updateAgendaItem } from '../../server/meetings/agenda';
import { LOCKED_MESSAGE } from '../../server/meetings/lock';
import {
  approvalPartyOf,
  approveMinutes,
  minutesView,
  saveMinutesText,
  sendForApproval,
  startCorrection,
  versionsOf,
  withdrawMinutes,
  type Approver,
} from '../../server/meetings/minutes';
import { cancelMeeting, invitePerson, recordAttendance, removeParticipant, updateMeeting } from '../../server/meetings/service';
import { Conflict, Forbidden } from '../../server/web/errors';
import { CONSULTANT_NAME } from '../../seeds/partnership';
import { freshDb } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aHeldMeeting, aMeeting, aMeetingAwaitingApproval, anAction, anActionForm, anAgendaItem, anAgendaItemForm, aUser, organisationId, partnershipId, personId } from '../helpers/factories';
import { withoutAuditRule } from '../helpers/audit-rule';

type Db = Awaited<ReturnType<typeof freshDb>>['db'];
const AT = new Date('2026-11-24T10:00:00.000Z');
const LATER = new Date('2026-11-25T07:30:00.000Z');

async function status(db: Db, meetingId: number) {
  return (await db.selectFrom('minutes').select(['status', 'version']).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow());
}

async function representatives(db: Db): Promise<{ foa: Approver; kommune: Approver }> {
  return { foa: await aUser(db, 'repraesentant', 'Hanne M. Petersen'), kommune: await aUser(db, 'repraesentant', 'René G. Nielsen') };
}

describe('who may approve, and for which party', () => {
  it('finds the party of a representative member whose organisation is a party', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db);
    const { foa, kommune } = await representatives(db);
    expect(await approvalPartyOf(db, meeting, foa)).toEqual({ id: await organisationId(db, 'FOA'), name: 'FOA' });
    expect(await approvalPartyOf(db, meeting, kommune)).toEqual({ id: await organisationId(db, 'Hedensted Kommune'), name: 'Hedensted Kommune' });
  });

  it.each([
    ['the consultant, though a representative member, by role', 'konsulent', CONSULTANT_NAME],
    ['a reader linked to a representative', 'laeser', 'Per Lange'],
    ['a representative of a party who is not a representative member', 'repraesentant', 'Dennis Kristensen'],
  ] as const)('refuses %s', async (_what, role, name) => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    const who = await aUser(db, role, name);
    expect(await approvalPartyOf(db, meeting, who)).toBeNull();
    await expect(approveMinutes(db, meeting, who, AT)).rejects.toBeInstanceOf(Forbidden);
    expect(await countRows(db, 'minutes_approvals')).toBe(0);
  });

  it('refuses a member of the partnership who is no longer a representative (is_representative = 0)', async () => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    const per = await aUser(db, 'repraesentant', 'Per Lange');
    await withoutAuditRule(db, async () => db.updateTable('partnership_members').set({ is_representative: 0, convenes_meetings: 1 }).where('person_id', '=', per.personId).execute());
    expect(await approvalPartyOf(db, meeting, per)).toBeNull();
    await expect(approveMinutes(db, meeting, per, AT)).rejects.toBeInstanceOf(Forbidden);
    expect(await countRows(db, 'minutes_approvals')).toBe(0);
  });

  it('refuses a representative of an organisation that is not a party, even as a partnership member', async () => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    const who = await aUser(db, 'repraesentant');
    const plejecenter = await organisationId(db, 'Plejecentret i Uldum');
    await withoutAuditRule(db, async () => db.updateTable('people').set({ organisation_id: plejecenter }).where('id', '=', who.personId).execute());
    await withoutAuditRule(db, async () => db.insertInto('partnership_members').values({ partnership_id: await partnershipId(db), person_id: who.personId, is_representative: 1, convenes_meetings: 0 }).execute());
    await expect(approveMinutes(db, meeting, who, AT)).rejects.toBeInstanceOf(Forbidden);
    expect(await countRows(db, 'minutes_approvals')).toBe(0);
  });

  it('records the approval for the approver’s own party, never another', async () => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    const { foa } = await representatives(db);
    expect(await approveMinutes(db, meeting, foa, AT)).toBe('approved');
    const rows = await db.selectFrom('minutes_approvals').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organisation_id: await organisationId(db, 'FOA'), person_id: foa.personId, version: 1, approved_at: AT.toISOString() });
  });
});

describe('approving', () => {
  it('changes nothing the second time (no second row)', async () => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    const { foa } = await representatives(db);
    const per = await aUser(db, 'repraesentant', 'Per Lange');
    expect(await approveMinutes(db, meeting, foa, AT)).toBe('approved');
    expect(await approveMinutes(db, meeting, foa, LATER)).toBe('already-approved');
    expect(await approveMinutes(db, meeting, per, LATER)).toBe('already-approved');
    expect(await countRows(db, 'minutes_approvals')).toBe(1);
    expect(await status(db, meeting)).toEqual({ status: 'til_godkendelse', version: 1 });
  });

  it('locks the minutes when the last party approves, and answers already-approved afterwards', async () => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    const { foa, kommune } = await representatives(db);
    await approveMinutes(db, meeting, foa, AT);
    expect(await approveMinutes(db, meeting, kommune, LATER)).toBe('locked');
    expect(await status(db, meeting)).toEqual({ status: 'godkendt', version: 1 });
    const [version] = await versionsOf(db, meeting);
    expect(version.lockedAt).toBe(LATER.toISOString());
    expect(version.approvals.map((a) => `${a.party}: ${a.person} ${a.at}`)).toEqual([
      'FOA: Hanne M. Petersen tirsdag 24. november 2026 kl. 11.00',
      'Hedensted Kommune: René G. Nielsen onsdag 25. november 2026 kl. 08.30',
    ]);
    expect(await approveMinutes(db, meeting, kommune, LATER)).toBe('already-approved');
    expect(await countRows(db, 'minutes_approvals')).toBe(2);
  });

  it('refuses approval of a draft', async () => {
    const { db } = await freshDb();
    const meeting = await aHeldMeeting(db);
    const { foa } = await representatives(db);
    await expect(approveMinutes(db, meeting, foa, AT)).rejects.toThrow(new Conflict('Referatet er ikke sendt til godkendelse.'));
  });
});

describe('sending for approval', () => {
  it('requires a held meeting: not planned, not cancelled', async () => {
    const { db } = await freshDb();
    const planned = await aMeeting(db);
    const cancelled = await aMeeting(db);
    await cancelMeeting(db, cancelled, 'Sygdom', SYSTEM_ACTOR, AT);
    for (const id of [planned, cancelled]) {
      await expect(sendForApproval(db, id, SYSTEM_ACTOR, AT)).rejects.toThrow('Markér mødet som afholdt, før referatet sendes til godkendelse.');
    }
    expect(await countRows(db, 'minutes')).toBe(0);
    expect(await countRows(db, 'minutes_versions')).toBe(0);
  });

  it('freezes the document: what was sent stays as sent, while actions keep their live status', async () => {
    const { db } = await freshDb();
    const meeting = await aHeldMeeting(db, { kind: 'workshop' });
    const action = await anAction(db, meeting, { text: 'Ring til skolen' });
    await saveMinutesText(db, meeting, { free_text: 'Indledning', next_meeting: '' }, SYSTEM_ACTOR, AT);
    await sendForApproval(db, meeting, SYSTEM_ACTOR, AT);
    const consultant = await aUser(db, 'konsulent', CONSULTANT_NAME);
    await setActionStatus(db, action, 'udfoert', { userId: consultant.userId, personId: consultant.personId, mayEditAll: true }, LATER);
    const view = await minutesView(db, meeting);
    expect(view.isDraft).toBe(false);
    expect(view.document.actions).toEqual([{ text: 'Ring til skolen', owner: '', due: '', status: 'Åben', item: null }]);
    expect(view.document.freeText).toBe('Indledning');
  });
});

describe('editing while locked', () => {
  it.each(['til_godkendelse', 'godkendt'] as const)('refuses every change of content while the minutes are %s', async (state) => {
    const { db } = await freshDb();
    const hanne = await personId(db, 'Hanne M. Petersen');
    const meeting = await aHeldMeeting(db, { kind: 'workshop', participant_ids: [hanne] });
    const item = await anAgendaItem(db, meeting, { title: 'Punkt' });
    const action = await anAction(db, meeting, { text: 'Opgave', owner_id: hanne });
    await sendForApproval(db, meeting, SYSTEM_ACTOR, AT);
    const { foa, kommune } = await representatives(db);
    if (state === 'godkendt') {
      await approveMinutes(db, meeting, foa, AT);
      await approveMinutes(db, meeting, kommune, AT);
    }
    const form = anAgendaItemForm({ title: 'X', kind: 'orientering' });
    const meetingForm = {
      partnership_id: await partnershipId(db),
      title: 'Ny',
      kind: 'workshop' as const,
      day: '2026-12-01',
      start_time: '10:00',
      end_time: '11:00',
      place: '',
      convener_id: null,
      chair_id: null,
      minute_taker_id: null,
      participant_ids: [hanne],
    };
    const attempts = [
      addAgendaItem(db, meeting, form, SYSTEM_ACTOR, AT),
      updateAgendaItem(db, meeting, item, form, SYSTEM_ACTOR, AT),
      removeAgendaItem(db, meeting, item, SYSTEM_ACTOR, AT),
      moveAgendaItem(db, meeting, item, 'up', SYSTEM_ACTOR, AT),
      updateAction(db, action, anActionForm({ text: 'Y' }), SYSTEM_ACTOR, AT),
      updateMeeting(db, meeting, meetingForm, SYSTEM_ACTOR, AT),
      recordAttendance(db, meeting, new Map([[hanne, 'deltog' as const]]), SYSTEM_ACTOR, AT),
      invitePerson(db, meeting, await personId(db, 'Per Lange'), SYSTEM_ACTOR, AT),
      removeParticipant(db, meeting, hanne, SYSTEM_ACTOR, AT),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toThrow(new Conflict(LOCKED_MESSAGE));
    await expect(saveMinutesText(db, meeting, { free_text: 'Z', next_meeting: '' }, SYSTEM_ACTOR, AT)).rejects.toBeInstanceOf(Conflict);
    expect(await db.selectFrom('agenda_items').select(['title', 'position']).where('meeting_id', '=', meeting).execute()).toEqual([{ title: 'Punkt', position: 1 }]);
    expect((await db.selectFrom('actions').select('text').where('id', '=', action).executeTakeFirstOrThrow()).text).toBe('Opgave');
    expect(await db.selectFrom('meeting_participants').select(['person_id', 'attendance']).where('meeting_id', '=', meeting).execute()).toEqual([
      { person_id: hanne, attendance: 'inviteret' },
    ]);
    // Status is live tracking and may change.
    await setActionStatus(db, action, 'i_gang', { userId: foa.userId, personId: foa.personId, mayEditAll: false }, AT);
    expect((await db.selectFrom('actions').select('status').where('id', '=', action).executeTakeFirstOrThrow()).status).toBe('i_gang');
  });
});

describe('withdrawing', () => {
  it('goes back to draft and clears this version’s approvals only', async () => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    const { foa, kommune } = await representatives(db);
    await approveMinutes(db, meeting, foa, AT);
    await approveMinutes(db, meeting, kommune, AT);
    await startCorrection(db, meeting, 'Navn stavet forkert', SYSTEM_ACTOR, AT);
    await sendForApproval(db, meeting, SYSTEM_ACTOR, LATER);
    await approveMinutes(db, meeting, foa, LATER);
    await withdrawMinutes(db, meeting, SYSTEM_ACTOR, LATER);
    expect(await status(db, meeting)).toEqual({ status: 'kladde', version: 2 });
    const rows = await db.selectFrom('minutes_approvals').select(['version', 'organisation_id']).orderBy('id').execute();
    expect(rows.map((r) => r.version)).toEqual([1, 1]);
    // Sent again, version 2 needs both parties once more.
    await sendForApproval(db, meeting, SYSTEM_ACTOR, LATER);
    expect(await approveMinutes(db, meeting, foa, LATER)).toBe('approved');
    expect(await approveMinutes(db, meeting, kommune, LATER)).toBe('locked');
  });

  it('refuses to withdraw a draft or approved minutes', async () => {
    const { db } = await freshDb();
    const draft = await aHeldMeeting(db);
    await expect(withdrawMinutes(db, draft, SYSTEM_ACTOR, AT)).rejects.toBeInstanceOf(Conflict);
    const approved = await aMeetingAwaitingApproval(db);
    const { foa, kommune } = await representatives(db);
    await approveMinutes(db, approved, foa, AT);
    await approveMinutes(db, approved, kommune, AT);
    await expect(withdrawMinutes(db, approved, SYSTEM_ACTOR, AT)).rejects.toBeInstanceOf(Conflict);
    expect(await countRows(db, 'minutes_approvals')).toBe(2);
  });
});

describe('a correction after approval', () => {
  it('creates version N+1 as a draft; earlier versions stay readable with their approvals', async () => {
    const { db } = await freshDb();
    const meeting = await aHeldMeeting(db, { kind: 'workshop' });
    const item = await anAgendaItem(db, meeting, { title: 'Budget', decision: '10.000 kr.' });
    await sendForApproval(db, meeting, SYSTEM_ACTOR, AT);
    const { foa, kommune } = await representatives(db);
    await approveMinutes(db, meeting, foa, AT);
    await approveMinutes(db, meeting, kommune, AT);

    await expect(startCorrection(db, meeting, 'Beløbet', SYSTEM_ACTOR, LATER)).resolves.toBe(2);
    expect(await db.selectFrom('minutes').select(['status', 'version', 'change_note']).executeTakeFirstOrThrow()).toEqual({ status: 'kladde', version: 2, change_note: 'Beløbet' });
    await updateAgendaItem(db, meeting, item, anAgendaItemForm({ title: 'Budget', kind: 'beslutning', decision: '12.000 kr.' }), SYSTEM_ACTOR, LATER);
    await sendForApproval(db, meeting, SYSTEM_ACTOR, LATER);
    expect(await approveMinutes(db, meeting, foa, LATER)).toBe('approved');
    expect(await status(db, meeting)).toEqual({ status: 'til_godkendelse', version: 2 });

    const [v2, v1] = await versionsOf(db, meeting);
    expect(v1).toMatchObject({ version: 1, lockedAt: AT.toISOString(), changeNote: '' });
    expect(v1.document.items[0].decision).toBe('10.000 kr.');
    expect(v1.approvals.map((a) => a.party).sort()).toEqual(['FOA', 'Hedensted Kommune']);
    expect(v2).toMatchObject({ version: 2, lockedAt: null, changeNote: 'Beløbet' });
    expect(v2.document.items[0].decision).toBe('12.000 kr.');
    expect(v2.approvals.map((a) => a.party)).toEqual(['FOA']);
    const view = await minutesView(db, meeting);
    expect(view.latestApproved?.version).toBe(1);

    expect(await approveMinutes(db, meeting, kommune, LATER)).toBe('locked');
    expect((await minutesView(db, meeting)).latestApproved?.version).toBe(2);
  });

  it('refuses to correct minutes that are not approved', async () => {
    const { db } = await freshDb();
    const meeting = await aMeetingAwaitingApproval(db);
    await expect(startCorrection(db, meeting, 'x', SYSTEM_ACTOR, AT)).rejects.toThrow('Kun et godkendt referat kan rettes i en ny version.');
    expect(await status(db, meeting)).toEqual({ status: 'til_godkendelse', version: 1 });
  });
});
