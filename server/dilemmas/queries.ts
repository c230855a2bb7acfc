// Reads of dilemmas: the list, one dilemma, and where it was discussed.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { DilemmaFilter } from './schemas';

function filtered(db: Db, f: DilemmaFilter) {
  let q = db.selectFrom('dilemmas');
  if (f.status) q = q.where('dilemmas.status', '=', f.status);
  return q;
}

/** Open dilemmas first (rejst, drøftet, håndteres), parked ones last; recently changed first within each. */
export function listDilemmas(db: Db, f: DilemmaFilter, limit: number, offset: number) {
  return filtered(db, f)
    .select((eb) => [
      'dilemmas.id',
      'dilemmas.title',
      'dilemmas.pole_a',
      'dilemmas.pole_b',
      'dilemmas.status',
      eb.selectFrom('dilemma_meetings').select((e) => e.fn.countAll<number>().as('n')).whereRef('dilemma_meetings.dilemma_id', '=', 'dilemmas.id').as('meeting_count'),
    ])
    .orderBy(sql`case dilemmas.status when 'rejst' then 0 when 'droeftet' then 1 when 'haandteres' then 2 else 3 end`)
    .orderBy('dilemmas.updated_at', 'desc')
    .orderBy('dilemmas.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countDilemmas(db: Db, f: DilemmaFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findDilemma(db: Db, id: number) {
  return db.selectFrom('dilemmas').selectAll().where('id', '=', id).executeTakeFirst();
}
export type DilemmaRow = NonNullable<Awaited<ReturnType<typeof findDilemma>>>;

export function initiativesOfDilemma(db: Db, dilemmaId: number) {
  return db
    .selectFrom('dilemma_initiatives')
    .innerJoin('initiatives', 'initiatives.id', 'dilemma_initiatives.initiative_id')
    .select(['initiatives.id', 'initiatives.title'])
    .where('dilemma_initiatives.dilemma_id', '=', dilemmaId)
    .orderBy('initiatives.sort_key')
    .execute();
}

/** The meetings where the dilemma was discussed, newest first. */
export function meetingsOfDilemma(db: Db, dilemmaId: number) {
  return db
    .selectFrom('dilemma_meetings')
    .innerJoin('meetings', 'meetings.id', 'dilemma_meetings.meeting_id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at'])
    .where('dilemma_meetings.dilemma_id', '=', dilemmaId)
    .orderBy('meetings.starts_at', 'desc')
    .execute();
}

/** The agenda items that point at the dilemma, with their meeting, newest meeting first. */
export function agendaItemsOfDilemma(db: Db, dilemmaId: number) {
  return db
    .selectFrom('agenda_item_dilemmas')
    .innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_dilemmas.agenda_item_id')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .select([
      'agenda_items.id',
      'agenda_items.title',
      'agenda_items.kind',
      'meetings.id as meeting_id',
      'meetings.title as meeting_title',
      'meetings.starts_at',
    ])
    .where('agenda_item_dilemmas.dilemma_id', '=', dilemmaId)
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('agenda_items.position')
    .execute();
}
