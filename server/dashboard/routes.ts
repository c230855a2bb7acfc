// / (the overview) and /baseline, the benchmark's yardstick page.
import { Router } from 'express';
import { listPartnerships } from '../partnerships/queries';
import { listFocusAspects, listKerneopgaver, listRoles } from '../reference/queries';
import type { AppContext } from '../web/context';

export function dashboardRoutes({ db }: AppContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const [partnerships, roles, kerneopgaver, focusAspects] = await Promise.all([
      listPartnerships(db),
      listRoles(db),
      listKerneopgaver(db),
      listFocusAspects(db),
    ]);
    res.render('dashboard/index', {
      partnerships,
      employeeRoles: roles.filter((r) => r.kind === 'medarbejder'),
      leaderRoles: roles.filter((r) => r.kind === 'leder'),
      kerneopgaver,
      focusAspects,
    });
  });

  // Same middleware as any signed-in page, no domain query: what a page's own work is measured against.
  router.get('/baseline', (_req, res) => {
    res.render('dashboard/baseline');
  });

  return router;
}
