// Initiatives and trial actions: create and change them, log every status change with who,
// when and why, keep the dated progress log, partners, effects and citizen stories.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { isForeignKeyViolation } from '../db/constraint';
import type { Database, EffectPeriodKind, InitiativeStatus } from '../db/schema';
import { sortKey } from '../db/text-keys';
import { Conflict, Invalid, NotFound } from '../web/errors';
import type { InitiativeForm } from './schemas';
import { INITIATIVE_TEXTS as T } from './messages';
import { addDays } from '../web/format';

/** Reads the overview uses. */
export { fundingAlerts, overdueTrials, runningTrials } from './queries';
/** An initiative's effect measures, their measurements and its citizen stories (the page; the timeline). */
export { effectsOf } from './queries';
/** Effektopfølgning per period, for the status report. */
export { effectFollowUpIn } from './effect-updates';
/** "3. kvartal 2026", "november 2026": a period's name, for the timeline. */
export { periodLabel } from './periods';

export const TRIAL_WEEKS = 8;
export const FUNDING_WARNING_DAYS = 60;


/** Funding ends within 60 days (or has just ended today) and nobody has written how to anchor it. */
export function needsFundingWarning(
  i: { funding_ends: string | null; anchoring_plan: string; status: InitiativeStatus },
  today: string,
): boolean {
  if (!i.funding_ends || i.anchoring_plan.trim() !== '') return false;
  if (i.status === 'stoppet' || i.status === 'forankret') return false;
  return i.funding_ends >= today && i.funding_ends <= addDays(today, FUNDING_WARNING_DAYS);
}

/** A trial action past its end date without a result. */
export function isTrialOverdue(i: { kind: string; trial_end: string | null; result: string; status: InitiativeStatus }, today: string): boolean {
  return i.kind === 'proevehandling' && !!i.trial_end && i.trial_end < today && i.result.trim() === '' && i.status !== 'stoppet';
}

export interface Who {
  actor: Actor;
  personId: number | null;
}

async function assertReferences(trx: Kysely<Database>, f: InitiativeForm) {
  if (f.kerneopgaver.length) {
    const found = await trx.selectFrom('kerneopgaver').select('key').where('key', 'in', f.kerneopgaver).execute();
    if (found.length !== new Set(f.kerneopgaver).size) throw new Invalid({ kerneopgaver: 'Vælg kerneopgaver fra listen' });
  }
  if (f.role_keys.length) {
    const found = await trx.selectFrom('roles').select('key').where('key', 'in', f.role_keys).execute();
    if (found.length !== new Set(f.role_keys).size) throw new Invalid({ role_keys: 'Vælg roller fra listen' });
  }
  if (f.place_ids.length) {
    const found = await trx.selectFrom('organisations').select('id').where('id', 'in', f.place_ids).execute();
    if (found.length !== new Set(f.place_ids).size) throw new Invalid({ place_ids: 'Vælg steder fra listen' });
  }
  if (f.partnership_id) {
    const found = await trx.selectFrom('partnerships').select('id').where('id', '=', f.partnership_id).executeTakeFirst();
    if (!found) throw new Invalid({ partnership_id: 'Vælg et partnerskab fra listen' });
  }
}

/** The initiative's own columns; a trial action's period defaults to 8 weeks from its start. */
function columns(f: InitiativeForm) {
  // Only a trial action has trial fields: for any other kind they are cleared.
  const trial = f.kind === 'proevehandling';
  const trialStart = trial ? f.trial_start ?? f.start_date : null;
  const trialEnd = trial && trialStart && !f.trial_end ? addDays(trialStart, TRIAL_WEEKS * 7) : trial ? f.trial_end : null;
  return {
    partnership_id: f.partnership_id,
    kind: f.kind,
    title: f.title,
    description: f.description,
    start_date: f.start_date,
    end_date: f.end_date,
    intended_movement: f.intended_movement,
    citizen_role: f.citizen_role,
    involvement_level: f.involvement_level,
    funding: f.funding,
    funding_ends: f.funding_ends,
    anchoring_plan: f.anchoring_plan,
    hypothesis: trial ? f.hypothesis : '',
    freedom_from: trial ? f.freedom_from : '',
    freedom_to: trial ? f.freedom_to : '',
    trial_start: trialStart,
    trial_end: trialEnd,
    success_criteria: trial ? f.success_criteria : '',
    result: trial ? f.result : '',
    trial_decision: trial ? f.trial_decision : null,
    sort_key: sortKey(f.title),
  };
}

