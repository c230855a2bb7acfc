// /meetings/:id/plan-next ("Planlæg næste møde", moving postponed items to the next meeting) and
// /meetings/series/:partnershipId (the partnership's meeting series). Konsulent only.
import { Router, type Request } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { renderDeleteConfirmation } from '../web/confirm';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { MEETING_KIND_LABELS, options } from '../web/labels';
import { utcToCopenhagen } from '../web/time';
import { standardItemsOf } from '../partnerships/service';
import { movePostponedToNext, nextMeetingDefaults, nextPlannedMeeting, planNextMeeting, postponedToMove } from './planning';
import { PlanNextSchema, SeriesFormSchema } from './planning-schemas';
import { participantsOf, type MeetingRow } from './queries';
import { removeSeries, saveSeries, seriesOfPartnership } from './series';
import { danishDate, describeSeries, WEEKDAY_NAMES } from './series-rule';
import { PLANNING_TEXTS as P } from './messages';
import { flashUnreached, notifierFor } from '../notifications/service';

type LoadMeeting = (raw: unknown) => Promise<MeetingRow>;

const NTH_LABELS: Record<string, string> = { '1': '1.', '2': '2.', '3': '3.', '4': '4.', '-1': 'Sidste' };

export function planningRoutes({ db, clock, config }: AppContext, loadMeeting: LoadMeeting): Router {
  const router = Router();
  const actor = (req: Request) => ({ userId: requireUser(req).id });
  const konsulent = requireRole('konsulent');

  async function planLocals(meeting: MeetingRow) {
    const [next, postponed, standardItems, participants, series] = await Promise.all([
      nextPlannedMeeting(db, meeting),
      postponedToMove(db, meeting),
      standardItemsOf(db, meeting.partnership_id),
      participantsOf(db, meeting.id),
      meeting.series_id ? db.selectFrom('meeting_series').selectAll().where('id', '=', meeting.series_id).executeTakeFirst() : undefined,
    ]);
    return { meeting, next, postponed, standardItems, participants, seriesText: series ? describeSeries(series) : null };
  }

  router.get('/:id/plan-next', konsulent, async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    res.render('meetings/plan-next', { ...(await planLocals(meeting)), form: formFrom({ ...(await nextMeetingDefaults(db, meeting.id, clock.now())) }) });
  });

  router.post('/:id/plan-next', konsulent, async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    await submitForm(res, {
      schema: PlanNextSchema,
      body: req.body,
      view: 'meetings/plan-next',
      locals: () => planLocals(meeting),
      save: async (data) => {
        const notifier = notifierFor(config);
        const id = await planNextMeeting(db, meeting.id, data, actor(req), clock.now(), notifier);
        flash(req, P.planned(danishDate(data.day)));
        flashUnreached(req, notifier);
        res.redirect(303, `/meetings/${id}`);
      },
    });
  });

  router.post('/:id/move-postponed', konsulent, async (req, res) => {
    const meeting = await loadMeeting(req.params.id);
    const { nextId, moved } = await movePostponedToNext(db, meeting.id, actor(req), clock.now());
    flash(req, P.moved(moved));
    res.redirect(303, `/meetings/${nextId}#dagsorden`);
  });

  // ---- the partnership's series ----

  async function loadPartnership(raw: unknown) {
    const partnership = await db.selectFrom('partnerships').select(['id', 'name', 'meeting_cadence']).where('id', '=', parseId(raw)).executeTakeFirst();
    if (!partnership) throw new NotFound();
    return partnership;
  }

  const seriesLocals = async (partnership: { id: number; name: string; meeting_cadence: string }) => {
    const series = await seriesOfPartnership(db, partnership.id);
    return {
      partnership,
      series: series ?? null,
      seriesText: series ? describeSeries(series) : null,
      kindOptions: options(MEETING_KIND_LABELS),
      ruleOptions: [
        { value: 'weeks', label: 'Hver N. uge på samme ugedag' },
        { value: 'monthly', label: 'En bestemt ugedag i måneden, fx 2. tirsdag' },
      ],
      nthOptions: [{ value: '', label: 'Vælg' }, ...Object.entries(NTH_LABELS).map(([value, label]) => ({ value, label }))],
      weekdayOptions: WEEKDAY_NAMES.map((name, i) => ({ value: String(i + 1), label: name })),
    };
  };

  router.get('/series/:partnershipId', konsulent, async (req, res) => {
    const partnership = await loadPartnership(req.params.partnershipId);
    const locals = await seriesLocals(partnership);
    const values = locals.series
      ? { ...locals.series, weekday: String(locals.series.weekday), nth: locals.series.nth === null ? '' : String(locals.series.nth) }
      : { title: MEETING_KIND_LABELS.partnerskabsmoede, kind: 'partnerskabsmoede', rule: 'weeks', interval_weeks: 6, weekday: '2', start_time: '14:00', end_time: '16:00', first_day: utcToCopenhagen(clock.now()).day };
    res.render('meetings/series-form', { ...locals, form: formFrom(values) });
  });

  router.post('/series/:partnershipId', konsulent, async (req, res) => {
    const partnership = await loadPartnership(req.params.partnershipId);
    await submitForm(res, {
      schema: SeriesFormSchema,
      body: req.body,
      view: 'meetings/series-form',
      locals: () => seriesLocals(partnership),
      save: async (data) => {
        const notifier = notifierFor(config);
        const { planned } = await saveSeries(db, partnership.id, data, actor(req), clock.now(), notifier);
        flash(req, planned ? P.seriesPlanned(danishDate(planned.day)) : P.seriesSaved);
        flashUnreached(req, notifier);
        res.redirect(303, `/partnerships/${partnership.id}`);
      },
    });
  });

  router.get('/series/:partnershipId/delete', konsulent, async (req, res) => {
    const partnership = await loadPartnership(req.params.partnershipId);
    const series = await seriesOfPartnership(db, partnership.id);
    if (!series) throw new NotFound();
    renderDeleteConfirmation(req, res, {
      question: `Vil du fjerne mødeserien "${describeSeries(series)}"?`,
      consequences: ['Der planlægges ikke længere møder automatisk. Seriens møder findes stadig, også de planlagte.', 'Mødekadencen bliver "aftales nærmere".'],
      back: `/meetings/series/${partnership.id}`,
      button: 'Fjern',
    });
  });

  router.post('/series/:partnershipId/delete', konsulent, async (req, res) => {
    const partnership = await loadPartnership(req.params.partnershipId);
    await removeSeries(db, partnership.id, actor(req), clock.now());
    flash(req, P.seriesRemoved);
    res.redirect(303, `/partnerships/${partnership.id}`);
  });

  return router;
}
