// Effekt­opfølgning: one update per effect measure and period (value or narrative, evidence, who
// reported it), written and submitted by the konsulent, approved or returned with a reason by a
// representative. An approved period is locked. Also the series per measure: each period from the
// measure's first to the current one, flagged "mangler" (past, nothing approved) or "returneret".
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit } from '../db/audit';
import { isUniqueViolation } from '../db/constraint';
import type { Database, EffectPeriodKind, EffectUpdateStatus } from '../db/schema';
import { Conflict, Forbidden, NotFound } from '../web/errors';
import { utcToCopenhagen } from '../web/time';
import { EFFECT_UPDATE_TEXTS as T } from './messages';
import { isPeriod, periodDays, periodLabel, periodOfDay, periodsBetween } from './periods';
import type { Who } from './service';

export interface EffectUpdateInput {
  value: number | null;
  narrative: string;
  evidence_url: string;
}

export interface Reviewer extends Who {
  role: string;
}

export const updatePage = (initiativeId: number, measureId: number, period: string) => `/initiatives/${initiativeId}/effects/${measureId}/periods/${period}`;

/**
 * The measure when it belongs to the initiative and the period is one of its kind, not in the
 * future and not before the initiative started (or, without a start date, the measure was made).
 */
export async function measureForPeriod(db: Kysely<Database>, initiativeId: number, measureId: number, period: string, today: string) {
  const measure = await db
    .selectFrom('effect_measures')
    .innerJoin('initiatives', 'initiatives.id', 'effect_measures.initiative_id')
    .selectAll('effect_measures')
    .select('initiatives.start_date')
    .where('effect_measures.id', '=', measureId)
    .where('effect_measures.initiative_id', '=', initiativeId)
    .executeTakeFirst();
  if (!measure || !isPeriod(period, measure.period_kind)) return null;
  if (period > periodOfDay(today, measure.period_kind)) return null;
  const made = utcToCopenhagen(measure.created_at).day;
  const start = measure.start_date && measure.start_date < made ? measure.start_date : made;
  if (period < periodOfDay(start, measure.period_kind)) return null;
  return measure;
}

function updateRow(trx: Kysely<Database>, measureId: number, period: string) {
  return trx.selectFrom('effect_updates').selectAll().where('measure_id', '=', measureId).where('period', '=', period).executeTakeFirst();
}

/**
 * Saves the konsulent's update for a period (creating it as kladde), and with `submit` sends it
 * to a representative. Only a kladde or a returned update may change; an approved one is locked.
 */
export async function saveEffectUpdate(
  db: Db,
  key: { initiativeId: number; measureId: number; period: string; today: string },
  input: EffectUpdateInput,
  submit: boolean,
  who: Who,
  at: Date,
): Promise<EffectUpdateStatus> {
  const back = updatePage(key.initiativeId, key.measureId, key.period);
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await measureForPeriod(trx, key.initiativeId, key.measureId, key.period, key.today))) throw new NotFound();
      const before = await updateRow(trx, key.measureId, key.period);
      if (before?.status === 'godkendt') throw new Conflict(T.locked, back);
      if (before?.status === 'til_godkendelse') throw new Conflict(T.awaitingReview, back);
      const now = at.toISOString();
      const status: EffectUpdateStatus = submit ? 'til_godkendelse' : before?.status ?? 'kladde';
      const { value, narrative, evidence_url } = input;
      // Sent again after a return: the reason has been answered (the audit log keeps it).
      const return_reason = submit ? '' : before?.return_reason ?? '';
      const set = { value, narrative, evidence_url, return_reason, reported_by: who.personId, status, updated_at: now };
      if (!before) {
        const row = { measure_id: key.measureId, period: key.period, ...set, created_at: now };
        const { id } = await trx.insertInto('effect_updates').values(row).returning('id').executeTakeFirstOrThrow();
        await audit(trx, { actor: who.actor, at, action: 'create', entity: 'effect_update', entityId: id, after: row });
      } else {
        await trx.updateTable('effect_updates').set(set).where('id', '=', before.id).execute();
        await audit(trx, { actor: who.actor, at, action: 'update', entity: 'effect_update', entityId: before.id, before, after: { ...before, ...set } });
      }
      return status;
    });
  } catch (err) {
    // Two first saves of the same period at once: the second finds the first's row.
    if (isUniqueViolation(err)) throw new Conflict(T.savedElsewhere, back);
    throw err;
  }
}