async function replaceTags(trx: Kysely<Database>, id: number, f: InitiativeForm) {
  await trx.deleteFrom('initiative_kerneopgaver').where('initiative_id', '=', id).execute();
  await trx.deleteFrom('initiative_places').where('initiative_id', '=', id).execute();
  await trx.deleteFrom('initiative_roles').where('initiative_id', '=', id).execute();
  const kerneopgaver = [...new Set(f.kerneopgaver)];
  const places = [...new Set(f.place_ids)];
  const roles = [...new Set(f.role_keys)];
  if (kerneopgaver.length) await trx.insertInto('initiative_kerneopgaver').values(kerneopgaver.map((k) => ({ initiative_id: id, kerneopgave_key: k }))).execute();
  if (places.length) await trx.insertInto('initiative_places').values(places.map((p) => ({ initiative_id: id, organisation_id: p }))).execute();
  if (roles.length) await trx.insertInto('initiative_roles').values(roles.map((r) => ({ initiative_id: id, role_key: r }))).execute();
}

export async function createInitiative(db: Db, f: InitiativeForm, who: Who, at: Date): Promise<number> {
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, f);
    const row = { ...columns(f), status: f.status ?? ('ide' as const), created_at: now, updated_at: now };
    const { id } = await trx.insertInto('initiatives').values(row).returning('id').executeTakeFirstOrThrow();
    await replaceTags(trx, id, f);
    await trx.insertInto('initiative_status_log').values({ initiative_id: id, from_status: null, to_status: row.status, reason: 'Oprettet', person_id: who.personId, at: now }).execute();
    await audit(trx, { actor: who.actor, at, action: 'create', entity: 'initiative', entityId: id, after: { ...row, kerneopgaver: f.kerneopgaver, place_ids: f.place_ids, role_keys: f.role_keys } });
    return id;
  });
}

/** The status log's reason when the status was changed in the edit form without one. */
export const EDITED_STATUS_REASON = 'Ændret under redigering af initiativet';

export async function updateInitiative(db: Db, id: number, f: InitiativeForm, who: Who, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('initiatives').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    await assertReferences(trx, f);
    const status = f.status ?? before.status;
    const set = { ...columns(f), status, updated_at: at.toISOString() };
    await trx.updateTable('initiatives').set(set).where('id', '=', id).execute();
    await replaceTags(trx, id, f);
    if (status !== before.status) {
      const reason = f.status_reason?.trim() || EDITED_STATUS_REASON;
      await trx.insertInto('initiative_status_log').values({ initiative_id: id, from_status: before.status, to_status: status, reason, person_id: who.personId, at: at.toISOString() }).execute();
    }
    await audit(trx, { actor: who.actor, at, action: 'update', entity: 'initiative', entityId: id, before, after: { ...before, ...set, kerneopgaver: f.kerneopgaver, place_ids: f.place_ids, role_keys: f.role_keys } });
  });
}

/** Changes the status and logs who, when and why; the same status again changes nothing. */
export async function changeStatus(db: Db, id: number, status: InitiativeStatus, reason: string, who: Who, at: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('initiatives').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    if (before.status === status) return false;
    await trx.updateTable('initiatives').set({ status, updated_at: at.toISOString() }).where('id', '=', id).execute();
    const log = { initiative_id: id, from_status: before.status, to_status: status, reason, person_id: who.personId, at: at.toISOString() };
    await trx.insertInto('initiative_status_log').values(log).execute();
    await audit(trx, { actor: who.actor, at, action: 'update', entity: 'initiative', entityId: id, before: { status: before.status }, after: { status, reason } });
    return true;
  });
}

export async function deleteInitiative(db: Db, id: number, who: Who, at: Date): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('initiatives').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new NotFound();
      const action = await trx.selectFrom('actions').select('id').where('initiative_id', '=', id).executeTakeFirst();
      if (action) throw new Conflict(T.hasActions, `/initiatives/${id}`);
      // Comments point at their target by type and id (no foreign key): they go with it.
      await trx.deleteFrom('comments').where('target_type', '=', 'initiative').where('target_id', '=', id).execute();
      await trx.deleteFrom('initiatives').where('id', '=', id).execute();
      await audit(trx, { actor: who.actor, at, action: 'delete', entity: 'initiative', entityId: id, before });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new Conflict(T.inUse, `/initiatives/${id}`);
    throw err;
  }
}

