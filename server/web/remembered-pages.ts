// The main pages, remembered as rendered for each session, per data version and minute. A page
// is the same for a session until the data changes (every write adds an audit row), the minute
// turns (what is upcoming, overdue or due today) or the session has a message to show; its forms
// carry the session's own CSRF token, so the remembered page is exactly what rendering again
// would give. Only GET pages named here, and only a 200: forms, profile and admin pages are not
// remembered (they show what the session holds, e.g. a key being enrolled).
import type { RequestHandler } from 'express';
import { dataVersion } from '../db/data-version';
import type { Db } from '../db/database';
import type { RememberedPage, RememberedPages } from './caches';
import type { Clock } from './clock';

const REMEMBERED: RegExp[] = [
  /^\/$/,
  /^\/(meetings|actions|initiatives|people|organisations|partnerships|roles|learnings|dilemmas|forklar-eller-fjern|opfoelgning|search)$/,
  /^\/reports\/status$/,
  /^\/historier\/mest-betydningsfulde$/,
  /^\/meetings\/\d+(\/minutes)?$/,
  /^\/initiatives\/\d+(\/forloeb)?$/,
  /^\/(people|organisations|partnerships|learnings|dilemmas)\/\d+$/,
  /^\/roles\/(?!new$)[^/]+$/,
];

export function rememberedPages(db: Db, clock: Clock, pages: RememberedPages): RequestHandler {
  return async (req, res, next) => {
    const flash = res.locals.flash as unknown[] | undefined;
    if (req.method !== 'GET' || !req.user || !req.sessionID || flash?.length || !REMEMBERED.some((r) => r.test(req.path))) return next();
    const key = `${req.sessionID} ${clock.now().toISOString().slice(0, 16)} ${req.originalUrl}`;
    const version = await dataVersion(db);
    // Kept as the bytes sent, with their ETag, so a large page (the status report) is not encoded and hashed again.
    const send = (page: RememberedPage) => {
      if (page.etag) res.set('ETag', page.etag);
      res.type('html').send(page.body);
    };
    const hit = pages.get(key);
    if (hit && hit.version === version) return send(hit);
    const render = res.render.bind(res) as (view: string, locals: object | undefined, done: (err: Error | null, html: string) => void) => void;
    res.render = ((view: string, locals?: object | ((err: Error | null, html: string) => void), done?: (err: Error | null, html: string) => void) => {
      if (typeof locals === 'function' || done) return render(view, locals as object, (done ?? locals) as never);
      render(view, locals, (err, html) => {
        if (err) return req.next!(err);
        if (res.statusCode !== 200) return res.send(html);
        const body = Buffer.from(html);
        const etagOf = req.app.get('etag fn') as ((body: Buffer) => string) | undefined;
        const page = { version, body, etag: etagOf?.(body) };
        pages.set(key, page);
        send(page);
      });
    }) as typeof res.render;
    next();
  };
}
