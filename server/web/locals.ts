// The locals every page's layout needs: who is signed in, what they may do, the navigation and
// the Danish formatters. (The CSRF token's `csrf()` is set by web/csrf.ts.)
import type { RequestHandler } from 'express';
import { permissionsFor, ROLE_LABELS } from './auth';
import * as format from './format';

const NAVIGATION = [
  { href: '/', label: 'Overblik' },
  { href: '/meetings', label: 'Møder' },
  { href: '/actions', label: 'Opfølgning' },
  { href: '/initiatives', label: 'Initiativer' },
  { href: '/roles', label: 'Roller' },
  { href: '/learnings', label: 'Erfaringer' },
  { href: '/historier/mest-betydningsfulde', label: 'Historier' },
  { href: '/dilemmas', label: 'Dilemmaer' },
  { href: '/forklar-eller-fjern', label: 'Forklar eller fjern' },
  { href: '/reports/status', label: 'Statusrapport' },
  { href: '/partnerships', label: 'Partnerskaber' },
  { href: '/people', label: 'Personer' },
  { href: '/organisations', label: 'Organisationer' },
  { href: '/om-partnerskabet', label: 'Om partnerskabet' },
];

const ADMIN_NAVIGATION = [
  { href: '/admin/users', label: 'Brugere' },
  { href: '/admin/access-requests', label: 'Adgangsanmodninger' },
  { href: '/admin/providers', label: 'Log ind-udbydere' },
  { href: '/admin/outbox', label: 'Udbakke' },
  { href: '/admin/audit', label: 'Ændringslog' },
  { href: '/admin/backup', label: 'Sikkerhedskopi' },
  { href: '/admin/api-tokens', label: 'API-nøgler' },
];

export const pageLocals: RequestHandler = (req, res, next) => {
  const user = req.user;
  res.locals.user = user ?? null;
  res.locals.can = user ? permissionsFor(user.role) : null;
  res.locals.roleLabels = ROLE_LABELS;
  res.locals.currentPath = req.path;
  res.locals.navigation = user ? NAVIGATION : [];
  res.locals.adminNavigation = user?.role === 'admin' ? ADMIN_NAVIGATION : [];
  res.locals.fmt = format;
  res.locals.form = { values: {}, errors: {} };
  res.locals.formError = null;
  next();
};