async function reviewable(trx: Kysely<Database>, key: { initiativeId: number; measureId: number; period: string; today: string }, who: Reviewer) {
  if (who.role !== 'repraesentant' && who.role !== 'admin') throw new Forbidden(T.onlyRepresentative);
  if (!(await measureForPeriod(trx, key.initiativeId, key.measureId, key.period, key.today))) throw new NotFound();
  const before = await updateRow(trx, key.measureId, key.period);
  if (!before) throw new NotFound();
  const back = updatePage(key.initiativeId, key.measureId, key.period);
  if (before.status === 'godkendt') throw new Conflict(T.locked, back);
  if (before.status !== 'til_godkendelse') throw new Conflict(T.notSubmitted, back);
  return before;
}

/** A representative approves the submitted update: it is then locked. */
export async function approveEffectUpdate(db: Db, key: { initiativeId: number; measureId: number; period: string; today: string }, who: Reviewer, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await reviewable(trx, key, who);
    const set = { status: 'godkendt' as const, return_reason: '', approved_by: who.personId, approved_at: at.toISOString(), updated_at: at.toISOString() };
    await trx.updateTable('effect_updates').set(set).where('id', '=', before.id).execute();
    await audit(trx, { actor: who.actor, at, action: 'update', entity: 'effect_update', entityId: before.id, before, after: { ...before, ...set } });
  });
}

/** A representative returns the submitted update to the konsulent with a reason. */
export async function returnEffectUpdate(db: Db, key: { initiativeId: number; measureId: number; period: string; today: string }, reason: string, who: Reviewer, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await reviewable(trx, key, who);
    const set = { status: 'returneret' as const, return_reason: reason, updated_at: at.toISOString() };
    await trx.updateTable('effect_updates').set(set).where('id', '=', before.id).execute();
    await audit(trx, { actor: who.actor, at, action: 'update', entity: 'effect_update', entityId: before.id, before, after: { ...before, ...set } });
  });
}

/** One period's update with who reported and approved it; null when none is written yet. */
export function findEffectUpdate(db: Db, measureId: number, period: string) {
  return db
    .selectFrom('effect_updates')
    .leftJoin('people as reporter', 'reporter.id', 'effect_updates.reported_by')
    .leftJoin('people as approver', 'approver.id', 'effect_updates.approved_by')
    .selectAll('effect_updates')
    .select(['reporter.name as reporter_name', 'approver.name as approver_name'])
    .where('effect_updates.measure_id', '=', measureId)
    .where('effect_updates.period', '=', period)
    .executeTakeFirst();
}

export type EffectUpdateRow = NonNullable<Awaited<ReturnType<typeof findEffectUpdate>>>;

/** Updates with who reported and approved them, by measure and period; the callers narrow it. */
function updatesWithPeople(db: Db) {
  return db
    .selectFrom('effect_updates')
    .leftJoin('people as reporter', 'reporter.id', 'effect_updates.reported_by')
    .leftJoin('people as approver', 'approver.id', 'effect_updates.approved_by')
    .selectAll('effect_updates')
    .select(['reporter.name as reporter_name', 'approver.name as approver_name'])
    .orderBy('effect_updates.measure_id')
    .orderBy('effect_updates.period');
}

/** The updates of every measure of an initiative, in one query (the initiative page). */
export function effectUpdatesOfInitiative(db: Db, initiativeId: number): Promise<EffectUpdateRow[]> {
  return updatesWithPeople(db)
    .where((eb) => eb('effect_updates.measure_id', 'in', eb.selectFrom('effect_measures').select('effect_measures.id').where('effect_measures.initiative_id', '=', initiativeId)))
    .execute();
}

