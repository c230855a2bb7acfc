// What the demo seed's files share: the story's calendar, counted back from the `now` the seed is
// given (meetings on weekdays in Copenhagen time, no write dated after now), and lookups by name.
import type { Db } from '../server/db/database';
import { SYSTEM_ACTOR } from '../server/db/audit';
import { addDays } from '../server/web/format';
import { copenhagenDay } from '../server/web/format';
import { copenhagenToUtc } from '../server/web/time';

export { SYSTEM_ACTOR };

/** The demo's own partnership: the real parties, fictional people (see seeds/demo-partnership.ts). */
export const DEMO_PARTNERSHIP_NAME = 'Uldum Samskabelse – et fiktivt demoår';

export interface Calendar {
  now: Date;
  /** Today in Copenhagen, YYYY-MM-DD. */
  today: string;
}

export function calendarAt(now: Date): Calendar {
  return { now, today: copenhagenDay(now) };
}

/** The Copenhagen day `offset` days from today (negative: in the past). */
export function dayAt(cal: Calendar, offset: number): string {
  return addDays(cal.today, offset);
}

/** The day `offset` days from today, moved off the weekend: Saturday to Friday, Sunday to Monday. */
export function weekdayAt(cal: Calendar, offset: number): string {
  const day = dayAt(cal, offset);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  if (weekday === 6) return addDays(day, -1);
  if (weekday === 0) return addDays(day, 1);
  return day;
}

/** The day itself on a weekday, else the Monday after: people write and approve on workdays. */
export function workdayFrom(day: string): string {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
}

/** A Copenhagen wall-clock moment as an instant, never later than now (nothing is written ahead of time). */
export function momentOn(cal: Calendar, day: string, time = '10:00'): Date {
  const at = copenhagenToUtc(day, time);
  return at.getTime() > cal.now.getTime() ? cal.now : at;
}

/** `momentOn` a number of days from today. */
export function momentAt(cal: Calendar, offset: number, time = '10:00'): Date {
  return momentOn(cal, dayAt(cal, offset), time);
}

/** A name the demo uses, looked up; a name it does not know is a typo in a list and fails loudly. */
export type Lookup = (name: string) => number;

/** Ids of organisations by name. */
export async function organisationsByName(db: Db): Promise<Lookup> {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).execute();
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  return (name: string) => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`Demo: ukendt organisation "${name}"`);
    return id;
  };
}

/** Ids of records with a title (initiatives, meetings, dilemmas), for links; unknown titles are left out. */
export async function idsByTitle(db: Db, table: 'initiatives' | 'meetings' | 'dilemmas', titles: string[]): Promise<number[]> {
  if (titles.length === 0) return [];
  const rows = await db.selectFrom(table).select(['id', 'title']).where('title', 'in', titles).execute();
  return titles.map((t) => rows.find((r) => r.title === t)?.id).filter((id): id is number => id !== undefined);
}
