// /api: the read-only open data. /api/v1 (JSON) and /api/oparl/v1 (OParl) answer GET only, to a
// bearer token an administrator issued; mounted before the session, so a cookie opens nothing.
// Every answer is JSON (errors too, never a stack trace), not cached, rate limited per token.
import crypto from 'node:crypto';
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { DatabaseBusy } from '../db/database';
import { isPostgresUnavailable } from '../db/postgres';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { parseId, routeParam } from '../web/form';
import { FailureCounter } from '../web/rate-limit';
import { API_ERRORS as E } from './messages';
import { openApiDocument } from './openapi';
import { oparlRoutes } from './oparl';
import { PageQuery } from './schemas';
import * as api from './service';
import type { Page } from './queries';

/** Requests one token may make per minute (counted across instances, in the database). */
export const REQUESTS_PER_MINUTE = 120;

class BadQuery extends Error {}

const fail = (res: Response, status: number, error: string) => res.status(status).json({ error, status });

export function pageOf(req: Request): Page {
  const parsed = PageQuery.safeParse({ limit: req.query.limit, offset: req.query.offset });
  if (!parsed.success) throw new BadQuery();
  return parsed.data;
}

/** A bearer token in the Authorization header, and nothing else (no cookie, no query string). */
function bearerOf(req: Request): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(req.get('authorization') ?? '');
  return m?.[1];
}

export function apiRoutes(ctx: AppContext): Router {
  const { db, clock } = ctx;
  const router = Router();
  const perToken = new FailureCounter(db, 'api', 60_000, () => clock.now(), REQUESTS_PER_MINUTE);

  router.use((req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.set('Allow', 'GET, HEAD');
    fail(res, 405, E.methodNotAllowed);
  });

  // The description is public: it says what the API offers, nothing of the data.
  router.get('/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  router.use(async (req, res, next) => {
    const token = bearerOf(req);
    const tokenId = token ? await api.authenticateToken(db, token, clock.now()) : undefined;
    if (tokenId === undefined) {
      res.set('WWW-Authenticate', 'Bearer realm="api"');
      return fail(res, 401, E.unauthorized);
    }
    const key = String(tokenId);
    if ((await perToken.count(key)) >= REQUESTS_PER_MINUTE) {
      res.set('Retry-After', '60');
      return fail(res, 429, E.tooManyRequests);
    }
    await perToken.record(key);
    next();
  });

  const v1 = Router();
  v1.get('/meetings', async (req, res) => void res.json(await api.meetings(db, pageOf(req))));
  v1.get('/meetings/:id', async (req, res) => void res.json(await api.meeting(db, parseId(routeParam(req, 'id')))));
  v1.get('/meetings/:id/agenda-items', async (req, res) => void res.json(await api.agendaItems(db, pageOf(req), parseId(routeParam(req, 'id')))));
  v1.get('/agenda-items', async (req, res) => void res.json(await api.agendaItems(db, pageOf(req))));
  v1.get('/agenda-items/:id', async (req, res) => void res.json(await api.agendaItem(db, parseId(routeParam(req, 'id')))));
  v1.get('/decisions', async (req, res) => void res.json(await api.decisions(db, pageOf(req))));
  v1.get('/decisions/:id', async (req, res) => void res.json(await api.decision(db, parseId(routeParam(req, 'id')))));
  v1.get('/actions', async (req, res) => void res.json(await api.actions(db, pageOf(req))));
  v1.get('/actions/:id', async (req, res) => void res.json(await api.action(db, parseId(routeParam(req, 'id')))));
  v1.get('/initiatives', async (req, res) => void res.json(await api.initiatives(db, pageOf(req))));
  v1.get('/initiatives/:id', async (req, res) => void res.json(await api.initiative(db, parseId(routeParam(req, 'id')))));
  v1.get('/effects', async (req, res) => void res.json(await api.effects(db, pageOf(req))));
  v1.get('/effects/:id', async (req, res) => void res.json(await api.effect(db, parseId(routeParam(req, 'id')))));
  v1.get('/roles', async (req, res) => void res.json(await api.roles(db, pageOf(req))));
  v1.get('/roles/:key', async (req, res) => void res.json(await api.role(db, String(routeParam(req, 'key')))));
  router.use('/v1', v1);
  router.use('/oparl/v1', oparlRoutes(ctx));

  router.use(() => {
    throw new NotFound();
  });
  router.use(jsonErrors(ctx.log));
  return router;
}

/** Errors as JSON: 400, 404, 503 (database busy or away) or 500 with a reference id in the log, never a stack trace. */
function jsonErrors(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof NotFound) return fail(res, 404, E.notFound);
    if (err instanceof BadQuery) return fail(res, 400, E.badQuery);
    if (err instanceof DatabaseBusy || isPostgresUnavailable(err)) {
      res.set('Retry-After', '10');
      return fail(res, 503, E.unavailable);
    }
    const reference = crypto.randomBytes(4).toString('hex');
    log(`[${reference}] ${req.method} ${req.originalUrl}: ${err instanceof Error ? err.stack : String(err)}`);
    res.status(500).json({ error: E.serverError, status: 500, reference });
  };
}
