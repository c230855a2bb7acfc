// /opfoelgning: the reviews due ("Til opfølgning"), and one subject's review date ("Tages op igen")
// — set, cleared or marked taken up by a konsulent; every signed-in role sees them.
import { Router } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import * as format from '../web/format';
import { utcToCopenhagen } from '../web/time';
import type { ReviewKind } from '../db/schema';
import { REVIEW_KIND_LABELS, REVIEW_TEXTS as T } from './messages';
import { ReviewFormSchema, ReviewKindSchema } from './schemas';
import { dueReviews, markReviewHandled, reviewOf, setReviewDay } from './service';

export function reviewRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  const kindOf = (raw: unknown): ReviewKind => {
    const parsed = ReviewKindSchema.safeParse(raw);
    if (!parsed.success) throw new NotFound();
    return parsed.data;
  };
  const pageLocals = async (kind: ReviewKind, id: number) => ({ review: await reviewOf(db, kind, id), kindLabels: REVIEW_KIND_LABELS, fmt: format });

  router.get('/', async (_req, res) => {
    const today = utcToCopenhagen(clock.now()).day;
    res.render('reviews/list', { reviews: await dueReviews(db, today), today, kindLabels: REVIEW_KIND_LABELS, fmt: format });
  });

  router.get('/:kind/:id', async (req, res) => {
    const kind = kindOf(req.params.kind);
    const locals = await pageLocals(kind, parseId(req.params.id));
    res.render('reviews/show', { ...locals, form: formFrom({ review_day: locals.review.isDefault ? '' : locals.review.day }) });
  });

  router.post('/:kind/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const kind = kindOf(req.params.kind);
    const id = parseId(req.params.id);
    const locals = await pageLocals(kind, id);
    await submitForm(res, {
      schema: ReviewFormSchema,
      body: req.body,
      view: 'reviews/show',
      locals: async () => locals,
      save: async (data) => {
        await setReviewDay(db, kind, id, data.review_day, { userId: user.id }, clock.now());
        flash(req, data.review_day ? T.saved(format.formatIsoDay(data.review_day)) : T.cleared);
        res.redirect(303, `/opfoelgning/${kind}/${id}`);
      },
    });
  });

  router.post('/:kind/:id/handled', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const kind = kindOf(req.params.kind);
    const id = parseId(req.params.id);
    await markReviewHandled(db, kind, id, user.personId, { userId: user.id }, clock.now());
    flash(req, T.handled);
    res.redirect(303, `/opfoelgning/${kind}/${id}`);
  });

  return router;
}
