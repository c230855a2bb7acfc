// Converting between Copenhagen wall-clock time (what people type in forms) and UTC instants
// (what is stored), across the summer-time changes.
import { wallClock } from './zone';

/**
 * The UTC instant of a Copenhagen wall-clock date and time ("2026-11-24", "14:00").
 * Copenhagen is UTC+1 or UTC+2, so one of the two candidates is right. A time repeated in
 * autumn is read as its first (summer-time) occurrence; a time skipped in spring (02:30) is
 * read with the winter offset, which lands on 03:30 summer time.
 */
export function copenhagenToUtc(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const summer = new Date(wall - 120 * 60000);
  const winter = new Date(wall - 60 * 60000);
  const shows = (candidate: Date) => {
    const local = utcToCopenhagen(candidate);
    return local.day === day && local.time === time.slice(0, 5);
  };
  if (shows(summer)) return summer;
  return winter;
}

/** An instant as the Copenhagen date and time a form shows: { day: "2026-11-24", time: "14:00" }. */
export function utcToCopenhagen(value: Date | string): { day: string; time: string } {
  const w = wallClock(typeof value === 'string' ? new Date(value) : value);
  return { day: w.isoDay, time: w.isoTime };
}

/** The UTC bounds of a calendar year in Copenhagen, for filtering instants by year. */
export function copenhagenYearBounds(year: number): { from: string; to: string } {
  return {
    from: copenhagenToUtc(`${year}-01-01`, '00:00').toISOString(),
    to: copenhagenToUtc(`${year + 1}-01-01`, '00:00').toISOString(),
  };
}
