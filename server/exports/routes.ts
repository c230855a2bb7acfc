// Downloads that are not documents: calendar invitations and the calendar feed; the follow-up
// actions as CSV. (The minutes' files are served by server/meetings/referat-routes.ts.)
import { Router, type Request } from 'express';
import { ActionFilterSchema } from '../actions/schemas';
import { isOverdue, listActions, type ActionQuery } from '../actions/service';
import { ACTION_STATUS_LABELS } from '../web/labels';
import { permissions, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { parseId } from '../web/form';
import { copenhagenDay, formatIsoDay } from '../web/format';
import { utcToCopenhagen } from '../web/time';
import { calendarMeetings, renewCalendarToken, userByCalendarToken } from './calendar';
import { toCsv } from './csv';
import { attachment } from '../documents/filename';
import { meetingFeed, meetingInvite } from './ics';
import { EXPORT_TEXTS as T } from './messages';

/** The CSV has every matching action, within a sane bound. */
const CSV_MAX_ROWS = 100_000;
/** The feed holds upcoming meetings and those of the past year. */
const FEED_PAST_DAYS = 365;

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/** The feed, reached by its secret token instead of a session (calendar programs cannot sign in). */
export function calendarFeedRoutes({ db, clock, caches }: AppContext): Router {
  const router = Router();
  // Calendar programs poll the feed; it is the same for every reader with the same rights on a
  // given day until the data changes. A year of meetings is hundreds of kilobytes to build.
  const feedFor = (key: { base: string; withContactData: boolean; day: string }) =>
    caches.calendarFeed.get(key, async () => {
      const since = new Date(Date.parse(`${key.day}T00:00:00Z`) - FEED_PAST_DAYS * 86400_000).toISOString();
      const meetings = await calendarMeetings(db, key.base, { since });
      return Buffer.from(meetingFeed(meetings, clock.now().toISOString(), key.withContactData));
    });
  router.get('/meetings.ics', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const user = token.length >= 20 ? await userByCalendarToken(db, token) : undefined;
    if (!user) throw new NotFound();
    res.type('text/calendar; charset=utf-8').set('Content-Disposition', 'inline; filename="partnerskabsmoeder.ics"');
    res.send(await feedFor({ base: baseUrl(req), withContactData: permissions.seeContactData(user.role), day: copenhagenDay(clock.now()) }));
  });
  return router;
}

export function exportRoutes({ db, clock, caches }: AppContext): Router {
  const router = Router();
  // Every action as CSV is megabytes: built once per filter and day until the data changes.
  const csvFor = ({ filter, today }: { filter: ActionQuery; today: string }) =>
    caches.actionsCsv.get({ filter, today }, async () => {
      const rows = await listActions(db, filter, today, CSV_MAX_ROWS, 0);
      const csv = toCsv(
        ['Hvad', 'Hvem', 'Frist', 'Status', 'Overskredet', 'Møde', 'Mødedato'],
        rows.map((a) => [
          a.text,
          a.owner_name,
          formatIsoDay(a.due_date),
          ACTION_STATUS_LABELS[a.status],
          isOverdue(a, today) ? 'ja' : 'nej',
          a.meeting_title,
          formatIsoDay(utcToCopenhagen(a.meeting_starts_at).day),
        ]),
      );
      return Buffer.from(csv);
    });

  router.get('/meetings/:id/invite.ics', async (req, res) => {
    const id = parseId(req.params.id);
    const [meeting] = await calendarMeetings(db, baseUrl(req), { ids: [id] });
    if (!meeting) throw new NotFound();
    const user = requireUser(req);
    res
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', attachment(`moede-${utcToCopenhagen(meeting.starts_at).day}-${meeting.id}.ics`))
      .send(meetingInvite(meeting, clock.now().toISOString(), permissions.seeContactData(user.role)));
  });

  router.get('/actions.csv', async (req, res) => {
    const filter = { ...ActionFilterSchema.parse(req.query), withoutClosedItems: !permissions.seeClosedItems(requireUser(req).role) };
    const today = copenhagenDay(clock.now());
    res.type('text/csv; charset=utf-8').set('Content-Disposition', attachment(`opfoelgning-${today}.csv`)).send(await csvFor({ filter, today }));
  });

  router.post('/profile/calendar-token', async (req, res) => {
    const user = requireUser(req);
    await renewCalendarToken(db, user.id, clock.now());
    flash(req, T.calendarRenewed);
    res.redirect(303, '/profile#kalender');
  });

  return router;
}
