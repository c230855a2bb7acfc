// The follow-up periods of an effect measure: months (YYYY-MM) or quarters (YYYY-Qn), on
// Copenhagen days. Pure functions, so the series and the report agree on what a period is.
import type { EffectPeriodKind } from '../db/schema';

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The period a Copenhagen day (YYYY-MM-DD) falls in. */
export function periodOfDay(day: string, kind: EffectPeriodKind): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return kind === 'maaned' ? `${year}-${pad(month)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

export function isPeriod(text: string, kind: EffectPeriodKind): boolean {
  return kind === 'maaned' ? /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(text) : /^[0-9]{4}-Q[1-4]$/.test(text);
}

/** The first and last day of a period (YYYY-MM-DD). */
export function periodDays(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const quarter = period[5] === 'Q' ? Number(period[6]) : null;
  const first = quarter ? (quarter - 1) * 3 + 1 : Number(period.slice(5, 7));
  const last = quarter ? first + 2 : first;
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

function nextPeriod(period: string, kind: EffectPeriodKind): string {
  const { to } = periodDays(period);
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return periodOfDay(d.toISOString().slice(0, 10), kind);
}

/** Every period from `first` to `last`, both included, in order (none when first > last). */
export function periodsBetween(first: string, last: string, kind: EffectPeriodKind): string[] {
  const out: string[] = [];
  // Periods of one kind sort as text.
  for (let p = first; p <= last && out.length < 1200; p = nextPeriod(p, kind)) out.push(p);
  return out;
}

/** "3. kvartal 2026" or "november 2026". */
export function periodLabel(period: string): string {
  const year = period.slice(0, 4);
  if (period[5] === 'Q') return `${period[6]}. kvartal ${year}`;
  return `${MONTHS[Number(period.slice(5, 7)) - 1]} ${year}`;
}
