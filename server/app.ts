// Builds the Express app from its dependencies; no listening and no globals, so tests make one
// per database.
import path from 'node:path';
import express from 'express';
import session from 'express-session';
import { KyselySessionStore } from './db/session-store';
import { redirectAfterSessionSave } from './web/redirect-after-save';
import { inRequestScope } from './db/request-scope';
import { rememberedPages } from './web/remembered-pages';
import type { Config } from './config';
import type { Db } from './db/database';
import { loadUser, requireLogin, requireSetupDone } from './web/auth';
import { systemClock, type Clock } from './web/clock';
import type { AppContext } from './web/context';
import { errorHandler, notFoundHandler } from './web/errors';
import { takeFlash } from './web/flash';
import { createCaches } from './web/caches';
import { normaliseLineBreaks } from './web/form';
import { pageLocals } from './web/locals';
import { viewEngine, VIEWS_DIR } from './web/views';
import { noStore, securityHeaders } from './web/security';
import { csrfProtection } from './web/csrf';
import { accountRoutes } from './accounts/routes';
import { adminRoutes } from './admin/routes';
import { dashboardRoutes } from './dashboard/routes';
import { organisationRoutes } from './organisations/routes';
import { partnershipRoutes } from './partnerships/routes';
import { peopleRoutes } from './people/routes';
import { meetingRoutes } from './meetings/routes';
import { actionRoutes } from './actions/routes';
import { calendarFeedRoutes, exportRoutes } from './exports/routes';
import { publicLinkRoutes } from './meetings/public-routes';
import { initiativeRoutes } from './initiatives/routes';
import { roleRoutes } from './roles/routes';
import { learningRoutes } from './learnings/routes';
import { mscRoutes } from './msc/routes';
import { timelineRoutes } from './timeline/routes';
import { dilemmaRoutes } from './dilemmas/routes';
import { fefRoutes } from './fef/routes';
import { reviewRoutes } from './reviews/routes';
import { searchRoutes } from './search/routes';
import { reportRoutes } from './reports/routes';
import { attachmentDownloadRoutes } from './attachments/routes';
import { proposalRoutes } from './proposals/routes';
import { proposalAcceptRoutes } from './meetings/proposals';
import { outboxRoutes } from './mail/routes';
import { replyRoutes } from './meetings/reply-routes';
import { preferenceRoutes } from './notifications/routes';
import { apiRoutes } from './api/routes';
import { apiTokenRoutes } from './api/token-routes';

export const ROOT = path.resolve(__dirname, '..');

export interface AppOptions {
  db: Db;
  config: Config;
  clock?: Clock;
  log?: (line: string) => void;
}

export function createApp(options: AppOptions): express.Express {
  const ctx: AppContext = {
    db: options.db,
    config: options.config,
    clock: options.clock ?? systemClock,
    log: options.log ?? ((line) => console.error(line)),
    caches: createCaches(options.db, { freeze: options.config.env === 'test' }),
  };
  const app = express();
  app.disable('x-powered-by');
  const { trustProxy } = ctx.config;
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  const cacheViews = ctx.config.env !== 'development';
  app.engine('ejs', viewEngine(cacheViews));
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', cacheViews);

  app.use(securityHeaders());
  // For the load balancer: 200 while this instance can reach its database (a query through the
  // pool, so a PostgreSQL that is down or a pool that cannot connect shows), else 503.
  app.get('/healthz', async (_req, res) => {
    try {
      await ctx.db.selectFrom('users').select('id').limit(1).execute();
      res.type('text/plain').send('ok');
    } catch {
      res.status(503).type('text/plain').send('database unavailable');
    }
  });
  app.use('/public', express.static(path.join(ROOT, 'public'), { maxAge: ctx.config.env === 'production' ? '1d' : 0, index: false }));
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  // The open-data API: a bearer token, never a session or a cookie, so it is mounted before them.
  app.use('/api', apiRoutes(ctx));

  // A session ends after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after
  // sign-in, whichever comes first (the store keeps both); none is stored for a signed-out page view.
  const maxMs = (ctx.config.sessionMaxHours ?? 12) * 60 * 60 * 1000;
  const idleMs = (ctx.config.sessionIdleMinutes ?? 120) * 60 * 1000;
  // The rest of a request reads the data version once, with its session (server/db/data-version.ts).
  app.use((_req, _res, next) => inRequestScope(next));
  app.use(
    session({
      name: 'uldum.sid',
      secret: ctx.config.sessionSecret,
      store: new KyselySessionStore(ctx.db, () => ctx.clock.now(), { idleMs, maxMs }),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: maxMs },
    }),
  );
  app.use(redirectAfterSessionSave);
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  app.use(normaliseLineBreaks);
  app.use(csrfProtection(ctx.config.sessionSecret));
  app.use(noStore);
  app.use(loadUser(ctx.db));
  app.use(pageLocals);
  app.use(takeFlash);
  app.use(requireSetupDone(ctx.db));

  app.use(accountRoutes(ctx)); // /setup, /login, /logout: reachable without a session
  app.use(calendarFeedRoutes(ctx)); // /meetings.ics: a secret token instead of a session
  app.use('/offentlig', publicLinkRoutes(ctx)); // the public version of approved minutes, by link
  app.use('/svar', replyRoutes(ctx)); // answers to an invitation, by the personal links in it
  app.use(requireLogin);
  app.use(rememberedPages(ctx.db, ctx.clock, ctx.caches.renderedPages));
  app.use(dashboardRoutes(ctx));
  app.use(preferenceRoutes(ctx)); // POST /profile/beskeder
  app.use(exportRoutes(ctx));
  app.use('/partnerships', partnershipRoutes(ctx));
  app.use('/meetings', meetingRoutes(ctx));
  app.use('/bilag', attachmentDownloadRoutes(ctx));
  app.use('/proposals', proposalAcceptRoutes(ctx)); // taking one into an agenda is the agenda's business
  app.use('/proposals', proposalRoutes(ctx));
  app.use('/actions', actionRoutes(ctx));
  app.use('/initiatives', timelineRoutes(ctx)); // /initiatives/:id/forloeb (sagens gang)
  app.use('/initiatives', initiativeRoutes(ctx));
  app.use('/roles', roleRoutes(ctx));
  app.use('/learnings', learningRoutes(ctx));
  app.use('/historier', mscRoutes(ctx)); // the most significant stories (Most Significant Change)
  app.use('/dilemmas', dilemmaRoutes(ctx));
  app.use('/forklar-eller-fjern', fefRoutes(ctx));
  app.use('/opfoelgning', reviewRoutes(ctx));
  app.use('/reports', reportRoutes(ctx));
  app.use('/people', peopleRoutes(ctx));
  app.use('/organisations', organisationRoutes(ctx));
  app.use('/admin/outbox', outboxRoutes(ctx));
  app.use('/admin/api-tokens', apiTokenRoutes(ctx));
  app.use('/admin', adminRoutes(ctx));
  app.use('/search', searchRoutes(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler(ctx.log));
  return app;
}
