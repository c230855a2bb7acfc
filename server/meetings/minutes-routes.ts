// /meetings/:id/minutes: read and edit the draft, send for approval, approve, withdraw, correct,
// comment, and read earlier versions. A step the minutes' state refuses throws a Conflict that
// sends the user back here with the reason (server/web/errors.ts).
import { Router, type Request, type Response } from 'express';
import { commentsOf } from '../comments/service';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseForm, parseId, renderInvalid, routeParam, type FormState } from '../web/form';
import { MINUTES_STATUS_LABELS } from '../web/labels';
import { MINUTES_TEXTS as T } from './messages';
import { addMinutesComment, approvalPartyOf, approveMinutes, minutesPage, minutesView, pageReferat, refuseMinutes, saveAndSend, saveMinutesText, sendForApproval, startCorrection, withdrawMinutes } from './minutes';
import { flashUnreached, notifierFor, type Notifier } from '../notifications/service';
import type { MeetingRow } from './queries';
import { referatDocument } from './referat';
import { audienceOf } from './audience';
import { documentDocx } from '../documents/docx';
import { attachment, minutesFileName } from '../documents/filename';
import { documentMarkdown } from '../documents/markdown';
import { documentPdf } from '../documents/pdf';
import { compareGeneral, compareItems } from './versions-diff';
import { CommentSchema } from '../comments/schemas';
import { ApproveSchema, CorrectionSchema, MinutesTextSchema, RefuseSchema, VersionPairSchema } from './schemas';

type LoadMeeting = (raw: unknown) => Promise<MeetingRow>;

