// "Forklar eller fjern": the register's rules and writes, each audited, and the hours saved per decision.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { FEF_DECISIONS, type Database, type FefDecision } from '../db/schema';
import { Invalid, NotFound } from '../web/errors';
import { hoursByDecisionRows } from './queries';
import type { FefForm } from './schemas';

type Trx = Kysely<Database>;

/** The principle itself: a rule that stays must say why; one still pending was not decided anywhere. */
function assertDecisionConsistent(input: FefForm): void {
  const errors: Record<string, string> = {};
  if (input.decision === 'forklaret_bevares' && !input.rationale) {
    errors.rationale = 'Skriv begrundelsen: en regel, der bevares, skal forklares';
  }
  if (input.decision === 'afventer' && input.decided_meeting_id) {
    errors.decided_meeting_id = 'Et punkt, der afventer, er ikke besluttet på et møde. Vælg en beslutning, eller fjern mødet';
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
}

async function assertReferencesExist(trx: Trx, input: FefForm): Promise<void> {
  const errors: Record<string, string> = {};
  if (input.raised_by) {
    const person = await trx.selectFrom('people').select('id').where('id', '=', input.raised_by).executeTakeFirst();
    if (!person) errors.raised_by = 'Vælg en person fra listen';
  }
  if (input.decided_meeting_id) {
    const meeting = await trx.selectFrom('meetings').select('id').where('id', '=', input.decided_meeting_id).executeTakeFirst();
    if (!meeting) errors.decided_meeting_id = 'Vælg et møde fra listen';
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
}

function columns(input: FefForm) {
  return {
    title: input.title,
    applies_to: input.applies_to,
    origin: input.origin,
    raised_by: input.raised_by,
    decision: input.decision,
    rationale: input.rationale,
    hours_saved_per_month: input.hours_saved_per_month,
    decided_meeting_id: input.decided_meeting_id,
  };
}

export async function createFefItem(db: Db, input: FefForm, actor: Actor, at: Date): Promise<number> {
  assertDecisionConsistent(input);
  return db.transaction().execute(async (trx) => {
    await assertReferencesExist(trx, input);
    const row = { ...columns(input), created_at: at.toISOString(), updated_at: at.toISOString() };
    const { id } = await trx.insertInto('fef_items').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'fef_item', entityId: id, after: row });
    return id;
  });
}

export async function updateFefItem(db: Db, id: number, input: FefForm, actor: Actor, at: Date): Promise<void> {
  assertDecisionConsistent(input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('fef_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    await assertReferencesExist(trx, input);
    const set = { ...columns(input), updated_at: at.toISOString() };
    await trx.updateTable('fef_items').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'fef_item', entityId: id, before, after: { ...before, ...set } });
  });
}

/** Nothing refers to an item, so it can always go; the audit log keeps what it said. */
export async function deleteFefItem(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('fef_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    await trx.deleteFrom('fef_items').where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'fef_item', entityId: id, before });
  });
}

export interface DecisionHours {
  decision: FefDecision;
  items: number;
  /** How many of the items carry an estimate. */
  estimated: number;
  hours: number;
}

export interface HoursSummary {
  byDecision: DecisionHours[];
  /** Hours actually saved: rules changed or removed. */
  saved: number;
  /** Hours that could be saved if the pending items are changed or removed. */
  pending: number;
  items: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Estimated hours per month by decision, every decision listed (also with none), in the register's order. */
export async function hoursSavedByDecision(db: Db): Promise<HoursSummary> {
  const rows = await hoursByDecisionRows(db);
  const byDecision = FEF_DECISIONS.map((decision) => {
    const row = rows.find((r) => r.decision === decision);
    return { decision, items: Number(row?.items ?? 0), estimated: Number(row?.estimated ?? 0), hours: round2(Number(row?.hours ?? 0)) };
  });
  const hoursOf = (d: FefDecision) => byDecision.find((r) => r.decision === d)!.hours;
  return {
    byDecision,
    saved: round2(hoursOf('aendret') + hoursOf('fjernet')),
    pending: hoursOf('afventer'),
    items: byDecision.reduce((sum, r) => sum + r.items, 0),
  };
}
