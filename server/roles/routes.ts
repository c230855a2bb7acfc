// /roles: the roles with their evidence over time and per institution, recording role evidence
// (rolleobservation), and administering the roles themselves.
import { renderFragment } from '../web/views';
import { findPerson } from '../people/service';
import { Router, type Request } from 'express';
import { initiativeOptions } from '../web/options';
import { organisationOptions } from '../organisations/service';
import { personOptions } from '../people/service';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { copenhagenDay, formatIsoDay } from '../web/format';
import { formFrom, optionalId, parseId, renderInvalid, routeParam, submitForm } from '../web/form';
import { pageRequest, pagination } from '../web/pagination';
import { renderDeleteConfirmation } from '../web/confirm';
import { utcToCopenhagen } from '../web/time';
import {
  countEvidence,
  findEvidence,
  findRole,
  listEvidence,
  organisationOfPerson,
  organisationsWithEvidence,
  recentMeetings,
  type EvidenceRecord,
} from './queries';
import {
  EvidenceFilterSchema,
  EvidenceFormSchema,
  EvidencePrefillSchema,
  NewRoleSchema,
  RetireSchema,
  ROLE_KIND_LABELS,
  ROLE_KINDS,
  RoleFormSchema,
  safeReturnPath,
} from './schemas';
import {
  createRole,
  deleteEvidence,
  recordEvidence,
  roleOptionGroups,
  roleOverview,
  setRoleRetired,
  updateEvidence,
  updateRole,
} from './service';
import { ROLE_TEXTS as T } from './messages';
import { markerRoutes } from './marker-routes';
import { markerOptionGroups, markersByLevel, roleMarkerOverview } from './markers';

const kindOptions = ROLE_KINDS.map((k) => ({ value: k, label: ROLE_KIND_LABELS[k] }));

/** An id from the submitted form, only to keep its meeting in the select when the form comes back. */
function idFromBody(req: Request, name: string): number | null {
  const parsed = optionalId.safeParse((req.body as Record<string, unknown> | undefined)?.[name]);
  return parsed.success ? parsed.data : null;
}

/** The role chosen in the submitted form, to offer its markers when the form comes back. */
function roleFromBody(req: Request): string | null {
  const key = (req.body as Record<string, unknown> | undefined)?.role_key;
  return typeof key === 'string' && key.trim() !== '' && key.length <= 40 ? key.trim() : null;
}

/** A role's :key; anything but a string simply finds no role. */
function keyParam(req: Request): string {
  const key = routeParam(req, 'key');
  return typeof key === 'string' ? key : '';
}

/** Institutions per page of the overview's role matrix. */
const MATRIX_PAGE_SIZE = 50;

