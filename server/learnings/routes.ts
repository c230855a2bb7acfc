// /learnings (erfaringer): list with filters, view, create, edit, delete.
import { Router } from 'express';
import { LEARNING_OUTCOMES } from '../db/schema';
import { initiativeOptions, initiativesWithLearningsOptions } from '../web/options';
import { groupBy } from '../web/collections';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { copenhagenDay } from '../web/format';
import { pageRequest, pagination } from '../web/pagination';
import { meetingOptions } from '../web/options';
import {
  countLearnings,
  findLearning,
  initiativesOfLearning,
  initiativesOfLearnings,
  listLearnings,
  meetingsOfLearning,
  type LearningRow,
} from './queries';
import { LEARNING_OUTCOME_LABELS, LearningFilterSchema, LearningFormSchema } from './schemas';
import { createLearning, deleteLearning, updateLearning } from './service';
import { LEARNING_TEXTS as T } from './messages';

const outcomeOptions = LEARNING_OUTCOMES.map((o) => ({ value: o, label: LEARNING_OUTCOME_LABELS[o] }));

export function learningRoutes({ db, clock, caches }: AppContext): Router {
  const router = Router();
  // The list's initiative filter offers those with learnings; it changes only with the data.
  const filterInitiatives = () => caches.learningInitiatives.get(null, () => initiativesWithLearningsOptions(db));
  const formLocals = async (learning: LearningRow | null = null, linkedMeetingIds: number[] = []) => ({
    learning,
    outcomeOptions,
    initiativeOptions: await initiativeOptions(db),
    meetingOptions: await meetingOptions(db, linkedMeetingIds),
  });

  async function loadLearning(rawId: unknown): Promise<LearningRow> {
    const learning = await findLearning(db, parseId(rawId));
    if (!learning) throw new NotFound();
    return learning;
  }

  router.get('/', async (req, res) => {
    const filter = LearningFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const [rows, total, initiatives] = await Promise.all([
      listLearnings(db, filter, page.limit, page.offset),
      countLearnings(db, filter),
      filterInitiatives(),
    ]);
    const linksByLearning = groupBy(await initiativesOfLearnings(db, rows.map((r) => r.id)), (l) => l.learning_id);
    res.render('learnings/list', {
      rows: rows.map((r) => ({ ...r, initiatives: linksByLearning.get(r.id) ?? [] })),
      filter,
      outcomeOptions,
      initiatives,
      outcomeLabels: LEARNING_OUTCOME_LABELS,
      pager: pagination(page, total, '/learnings', {
        q: filter.q,
        outcome: filter.outcome,
        initiative_id: filter.initiative_id ? String(filter.initiative_id) : undefined,
      }),
    });
  });

  router.get('/new', requireRole('konsulent'), async (_req, res) => {
    res.render('learnings/form', { ...(await formLocals()), form: formFrom({ date: copenhagenDay(clock.now()), outcome: 'virkede' }) });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: LearningFormSchema,
      body: req.body,
      view: 'learnings/form',
      locals: () => formLocals(),
      save: async (data) => {
        const id = await createLearning(db, data, { userId: user.id }, clock.now());
        flash(req, T.created);
        res.redirect(303, `/learnings/${id}`);
      },
    });
  });

  router.get('/:id', async (req, res) => {
    const learning = await loadLearning(req.params.id);
    const [initiatives, meetings] = await Promise.all([initiativesOfLearning(db, learning.id), meetingsOfLearning(db, learning.id)]);
    res.render('learnings/show', { learning, initiatives, meetings, outcomeLabels: LEARNING_OUTCOME_LABELS });
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const learning = await loadLearning(req.params.id);
    const [initiatives, meetings] = await Promise.all([initiativesOfLearning(db, learning.id), meetingsOfLearning(db, learning.id)]);
    const meetingIds = meetings.map((m) => m.id);
    res.render('learnings/form', {
      ...(await formLocals(learning, meetingIds)),
      form: formFrom({ ...learning, initiative_ids: initiatives.map((i) => i.id), meeting_ids: meetingIds }),
    });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const learning = await loadLearning(req.params.id);
    await submitForm(res, {
      schema: LearningFormSchema,
      body: req.body,
      view: 'learnings/form',
      locals: async () => formLocals(learning, (await meetingsOfLearning(db, learning.id)).map((m) => m.id)),
      save: async (data) => {
        await updateLearning(db, learning.id, data, { userId: user.id }, clock.now());
        flash(req, T.saved);
        res.redirect(303, `/learnings/${learning.id}`);
      },
    });
  });

  router.get('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const learning = await loadLearning(req.params.id);
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette erfaringen "${learning.title}"?`,
      consequences: ['Erfaringen og dens koblinger til initiativer og møder slettes. Initiativerne og møderne bevares.', 'Det kan ikke fortrydes.'],
      back: `/learnings/${learning.id}`,
    });
  });

  router.post('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    await deleteLearning(db, parseId(req.params.id), { userId: user.id }, clock.now());
    flash(req, T.deleted);
    res.redirect(303, '/learnings');
  });

  return router;
}