export function minutesRoutes({ db, clock, caches, config }: AppContext, loadMeeting: LoadMeeting): Router {
  const router = Router({ mergeParams: true });
  const actor = (req: Request) => ({ userId: requireUser(req).id });

  /** The page; `invalid` re-renders a form that failed (422) with its errors and the input kept. */
  async function renderMinutes(req: Request, res: Response, meeting: MeetingRow, invalid?: { form: FormState; which: 'text' | 'correction' | 'comment' | 'approve' | 'refuse' }) {
    const user = requireUser(req);
    const [view, approvalParty, comments] = await Promise.all([
      minutesView(db, meeting.id, 'current', audienceOf(user.role)),
      approvalPartyOf(db, meeting.id, { userId: user.id, role: user.role, personId: user.personId }),
      commentsOf(db, 'minutes', meeting.id),
    ]);
    const alreadyApproved = !!approvalParty && view.approvals.some((a) => a.party === approvalParty.name);
    const locals = {
      meeting,
      ...view,
      model: pageReferat(view, audienceOf(user.role)),
      approvalParty,
      alreadyApproved,
      comments,
      statusLabels: MINUTES_STATUS_LABELS,
      invalidForm: invalid?.which ?? null,
      form: invalid?.form ?? formFrom({ free_text: view.state.free_text, next_meeting: view.state.next_meeting }),
    };
    if (invalid) return renderInvalid(res, 'meetings/minutes', locals, invalid.form);
    res.render('meetings/minutes', locals);
  }

  router.get('/', async (req, res) => {
    await renderMinutes(req, res, await loadMeeting(routeParam(req, 'id')));
  });

  // What changed between two versions, item by item with the changed words marked.
  router.get('/diff', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const view = await minutesView(db, meeting.id, 'current', audienceOf(requireUser(req).role));
    const frozen = view.versions;
    const query = VersionPairSchema.safeParse(req.query);
    if (frozen.length < 2 || !query.success) throw new NotFound();
    const to = frozen.find((v) => v.version === (query.data.to ?? frozen[0].version));
    const from = frozen.find((v) => v.version === (query.data.from ?? (to ? to.version - 1 : 0)));
    if (!to || !from || from.version === to.version) throw new NotFound();
    res.render('meetings/minutes-diff', {
      meeting,
      from,
      to,
      items: compareItems(from.document, to.document),
      general: compareGeneral(from.document, to.document),
      choices: frozen.map((v) => v.version),
    });
  });

  // Every earlier version stays exportable, with its own approvals and remarks.
  router.get('/versions/:version.:ext', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const number = parseId(routeParam(req, 'version'));
    const ext = routeParam(req, 'ext');
    if (ext !== 'pdf' && ext !== 'docx' && ext !== 'md') throw new NotFound();
    const audience = audienceOf(requireUser(req).role);
    const view = await minutesView(db, meeting.id, 'current', audience);
    const version = view.versions.find((v) => v.version === number);
    if (!version) throw new NotFound();
    const model = referatDocument(version.document, { parties: view.parties, approvals: version.approvals, remarks: version.remarks, draft: !version.lockedAt, audience });
    const name = minutesFileName(version.document.date, `${version.document.title} version ${number}`, ext);
    res.set('Content-Disposition', attachment(name));
    if (ext === 'md') return res.type('text/markdown; charset=utf-8').send(documentMarkdown(model));
    const file = await caches.renderedFiles.get(caches.renderedFiles.key(`minutes.${ext}`, model), () => (ext === 'pdf' ? documentPdf(model) : documentDocx(model)));
    res.type(ext === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(file);
  });

  router.get('/versions/:version', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const number = parseId(routeParam(req, 'version'));
    const audience = audienceOf(requireUser(req).role);
    const view = await minutesView(db, meeting.id, 'current', audience);
    const version = view.versions.find((v) => v.version === number);
    if (!version) throw new NotFound();
    const model = referatDocument(version.document, { parties: view.parties, approvals: version.approvals, remarks: version.remarks, draft: !version.lockedAt, audience });
    res.render('meetings/minutes-version', { meeting, version, model });
  });

  const done = (req: Request, res: Response, meetingId: number, message: string, anchor = '', notifier?: Notifier) => {
    flash(req, message);
    if (notifier) flashUnreached(req, notifier);
    res.redirect(303, minutesPage(meetingId) + anchor);
  };

  // One form, two buttons: "Gem" keeps the draft, "Gem og send til godkendelse" also sends it.
  router.post('/', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const parsed = parseForm(MinutesTextSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, { form: parsed.form, which: 'text' });
    const { intent, ...text } = parsed.data;
    if (intent === 'send') {
      const notifier = notifierFor(config);
      await saveAndSend(db, meeting.id, text, actor(req), clock.now(), notifier);
      return done(req, res, meeting.id, T.savedAndSent, '', notifier);
    }
    await saveMinutesText(db, meeting.id, text, actor(req), clock.now());
    done(req, res, meeting.id, T.saved);
  });

  // Sends the saved draft as it is (the page's form uses "Gem og send" on the route above).
  router.post('/send', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const notifier = notifierFor(config);
    await sendForApproval(db, meeting.id, actor(req), clock.now(), notifier);
    done(req, res, meeting.id, T.sent, '', notifier);
  });

  router.post('/withdraw', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await withdrawMinutes(db, meeting.id, actor(req), clock.now());
    done(req, res, meeting.id, T.withdrawn);
  });

  router.post('/approve', requireRole('repraesentant'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const user = requireUser(req);
    const parsed = parseForm(ApproveSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, { form: parsed.form, which: 'approve' });
    const remark = parsed.data.remark ? { text: parsed.data.remark, itemNumber: parsed.data.remark_item } : undefined;
    const notifier = notifierFor(config);
    const result = await approveMinutes(db, meeting.id, { userId: user.id, role: user.role, personId: user.personId }, clock.now(), remark, notifier);
    done(req, res, meeting.id, result === 'already-approved' ? T.alreadyApproved : result === 'locked' ? T.locked : remark ? T.approvedWithRemark : T.approved, '', notifier);
  });

  router.post('/refuse', requireRole('repraesentant'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const user = requireUser(req);
    const parsed = parseForm(RefuseSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, { form: parsed.form, which: 'refuse' });
    const notifier = notifierFor(config);
    await refuseMinutes(db, meeting.id, { userId: user.id, role: user.role, personId: user.personId }, { text: parsed.data.reason, itemNumber: parsed.data.reason_item }, clock.now(), notifier);
    done(req, res, meeting.id, T.refused, '', notifier);
  });

  router.post('/correct', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const parsed = parseForm(CorrectionSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, { form: parsed.form, which: 'correction' });
    const version = await startCorrection(db, meeting.id, parsed.data.change_note, actor(req), clock.now());
    done(req, res, meeting.id, T.correctionStarted(version));
  });

  router.post('/comments', requireRole('konsulent', 'repraesentant'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const user = requireUser(req);
    const parsed = parseForm(CommentSchema, req.body);
    if (!parsed.ok) return renderMinutes(req, res, meeting, { form: parsed.form, which: 'comment' });
    await addMinutesComment(db, meeting.id, user.personId, parsed.data.body, actor(req), clock.now());
    done(req, res, meeting.id, T.commentAdded, '#comments-heading');
  });

  return router;
}
