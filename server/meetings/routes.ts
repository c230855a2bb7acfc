// /meetings: list, create, view, edit, cancel, hold, invitations, attendance, evaluation, comments.
// The agenda and the minutes have their own route files beside this one.
import { Router, type Request, type Response } from 'express';
import type { AppRole } from '../db/schema';
import { addComment, commentsOf } from '../comments/service';
import { listPartnerships } from '../partnerships/service';
import { permissions, requireRole, requireUser } from '../web/auth';
import { groupBy } from '../web/collections';
import * as format from '../web/format';
import { renderFragment } from '../web/views';
import type { AppContext } from '../web/context';
import { Conflict, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseForm, parseId, submitForm, type FormState, FORM_ERROR } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { pageRequest, pagination } from '../web/pagination';
import { utcToCopenhagen } from '../web/time';
import { actionsOfMeeting, carriedOverOfMeeting, isOverdue } from '../actions/service';
import { ACTION_STATUS_LABELS, AGENDA_KIND_LABELS, ATTENDANCE_LABELS, MEETING_KIND_LABELS, MEETING_STATUS_LABELS, MINUTES_STATUS_LABELS, options } from '../web/labels';
import { minutesOf } from './minutes';
import { LOCKED_MESSAGE } from './lock';
import { agendaLinksOf, agendaOf, countMeetings, findMeeting, listMeetings, meetingYears, participantsOf, peopleForMeeting, searchPeopleToInvite, type MeetingRow } from './queries';
import { CommentSchema } from '../comments/schemas';
import { CancelSchema, EvaluationSchema, InviteSchema, MeetingFilterSchema, MeetingFormSchema, parseAttendance } from './schemas';
import {
  cancelMeeting,
  createMeeting,
  defaultConvener,
  invitePerson,
  isFarAhead,
  markHeld,
  proposedParticipants,
  recordAttendance,
  removeParticipant,
  saveEvaluation,
  updateMeeting,
} from './service';
import { attendanceByParty } from './attendance';
import { assertMeetingEditable } from './lock';
import { attachmentsOfMeeting, bilagFormLocals } from '../attachments/service';
import { meetingAttachmentRoutes } from '../attachments/routes';
import { mayHandleProposals, mayPropose, openProposalsOf, proposedByOfMeeting } from '../proposals/service';
import { agendaSchedule } from './schedule';
import { ITEM_ATTENDANCE_LABELS, itemAttendanceOf } from './item-attendance';
import { audienceOf, closedAgendaItem, withoutClosedItemActions, type Audience } from './audience';
import { markAgendaRevised } from './agenda';
import { agendaRoutes, meetingActionRoutes } from './agenda-routes';
import { minutesRoutes } from './minutes-routes';
import { referatRoutes } from './referat-routes';
import { publicMinutesRoutes } from './public-routes';
import { publicLinksOf } from './public-links';
import { planningRoutes } from './planning-routes';
import { postponedLinksOf } from './planning';
import { NewMeetingSchema } from './planning-schemas';
import { agendaFileRoutes } from './agenda-files';
import { MEETING_TEXTS as M } from './messages';
import { flashUnreached, notifierFor, type Notifier } from '../notifications/service';

