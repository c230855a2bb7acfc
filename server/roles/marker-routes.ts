// /roles/:key/markers: the konsulent (and admin) adds, edits, orders, retires and deletes a role's
// progress markers. Mounted by routes.ts; every page 404s for an unknown role or a marker of another.
import { Router, type Request } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, routeParam, submitForm } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { findRole } from './queries';
import { createMarker, deleteMarker, findMarker, listMarkers, setMarkerRetired, updateMarker } from './markers';
import { MARKER_LEVEL_LABELS, MARKER_LEVELS, MarkerFormSchema, RetireSchema } from './schemas';
import { ROLE_TEXTS as T } from './messages';

const levelOptions = MARKER_LEVELS.map((l) => ({ value: String(l), label: `${l}. ${MARKER_LEVEL_LABELS[l]}` }));

export function markerRoutes({ db, clock }: Pick<AppContext, 'db' | 'clock'>): Router {
  const router = Router({ mergeParams: true });

  async function roleOf(req: Request) {
    const key = routeParam(req, 'key');
    const role = typeof key === 'string' ? await findRole(db, key) : undefined;
    if (!role) throw new NotFound();
    return role;
  }

  async function markerOf(req: Request) {
    const role = await roleOf(req);
    const marker = await findMarker(db, role.key, parseId(routeParam(req, 'id')));
    if (!marker) throw new NotFound();
    return { role, marker };
  }

  const pageOf = (key: string) => `/roles/${encodeURIComponent(key)}`;
  const formLocals = (role: { key: string; name: string }, marker: { id: number; code?: string } | null) => ({ role, marker, levelOptions });

  router.get('/new', requireRole('konsulent'), async (req, res) => {
    const role = await roleOf(req);
    const level = typeof req.query.level === 'string' && /^[123]$/.test(req.query.level) ? req.query.level : '1';
    res.render('roles/marker-form', { ...formLocals(role, null), form: formFrom({ level, text: '', position: '' }) });
  });

  router.post('/', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const role = await roleOf(req);
    await submitForm(res, {
      schema: MarkerFormSchema,
      body: req.body,
      view: 'roles/marker-form',
      locals: () => formLocals(role, null),
      save: async (data) => {
        await createMarker(db, role.key, data, { userId: user.id }, clock.now());
        flash(req, T.markerCreated);
        res.redirect(303, `${pageOf(role.key)}#markoerer`);
      },
    });
  });

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const { role, marker } = await markerOf(req);
    const code = (await listMarkers(db, role.key)).find((m) => m.id === marker.id)?.code;
    res.render('roles/marker-form', { ...formLocals(role, { ...marker, code }), form: formFrom({ level: String(marker.level), text: marker.text, position: marker.position }) });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const { role, marker } = await markerOf(req);
    await submitForm(res, {
      schema: MarkerFormSchema,
      body: req.body,
      view: 'roles/marker-form',
      locals: () => formLocals(role, marker),
      save: async (data) => {
        await updateMarker(db, role.key, marker.id, data, { userId: user.id }, clock.now());
        flash(req, T.markerSaved);
        res.redirect(303, `${pageOf(role.key)}#markoerer`);
      },
    });
  });

  router.post('/:id/retire', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const { role, marker } = await markerOf(req);
    const parsed = RetireSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return res.status(422).render('roles/marker-form', { ...formLocals(role, marker), form: { values: { level: String(marker.level), text: marker.text, position: marker.position }, errors: { retired: 'Ukendt handling' } }, formError: 'Ukendt handling.' });
    }
    const retired = parsed.data.retired === '1';
    await setMarkerRetired(db, role.key, marker.id, retired, { userId: user.id }, clock.now());
    flash(req, retired ? T.markerRetired : T.markerReactivated);
    res.redirect(303, `${pageOf(role.key)}#markoerer`);
  });

  router.get('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const { role, marker } = await markerOf(req);
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette markøren »${marker.text}« fra rollen ${role.name}?`,
      consequences: ['Markøren slettes og kan ikke længere vælges. Det kan ikke fortrydes. En markør, der er knyttet observationer til, kan ikke slettes, men kan udgå.'],
      back: `${pageOf(role.key)}#markoerer`,
    });
  });

  router.post('/:id/delete', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const { role, marker } = await markerOf(req);
    await deleteMarker(db, role.key, marker.id, { userId: user.id }, clock.now());
    flash(req, T.markerDeleted);
    res.redirect(303, `${pageOf(role.key)}#markoerer`);
  });

  return router;
}