async function assertInitiative(trx: Kysely<Database>, id: number) {
  const found = await trx.selectFrom('initiatives').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new NotFound();
}

/** Generic insert of a row that belongs to an initiative, audited. */
async function addChild<T extends 'initiative_updates' | 'initiative_partners' | 'effect_measures' | 'citizen_stories'>(
  db: Db,
  table: T,
  initiativeId: number,
  row: Record<string, unknown>,
  entity: string,
  who: Who,
  at: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertInitiative(trx, initiativeId);
    const values = { ...row, initiative_id: initiativeId } as never;
    const { id } = (await trx.insertInto(table).values(values).returning('id' as never).executeTakeFirstOrThrow()) as unknown as { id: number };
    await audit(trx, { actor: who.actor, at, action: 'create', entity, entityId: id, after: values });
    return id;
  });
}

export function addProgressUpdate(db: Db, initiativeId: number, u: { date: string; happened: string; effect_seen: string; learning: string }, who: Who, at: Date) {
  return addChild(db, 'initiative_updates', initiativeId, { ...u, person_id: who.personId, created_at: at.toISOString() }, 'initiative_update', who, at);
}

export async function addPartner(db: Db, initiativeId: number, p: { organisation_id: number | null; person_id: number | null; contribution: string }, who: Who, at: Date) {
  if (p.organisation_id && !(await db.selectFrom('organisations').select('id').where('id', '=', p.organisation_id).executeTakeFirst())) {
    throw new Invalid({ organisation_id: 'Vælg en organisation fra listen' });
  }
  if (p.person_id && !(await db.selectFrom('people').select('id').where('id', '=', p.person_id).executeTakeFirst())) {
    throw new Invalid({ person_id: 'Vælg en person fra listen' });
  }
  return addChild(db, 'initiative_partners', initiativeId, p, 'initiative_partner', who, at);
}

export async function removePartner(db: Db, initiativeId: number, partnerId: number, who: Who, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('initiative_partners').selectAll().where('id', '=', partnerId).where('initiative_id', '=', initiativeId).executeTakeFirst();
    if (!before) throw new NotFound();
    await trx.deleteFrom('initiative_partners').where('id', '=', partnerId).execute();
    await audit(trx, { actor: who.actor, at, action: 'delete', entity: 'initiative_partner', entityId: partnerId, before });
  });
}

export function addEffectMeasure(db: Db, initiativeId: number, m: { indicator: string; unit: string; baseline: number | null; target: number | null; period_kind?: EffectPeriodKind }, who: Who, at: Date) {
  return addChild(db, 'effect_measures', initiativeId, { ...m, created_at: at.toISOString(), updated_at: at.toISOString() }, 'effect_measure', who, at);
}

export async function addMeasurement(db: Db, initiativeId: number, measureId: number, m: { date: string; value: number; note: string }, who: Who, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const measure = await trx.selectFrom('effect_measures').select('id').where('id', '=', measureId).where('initiative_id', '=', initiativeId).executeTakeFirst();
    if (!measure) throw new NotFound();
    const row = { effect_measure_id: measureId, ...m, created_at: at.toISOString() };
    const { id } = await trx.insertInto('effect_measurements').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor: who.actor, at, action: 'create', entity: 'effect_measurement', entityId: id, after: row });
    return id;
  });
}

export async function addCitizenStory(db: Db, initiativeId: number, s: { date: string; kerneopgave_key: string | null; story: string }, who: Who, at: Date) {
  if (s.kerneopgave_key && !(await db.selectFrom('kerneopgaver').select('key').where('key', '=', s.kerneopgave_key).executeTakeFirst())) {
    throw new Invalid({ kerneopgave_key: 'Vælg en kerneopgave fra listen' });
  }
  return addChild(db, 'citizen_stories', initiativeId, { ...s, person_id: who.personId, created_at: at.toISOString() }, 'citizen_story', who, at);
}