export function meetingRoutes(ctx: AppContext): Router {
  const { db, clock, config } = ctx;
  const router = Router();
  const actor = (req: Request) => ({ userId: requireUser(req).id });

  async function loadMeeting(raw: unknown): Promise<MeetingRow> {
    const meeting = await findMeeting(db, parseId(raw));
    if (!meeting) throw new NotFound();
    return meeting;
  }

  router.use(planningRoutes(ctx, loadMeeting));

  router.get('/', async (req, res) => {
    const filter = MeetingFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const now = clock.now().toISOString();
    // Upcoming and past are split at the minute, so the list is remembered for the minute.
    const minute = `${now.slice(0, 16)}:00.000Z`;
    const [rows, total, partnerships, span] = await ctx.caches.listPages.get({ list: 'meetings', filter, page, minute }, () =>
      Promise.all([listMeetings(db, filter, minute, page.limit, page.offset), countMeetings(db, filter), listPartnerships(db), meetingYears(db)]),
    );
    const thisYear = Number(utcToCopenhagen(clock.now()).day.slice(0, 4));
    const firstYear = span?.first ? Number(String(span.first).slice(0, 4)) : thisYear;
    const lastYear = Math.max(thisYear, span?.last ? Number(String(span.last).slice(0, 4)) : thisYear);
    res.render('meetings/list', {
      rows,
      filter,
      now: minute,
      partnerships,
      years: Array.from({ length: lastYear - firstYear + 1 }, (_, i) => lastYear - i),
      kindOptions: options(MEETING_KIND_LABELS),
      statusOptions: options(MEETING_STATUS_LABELS),
      kindLabels: MEETING_KIND_LABELS,
      statusLabels: MEETING_STATUS_LABELS,
      minutesLabels: MINUTES_STATUS_LABELS,
      pager: pagination(page, total, '/meetings', {
        partnership_id: filter.partnership_id ? String(filter.partnership_id) : undefined,
        kind: filter.kind,
        status: filter.status,
        year: filter.year ? String(filter.year) : undefined,
      }),
    });
  });

  async function formLocals(meeting: MeetingRow | null, partnershipId: number | null) {
    const partnerships = await listPartnerships(db);
    const pid = partnershipId ?? partnerships[0]?.id ?? null;
    const people = await peopleForMeeting(db, pid, meeting?.id ?? null);
    const personOptions = people.map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name }));
    return {
      meeting,
      people,
      partnershipOptions: partnerships.map((p) => ({ value: p.id, label: p.name })),
      kindOptions: options(MEETING_KIND_LABELS),
      personOptions: [{ value: '', label: 'Ingen valgt' }, ...personOptions],
    };
  }

  /** The form keeps a list of ticked participants; a re-rendered form must keep them too. */
  function participantValues(body: Record<string, unknown>): number[] {
    const raw = body.participant_ids;
    return (Array.isArray(raw) ? raw : raw ? [raw] : []).map(Number).filter(Number.isInteger);
  }

  router.get('/new', requireRole('konsulent'), async (req, res) => {
    const partnerships = await listPartnerships(db);
    const requested = Number(req.query.partnership_id);
    const partnershipId = partnerships.find((p) => p.id === requested)?.id ?? partnerships[0]?.id ?? null;
    if (!partnershipId) throw new Conflict(M.noPartnership);
    const convener = await defaultConvener(db, partnershipId);
    res.render('meetings/form', {
      ...(await formLocals(null, partnershipId)),
      form: formFrom({
        partnership_id: partnershipId,
        kind: 'partnerskabsmoede',
        start_time: '14:00',
        end_time: '16:00',
        convener_id: convener ?? '',
        participant_ids: await proposedParticipants(db, partnershipId),
        use_standard_items: true,
      }),
    });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    await submitForm(res, {
      schema: NewMeetingSchema,
      body: req.body,
      view: 'meetings/form',
      locals: async () => ({ ...(await formLocals(null, Number(req.body?.partnership_id) || null)), checked: participantValues(req.body ?? {}) }),
      save: async (data) => {
        const notifier = notifierFor(config);
        const id = await createMeeting(db, data, actor(req), clock.now(), { useStandardItems: data.use_standard_items, notifier });
        flash(req, M.created);
        flashUnreached(req, notifier);
        res.redirect(303, `/meetings/${id}`);
      },
    });
  });

  /** The agenda items with their actions, carried-over actions and links, numbered. */
  async function agendaItems(meeting: Pick<MeetingRow, 'id' | 'starts_at' | 'ends_at'>, audience: Audience, actions?: Awaited<ReturnType<typeof actionsOfMeeting>>) {
    const meetingId = meeting.id;
    const [items, meetingActions, carried, links, postponedLinks, perItem] = await Promise.all([
      agendaOf(db, meetingId),
      actions ?? actionsOfMeeting(db, meetingId),
      carriedOverOfMeeting(db, meetingId),
      agendaLinksOf(db, meetingId),
      postponedLinksOf(db, meetingId),
      itemAttendanceOf(db, meetingId),
    ]);
    const attendanceByItem = groupBy(perItem, (a) => a.agenda_item_id);
    const actionsByItem = groupBy(meetingActions, (a) => a.agenda_item_id);
    const carriedByItem = groupBy(carried, (c) => c.agenda_item_id);
    const initiativesByItem = groupBy(links.initiatives, (l) => l.agenda_item_id);
    const dilemmasByItem = groupBy(links.dilemmas, (l) => l.agenda_item_id);
    const bilagByItem = (await attachmentsOfMeeting(db, meetingId)).byItem;
    const proposedBy = await proposedByOfMeeting(db, meetingId);
    const schedule = agendaSchedule(meeting.starts_at, meeting.ends_at, items);
    const list = items.map((item, i) => {
      const full = {
        ...item,
        number: i + 1,
        time: schedule.items[i].label,
        actions: actionsByItem.get(item.id) ?? [],
        carried: carriedByItem.get(item.id) ?? [],
        initiatives: initiativesByItem.get(item.id) ?? [],
        dilemmas: dilemmasByItem.get(item.id) ?? [],
        bilag: bilagByItem.get(item.id) ?? [],
        attendance: (attendanceByItem.get(item.id) ?? []).map((a) => ({ ...a, label: ITEM_ATTENDANCE_LABELS[a.kind] })),
        proposedBy: proposedBy.get(item.id) ?? null,
        postponedFrom: postponedLinks.from.get(item.id) ?? null,
        postponedTo: postponedLinks.to.get(item.id) ?? null,
      };
      return item.closed && audience !== 'internal' ? closedAgendaItem(full) : full;
    });
    return { items: list, overrun: schedule.overrun };
  }

  // Where nobody can change it here (minutes locked, or a reader who may not edit) the agenda is
  // the same for every reader: rendered once per data version. A 100-item agenda is 90 KB of HTML.
  const readOnlyAgendaFor = (meeting: MeetingRow, audience: Audience) =>
    ctx.caches.readOnlyAgenda.get({ meeting: meeting.id, audience }, async () =>
      renderFragment(
        'meetings/agenda',
        {
          fmt: format,
          meeting: { id: meeting.id },
          ...(await agendaItems(meeting, audience)),
          locked: true,
          can: { edit: false },
          seesClosed: audience === 'internal',
          agendaKindLabels: AGENDA_KIND_LABELS,
          actionStatusLabels: ACTION_STATUS_LABELS,
        },
        config.env !== 'development',
      ),
    );

  // What the meeting page shows, the same for everyone in a role: remembered per data version.
  const meetingPageFor = (meeting: MeetingRow, role: AppRole) =>
    ctx.caches.meetingPage.get({ meeting: meeting.id, role }, async () => {
      const editor = permissions.edit(role);
      const audience = audienceOf(role);
      const [participants, actions, minutes, comments] = await Promise.all([
        participantsOf(db, meeting.id),
        actionsOfMeeting(db, meeting.id),
        minutesOf(db, meeting.id),
        commentsOf(db, 'meeting', meeting.id),
      ]);
      const locked = minutes.status !== 'kladde';
      const [agendaHtml, partyAttendance, bilag, openProposals, publicLinks, shownActions] = await Promise.all([
        locked || !editor ? readOnlyAgendaFor(meeting, audience) : null,
        attendanceByParty(db, meeting.partnership_id, participants),
        attachmentsOfMeeting(db, meeting.id),
        // open proposals are the konsulent's to take into this agenda while it can change
        mayHandleProposals(role) && meeting.status === 'planlagt' && !locked ? openProposalsOf(db, meeting) : [],
        editor ? publicLinksOf(db, meeting.id).then((links) => links.filter((l) => !l.revoked_at)) : [],
        audience === 'internal' ? actions : withoutClosedItemActions(db, meeting.id, actions),
      ]);
      const agenda = agendaHtml === null ? await agendaItems(meeting, audience, actions) : { items: [], overrun: null };
      return { participants, actions: shownActions, minutes, comments, agendaHtml, agenda, partyAttendance, meetingBilag: bilag.meeting, openProposals, publicLinks };
    });

  async function renderMeeting(req: Request, res: Response, meeting: MeetingRow, status = 200, extra: Record<string, unknown> = {}) {
    const { role } = requireUser(req);
    const { participants, actions, minutes, comments, agendaHtml, agenda, partyAttendance, meetingBilag, openProposals, publicLinks } = await meetingPageFor(meeting, role);
    const audience = audienceOf(role);
    const locked = minutes.status !== 'kladde';
    const q = typeof req.query.invite_q === 'string' ? req.query.invite_q.trim().slice(0, 100) : '';
    const inviteResults = q ? await searchPeopleToInvite(db, meeting.id, q) : null;
    res.status(status).render('meetings/show', {
      isOverdue,
      meeting,
      participants,
      partyAttendance,
      items: agenda.items,
      overrun: agenda.overrun,
      agendaHtml,
      actions,
      minutes,
      locked,
      seesClosed: audience === 'internal',
      publicLinks,
      comments,
      inviteQuery: q,
      inviteResults,
      meetingBilag,
      openProposals,
      mayProposeHere: mayPropose(role) && meeting.status === 'planlagt',
      bilagForm: bilagFormLocals(ctx),
      kindLabels: MEETING_KIND_LABELS,
      statusLabels: MEETING_STATUS_LABELS,
      attendanceOptions: options(ATTENDANCE_LABELS),
      attendanceLabels: ATTENDANCE_LABELS,
      agendaKindLabels: AGENDA_KIND_LABELS,
      actionStatusLabels: ACTION_STATUS_LABELS,
      actionStatusOptions: options(ACTION_STATUS_LABELS),
      minutesLabels: MINUTES_STATUS_LABELS,
      today: utcToCopenhagen(clock.now()).day,
      ...extra,
    });
  }

  router.get('/:id', async (req, res) => {
    await renderMeeting(req, res, await loadMeeting(req.params.id));
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    if ((await minutesOf(db, meeting.id)).status !== 'kladde') {
      flash(req, LOCKED_MESSAGE, 'error');
      return res.redirect(303, `/meetings/${meeting.id}`);
    }
    const participants = await participantsOf(db, meeting.id);
    const start = utcToCopenhagen(meeting.starts_at);
    res.render('meetings/form', {
      ...(await formLocals(meeting, meeting.partnership_id)),
      form: formFrom({
        ...meeting,
        day: start.day,
        start_time: start.time,
        end_time: utcToCopenhagen(meeting.ends_at).time,
        participant_ids: participants.map((p) => p.id),
      }),
    });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    // A locked meeting (minutes sent or approved) is a Conflict: its message on the meeting page.
    await submitForm(res, {
      schema: MeetingFormSchema,
      body: req.body,
      view: 'meetings/form',
      locals: async () => ({ ...(await formLocals(meeting, meeting.partnership_id)), checked: participantValues(req.body ?? {}) }),
      save: async (data) => {
        const notifier = notifierFor(config);
        await updateMeeting(db, meeting.id, data, actor(req), clock.now(), notifier);
        flash(req, M.saved);
        flashUnreached(req, notifier);
        res.redirect(303, `/meetings/${meeting.id}`);
      },
    });
  });

  /**
   * Runs a state change; a Conflict (wrong state, locked) comes back as a message on the page. The
   * work gets a notifier for the e-mails it queues; who could not be told is said on the page.
   */
  async function change(req: Request, res: Response, meetingId: number, work: (notifier: Notifier) => Promise<void>, done: string) {
    const notifier = notifierFor(config);
    await work(notifier);
    flash(req, done);
    flashUnreached(req, notifier);
    res.redirect(303, `/meetings/${meetingId}`);
  }

  router.post('/:id/cancel', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const parsed = parseForm(CancelSchema, req.body);
    if (!parsed.ok) return renderMeeting(req, res, meeting, 422, { form: parsed.form, formError: 'Skriv en begrundelse for aflysningen.' });
    await change(req, res, meeting.id, (notifier) => cancelMeeting(db, meeting.id, parsed.data.cancel_reason, actor(req), clock.now(), notifier), M.cancelled);
  });

  router.post('/:id/held', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    // A meeting weeks ahead marked as held is most often a slip of the hand: ask first (no JS needed).
    if (meeting.status === 'planlagt' && req.body?.confirm !== '1' && isFarAhead(meeting.starts_at, clock.now())) {
      return res.render('meetings/confirm-held', { meeting });
    }
    await change(req, res, meeting.id, (notifier) => markHeld(db, meeting.id, actor(req), clock.now(), notifier), M.held);
  });

  router.post('/:id/attendance', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const participants = await participantsOf(db, meeting.id);
    const attendance = parseAttendance(req.body, participants.map((p) => p.id));
    if (!attendance.ok) return renderInvalidMeeting(req, res, meeting, attendance.form);
    await change(req, res, meeting.id, () => recordAttendance(db, meeting.id, attendance.data, actor(req), clock.now()), M.attendanceSaved);
  });

  router.post('/:id/participants', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const parsed = InviteSchema.safeParse(req.body);
    if (!parsed.success) throw new NotFound(M.personNotFound);
    await change(req, res, meeting.id, (notifier) => invitePerson(db, meeting.id, parsed.data.person_id, actor(req), clock.now(), notifier), M.invited);
  });

  router.get('/:id/participants/:personId/delete', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const personId = parseId(req.params.personId);
    const participant = (await participantsOf(db, meeting.id)).find((p) => p.id === personId);
    if (!participant) throw new NotFound();
    if ((await minutesOf(db, meeting.id)).status !== 'kladde') {
      flash(req, LOCKED_MESSAGE, 'error');
      return res.redirect(303, `/meetings/${meeting.id}`);
    }
    renderDeleteConfirmation(req, res, {
      question: `Vil du fjerne ${participant.name} fra mødet "${meeting.title}"?`,
      consequences: ['Personen står ikke længere på deltagerlisten, og et registreret fremmøde for personen slettes. Personen findes stadig.'],
      back: `/meetings/${meeting.id}#deltagere`,
      button: 'Fjern',
    });
  });

  router.post('/:id/participants/:personId/delete', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const personId = parseId(req.params.personId);
    await change(req, res, meeting.id, (notifier) => removeParticipant(db, meeting.id, personId, actor(req), clock.now(), notifier), M.participantRemoved);
  });

  router.post('/:id/evaluation', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const parsed = parseForm(EvaluationSchema, req.body);
    if (!parsed.ok) return renderMeeting(req, res, meeting, 422, { form: parsed.form, formError: 'Evalueringen indeholder fejl.' });
    await change(req, res, meeting.id, () => saveEvaluation(db, meeting.id, parsed.data, actor(req), clock.now()), M.evaluationSaved);
  });

  router.post('/:id/comments', requireRole('konsulent', 'repraesentant'), async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const user = requireUser(req);
    const parsed = parseForm(CommentSchema, req.body);
    if (!parsed.ok) return renderInvalidMeeting(req, res, meeting, parsed.form);
    await addComment(db, 'meeting', meeting.id, user.personId, parsed.data.body, actor(req), clock.now());
    flash(req, M.commentAdded);
    res.redirect(303, `/meetings/${meeting.id}#comments-heading`);
  });

  function renderInvalidMeeting(req: Request, res: Response, meeting: MeetingRow, form: FormState, formError = FORM_ERROR) {
    return renderMeeting(req, res, meeting, 422, { form, formError });
  }

  router.use(agendaFileRoutes(ctx)); // before the agenda's own routes, which are the konsulent's
  router.use('/:id/agenda', agendaRoutes(ctx, loadMeeting, renderInvalidMeeting));
  // A bilag added or removed after "Udsend dagsorden" changes the agenda: it becomes revised.
  router.use('/:id/bilag', meetingAttachmentRoutes(ctx, loadMeeting, assertMeetingEditable, markAgendaRevised));
  router.use('/:id/actions', meetingActionRoutes(ctx, loadMeeting));
  router.use('/:id/minutes', publicMinutesRoutes(ctx, loadMeeting));
  router.use('/:id/minutes', minutesRoutes(ctx, loadMeeting));
  router.use(referatRoutes(ctx));

  return router;
}
