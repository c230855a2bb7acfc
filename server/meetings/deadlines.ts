// The partnership's deadlines for its meetings: the agenda released N days before, the draft minutes
// sent within M days after, approved within K days of being sent (per partnership; 5, 7, 7 unless
// set). What the consultant is warned of: a deadline missed, or due within two days.
import type { Db } from '../db/database';
import { addDays } from '../web/format';
import { utcToCopenhagen } from '../web/time';

export type DeadlineKind = 'agenda' | 'minutes' | 'approval';

export interface Deadline {
  kind: DeadlineKind;
  meetingId: number;
  title: string;
  /** The last day (ÅÅÅÅ-MM-DD, Copenhagen). */
  due: string;
  missed: boolean;
}

/** Warned this many days ahead. */
export const DEADLINE_WARNING_DAYS = 2;
/** Held meetings this far back are still chased for their minutes. */
const LOOK_BACK_DAYS = 120;
const SHOWN = 20;

export async function deadlinesToWatch(db: Db, now: Date): Promise<Deadline[]> {
  const today = utcToCopenhagen(now).day;
  const horizon = addDays(today, DEADLINE_WARNING_DAYS);
  const since = new Date(now.getTime() - LOOK_BACK_DAYS * 86400_000).toISOString();
  const ahead = new Date(now.getTime() + 62 * 86400_000).toISOString(); // the longest agenda deadline is 60 days
  const [agendas, drafts, sent] = await Promise.all([
    db
      .selectFrom('meetings')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'partnerships.agenda_days'])
      .where('meetings.status', '=', 'planlagt')
      .where('meetings.agenda_released_at', 'is', null)
      .where('meetings.starts_at', '>=', since)
      .where('meetings.starts_at', '<=', ahead)
      .execute(),
    db
      .selectFrom('meetings')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .leftJoin('minutes', 'minutes.meeting_id', 'meetings.id')
      .select(['meetings.id', 'meetings.title', 'meetings.ends_at', 'partnerships.minutes_days'])
      .where('meetings.status', '=', 'afholdt')
      .where('meetings.starts_at', '>=', since)
      .where((eb) => eb.or([eb('minutes.id', 'is', null), eb.and([eb('minutes.status', '=', 'kladde'), eb('minutes.version', '=', 1)])]))
      .execute(),
    db
      .selectFrom('minutes')
      .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .innerJoin('minutes_versions', (join) => join.onRef('minutes_versions.minutes_id', '=', 'minutes.id').onRef('minutes_versions.version', '=', 'minutes.version'))
      .select(['meetings.id', 'meetings.title', 'minutes_versions.sent_at', 'partnerships.approval_days'])
      .where('minutes.status', '=', 'til_godkendelse')
      .orderBy('minutes_versions.sent_at')
      .limit(100)
      .execute(),
  ]);
  const all: Deadline[] = [
    ...agendas.map((m) => ({ kind: 'agenda' as const, meetingId: m.id, title: m.title, due: addDays(utcToCopenhagen(m.starts_at).day, -m.agenda_days) })),
    ...drafts.map((m) => ({ kind: 'minutes' as const, meetingId: m.id, title: m.title, due: addDays(utcToCopenhagen(m.ends_at).day, m.minutes_days) })),
    ...sent.map((m) => ({ kind: 'approval' as const, meetingId: m.id, title: m.title, due: addDays(utcToCopenhagen(m.sent_at).day, m.approval_days) })),
  ]
    .filter((d) => d.due <= horizon)
    .map((d) => ({ ...d, missed: d.due < today }));
  return all.sort((a, b) => a.due.localeCompare(b.due) || a.meetingId - b.meetingId).slice(0, SHOWN);
}
