// Converting between Copenhagen wall-clock time (what people type in forms) and UTC instants
// (what is stored), across the summer-time changes.
import { TIME_ZONE } from './format';

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

const wallFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as the Copenhagen date and time a form shows: { day: "2026-11-24", time: "14:00" }. */
export function utcToCopenhagen(value: Date | string): { day: string; time: string } {
  const p: Record<string, string> = {};
  for (const part of wallFormatter.formatToParts(typeof value === 'string' ? new Date(value) : value)) p[part.type] = part.value;
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The UTC bounds of a calendar year in Copenhagen, for filtering instants by year. */
export function copenhagenYearBounds(year: number): { from: string; to: string } {
  return {
    from: copenhagenToUtc(`${year}-01-01`, '00:00').toISOString(),
    to: copenhagenToUtc(`${year + 1}-01-01`, '00:00').toISOString(),
  };
}
