// Meetings as select options (date and title, newest first) for the forms that link to meetings.
import type { Db } from '../db/database';
import { formatIsoDay } from '../web/format';
import { utcToCopenhagen } from '../web/time';

/** How many recent meetings a form offers; older ones are kept only when already linked. */
export const MEETING_OPTIONS_LIMIT = 200;

/**
 * The most recent meetings plus any in `keep` (already linked to the record being edited), so an
 * edit never silently drops a link to an older meeting. One query.
 */
export async function meetingOptions(db: Db, keep: number[] = []): Promise<Array<{ value: number; label: string }>> {
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at'])
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          eb.selectFrom('meetings as recent').select('recent.id').orderBy('recent.starts_at', 'desc').orderBy('recent.id', 'desc').limit(MEETING_OPTIONS_LIMIT),
        ),
        ...(keep.length ? [eb('id', 'in', keep)] : []),
      ]),
    )
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ value: r.id, label: `${formatIsoDay(utcToCopenhagen(r.starts_at).day)} · ${r.title}` }));
}
