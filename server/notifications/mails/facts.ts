// Lines several messages share: when and where a meeting is, and a subject's short date.
import { formatDay, formatIsoDay, formatPeriod } from '../../web/format';

export interface MeetingFacts {
  id: number;
  title: string;
  starts_at: string;
  ends_at: string;
  place: string;
}

/** "Tid: tirsdag 8. december 2026 kl. 14.00–16.00\nSted: Uldum Skole" */
export function whenAndWhere(m: MeetingFacts): string {
  return `Tid: ${formatPeriod(m.starts_at, m.ends_at)}\nSted: ${m.place.trim() || 'ikke oplyst endnu'}`;
}

/** "Partnerskabsmøde, 8. december 2026" for a subject line. */
export function meetingName(m: Pick<MeetingFacts, 'title' | 'starts_at'>): string {
  return `${m.title}, ${formatDay(m.starts_at).replace(/^\S+ /, '')}`;
}

/** A due date (YYYY-MM-DD) as "27.11.2026". */
export const dueDay = formatIsoDay;

export const meetingPath = (id: number) => `/meetings/${id}`;
export const minutesPath = (id: number) => `/meetings/${id}/minutes`;
