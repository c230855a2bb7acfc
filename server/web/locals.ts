// The locals every page's layout needs: who is signed in, what they may do, the CSRF token,
// the navigation and the Danish formatters.
import type { RequestHandler } from 'express';
import { permissionsFor, ROLE_LABELS } from './auth';
import * as format from './format';
import { csrfToken } from './security';

const NAVIGATION = [
  { href: '/', label: 'Overblik' },
  { href: '/meetings', label: 'Møder' },
  { href: '/actions', label: 'Opfølgning' },
  { href: '/initiatives', label: 'Initiativer' },
  { href: '/roles', label: 'Roller' },
  { href: '/learnings', label: 'Erfaringer' },
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
  { href: '/admin/audit', label: 'Ændringslog' },
  { href: '/admin/backup', label: 'Sikkerhedskopi' },
];

export const pageLocals: RequestHandler = (req, res, next) => {
  const user = req.user;
  res.locals.user = user ?? null;
  res.locals.can = user ? permissionsFor(user.role) : null;
  res.locals.roleLabels = ROLE_LABELS;
  // Lazy: a session (and its token) is only made when a page actually shows a form.
  res.locals.csrf = () => csrfToken(req);
  res.locals.currentPath = req.path;
  res.locals.navigation = user ? NAVIGATION : [];
  res.locals.adminNavigation = user?.role === 'admin' ? ADMIN_NAVIGATION : [];
  res.locals.fmt = format;
  res.locals.form = { values: {}, errors: {} };
  res.locals.formError = null;
  next();
};
