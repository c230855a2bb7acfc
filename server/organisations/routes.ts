// /organisations: list, view, create, edit, delete.
import { Router } from 'express';
import { ORGANISATION_KINDS } from '../db/schema';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { pageRequest, pagination } from '../web/pagination';
import {
  countOrganisations,
  findOrganisation,
  listOrganisations,
  ORGANISATION_PEOPLE_SHOWN,
  partnershipsOfOrganisation,
  peopleOfOrganisation,
} from './queries';
import { ORGANISATION_KIND_LABELS, OrganisationFilterSchema, OrganisationFormSchema } from './schemas';
import { createOrganisation, deleteOrganisation, updateOrganisation } from './service';
import { ORGANISATION_TEXTS as T } from './messages';

const kindOptions = ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }));

export function organisationRoutes({ db, clock, caches }: AppContext): Router {
  const router = Router();
  const formLocals = (organisation: unknown = null) => ({ organisation, kindOptions, kindLabels: ORGANISATION_KIND_LABELS });

  router.get('/', async (req, res) => {
    const filter = OrganisationFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const [rows, total] = await caches.listPages.get({ list: 'organisations', filter, page }, () =>
      Promise.all([listOrganisations(db, filter, page.limit, page.offset), countOrganisations(db, filter)]),
    );
    res.render('organisations/list', {
      rows,
      filter,
      kindOptions,
      kindLabels: ORGANISATION_KIND_LABELS,
      pager: pagination(page, total, '/organisations', { q: filter.q, kind: filter.kind }),
    });
  });

  router.get('/new', requireRole('konsulent'), (_req, res) => {
    res.render('organisations/form', { ...formLocals(), form: formFrom({ kind: 'forening', active: true }) });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: OrganisationFormSchema,
      body: req.body,
      view: 'organisations/form',
      locals: () => formLocals(),
      save: async (data) => {
        const id = await createOrganisation(db, data, { userId: user.id }, clock.now());
        flash(req, T.created);
        res.redirect(303, `/organisations/${id}`);
      },
    });
  });

  router.get('/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const organisation = await findOrganisation(db, id);
    if (!organisation) throw new NotFound();
    const [people, partnerships] = await Promise.all([peopleOfOrganisation(db, id), partnershipsOfOrganisation(db, id)]);
    res.render('organisations/show', {
      organisation,
      people: people.slice(0, ORGANISATION_PEOPLE_SHOWN),
      morePeople: people.length > ORGANISATION_PEOPLE_SHOWN,
      partnerships,
      kindLabels: ORGANISATION_KIND_LABELS,
    });
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const organisation = await findOrganisation(db, parseId(req.params.id));
    if (!organisation) throw new NotFound();
    res.render('organisations/form', { ...formLocals(organisation), form: formFrom({ ...organisation, active: organisation.active === 1 }) });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const organisation = await findOrganisation(db, parseId(req.params.id));
    if (!organisation) throw new NotFound();
    await submitForm(res, {
      schema: OrganisationFormSchema,
      body: req.body,
      view: 'organisations/form',
      locals: () => formLocals(organisation),
      save: async (data) => {
        await updateOrganisation(db, organisation.id, data, { userId: user.id }, clock.now());
        flash(req, T.saved);
        res.redirect(303, `/organisations/${organisation.id}`);
      },
    });
  });

  router.get('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const organisation = await findOrganisation(db, parseId(req.params.id));
    if (!organisation) throw new NotFound();
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette organisationen ${organisation.name}?`,
      consequences: [
        'Organisationen slettes fra listen. Det kan ikke fortrydes.',
        'En organisation, der bruges af personer, partnerskaber eller historik, kan ikke slettes. Deaktivér den i stedet under Redigér.',
      ],
      back: `/organisations/${organisation.id}`,
    });
  });

  router.post('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id);
    await deleteOrganisation(db, id, { userId: user.id }, clock.now());
    flash(req, T.deleted);
    res.redirect(303, '/organisations');
  });

  return router;
}
