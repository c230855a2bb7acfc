// /initiatives/:id/effects/:measureId/periods/:period: one period's effect update — the konsulent
// writes and sends it, a representative approves it or returns it with a reason; everyone reads.
import { Router, type Request, type Response } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { Invalid, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { FORM_ERROR, formFrom, parseForm, parseId, type FormState } from '../web/form';
import { utcToCopenhagen } from '../web/time';
import { approveEffectUpdate, findEffectUpdate, measureForPeriod, returnEffectUpdate, saveEffectUpdate, updatePage, type Reviewer } from './effect-updates';
import { EFFECT_UPDATE_STATUS_LABELS } from './labels';
import { EFFECT_UPDATE_TEXTS as T } from './messages';
import { periodLabel } from './periods';
import { findInitiative } from './queries';
import { EffectReturnSchema, EffectUpdateSchema } from './schemas';

export function effectUpdateRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const today = () => utcToCopenhagen(clock.now()).day;
  const who = (req: Request): Reviewer => {
    const user = requireUser(req);
    return { actor: { userId: user.id }, personId: user.personId, role: user.role };
  };

  /** The initiative, measure and period of the URL; anything else is not found. */
  async function load(req: Request) {
    const initiative = await findInitiative(db, parseId(req.params.id));
    if (!initiative) throw new NotFound();
    const measureId = parseId(req.params.measureId);
    const period = String(req.params.period);
    const measure = await measureForPeriod(db, initiative.id, measureId, period, today());
    if (!measure) throw new NotFound();
    return { initiative, measure, period, key: { initiativeId: initiative.id, measureId, period, today: today() } };
  }

  async function render(req: Request, res: Response, status = 200, forms: { update?: FormState; returnForm?: FormState } = {}) {
    const { initiative, measure, period } = await load(req);
    const update = await findEffectUpdate(db, measure.id, period);
    const values = update ? { value: update.value === null ? '' : String(update.value).replace('.', ','), narrative: update.narrative, evidence_url: update.evidence_url } : {};
    res.status(status).render('initiatives/effect-update', {
      initiative,
      measure,
      period,
      periodLabel: periodLabel(period),
      update,
      statusLabels: EFFECT_UPDATE_STATUS_LABELS,
      editable: !update || update.status === 'kladde' || update.status === 'returneret',
      reviewable: update?.status === 'til_godkendelse',
      mayReview: ['repraesentant', 'admin'].includes(requireUser(req).role),
      action: updatePage(initiative.id, measure.id, period),
      form: forms.update ?? formFrom(values),
      returnForm: forms.returnForm ?? formFrom({}),
      ...(status === 422 ? { formError: FORM_ERROR } : {}),
    });
  }

  const path = '/:id/effects/:measureId/periods/:period';

  router.get(path, async (req, res) => {
    await render(req, res);
  });

  router.post(path, requireRole('konsulent'), async (req, res) => {
    const { key } = await load(req);
    const parsed = parseForm(EffectUpdateSchema, req.body);
    if (!parsed.ok) return render(req, res, 422, { update: parsed.form });
    const { intent, ...input } = parsed.data;
    try {
      await saveEffectUpdate(db, key, input, intent === 'send', who(req), clock.now());
    } catch (err) {
      if (err instanceof Invalid) return render(req, res, 422, { update: { values: { ...(req.body ?? {}) }, errors: err.fieldErrors } });
      throw err;
    }
    flash(req, intent === 'send' ? T.submitted : T.saved);
    res.redirect(303, updatePage(key.initiativeId, key.measureId, key.period));
  });

  router.post(`${path}/approve`, requireRole('repraesentant'), async (req, res) => {
    const { key } = await load(req);
    await approveEffectUpdate(db, key, who(req), clock.now());
    flash(req, T.approved);
    res.redirect(303, updatePage(key.initiativeId, key.measureId, key.period));
  });

  router.post(`${path}/return`, requireRole('repraesentant'), async (req, res) => {
    const { key } = await load(req);
    const parsed = parseForm(EffectReturnSchema, req.body);
    if (!parsed.ok) return render(req, res, 422, { returnForm: parsed.form });
    await returnEffectUpdate(db, key, parsed.data.return_reason, who(req), clock.now());
    flash(req, T.returned);
    res.redirect(303, updatePage(key.initiativeId, key.measureId, key.period));
  });

  return router;
}