/** The updates of some measures, in one query. */
export function effectUpdatesOfMeasures(db: Db, measureIds: number[]): Promise<EffectUpdateRow[]> {
  if (!measureIds.length) return Promise.resolve([]);
  return updatesWithPeople(db).where('effect_updates.measure_id', 'in', measureIds).execute();
}

export interface SeriesPoint {
  period: string;
  label: string;
  status: EffectUpdateStatus | null;
  /** The approved value and narrative; nothing is shown before approval. */
  value: number | null;
  narrative: string;
  evidenceUrl: string;
  reporter: string | null;
  missing: boolean;
  returned: boolean;
}

/**
 * A measure's periods from its first (the one it was created in, or an earlier one reported) to
 * the current one, limited to [from, to] when given: a past period without an approved update
 * is "mangler"; a returned one is flagged "returneret".
 */
export function effectSeries(
  /** `ends`: the initiative's end day, if it has one; its measure is followed up to that day. */
  measure: { period_kind: EffectPeriodKind; created_at: string; ends?: string | null },
  updates: EffectUpdateRow[],
  today: string,
  range?: { from: string; to: string },
): SeriesPoint[] {
  const kind = measure.period_kind;
  const current = periodOfDay(today, kind);
  const own = updates.filter((u) => isPeriod(u.period, kind));
  let first = periodOfDay(utcToCopenhagen(measure.created_at).day, kind);
  for (const u of own) if (u.period < first) first = u.period;
  let last = current;
  if (measure.ends && periodOfDay(measure.ends, kind) < last) last = periodOfDay(measure.ends, kind);
  for (const u of own) if (u.period > last && u.period <= current) last = u.period; // written after the end: still shown
  if (range) {
    const fromPeriod = periodOfDay(range.from, kind);
    const toPeriod = periodOfDay(range.to, kind);
    if (fromPeriod > first) first = fromPeriod;
    if (toPeriod < last) last = toPeriod;
  }
  const byPeriod = new Map(own.map((u) => [u.period, u]));
  return periodsBetween(first, last, kind).map((period) => {
    const u = byPeriod.get(period);
    const approved = u?.status === 'godkendt';
    const past = periodDays(period).to < today;
    return {
      period,
      label: periodLabel(period),
      status: u?.status ?? null,
      value: approved ? u.value : null,
      narrative: approved ? u.narrative : '',
      evidenceUrl: approved ? u.evidence_url : '',
      reporter: u?.reporter_name ?? null,
      missing: past && !approved,
      returned: u?.status === 'returneret',
    };
  });
}

/**
 * For the status report: per effect measure (existing by the range's end) the periods in the
 * range up to today, each with its approved value or narrative and the flags.
 */
export async function effectFollowUpIn(db: Db, range: { from: string; to: string }, today: string) {
  const measures = await db
    .selectFrom('effect_measures')
    .innerJoin('initiatives', 'initiatives.id', 'effect_measures.initiative_id')
    .select([
      'effect_measures.id',
      'effect_measures.indicator',
      'effect_measures.unit',
      'effect_measures.baseline',
      'effect_measures.target',
      'effect_measures.period_kind',
      'effect_measures.created_at',
      'initiatives.title as initiative_title',
      'initiatives.end_date as ends',
    ])
    .orderBy('initiatives.sort_key')
    .orderBy('initiatives.id')
    .orderBy('effect_measures.id')
    .execute();
  const updates = await effectUpdatesOfMeasures(db, measures.map((m) => m.id));
  const byMeasure = new Map<number, EffectUpdateRow[]>();
  for (const u of updates) byMeasure.set(u.measure_id, [...(byMeasure.get(u.measure_id) ?? []), u]);
  return measures
    .map((m) => ({ ...m, series: effectSeries(m, byMeasure.get(m.id) ?? [], today, range) }))
    .filter((m) => m.series.length > 0);
}