export function roleRoutes({ db, clock, caches }: AppContext): Router {
  const router = Router();
  // The overview groups all evidence; it is the same for everyone until the data changes.
  const overviewFor = (day: string) => caches.roleOverview.get(day, () => roleOverview(db, new Date(`${day}T12:00:00Z`)));
  // A role page's institution choices (where the role was seen) only change with new evidence.
  const institutionsFor = (roleKey: string) => caches.roleInstitutions.get(roleKey, () => organisationsWithEvidence(db, roleKey));
  // A role's markers and where they were seen: one grouped query, the same for every reader until the data changes.
  const markersFor = (roleKey: string, day: string) => caches.roleMarkers.get([roleKey, day], () => roleMarkerOverview(db, roleKey, day));

  /** The evidence form's selects; an edited note keeps a person or organisation no longer offered. */
  const evidenceFormLocals = async (evidence: EvidenceRecord | null, meetingId: number | null, returnTo: string | null, roleKey: string | null = null) => {
    const [roleGroups, people, organisations, initiatives, meetings] = await Promise.all([
      roleOptionGroups(db, evidence?.role_key),
      personOptions(db),
      organisationOptions(db),
      initiativeOptions(db),
      recentMeetings(db, meetingId),
    ]);
    const personChoices = people.map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name }));
    if (evidence?.person_id && !personChoices.some((p) => p.value === evidence.person_id)) {
      personChoices.push({ value: evidence.person_id, label: `${evidence.person_name} (inaktiv)` });
    }
    if (evidence?.organisation_id && !organisations.some((o) => o.value === evidence.organisation_id)) {
      organisations.push({ value: evidence.organisation_id, label: `${evidence.organisation_name} (inaktiv)` });
    }
    // The chosen role's markers by level; with no role chosen yet, every role's.
    const roles = roleGroups.flatMap((g) => g.options.map((o) => ({ key: o.value, name: o.label })));
    const markerGroups = await markerOptionGroups(db, roles, roleKey ?? evidence?.role_key ?? null, evidence?.marker_id ?? null);
    return {
      evidence,
      returnTo,
      roleGroups,
      markerGroups,
      meetingList: meetings,
      personOptions: [{ value: '', label: 'Ingen bestemt person' }, ...personChoices],
      organisationOptions: [{ value: '', label: 'Ingen institution' }, ...organisations],
      initiativeOptions: [{ value: '', label: 'Intet initiativ' }, ...initiatives],
      meetingOptions: [
        { value: '', label: 'Intet møde' },
        ...meetings.map((m) => ({ value: m.id, label: `${formatIsoDay(utcToCopenhagen(m.starts_at).day)} – ${m.title}` })),
      ],
    };
  };

  const roleFormLocals = (role: unknown = null) => ({ role, kindOptions });

  router.get('/', async (req, res) => {
    const day = copenhagenDay(clock.now());
    // The matrix has a row per institution: a page of them at a time keeps the page readable.
    const page = pageRequest(req.query.page, MATRIX_PAGE_SIZE);
    // The same for every reader: rendered once per data version, day and page (about 60 KB).
    const overviewHtml = await caches.roleOverviewHtml.get({ day, page }, async () => {
      const overview = await overviewFor(day);
      return renderFragment('roles/overview-body', {
        ...overview,
        matrix: overview.matrix.slice(page.offset, page.offset + page.limit),
        matrixPager: pagination(page, overview.matrix.length, '/roles', {}),
        kindLabels: ROLE_KIND_LABELS,
      });
    });
    res.render('roles/index', { overviewHtml });
  });

  // ---- role evidence (konsulent, admin) ----

  router.get('/evidence/new', requireRole('konsulent'), async (req, res) => {
    const prefill = EvidencePrefillSchema.parse(req.query);
    const returnTo = safeReturnPath(req.query.return);
    const locals = await evidenceFormLocals(null, prefill.meeting_id ?? null, returnTo, prefill.role_key || null);
    const today = copenhagenDay(clock.now());
    // A note started from a meeting is most likely about that day; from a person, about their workplace.
    const meeting = locals.meetingList.find((m) => m.id === prefill.meeting_id);
    const meetingDay = meeting ? utcToCopenhagen(meeting.starts_at).day : null;
    const organisationId = prefill.organisation_id ?? (prefill.person_id ? await organisationOfPerson(db, prefill.person_id) : null);
    res.render('roles/evidence-form', {
      ...locals,
      form: formFrom({
        role_key: prefill.role_key ?? '',
        date: meetingDay && meetingDay <= today ? meetingDay : today,
        person_id: prefill.person_id ?? '',
        organisation_id: organisationId ?? '',
        initiative_id: prefill.initiative_id ?? '',
        meeting_id: prefill.meeting_id ?? '',
        return: returnTo ?? '',
      }),
    });
  });

  router.post('/evidence', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const returnTo = safeReturnPath(req.body?.return);
    await submitForm(res, {
      schema: EvidenceFormSchema,
      body: req.body,
      view: 'roles/evidence-form',
      locals: () => evidenceFormLocals(null, idFromBody(req, 'meeting_id'), returnTo, roleFromBody(req)),
      save: async (data) => {
        await recordEvidence(db, data, user.personId, { userId: user.id }, clock.now());
        flash(req, T.evidenceRecorded);
        res.redirect(303, returnTo ?? `/roles/${encodeURIComponent(data.role_key)}`);
      },
    });
  });

  router.get('/evidence/:id/edit', requireRole('konsulent'), async (req, res) => {
    const evidence = await findEvidence(db, parseId(req.params.id));
    if (!evidence) throw new NotFound();
    const returnTo = safeReturnPath(req.query.return);
    res.render('roles/evidence-form', {
      ...(await evidenceFormLocals(evidence, evidence.meeting_id, returnTo)),
      form: formFrom({ ...evidence, return: returnTo ?? '' }),
    });
  });

  router.post('/evidence/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const evidence = await findEvidence(db, parseId(req.params.id));
    if (!evidence) throw new NotFound();
    const returnTo = safeReturnPath(req.body?.return);
    await submitForm(res, {
      schema: EvidenceFormSchema,
      body: req.body,
      view: 'roles/evidence-form',
      locals: () => evidenceFormLocals(evidence, idFromBody(req, 'meeting_id') ?? evidence.meeting_id, returnTo, roleFromBody(req)),
      save: async (data) => {
        await updateEvidence(db, evidence.id, data, { userId: user.id }, clock.now());
        flash(req, T.evidenceSaved);
        res.redirect(303, returnTo ?? `/roles/${encodeURIComponent(data.role_key)}#observation-${evidence.id}`);
      },
    });
  });

  router.get('/evidence/:id/delete', requireRole('konsulent'), async (req, res) => {
    const evidence = await findEvidence(db, parseId(req.params.id));
    if (!evidence) throw new NotFound();
    const role = await findRole(db, evidence.role_key);
    const returnTo = safeReturnPath(req.query.return);
    const who = [role?.name ?? evidence.role_key, evidence.person_name, evidence.team].filter(Boolean).join(', ');
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette rolleobservationen fra ${formatIsoDay(evidence.date)} (${who})?`,
      consequences: ['Observationen slettes og tæller ikke længere med i rollens overblik. Det kan ikke fortrydes.'],
      back: returnTo ?? `/roles/${encodeURIComponent(evidence.role_key)}`,
      hidden: returnTo ? { return: returnTo } : {},
    });
  });

  router.post('/evidence/:id/delete', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const roleKey = await deleteEvidence(db, parseId(req.params.id), { userId: user.id }, clock.now());
    flash(req, T.evidenceDeleted);
    res.redirect(303, safeReturnPath(req.body?.return) ?? `/roles/${encodeURIComponent(roleKey)}`);
  });

  // ---- administering roles (admin) ----

  router.get('/new', requireRole('admin'), (_req, res) => {
    res.render('roles/role-form', { ...roleFormLocals(), form: formFrom({ kind: 'medarbejder' }) });
  });

  router.post('/', requireRole('admin'), async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: NewRoleSchema,
      body: req.body,
      view: 'roles/role-form',
      locals: () => roleFormLocals(),
      save: async (data) => {
        const key = await createRole(db, data, { userId: user.id }, clock.now());
        flash(req, T.roleCreated);
        res.redirect(303, `/roles/${encodeURIComponent(key)}`);
      },
    });
  });

  // ---- a role's progress markers (konsulent, admin): /roles/:key/markers/… ----
  router.use('/:key/markers', markerRoutes({ db, clock }));

  // ---- one role ----

  router.get('/:key', async (req, res) => {
    const role = await findRole(db, keyParam(req));
    if (!role) throw new NotFound();
    // A named person's evidence is for the konsulent and the representatives; a reader sees what was
    // done, by a team or "en medarbejder", and cannot filter by person.
    const seePersons = requireUser(req).role !== 'laeser';
    const parsedFilter = EvidenceFilterSchema.parse(req.query);
    const filter = seePersons ? parsedFilter : { ...parsedFilter, person_q: '', person_id: undefined };
    const page = pageRequest(req.query.page);
    const [rows, total, organisations, person, growth] = await Promise.all([
      listEvidence(db, role.key, filter, page.limit, page.offset),
      countEvidence(db, role.key, filter),
      institutionsFor(role.key),
      filter.person_id ? findPerson(db, filter.person_id) : undefined,
      markersFor(role.key, copenhagenDay(clock.now())),
    ]);
    const path = `/roles/${encodeURIComponent(role.key)}`;
    res.render('roles/show', {
      role,
      rows,
      filter,
      personName: person?.name ?? null,
      organisations,
      seePersons,
      markerLevels: markersByLevel(growth.markers),
      markerById: new Map(growth.markers.map((m) => [m.id, m])),
      markerQuarters: growth.quarters,
      markerMatrix: growth.matrix,
      kindLabels: ROLE_KIND_LABELS,
      filtered: !!(filter.person_id || filter.person_q || filter.organisation_id || filter.from || filter.to),
      backHere: req.originalUrl,
      pager: pagination(page, total, path, {
        person_q: filter.person_q || undefined,
        person_id: filter.person_id ? String(filter.person_id) : undefined,
        organisation_id: filter.organisation_id ? String(filter.organisation_id) : undefined,
        from: filter.from,
        to: filter.to,
      }),
    });
  });

  router.get('/:key/edit', requireRole('admin'), async (req, res) => {
    const role = await findRole(db, keyParam(req));
    if (!role) throw new NotFound();
    res.render('roles/role-form', { ...roleFormLocals(role), form: formFrom(role) });
  });

  router.post('/:key', requireRole('admin'), async (req, res) => {
    const user = requireUser(req);
    const role = await findRole(db, keyParam(req));
    if (!role) throw new NotFound();
    await submitForm(res, {
      schema: RoleFormSchema,
      body: req.body,
      view: 'roles/role-form',
      locals: () => roleFormLocals(role),
      save: async (data) => {
        await updateRole(db, role.key, data, { userId: user.id }, clock.now());
        flash(req, T.roleSaved);
        res.redirect(303, `/roles/${encodeURIComponent(role.key)}`);
      },
    });
  });

  router.post('/:key/retire', requireRole('admin'), async (req, res) => {
    const user = requireUser(req);
    const role = await findRole(db, keyParam(req));
    if (!role) throw new NotFound();
    const parsed = RetireSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderInvalid(res, 'roles/role-form', roleFormLocals(role), { values: role, errors: { retired: 'Ukendt handling' } });
    const retired = parsed.data.retired === '1';
    await setRoleRetired(db, role.key, retired, { userId: user.id }, clock.now());
    flash(req, retired ? 'Rollen er markeret som udgået. Dens observationer er bevaret.' : 'Rollen er genaktiveret.');
    res.redirect(303, `/roles/${encodeURIComponent(role.key)}`);
  });

  return router;
}
