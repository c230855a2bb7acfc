// Danish formatting of instants and days, always in Europe/Copenhagen (summer time included).
export const TIME_ZONE = 'Europe/Copenhagen';

const partsFormatter = new Intl.DateTimeFormat('da-DK', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function localParts(at: Date): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(at)) parts[p.type] = p.value;
  return parts as unknown as LocalParts;
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

// Formatters are made once: each new Intl formatter costs tens of microseconds and memory the
// garbage collector does not see, which showed as a gigabyte of RSS under load.
const numericDayFormatter = new Intl.DateTimeFormat('da-DK', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const isoDayFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** An instant shown briefly: "24.11.2026 14.05". */
export function formatShortDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const p = localParts(toDate(value));
  const numeric = numericDayFormatter
    .formatToParts(toDate(value))
    .filter((x) => x.type !== 'literal')
    .map((x) => x.value);
  return `${numeric.join('.')} ${p.hour}.${p.minute}`;
}

/** Today's date in Copenhagen as YYYY-MM-DD. */
export function copenhagenDay(at: Date): string {
  return isoDayFormatter.format(at);
}

const decimalFormatter = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 6 });

/** A number as Danes write it: "3,5", "1.250". */
export function formatNumber(n: number): string {
  return decimalFormatter.format(n);
}
