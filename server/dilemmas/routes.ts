// /dilemmas: list by status, view (with the meetings and agenda items it came up in), create, edit, delete.
import { Router } from 'express';
import { DILEMMA_STATUSES } from '../db/schema';
import { initiativeOptions } from '../web/options';
import { meetingOptions } from '../web/options';
import { AGENDA_KIND_LABELS } from '../web/labels';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { pageRequest, pagination } from '../web/pagination';
import {
  agendaItemsOfDilemma,
  countDilemmas,
  findDilemma,
  initiativesOfDilemma,
  listDilemmas,
  meetingsOfDilemma,
  type DilemmaRow,
} from './queries';
import { DILEMMA_STATUS_LABELS, DilemmaFilterSchema, DilemmaFormSchema } from './schemas';
import { createDilemma, deleteDilemma, updateDilemma } from './service';
import { DILEMMA_TEXTS as T } from './messages';

const statusOptions = DILEMMA_STATUSES.map((s) => ({ value: s, label: DILEMMA_STATUS_LABELS[s] }));

export function dilemmaRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const formLocals = async (dilemma: DilemmaRow | null = null, linkedMeetingIds: number[] = []) => ({
    dilemma,
    statusOptions,
    initiativeOptions: await initiativeOptions(db),
    meetingOptions: await meetingOptions(db, linkedMeetingIds),
  });

  async function loadDilemma(rawId: unknown): Promise<DilemmaRow> {
    const dilemma = await findDilemma(db, parseId(rawId));
    if (!dilemma) throw new NotFound();
    return dilemma;
  }

  router.get('/', async (req, res) => {
    const filter = DilemmaFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const [rows, total] = await Promise.all([listDilemmas(db, filter, page.limit, page.offset), countDilemmas(db, filter)]);
    res.render('dilemmas/list', {
      rows,
      filter,
      statusOptions,
      statusLabels: DILEMMA_STATUS_LABELS,
      pager: pagination(page, total, '/dilemmas', { status: filter.status }),
    });
  });

  router.get('/new', requireRole('konsulent'), async (_req, res) => {
    res.render('dilemmas/form', { ...(await formLocals()), form: formFrom({ status: 'rejst' }) });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: DilemmaFormSchema,
      body: req.body,
      view: 'dilemmas/form',
      locals: () => formLocals(),
      save: async (data) => {
        const id = await createDilemma(db, data, { userId: user.id }, clock.now());
        flash(req, T.created);
        res.redirect(303, `/dilemmas/${id}`);
      },
    });
  });

  router.get('/:id', async (req, res) => {
    const dilemma = await loadDilemma(req.params.id);
    const [initiatives, meetings, agendaItems] = await Promise.all([
      initiativesOfDilemma(db, dilemma.id),
      meetingsOfDilemma(db, dilemma.id),
      agendaItemsOfDilemma(db, dilemma.id),
    ]);
    res.render('dilemmas/show', { dilemma, initiatives, meetings, agendaItems, statusLabels: DILEMMA_STATUS_LABELS, agendaKindLabels: AGENDA_KIND_LABELS });
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const dilemma = await loadDilemma(req.params.id);
    const [initiatives, meetings] = await Promise.all([initiativesOfDilemma(db, dilemma.id), meetingsOfDilemma(db, dilemma.id)]);
    const meetingIds = meetings.map((m) => m.id);
    res.render('dilemmas/form', {
      ...(await formLocals(dilemma, meetingIds)),
      form: formFrom({ ...dilemma, initiative_ids: initiatives.map((i) => i.id), meeting_ids: meetingIds }),
    });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const dilemma = await loadDilemma(req.params.id);
    await submitForm(res, {
      schema: DilemmaFormSchema,
      body: req.body,
      view: 'dilemmas/form',
      locals: async () => formLocals(dilemma, (await meetingsOfDilemma(db, dilemma.id)).map((m) => m.id)),
      save: async (data) => {
        await updateDilemma(db, dilemma.id, data, { userId: user.id }, clock.now());
        flash(req, T.saved);
        res.redirect(303, `/dilemmas/${dilemma.id}`);
      },
    });
  });

  router.get('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const dilemma = await loadDilemma(req.params.id);
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette dilemmaet "${dilemma.title}"?`,
      consequences: [
        'Dilemmaet og dets koblinger til initiativer og møder slettes. Initiativerne og møderne bevares.',
        'Et dilemma, der står på en dagsorden, kan ikke slettes. Sæt det til "Parkeret" i stedet under Redigér.',
      ],
      back: `/dilemmas/${dilemma.id}`,
    });
  });

  router.post('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id);
    await deleteDilemma(db, id, { userId: user.id }, clock.now());
    flash(req, T.deleted);
    res.redirect(303, '/dilemmas');
  });

  return router;
}
