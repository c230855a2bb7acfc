// /meetings/:id/minutes: read and edit the draft, send for approval, approve, withdraw, correct,
// comment, and read earlier versions.
import { Router, type Request, type Response } from 'express';
import { addComment, commentsOf } from '../comments/service';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { Conflict, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { parseForm, parseId, routeParam, type FormState } from '../web/form';
import { MINUTES_STATUS_LABELS } from './labels';
import { approvalPartyOf, approveMinutes, minutesView, saveMinutesText, sendForApproval, startCorrection, withdrawMinutes } from './minutes';
import type { MeetingRow } from './queries';
import { CommentSchema, CorrectionSchema, MinutesTextSchema } from './schemas';

type LoadMeeting = (raw: unknown) => Promise<MeetingRow>;

export function minutesRoutes({ db, clock }: AppContext, loadMeeting: LoadMeeting): Router {
  const router = Router({ mergeParams: true });
  const actor = (req: Request) => ({ userId: requireUser(req).id });

  async function renderMinutes(req: Request, res: Response, meeting: MeetingRow, status = 200, form?: FormState) {
    const user = requireUser(req);
    const [view, approvalParty, comments] = await Promise.all([
      minutesView(db, meeting.id),
      approvalPartyOf(db, meeting.id, { userId: user.id, role: user.role, personId: user.personId }),
      commentsOf(db, 'minutes', meeting.id),
    ]);
    const alreadyApproved = !!approvalParty && view.approvals.some((a) => a.party === approvalParty.name);
    res.status(status).render('meetings/minutes', {
      meeting,
      ...view,
      approvalParty,
      alreadyApproved,
      comments,
      statusLabels: MINUTES_STATUS_LABELS,
      ...(form ? { form, formError: 'Formularen indeholder fejl. Ret de markerede felter.' } : {}),
    });
  }

  router.get('/', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const view = await minutesView(db, meeting.id);
    await renderMinutes(req, res, meeting, 200, { values: { free_text: view.state.free_text, next_meeting: view.state.next_meeting }, errors: {} });
  });

  router.get('/versions/:version', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const number = parseId(routeParam(req, 'version'));
    const view = await minutesView(db, meeting.id);
    const version = view.versions.find((v) => v.version === number);
    if (!version) throw new NotFound();
    res.render('meetings/minutes-version', { meeting, version, parties: view.parties });
  });

  /** Runs a workflow step; a Conflict (wrong state) is shown as a message on the minutes page. */
  async function step(req: Request, res: Response, meetingId: number, work: () => Promise<string>) {
    let message: string;
    try {
      message = await work();
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      flash(req, err.message, 'error');
      return res.redirect(303, `/meetings/${meetingId}/minutes`);
    }
    flash(req, message);
    res.redirect(303, `/meetings/${meetingId}/minutes`);
  }

  router.post('/', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const parsed = parseForm(MinutesTextSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, 422, parsed.form);
    await step(req, res, meeting.id, async () => {
      await saveMinutesText(db, meeting.id, parsed.data, actor(req), clock.now());
      return 'Referatet er gemt.';
    });
  });

  router.post('/send', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await step(req, res, meeting.id, async () => {
      await sendForApproval(db, meeting.id, actor(req), clock.now());
      return 'Referatet er sendt til godkendelse hos parterne.';
    });
  });

  router.post('/withdraw', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await step(req, res, meeting.id, async () => {
      await withdrawMinutes(db, meeting.id, actor(req), clock.now());
      return 'Referatet er trukket tilbage til kladde. Godkendelserne af denne version er nulstillet.';
    });
  });

  router.post('/approve', requireRole('repraesentant'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const user = requireUser(req);
    await step(req, res, meeting.id, async () => {
      const result = await approveMinutes(db, meeting.id, { userId: user.id, role: user.role, personId: user.personId }, clock.now());
      if (result === 'already-approved') return 'Din part har allerede godkendt denne version.';
      if (result === 'locked') return 'Referatet er godkendt af alle parter og nu låst.';
      return 'Referatet er godkendt for din part.';
    });
  });

  router.post('/correct', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const parsed = parseForm(CorrectionSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, 422, parsed.form);
    await step(req, res, meeting.id, async () => {
      const version = await startCorrection(db, meeting.id, parsed.data.change_note, actor(req), clock.now());
      return `Version ${version} er oprettet som kladde. Ret mødets indhold og send den til godkendelse igen.`;
    });
  });

  router.post('/comments', requireRole('konsulent', 'repraesentant'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const user = requireUser(req);
    const parsed = parseForm(CommentSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, 422, parsed.form);
    const view = await minutesView(db, meeting.id);
    if (view.state.status === 'godkendt') {
      flash(req, 'Et godkendt referat kan ikke kommenteres. Kommentér mødet i stedet.', 'error');
      return res.redirect(303, `/meetings/${meeting.id}/minutes`);
    }
    await addComment(db, 'minutes', meeting.id, user.personId, parsed.data.body, actor(req), clock.now());
    flash(req, 'Kommentaren er tilføjet.');
    res.redirect(303, `/meetings/${meeting.id}/minutes#comments-heading`);
  });

  return router;
}
