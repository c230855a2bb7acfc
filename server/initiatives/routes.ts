// /initiatives: list, create, view, edit; status changes, progress updates, partners, effect
// measures and measurements, citizen stories.
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { commentsOf, addComment } from '../comments/service';
import { CITIZEN_ROLES, EFFECT_PERIOD_KINDS, INITIATIVE_KINDS, INITIATIVE_STATUSES, INVOLVEMENT_LEVELS, TRIAL_DECISIONS } from '../db/schema';
import { ACTION_STATUS_LABELS } from '../web/labels';
import { CommentSchema } from '../comments/schemas';
import { organisationOptions } from '../organisations/service';
import { listPartnerships } from '../partnerships/service';
import { listKerneopgaver, listRoles } from '../reference/service';
import { permissions, requireRole, requireUser } from '../web/auth';
import { groupBy } from '../web/collections';
import { lineChart } from '../web/charts';
import type { AppContext } from '../web/context';
import { Invalid, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseForm, parseId, submitForm, type FormState, FORM_ERROR } from '../web/form';
import { formatIsoDay } from '../web/format';
import { renderDeleteConfirmation } from '../web/confirm';
import { pageRequest, pagination } from '../web/pagination';
import { utcToCopenhagen } from '../web/time';
import { CITIZEN_ROLE_LABELS, INITIATIVE_KIND_LABELS, INITIATIVE_STATUS_LABELS, INVOLVEMENT_LABELS, TRIAL_DECISION_LABELS } from './labels';
import { peopleNearInitiative, countInitiatives, effectsOf, findEffectMeasure, findInitiative, findPartner, initiativeDetails, listInitiatives, tagsOf, type InitiativeRow } from './queries';
import {
  CitizenStorySchema,
  EffectMeasureSchema,
  InitiativeFilterSchema,
  InitiativeFormSchema,
  MeasurementSchema,
  PartnerSchema,
  ProgressUpdateSchema,
  StatusChangeSchema,
} from './schemas';
import {
  addCitizenStory,
  addEffectMeasure,
  addMeasurement,
  addPartner,
  addProgressUpdate,
  changeStatus,
  createInitiative,
  deleteInitiative,
  isTrialOverdue,
  needsFundingWarning,
  removePartner,
  updateInitiative,
  type Who,
} from './service';
import { INITIATIVE_TEXTS as T } from './messages';
import { effectUpdateRoutes } from './effect-update-routes';
import { effectSeries, effectUpdatesOfInitiative } from './effect-updates';
import { EFFECT_PERIOD_KIND_LABELS, EFFECT_UPDATE_STATUS_LABELS } from './labels';
import { reviewOf } from '../reviews/service';

const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const withNone = (list: Array<{ value: string | number; label: string }>, label = 'Ikke angivet') => [{ value: '', label }, ...list];

