// The calendar arithmetic of a meeting series, on Copenhagen calendar days ("2027-03-30") and
// wall-clock times ("14:00"): which days a series meets, when it has ended, and how it reads in
// Danish. Pure functions; the instant of a day and time is copenhagenToUtc's business.
import type { SeriesRule } from '../db/schema';

export interface SeriesRuleFields {
  rule: SeriesRule;
  interval_weeks: number | null;
  nth: number | null;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  start_time: string;
  end_time: string;
  first_day: string;
  end_day: string | null;
  max_count: number | null;
}

const DAY_MS = 86_400_000;
export const WEEKDAY_NAMES = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

function toMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromMs(toMs(day) + n * DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((new Date(toMs(day)).getUTCDay() + 6) % 7) + 1;
}

/** The nth (1–4, or -1 for the last) given weekday of a month; month is 1–12. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): string {
  if (nth === -1) {
    const last = fromMs(Date.UTC(year, month, 0)); // day 0 of the next month
    return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
  }
  const first = fromMs(Date.UTC(year, month - 1, 1));
  return addDays(first, ((weekday - isoWeekday(first) + 7) % 7) + (nth - 1) * 7);
}

/** The series' first meeting day on or after `day` (and never before its first day). */
export function occurrenceOnOrAfter(s: SeriesRuleFields, day: string): string {
  const from = day > s.first_day ? day : s.first_day;
  if (s.rule === 'weeks') {
    const anchor = addDays(s.first_day, (s.weekday - isoWeekday(s.first_day) + 7) % 7);
    if (from <= anchor) return anchor;
    const step = 7 * (s.interval_weeks ?? 1);
    const k = Math.ceil((toMs(from) - toMs(anchor)) / DAY_MS / step);
    return addDays(anchor, k * step);
  }
  let [year, month] = from.split('-').map(Number);
  for (;;) {
    const candidate = nthWeekdayOfMonth(year, month, s.weekday, s.nth ?? 1);
    if (candidate >= from) return candidate;
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

/** The series' next meeting day after `day`. */
export function occurrenceAfter(s: SeriesRuleFields, day: string): string {
  return occurrenceOnOrAfter(s, addDays(day, 1));
}

/** Whether a meeting on `day` would be past the series' end, given how many it already had. */
export function isPastEnd(s: SeriesRuleFields, day: string, meetingsSoFar: number): boolean {
  return (s.end_day !== null && day > s.end_day) || (s.max_count !== null && meetingsSoFar >= s.max_count);
}

const clock = (time: string) => time.replace(':', '.');

/** "14. januar 2027" */
export function danishDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

/** The rule in Danish: "Hver 6. uge, tirsdag kl. 14.00–16.00", "2. tirsdag i måneden kl. 14.00–16.00". */
export function describeSeries(s: SeriesRuleFields): string {
  const weekday = WEEKDAY_NAMES[s.weekday - 1];
  const time = `kl. ${clock(s.start_time)}–${clock(s.end_time)}`;
  let text: string;
  if (s.rule === 'weeks') {
    const n = s.interval_weeks ?? 1;
    text = `${n === 1 ? 'Hver uge' : `Hver ${n}. uge`}, ${weekday} ${time}`;
  } else {
    const nth = s.nth ?? 1;
    text = `${nth === -1 ? 'Sidste' : `${nth}.`} ${weekday} i måneden ${time}`;
  }
  if (s.end_day) text += `, til og med ${danishDate(s.end_day)}`;
  if (s.max_count) text += `, ${s.max_count === 1 ? '1 møde' : `${s.max_count} møder`} i alt`;
  return text;
}

/**
 * Weeks between meetings read from a partnership's free-text cadence ("hver 6. uge", "ca. hver
 * 8. uge", "hver uge", "hver måned"), or null when it says nothing usable ("aftales nærmere").
 */
export function weeksFromCadence(cadence: string): number | null {
  const text = cadence.toLowerCase();
  const weeks = /(\d{1,2})\.?\s*uge/.exec(text);
  if (weeks && Number(weeks[1]) >= 1) return Number(weeks[1]);
  if (/hver\s+uge|ugentlig/.test(text)) return 1;
  const months = /hver\s+(\d)\.\s*måned/.exec(text);
  if (months) return 4 * Number(months[1]);
  if (/hver\s+måned|månedlig|i måneden/.test(text)) return 4;
  return null;
}
