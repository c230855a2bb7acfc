// /people: list, view, create, edit, delete, and the GDPR export for administrators.
import { Router } from 'express';
import { ORGANISATION_KINDS, PERSON_POSITIONS } from '../db/schema';
import { ORGANISATION_KIND_LABELS } from '../organisations/schemas';
import { organisationOptions } from '../organisations/service';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { pageRequest, pagination } from '../web/pagination';
import { accountOfPerson, countPeople, findPerson, listPeople, partnershipsOfPerson } from './queries';
import { PersonFilterSchema, PersonFormSchema, POSITION_LABELS } from './schemas';
import { createPerson, deletePerson, exportPerson, updatePerson } from './service';
import { PEOPLE_TEXTS as T } from './messages';

const positionOptions = PERSON_POSITIONS.map((p) => ({ value: p, label: POSITION_LABELS[p] }));
const kindOptions = ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }));

export function peopleRoutes({ db, clock, caches }: AppContext): Router {
  const router = Router();
  const formLocals = async (person: Awaited<ReturnType<typeof findPerson>> | null = null) => {
    const options = await organisationOptions(db);
    // Only active organisations are offered, but a person already in an inactive one keeps it on save.
    if (person?.organisation_id && !options.some((o) => o.value === person.organisation_id)) {
      options.push({ value: person.organisation_id, label: `${person.organisation_name} (inaktiv)` });
    }
    return { person, positionOptions, organisationOptions: [{ value: '', label: 'Ingen organisation' }, ...options] };
  };

  router.get('/', async (req, res) => {
    const filter = PersonFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const [rows, total, organisations] = await caches.listPages.get({ list: 'people', filter, page }, () =>
      Promise.all([listPeople(db, filter, page.limit, page.offset), countPeople(db, filter), organisationOptions(db)]),
    );
    res.render('people/list', {
      rows,
      filter,
      kindOptions,
      positionOptions,
      organisations,
      positionLabels: POSITION_LABELS,
      pager: pagination(page, total, '/people', {
        q: filter.q,
        kind: filter.kind,
        organisation_id: filter.organisation_id ? String(filter.organisation_id) : undefined,
        position: filter.position,
      }),
    });
  });

  router.get('/new', requireRole('konsulent'), async (req, res) => {
    const organisationId = typeof req.query.organisation_id === 'string' ? req.query.organisation_id : '';
    res.render('people/form', { ...(await formLocals()), form: formFrom({ position: 'medarbejder', active: true, organisation_id: organisationId }) });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: PersonFormSchema,
      body: req.body,
      view: 'people/form',
      locals: () => formLocals(),
      save: async (data) => {
        const id = await createPerson(db, data, { userId: user.id }, clock.now());
        flash(req, T.created);
        res.redirect(303, `/people/${id}`);
      },
    });
  });

  router.get('/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const person = await findPerson(db, id);
    if (!person) throw new NotFound();
    const [partnerships, account] = await Promise.all([partnershipsOfPerson(db, id), accountOfPerson(db, id)]);
    res.render('people/show', { person, partnerships, account, positionLabels: POSITION_LABELS });
  });

  // Everything stored about the person (GDPR art. 15/20), for an administrator answering a request.
  // Not audited: the app records changes, not reads.
  router.get('/:id/export.json', requireRole('admin'), async (req, res) => {
    const id = parseId(req.params.id);
    const data = await exportPerson(db, id, clock.now());
    res
      .type('application/json; charset=utf-8')
      .set({ 'Content-Disposition': `attachment; filename="personoplysninger-${id}.json"`, 'Cache-Control': 'no-store' })
      .send(JSON.stringify(data, null, 2));
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const person = await findPerson(db, parseId(req.params.id));
    if (!person) throw new NotFound();
    res.render('people/form', { ...(await formLocals(person)), form: formFrom({ ...person, active: person.active === 1 }) });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const person = await findPerson(db, parseId(req.params.id));
    if (!person) throw new NotFound();
    await submitForm(res, {
      schema: PersonFormSchema,
      body: req.body,
      view: 'people/form',
      locals: () => formLocals(person),
      save: async (data) => {
        await updatePerson(db, person.id, data, { userId: user.id }, clock.now());
        flash(req, T.saved);
        res.redirect(303, `/people/${person.id}`);
      },
    });
  });

  router.get('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const person = await findPerson(db, parseId(req.params.id));
    if (!person) throw new NotFound();
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette personen ${person.name}?`,
      consequences: [
        'Personen slettes fra personlisten. Det kan ikke fortrydes.',
        'En person, der indgår i møder, partnerskaber eller historik, kan ikke slettes. Deaktivér personen i stedet under Redigér.',
      ],
      back: `/people/${person.id}`,
    });
  });

  router.post('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const id = parseId(req.params.id);
    await deletePerson(db, id, { userId: user.id }, clock.now());
    flash(req, T.deleted);
    res.redirect(303, '/people');
  });

  return router;
}
