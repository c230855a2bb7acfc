// Reads of roles and role evidence: plain rows; each list or count is one query.
import type { Db } from '../db/database';
import { containsText } from '../db/text-keys';
import type { EvidenceFilter } from './schemas';

export function findRole(db: Db, key: string) {
  return db.selectFrom('roles').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Evidence counts per role, year and quarter for dates in [from, to). The quarter is computed
 * from the date text with portable SQL (substr, cast, case) so the query also runs on PostgreSQL.
 */
export function roleEvidenceByQuarter(db: Db, from: string, to: string) {
  const dated = db
    .selectFrom('role_evidence')
    .select((eb) => {
      const month = eb.cast<number>(eb.fn<string>('substr', ['role_evidence.date', eb.lit(6), eb.lit(2)]), 'integer');
      return [
        'role_evidence.role_key',
        eb.fn<string>('substr', ['role_evidence.date', eb.lit(1), eb.lit(4)]).as('year'),
        eb
          .case()
          .when(month, '<=', eb.lit(3))
          .then(eb.lit(1))
          .when(month, '<=', eb.lit(6))
          .then(eb.lit(2))
          .when(month, '<=', eb.lit(9))
          .then(eb.lit(3))
          .else(eb.lit(4))
          .end()
          .as('quarter'),
      ];
    })
    .where('role_evidence.date', '>=', from)
    .where('role_evidence.date', '<', to);
  // Grouping by the derived table's columns keeps the expressions in one place.
  return db
    .selectFrom(dated.as('dated'))
    .select((eb) => ['dated.role_key', 'dated.year', 'dated.quarter', eb.fn.countAll<number>().as('n')])
    .groupBy(['dated.role_key', 'dated.year', 'dated.quarter'])
    .execute();
}

/** All-time evidence per role (also for retired roles, whose evidence is kept). */
export function evidenceTotalsByRole(db: Db) {
  return db
    .selectFrom('role_evidence')
    .select((eb) => ['role_key', eb.fn.countAll<number>().as('n')])
    .groupBy('role_key')
    .execute();
}

/**
 * The institutions × roles matrix in one grouped query: every active institution (also one with
 * no evidence yet, as a row with role_key null) and any other organisation with evidence.
 */
export function evidenceByInstitution(db: Db) {
  // Counting first, over the (organisation_id, role_key) index alone, then joining the names.
  const counted = db
    .selectFrom('role_evidence')
    .select((eb) => ['organisation_id', 'role_key', eb.fn.countAll<number>().as('n')])
    .where('organisation_id', 'is not', null)
    .groupBy(['organisation_id', 'role_key']);
  return db
    .selectFrom('organisations')
    .leftJoin(counted.as('counted'), 'counted.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name', 'counted.role_key', 'counted.n'])
    .where((eb) =>
      eb.or([
        eb.and([eb('organisations.kind', '=', 'institution'), eb('organisations.active', '=', 1)]),
        eb('counted.organisation_id', 'is not', null),
      ]),
    )
    .orderBy('organisations.sort_key')
    .orderBy('organisations.id')
    .execute();
}

function filtered(db: Db, roleKey: string, f: EvidenceFilter) {
  let q = db.selectFrom('role_evidence').where('role_evidence.role_key', '=', roleKey);
  if (f.person_id) q = q.where('role_evidence.person_id', '=', f.person_id);
  if (f.person_q) q = q.where('role_evidence.person_id', 'in', (eb) => eb.selectFrom('people').select('people.id').where(containsText('people.search_key', f.person_q)));
  if (f.organisation_id) q = q.where('role_evidence.organisation_id', '=', f.organisation_id);
  if (f.from) q = q.where('role_evidence.date', '>=', f.from);
  if (f.to) q = q.where('role_evidence.date', '<=', f.to);
  return q;
}

/** One role's evidence, newest first, with the names its links need (one query). */
export function listEvidence(db: Db, roleKey: string, f: EvidenceFilter, limit: number, offset: number) {
  return filtered(db, roleKey, f)
    .leftJoin('people as person', 'person.id', 'role_evidence.person_id')
    .leftJoin('organisations', 'organisations.id', 'role_evidence.organisation_id')
    .leftJoin('initiatives', 'initiatives.id', 'role_evidence.initiative_id')
    .leftJoin('meetings', 'meetings.id', 'role_evidence.meeting_id')
    .leftJoin('people as recorder', 'recorder.id', 'role_evidence.recorded_by')
    .select([
      'role_evidence.id',
      'role_evidence.date',
      'role_evidence.person_id',
      'role_evidence.team',
      'role_evidence.organisation_id',
      'role_evidence.initiative_id',
      'role_evidence.meeting_id',
      'role_evidence.note',
      'role_evidence.marker_id',
      'role_evidence.recorded_by',
      'role_evidence.created_at',
      'person.name as person_name',
      'organisations.name as organisation_name',
      'initiatives.title as initiative_title',
      'meetings.title as meeting_title',
      'meetings.starts_at as meeting_starts_at',
      'recorder.name as recorded_by_name',
    ])
    .orderBy('role_evidence.date', 'desc')
    .orderBy('role_evidence.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
export type EvidenceRow = Awaited<ReturnType<typeof listEvidence>>[number];

export async function countEvidence(db: Db, roleKey: string, f: EvidenceFilter): Promise<number> {
  const row = await filtered(db, roleKey, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findEvidence(db: Db, id: number) {
  return db
    .selectFrom('role_evidence')
    .leftJoin('people', 'people.id', 'role_evidence.person_id')
    .leftJoin('organisations', 'organisations.id', 'role_evidence.organisation_id')
    .selectAll('role_evidence')
    .select(['people.name as person_name', 'organisations.name as organisation_name'])
    .where('role_evidence.id', '=', id)
    .executeTakeFirst();
}
export type EvidenceRecord = NonNullable<Awaited<ReturnType<typeof findEvidence>>>;

/** A person's organisation, to suggest it as the institution when the form starts from a person. */
export async function organisationOfPerson(db: Db, personId: number): Promise<number | null> {
  const row = await db.selectFrom('people').select('organisation_id').where('id', '=', personId).executeTakeFirst();
  return row?.organisation_id ?? null;
}

/** The organisations with evidence of a role, for the role page's filter. */
export function organisationsWithEvidence(db: Db, roleKey: string) {
  return db
    .selectFrom('organisations')
    .select(['organisations.id', 'organisations.name'])
    .where('organisations.id', 'in', (eb) =>
      eb.selectFrom('role_evidence').select('organisation_id').where('role_key', '=', roleKey).where('organisation_id', 'is not', null),
    )
    .orderBy('organisations.sort_key')
    .execute();
}

export const RECENT_MEETINGS = 100;

/** The most recent meetings for the evidence form's select, plus `include` if it is older. */
export function recentMeetings(db: Db, include: number | null) {
  const recent = db.selectFrom('meetings').select(['id', 'title', 'starts_at']).orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(RECENT_MEETINGS);
  if (!include) return recent.execute();
  // One query: the recent ones, and the pre-filled or linked meeting even when it is older.
  return db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at'])
    .where((eb) => eb.or([eb('id', 'in', recent.clearSelect().select('id')), eb('id', '=', include)]))
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
