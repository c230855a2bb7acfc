// The Copenhagen wall clock of an instant. Intl's formatToParts costs microseconds a call, which
// added up to most of a 30 000-row export; the offset from UTC only changes on the hour (summer
// time starts and ends at 01:00 UTC), so Intl is asked once per UTC hour and the rest is arithmetic.
export const TIME_ZONE = 'Europe/Copenhagen';

const HOUR_MS = 3_600_000;

const offsetFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const offsetByHour = new Map<number, number>();

/** Milliseconds Copenhagen is ahead of UTC at the instant (one or two hours). */
function offsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const p: Record<string, string> = {};
    for (const part of offsetFormatter.formatToParts(new Date(hour * HOUR_MS))) p[part.type] = part.value;
    offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - hour * HOUR_MS;
    if (offsetByHour.size >= 100_000) offsetByHour.clear(); // bounded: about eleven years of hours
    offsetByHour.set(hour, offset);
  }
  return offset;
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** "2026-11-24" */
  isoDay: string;
  /** "14:05" */
  isoTime: string;
}

/** Copenhagen's date and time at the instant; throws RangeError for an invalid date, as Intl does. */
export function wallClock(at: Date): WallClock {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid time value');
  const local = new Date(ms + offsetMs(ms));
  const iso = local.toISOString();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: local.getUTCDay(),
    isoDay: iso.slice(0, 10),
    isoTime: iso.slice(11, 16),
  };
}
