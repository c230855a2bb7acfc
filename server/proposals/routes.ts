// /proposals: a representative proposes an agenda item (with optional bilag: a multipart form
// whose CSRF token is in its address) and follows its status; the konsulent sees the open ones
// and declines one with a reason. Taking one into an agenda is POST /proposals/:id/accept
// (meetings/proposals.ts). A læser sees nothing of proposals.
import { Router, type Request, type Response } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { Forbidden, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { FORM_ERROR, formFrom, parseForm, parseId, submitForm, type FormState } from '../web/form';
import { csrfToken } from '../web/security';
import { AGENDA_KIND_LABELS, options } from '../web/labels';
import { bilagFormLocals, discardUploads, FILE_FIELD, receiveUpload, titleFromFileName, uploadLimits } from '../attachments/service';
import {
  attachmentsOfProposal,
  createProposal,
  decidedProposals,
  declineProposal,
  findProposal,
  mayHandleProposals,
  mayPropose,
  mayReadProposal,
  meetingsForProposal,
  openProposals,
  proposalsBy,
  proposalTargets,
  type ProposalRow,
} from './service';
import { DeclineSchema, ProposalFormSchema } from './schemas';
import { PROPOSAL_STATUS_LABELS, PROPOSAL_TEXTS as T } from './messages';
import { flashUnreached, notifierFor } from '../notifications/service';

const FIELDS = ['title', 'background', 'kind', 'target'] as const;

export function proposalRoutes(ctx: AppContext): Router {
  const { db, clock, config } = ctx;
  const router = Router();
  const kindOptions = options(AGENDA_KIND_LABELS);
  // a proposal's background may be as long as an agenda item's
  const limits = { ...uploadLimits(ctx, 64 * 1024), requireFile: false };

  /** Proposals are internal until accepted: a læser gets 403 on every page of them. */
  router.use((req, _res, next) => {
    const { role } = requireUser(req);
    if (!mayPropose(role) && !mayHandleProposals(role)) throw new Forbidden();
    next();
  });

  router.get('/', async (req, res) => {
    const user = requireUser(req);
    const handler = mayHandleProposals(user.role);
    const [open, decided, mine] = await Promise.all([
      handler ? openProposals(db) : [],
      handler ? decidedProposals(db, 20) : [],
      mayPropose(user.role) ? proposalsBy(db, user.personId) : [],
    ]);
    res.render('proposals/list', { open, decided, mine, handler, proposer: mayPropose(user.role), statusLabels: PROPOSAL_STATUS_LABELS, kindLabels: AGENDA_KIND_LABELS });
  });

  async function formLocals(req: Request) {
    return {
      action: `/proposals?_csrf=${encodeURIComponent(csrfToken(req))}`,
      kindOptions,
      targetOptions: await proposalTargets(db, clock.now()),
      ...bilagFormLocals(ctx),
    };
  }

  router.get('/new', requireRole('repraesentant'), async (req, res) => {
    const meeting = typeof req.query.meeting_id === 'string' && /^[1-9]\d{0,15}$/.test(req.query.meeting_id) ? `meeting:${req.query.meeting_id}` : '';
    res.render('proposals/form', { ...(await formLocals(req)), form: formFrom({ kind: 'droeftelse', target: meeting }) });
  });

  router.post('/', requireRole('repraesentant'), async (req, res) => {
    const user = requireUser(req);
    const upload = await receiveUpload(db, req, FILE_FIELD, limits, clock.now());
    if (upload.unread) res.set('Connection', 'close');
    if (upload.refusal) {
      const kept = Object.fromEntries(FIELDS.map((f) => [f, upload.fields[f] ?? '']));
      return res.status(422).render('proposals/form', { ...(await formLocals(req)), form: { values: kept, errors: { [FILE_FIELD]: upload.refusal } }, formError: upload.refusal });
    }
    await submitForm(res, {
      schema: ProposalFormSchema,
      body: upload.fields,
      view: 'proposals/form',
      locals: () => formLocals(req),
      save: async (data) => {
        const files = upload.files.map((file) => ({ file, title: titleFromFileName(file.fileName) }));
        const id = await createProposal(db, data, user.personId, files, { userId: user.id }, clock.now());
        flash(req, T.created);
        res.redirect(303, `/proposals/${id}`);
      },
    });
    await discardUploads(db, upload.files.map((f) => f.key)); // those of a form that was refused
  });

  async function loadProposal(req: Request): Promise<ProposalRow> {
    const proposal = await findProposal(db, parseId(req.params.id));
    if (!proposal) throw new NotFound();
    if (!mayReadProposal(requireUser(req), proposal)) throw new Forbidden();
    return proposal;
  }

  async function renderProposal(req: Request, res: Response, proposal: ProposalRow, status = 200, form: FormState = formFrom(), formError: string | null = null) {
    const handler = mayHandleProposals(requireUser(req).role);
    const [bilag, meetings] = await Promise.all([
      attachmentsOfProposal(db, proposal.id),
      handler && proposal.status === 'aaben' ? meetingsForProposal(db, proposal, clock.now()) : [],
    ]);
    res.status(status).render('proposals/show', { proposal, bilag, meetings, handler, form, formError, statusLabels: PROPOSAL_STATUS_LABELS, kindLabels: AGENDA_KIND_LABELS });
  }

  router.get('/:id', async (req, res) => {
    await renderProposal(req, res, await loadProposal(req));
  });

  router.post('/:id/decline', requireRole('konsulent'), async (req, res) => {
    const proposal = await loadProposal(req);
    const parsed = parseForm(DeclineSchema, req.body);
    if (!parsed.ok) return renderProposal(req, res, proposal, 422, parsed.form, FORM_ERROR);
    const notifier = notifierFor(config);
    await declineProposal(db, proposal.id, parsed.data.decline_reason, { userId: requireUser(req).id }, clock.now(), notifier);
    flash(req, T.declined);
    flashUnreached(req, notifier);
    res.redirect(303, `/proposals/${proposal.id}`);
  });

  return router;
}