export function initiativeRoutes(ctx: AppContext): Router {
  const { db, clock, caches } = ctx;
  const router = Router();
  router.use(effectUpdateRoutes(ctx));
  const who = (req: Request): Who => {
    const user = requireUser(req);
    return { actor: { userId: user.id }, personId: user.personId };
  };
  const today = () => utcToCopenhagen(clock.now()).day;
  const labels = {
    kindLabels: INITIATIVE_KIND_LABELS,
    statusLabels: INITIATIVE_STATUS_LABELS,
    citizenRoleLabels: CITIZEN_ROLE_LABELS,
    involvementLabels: INVOLVEMENT_LABELS,
    trialDecisionLabels: TRIAL_DECISION_LABELS,
    actionStatusLabels: ACTION_STATUS_LABELS,
  };

  async function load(raw: unknown): Promise<InitiativeRow> {
    const initiative = await findInitiative(db, parseId(raw));
    if (!initiative) throw new NotFound();
    return initiative;
  }

  router.get('/', async (req, res) => {
    const filter = InitiativeFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const day = today();
    const [rows, total, kerneopgaver, roles, places, tags] = await caches.listPages.get({ list: 'initiatives', filter, page, day }, async () => {
      const [rows, ...rest] = await Promise.all([
        listInitiatives(db, filter, day, page.limit, page.offset),
        countInitiatives(db, filter, day),
        listKerneopgaver(db),
        listRoles(db, { includeRetired: true }),
        organisationOptions(db),
      ]);
      return [rows, ...rest, await tagsOf(db, rows.map((r) => r.id))] as const;
    });
    const kerneopgaverOf = groupBy(tags.kerneopgaver, (k) => k.initiative_id);
    const placesOf = groupBy(tags.places, (p) => p.initiative_id);
    res.render('initiatives/list', {
      ...labels,
      rows: rows.map((r) => ({
        ...r,
        kerneopgaver: kerneopgaverOf.get(r.id) ?? [],
        places: placesOf.get(r.id) ?? [],
        fundingWarning: needsFundingWarning(r, day),
        trialOverdue: isTrialOverdue(r, day),
      })),
      filter,
      kerneopgaver,
      roles,
      places,
      statusOptions: opts(INITIATIVE_STATUSES, INITIATIVE_STATUS_LABELS),
      kindOptions: opts(INITIATIVE_KINDS, INITIATIVE_KIND_LABELS),
      pager: pagination(page, total, '/initiatives', {
        kerneopgave: filter.kerneopgave,
        status: filter.status,
        place_id: filter.place_id ? String(filter.place_id) : undefined,
        role: filter.role,
        kind: filter.kind,
        trial: filter.trial,
      }),
    });
  });

  async function formLocals(initiative: InitiativeRow | null) {
    const [kerneopgaver, roles, places, partnerships] = await Promise.all([
      listKerneopgaver(db),
      listRoles(db),
      organisationOptions(db),
      listPartnerships(db),
    ]);
    return {
      ...labels,
      initiative,
      kerneopgaver,
      roles,
      places,
      kindOptions: opts(INITIATIVE_KINDS, INITIATIVE_KIND_LABELS),
      statusOptions: opts(INITIATIVE_STATUSES, INITIATIVE_STATUS_LABELS),
      citizenRoleOptions: withNone(opts(CITIZEN_ROLES, CITIZEN_ROLE_LABELS)),
      involvementOptions: withNone(opts(INVOLVEMENT_LEVELS, INVOLVEMENT_LABELS)),
      trialDecisionOptions: withNone(opts(TRIAL_DECISIONS, TRIAL_DECISION_LABELS), 'Ikke besluttet'),
      partnershipOptions: withNone(partnerships.map((p) => ({ value: p.id, label: p.name })), 'Intet partnerskab'),
    };
  }

  router.get('/new', requireRole('konsulent'), async (req, res) => {
    const partnerships = await listPartnerships(db);
    const kind = req.query.kind === 'proevehandling' ? 'proevehandling' : 'initiativ';
    res.render('initiatives/form', {
      ...(await formLocals(null)),
      form: formFrom({ kind, status: 'ide', partnership_id: partnerships[0]?.id ?? '', kerneopgaver: [], place_ids: [], role_keys: [] }),
    });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    await submitForm(res, {
      schema: InitiativeFormSchema,
      body: req.body,
      view: 'initiatives/form',
      locals: () => formLocals(null),
      save: async (data) => {
        const id = await createInitiative(db, data, who(req), clock.now());
        flash(req, data.kind === 'proevehandling' ? 'Prøvehandlingen er oprettet.' : 'Initiativet er oprettet.');
        res.redirect(303, `/initiatives/${id}`);
      },
    });
  });

  const peopleNearFor = (key: { initiativeId: number; partnershipId: number | null }) =>
    caches.initiativePeople.get(key, () => peopleNearInitiative(db, key.initiativeId, key.partnershipId));
  const organisationChoices = () => caches.organisationChoices.get(null, () => organisationOptions(db));

  async function renderInitiative(req: Request, res: Response, initiative: InitiativeRow, status = 200, form?: FormState) {
    // The partner form's choices are for those who may edit, and change only with the data.
    const editor = permissions.edit(requireUser(req).role);
    const [[details, [measures, measurements, stories], comments, kerneopgaver, effectUpdates], people, organisations] = await Promise.all([
      // The same for every reader: remembered per data version.
      caches.initiativePage.get(initiative.id, () =>
        Promise.all([
          initiativeDetails(db, initiative.id),
          effectsOf(db, initiative.id),
          commentsOf(db, 'initiative', initiative.id),
          listKerneopgaver(db),
          effectUpdatesOfInitiative(db, initiative.id),
        ]),
      ),
      editor ? peopleNearFor({ initiativeId: initiative.id, partnershipId: initiative.partnership_id }) : [],
      editor ? organisationChoices() : [],
    ]);
    const day = today();
    const measurementsOf = groupBy(measurements, (x) => x.effect_measure_id);
    const updatesOf = groupBy(effectUpdates, (u) => u.measure_id);
    res.status(status).render('initiatives/show', {
      ...labels,
      initiative,
      review: initiative.kind === 'proevehandling' ? await reviewOf(db, 'afproevning', initiative.id) : null,
      ...details,
      measures: measures.map((m) => {
        const points = measurementsOf.get(m.id) ?? [];
        // The period series counts from today (Copenhagen), so it is made per request, not cached.
        const series = effectSeries({ ...m, ends: initiative.end_date }, updatesOf.get(m.id) ?? [], day);
        const approved = series.filter((p) => p.value !== null);
        return {
          ...m,
          measurements: points,
          chart: lineChart(points.map((p) => ({ label: formatIsoDay(p.date), value: p.value })), { baseline: m.baseline, target: m.target }),
          series,
          seriesChart: lineChart(approved.map((p) => ({ label: p.label, value: p.value! })), { baseline: m.baseline, target: m.target }),
          seriesChartPoints: approved.length,
        };
      }),
      stories,
      comments,
      effectStatusLabels: EFFECT_UPDATE_STATUS_LABELS,
      periodKindLabels: EFFECT_PERIOD_KIND_LABELS,
      periodKindOptions: opts(EFFECT_PERIOD_KINDS, EFFECT_PERIOD_KIND_LABELS),
      fundingWarning: needsFundingWarning(initiative, day),
      trialOverdue: isTrialOverdue(initiative, day),
      today: day,
      statusOptions: opts(INITIATIVE_STATUSES, INITIATIVE_STATUS_LABELS),
      personOptions: withNone(people.map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name })), 'Ingen person'),
      organisationOptions: withNone(organisations, 'Ingen organisation'),
      kerneopgaveOptions: withNone(kerneopgaver.map((k) => ({ value: k.key, label: k.name }))),
      ...(form ? { form, formError: FORM_ERROR } : {}),
    });
  }

  router.get('/:id', async (req, res) => {
    await renderInitiative(req, res, await load(req.params.id));
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const initiative = await load(req.params.id);
    const details = await initiativeDetails(db, initiative.id);
    res.render('initiatives/form', {
      ...(await formLocals(initiative)),
      form: formFrom({
        ...initiative,
        kerneopgaver: details.kerneopgaver.map((k) => k.key),
        place_ids: details.places.map((p) => p.id),
        role_keys: details.roles.map((r) => r.key),
      }),
    });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const initiative = await load(req.params.id);
    await submitForm(res, {
      schema: InitiativeFormSchema,
      body: req.body,
      view: 'initiatives/form',
      locals: () => formLocals(initiative),
      save: async (data) => {
        await updateInitiative(db, initiative.id, data, who(req), clock.now());
        flash(req, T.saved);
        res.redirect(303, `/initiatives/${initiative.id}`);
      },
    });
  });

  router.get('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const initiative = await load(req.params.id);
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette initiativet "${initiative.title}"?`,
      consequences: [
        'Initiativet slettes med forløb, partnere, effektmål, borgerhistorier og kommentarer. Det kan ikke fortrydes.',
        'Rolleobservationer, erfaringer og dilemmaer, der nævner initiativet, bevares uden koblingen.',
        'Et initiativ med opfølgningspunkter fra møder kan ikke slettes. Sæt status til "Stoppet" i stedet.',
      ],
      back: `/initiatives/${initiative.id}`,
    });
  });

  router.post('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const initiative = await load(req.params.id);
    await deleteInitiative(db, initiative.id, who(req), clock.now());
    flash(req, T.deleted);
    res.redirect(303, '/initiatives');
  });

  /**
   * The forms on the initiative page: parse, save, and come back to the right section; invalid
   * input re-renders the page with 422 and the messages beside the fields. `rename` gives a field
   * another name in the form state where two forms on the page share a field name (ids must be unique).
   */
  function pageForm<S extends z.ZodType>(
    path: string,
    schema: S,
    anchor: string,
    save: (req: Request, initiative: InitiativeRow, data: z.infer<S>) => Promise<string>,
    rename: Record<string, string> = {},
  ) {
    const renamed = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [rename[k] ?? k, v]));
    const invalid = (form: FormState): FormState => ({ values: renamed(form.values), errors: renamed(form.errors) });
    router.post(`/:id/${path}`, requireRole('konsulent'), async (req, res) => {
      const initiative = await load(req.params.id);
      const parsed = parseForm(schema, req.body);
      if (!parsed.ok) return renderInitiative(req, res, initiative, 422, invalid(parsed.form));
      let message: string;
      try {
        message = await save(req, initiative, parsed.data);
      } catch (err) {
        if (err instanceof Invalid) return renderInitiative(req, res, initiative, 422, invalid({ values: { ...(req.body ?? {}) }, errors: err.fieldErrors }));
        throw err;
      }
      flash(req, message);
      res.redirect(303, `/initiatives/${initiative.id}#${anchor}`);
    });
  }

  pageForm('status', StatusChangeSchema, 'status', async (req, i, d) => {
    const changed = await changeStatus(db, i.id, d.status, d.reason, who(req), clock.now());
    return changed ? `Status er ændret til "${INITIATIVE_STATUS_LABELS[d.status]}".` : 'Initiativet havde allerede den status.';
  });
  pageForm('updates', ProgressUpdateSchema, 'forloeb', async (req, i, d) => {
    await addProgressUpdate(db, i.id, d, who(req), clock.now());
    return 'Opdateringen er tilføjet forløbet.';
  });
  pageForm('partners', PartnerSchema, 'partnere', async (req, i, d) => {
    await addPartner(db, i.id, d, who(req), clock.now());
    return 'Partneren er tilføjet.';
  });
  pageForm('effects', EffectMeasureSchema, 'effekt', async (req, i, d) => {
    await addEffectMeasure(db, i.id, d, who(req), clock.now());
    return 'Effektmålet er oprettet.';
  });
  pageForm(
    'stories',
    CitizenStorySchema,
    'borgerhistorier',
    async (req, i, d) => {
      await addCitizenStory(db, i.id, d, who(req), clock.now());
      return 'Borgerhistorien er gemt.';
    },
    { date: 'story_date' }, // the progress form has a date field too
  );

  router.post('/:id/effects/:measureId/measurements', requireRole('konsulent'), async (req, res) => {
    const initiative = await load(req.params.id);
    const measureId = parseId(req.params.measureId);
    // A measure of another initiative is not found here, whatever the form holds.
    if (!(await findEffectMeasure(db, initiative.id, measureId))) throw new NotFound();
    const parsed = parseForm(MeasurementSchema, req.body);
    if (!parsed.ok) {
      // Each measure has its own form; name the fields after the measure so the message lands beside them.
      const errors = Object.fromEntries(Object.entries(parsed.form.errors).map(([k, v]) => [`m${measureId}_${k}`, v]));
      const values = Object.fromEntries(Object.entries(parsed.form.values).map(([k, v]) => [`m${measureId}_${k}`, v]));
      return renderInitiative(req, res, initiative, 422, { values, errors });
    }
    await addMeasurement(db, initiative.id, measureId, parsed.data, who(req), clock.now());
    flash(req, T.measurementSaved);
    res.redirect(303, `/initiatives/${initiative.id}#effekt-${measureId}`);
  });

  router.get('/:id/partners/:partnerId/delete', requireRole('konsulent'), async (req, res) => {
    const initiative = await load(req.params.id);
    const partner = await findPartner(db, initiative.id, parseId(req.params.partnerId));
    if (!partner) throw new NotFound();
    const name = [partner.organisation_name, partner.person_name].filter(Boolean).join(' og ');
    renderDeleteConfirmation(req, res, {
      question: `Vil du fjerne ${name} som partner i "${initiative.title}"?`,
      consequences: ['Partneren fjernes fra initiativets liste over partnere. Organisationen og personen findes stadig.'],
      back: `/initiatives/${initiative.id}#partnere`,
      button: 'Fjern',
    });
  });

  router.post('/:id/partners/:partnerId/delete', requireRole('konsulent'), async (req, res) => {
    const initiative = await load(req.params.id);
    await removePartner(db, initiative.id, parseId(req.params.partnerId), who(req), clock.now());
    flash(req, T.partnerRemoved);
    res.redirect(303, `/initiatives/${initiative.id}#partnere`);
  });

  router.post('/:id/comments', requireRole('konsulent', 'repraesentant'), async (req, res) => {
    const initiative = await load(req.params.id);
    const parsed = parseForm(CommentSchema, req.body);
    if (!parsed.ok) return renderInitiative(req, res, initiative, 422, parsed.form);
    await addComment(db, 'initiative', initiative.id, requireUser(req).personId, parsed.data.body, who(req).actor, clock.now());
    flash(req, T.commentAdded);
    res.redirect(303, `/initiatives/${initiative.id}#comments-heading`);
  });

  return router;
}
