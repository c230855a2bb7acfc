// /forklar-eller-fjern: the register with filters and hours saved per decision, view, create, edit, delete.
import { Router } from 'express';
import { FEF_DECISIONS, FEF_ORIGINS } from '../db/schema';
import { meetingOptions } from '../web/options';
import { personOptions } from '../people/service';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { pageRequest, pagination } from '../web/pagination';
import { countFefItems, findFefItem, listFefItems, type FefItemRow } from './queries';
import { FEF_DECISION_LABELS, FEF_ORIGIN_LABELS, FefFilterSchema, FefFormSchema, formatHours, hoursFieldValue } from './schemas';
import { createFefItem, deleteFefItem, hoursSavedByDecision, updateFefItem } from './service';
import { FEF_TEXTS as T } from './messages';
import { reviewOf } from '../reviews/service';

const BASE = '/forklar-eller-fjern';
const originOptions = FEF_ORIGINS.map((o) => ({ value: o, label: FEF_ORIGIN_LABELS[o] }));
const decisionOptions = FEF_DECISIONS.map((d) => ({ value: d, label: FEF_DECISION_LABELS[d] }));
const labels = { originLabels: FEF_ORIGIN_LABELS, decisionLabels: FEF_DECISION_LABELS, formatHours };

export function fefRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const formLocals = async (item: FefItemRow | null = null) => {
    const [people, meetings] = await Promise.all([personOptions(db), meetingOptions(db, item?.decided_meeting_id ? [item.decided_meeting_id] : [])]);
    const personChoices = people.map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name }));
    // Only active people are offered, but an item raised by someone since deactivated keeps them on save.
    if (item?.raised_by && !personChoices.some((p) => p.value === item.raised_by)) {
      personChoices.push({ value: item.raised_by, label: `${item.raised_by_name ?? 'Ukendt'} (inaktiv)` });
    }
    return {
      item,
      originOptions,
      decisionOptions,
      personOptions: [{ value: '', label: 'Ikke angivet' }, ...personChoices],
      meetingOptions: [{ value: '', label: 'Ikke besluttet på et møde' }, ...meetings],
    };
  };

  async function loadItem(rawId: unknown): Promise<FefItemRow> {
    const item = await findFefItem(db, parseId(rawId));
    if (!item) throw new NotFound();
    return item;
  }

  router.get('/', async (req, res) => {
    const filter = FefFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const [rows, total, summary] = await Promise.all([
      listFefItems(db, filter, page.limit, page.offset),
      countFefItems(db, filter),
      hoursSavedByDecision(db),
    ]);
    res.render('fef/list', {
      rows,
      filter,
      summary,
      originOptions,
      decisionOptions,
      ...labels,
      pager: pagination(page, total, BASE, { decision: filter.decision, origin: filter.origin }),
    });
  });

  router.get('/new', requireRole('konsulent'), async (_req, res) => {
    res.render('fef/form', { ...(await formLocals()), form: formFrom({ decision: 'afventer', origin: 'retningslinje' }) });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: FefFormSchema,
      body: req.body,
      view: 'fef/form',
      locals: () => formLocals(),
      save: async (data) => {
        const id = await createFefItem(db, data, { userId: user.id }, clock.now());
        flash(req, T.created);
        res.redirect(303, `${BASE}/${id}`);
      },
    });
  });

  router.get('/:id', async (req, res) => {
    const item = await loadItem(req.params.id);
    res.render('fef/show', { item, review: await reviewOf(db, 'fef', item.id), ...labels });
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const item = await loadItem(req.params.id);
    res.render('fef/form', {
      ...(await formLocals(item)),
      form: formFrom({ ...item, hours_saved_per_month: hoursFieldValue(item.hours_saved_per_month) }),
    });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const item = await loadItem(req.params.id);
    await submitForm(res, {
      schema: FefFormSchema,
      body: req.body,
      view: 'fef/form',
      locals: () => formLocals(item),
      save: async (data) => {
        await updateFefItem(db, item.id, data, { userId: user.id }, clock.now());
        flash(req, T.saved);
        res.redirect(303, `${BASE}/${item.id}`);
      },
    });
  });

  router.get('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const item = await loadItem(req.params.id);
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette punktet "${item.title}"?`,
      consequences: [
        'Punktet slettes fra registret "Forklar eller fjern" og tæller ikke længere med i de sparede timer.',
        'Slet kun et punkt, der er oprettet ved en fejl. Et punkt, der er taget stilling til, bør blive stående med sin beslutning.',
      ],
      back: `${BASE}/${item.id}`,
    });
  });

  router.post('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    await deleteFefItem(db, parseId(req.params.id), { userId: user.id }, clock.now());
    flash(req, T.deleted);
    res.redirect(303, BASE);
  });

  return router;
}
