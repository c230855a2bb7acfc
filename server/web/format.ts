// Danish formatting of instants and days, always in Europe/Copenhagen (summer time included).
// Names and numbers come from the wall clock of zone.ts: no Intl call per formatted date.
import { wallClock, type WallClock } from './zone';

export { TIME_ZONE } from './zone';

const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const two = (n: number) => String(n).padStart(2, '0');

interface LocalParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function localParts(at: Date): LocalParts {
  const w: WallClock = wallClock(at);
  return { weekday: WEEKDAYS[w.weekday], day: String(w.day), month: MONTHS[w.month - 1], year: String(w.year), hour: two(w.hour), minute: two(w.minute) };
}

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** "tirsdag 24. november 2026" */
export function formatDay(value: Date | string): string {
  const p = localParts(toDate(value));
  return `${p.weekday} ${p.day}. ${p.month} ${p.year}`;
}

/** "14.00" */
export function formatTime(value: Date | string): string {
  const p = localParts(toDate(value));
  return `${p.hour}.${p.minute}`;
}

/** "tirsdag 24. november 2026 kl. 14.00" */
export function formatDateTime(value: Date | string): string {
  return `${formatDay(value)} kl. ${formatTime(value)}`;
}

/** "tirsdag 24. november 2026 kl. 14.00–16.00", or both days when it spans midnight. */
export function formatPeriod(start: Date | string, end: Date | string): string {
  if (formatDay(start) === formatDay(end)) return `${formatDateTime(start)}–${formatTime(end)}`;
  return `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

/** A calendar day stored as YYYY-MM-DD, shown as "24.11.2026". */
export function formatIsoDay(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : day;
}

/** An instant shown briefly: "24.11.2026 14.05". */
export function formatShortDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const w = wallClock(toDate(value));
  return `${two(w.day)}.${two(w.month)}.${w.year} ${two(w.hour)}.${two(w.minute)}`;
}

/** Today's date in Copenhagen as YYYY-MM-DD. */
export function copenhagenDay(at: Date): string {
  return wallClock(at).isoDay;
}

// Made once: each new Intl formatter costs tens of microseconds and memory the garbage collector
// does not see, which showed as a gigabyte of RSS under load.
const decimalFormatter = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 6 });

/** A number as Danes write it: "3,5", "1.250". */
export function formatNumber(n: number): string {
  return decimalFormatter.format(n);
}

/** A count with its noun in Danish singular or plural: "1 åbent punkt", "0 åbne punkter". */
export function formatCount(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A calendar day (ÅÅÅÅ-MM-DD) moved by whole days; no time zone involved. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
