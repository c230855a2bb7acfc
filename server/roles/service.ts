// Roles and role evidence: the rules for recording evidence, the quarterly and institution
// overviews, and the administration of the (still unsettled) role model. Every write audited.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Database, Role } from '../db/schema';
import { listRoles } from '../reference/service';
import { Invalid, NotFound } from '../web/errors';
import { copenhagenDay } from '../web/format';
import { evidenceByInstitution, evidenceTotalsByRole, roleEvidenceByQuarter } from './queries';
import {
  PERSON_OR_TEAM_REQUIRED,
  ROLE_KIND_LABELS,
  ROLE_KINDS,
  type EvidenceForm,
  type NewRoleForm,
  type RoleForm,
  type RoleKind,
} from './schemas';

// ---- quarters ----

export interface Quarter {
  year: number;
  quarter: number;
  /** "2026 K3" */
  label: string;
  /** First day, YYYY-MM-DD. */
  from: string;
}

/** The quarter a YYYY-MM-DD day falls in. */
export function quarterOf(day: string): { year: number; quarter: number } {
  return { year: Number(day.slice(0, 4)), quarter: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1 };
}

function quarterAt(year: number, quarter: number): Quarter {
  return { year, quarter, label: `${year} K${quarter}`, from: `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01` };
}

function shiftQuarter(q: { year: number; quarter: number }, by: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + by;
  return quarterAt(Math.floor(index / 4), (index % 4) + 1);
}

/** The `count` quarters up to and including the one `today` is in, oldest first, and the day after them. */
export function lastQuarters(today: string, count = 8): { quarters: Quarter[]; until: string } {
  const current = quarterOf(today);
  const quarters = Array.from({ length: count }, (_, i) => shiftQuarter(current, i - count + 1));
  return { quarters, until: shiftQuarter(current, 1).from };
}

/** Evidence counts per role over the last quarters: role key → one count per quarter, oldest first. */
export async function roleEvidenceQuarterly(db: Db, today: string, count = 8): Promise<{ quarters: Quarter[]; counts: Map<string, number[]> }> {
  const { quarters, until } = lastQuarters(today, count);
  const rows = await roleEvidenceByQuarter(db, quarters[0].from, until);
  const position = new Map(quarters.map((q, i) => [`${q.year}-${q.quarter}`, i]));
  const counts = new Map<string, number[]>();
  for (const row of rows) {
    const i = position.get(`${Number(row.year)}-${Number(row.quarter)}`);
    if (i === undefined) continue;
    const perQuarter = counts.get(row.role_key) ?? new Array<number>(quarters.length).fill(0);
    perQuarter[i] += Number(row.n);
    counts.set(row.role_key, perQuarter);
  }
  return { quarters, counts };
}

// ---- the institutions × roles matrix ----

export interface MatrixRow {
  organisation: { id: number; name: string } | null;
  /** Role key → number of evidence notes (0: not seen there yet). */
  counts: Record<string, number>;
}

/** Where each role is seen, and where not yet: one row per institution, plus evidence without one. */
export async function roleMatrix(db: Db, totals: Map<string, number>): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  const placed = new Map<string, number>();
  let current: MatrixRow | undefined;
  for (const r of await evidenceByInstitution(db)) {
    if (current?.organisation?.id !== r.id) {
      current = { organisation: { id: r.id, name: r.name }, counts: {} };
      rows.push(current);
    }
    if (r.role_key) {
      current.counts[r.role_key] = Number(r.n);
      placed.set(r.role_key, (placed.get(r.role_key) ?? 0) + Number(r.n));
    }
  }
  // Evidence without an institution is counted too, so the columns add up to the totals.
  const unplaced: Record<string, number> = {};
  for (const [key, n] of totals) if (n - (placed.get(key) ?? 0) > 0) unplaced[key] = n - (placed.get(key) ?? 0);
  if (Object.keys(unplaced).length) rows.push({ organisation: null, counts: unplaced });
  return rows;
}

// ---- the /roles overview ----

export interface RoleSummary extends Role {
  total: number;
  quarterly: number[];
}

export async function roleOverview(db: Db, at: Date) {
  const [roles, totalRows, quarterly] = await Promise.all([
    listRoles(db, { includeRetired: true }),
    evidenceTotalsByRole(db),
    roleEvidenceQuarterly(db, copenhagenDay(at)),
  ]);
  const totals = new Map(totalRows.map((r) => [r.role_key, Number(r.n)]));
  const matrix = await roleMatrix(db, totals);
  const summaries: RoleSummary[] = roles.map((r) => ({
    ...r,
    total: totals.get(r.key) ?? 0,
    quarterly: quarterly.counts.get(r.key) ?? new Array<number>(quarterly.quarters.length).fill(0),
  }));
  const active = summaries.filter((r) => !r.retired);
  return {
    groups: ROLE_KINDS.map((kind) => ({ kind, label: ROLE_KIND_LABELS[kind], roles: active.filter((r) => r.kind === kind) })),
    quarters: quarterly.quarters,
    matrixRoles: active,
    matrix,
    retired: summaries.filter((r) => r.retired),
  };
}

// ---- recording evidence ----

type Trx = Kysely<Database>;

/** A note as the services take it: the form, where the progress marker may be left out (none). */
export type EvidenceInput = Omit<EvidenceForm, 'marker_id'> & { marker_id?: number | null };

async function exists(trx: Trx, table: 'people' | 'organisations' | 'initiatives' | 'meetings', id: number | null): Promise<boolean> {
  if (id === null) return true;
  return !!(await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
}

/**
 * The rules a note must meet: a person or a team; a known role that is still in use (a note
 * already on a role that has since been retired may keep it); known links; not a future date.
 */
async function checkEvidence(trx: Trx, input: EvidenceInput, at: Date, keptRoleKey?: string, keptMarkerId: number | null = null): Promise<void> {
  const errors: Record<string, string> = {};
  if (input.person_id === null && input.team.trim() === '') errors.person_id = PERSON_OR_TEAM_REQUIRED;
  const role = await trx.selectFrom('roles').select(['key', 'retired']).where('key', '=', input.role_key).executeTakeFirst();
  if (!role) errors.role_key = 'Vælg en rolle fra listen';
  else if (role.retired && role.key !== keptRoleKey) errors.role_key = 'Rollen er udgået og kan ikke vælges til nye observationer';
  if (input.date > copenhagenDay(at)) errors.date = 'Datoen kan ikke ligge i fremtiden';
  if (!(await exists(trx, 'people', input.person_id))) errors.person_id ??= 'Vælg en person fra listen';
  if (!(await exists(trx, 'organisations', input.organisation_id))) errors.organisation_id = 'Vælg en institution fra listen';
  if (!(await exists(trx, 'initiatives', input.initiative_id))) errors.initiative_id = 'Vælg et initiativ fra listen';
  if (!(await exists(trx, 'meetings', input.meeting_id))) errors.meeting_id = 'Vælg et møde fra listen';
  const markerError = await checkEvidenceMarker(trx, input.role_key, input.marker_id ?? null, keptMarkerId);
  if (markerError) errors.marker_id = markerError;
  if (Object.keys(errors).length) throw new Invalid(errors);
}

/** A note may name a progress marker of its own role that is in use (it keeps one that has since been retired). */
async function checkEvidenceMarker(trx: Trx, roleKey: string, markerId: number | null, keptMarkerId: number | null): Promise<string | null> {
  if (markerId === null) return null;
  const marker = await trx.selectFrom('role_markers').select(['role_key', 'retired']).where('id', '=', markerId).executeTakeFirst();
  if (!marker) return 'Vælg en markør fra listen';
  if (marker.role_key !== roleKey) return 'Markøren hører til en anden rolle; vælg en af den valgte rolles markører';
  if (marker.retired && markerId !== keptMarkerId) return 'Markøren er udgået og kan ikke vælges til nye observationer';
  return null;
}

function columns(input: EvidenceInput) {
  return {
    role_key: input.role_key,
    date: input.date,
    person_id: input.person_id,
    team: input.team.trim(),
    organisation_id: input.organisation_id,
    initiative_id: input.initiative_id,
    meeting_id: input.meeting_id,
    marker_id: input.marker_id ?? null,
    note: input.note,
  };
}

/** Records a note that a person or team practised a role; `recordedBy` is the writer's person. */
export async function recordEvidence(db: Db, input: EvidenceInput, recordedBy: number | null, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await checkEvidence(trx, input, at);
    const row = { ...columns(input), recorded_by: recordedBy, created_at: at.toISOString() };
    const { id } = await trx.insertInto('role_evidence').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'role_evidence', entityId: id, after: row });
    return id;
  });
}

/** Changes a note; who recorded it and when stays as it was. */
export async function updateEvidence(db: Db, id: number, input: EvidenceInput, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('role_evidence').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    await checkEvidence(trx, input, at, before.role_key, before.marker_id);
    const set = columns(input);
    await trx.updateTable('role_evidence').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'role_evidence', entityId: id, before, after: { ...before, ...set } });
  });
}

/** Deletes a note and returns the role it was about (to go back to its page). */
export async function deleteEvidence(db: Db, id: number, actor: Actor, at: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('role_evidence').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    await trx.deleteFrom('role_evidence').where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'role_evidence', entityId: id, before });
    return before.role_key;
  });
}

// ---- administering the roles (admin) ----

async function assertNameFree(trx: Trx, name: string, exceptKey?: string) {
  let q = trx.selectFrom('roles').select('key').where('name', '=', name);
  if (exceptKey) q = q.where('key', '!=', exceptKey);
  if (await q.executeTakeFirst()) throw new Invalid({ name: 'Der findes allerede en rolle med det navn' });
}

/** Adds a role after the existing ones; the partnership has not settled the model, so this is expected. */
export async function createRole(db: Db, input: NewRoleForm, actor: Actor, at: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('roles').select('key').where('key', '=', input.key).executeTakeFirst()) {
      throw new Invalid({ key: 'Der findes allerede en rolle med den nøgle' });
    }
    await assertNameFree(trx, input.name);
    const last = await trx.selectFrom('roles').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
    const row = {
      key: input.key,
      kind: input.kind,
      name: input.name,
      description: input.description,
      source: '',
      sort_order: Number(last?.n ?? 0) + 1,
      retired: 0,
    };
    await trx.insertInto('roles').values(row).execute();
    await audit(trx, { actor, at, action: 'create', entity: 'role', entityId: input.key, after: row });
    return input.key;
  });
}

export async function updateRole(db: Db, key: string, input: RoleForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('roles').selectAll().where('key', '=', key).executeTakeFirst();
    if (!before) throw new NotFound();
    await assertNameFree(trx, input.name, key);
    const set = { name: input.name, description: input.description };
    await trx.updateTable('roles').set(set).where('key', '=', key).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'role', entityId: key, before, after: { ...before, ...set } });
  });
}

/** Retires or reactivates a role. Its evidence stays: a retired role only leaves the evidence form. */
export async function setRoleRetired(db: Db, key: string, retired: boolean, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('roles').selectAll().where('key', '=', key).executeTakeFirst();
    if (!before) throw new NotFound();
    const set = { retired: retired ? 1 : 0 };
    if (before.retired === set.retired) return; // nothing changes, so nothing to audit
    await trx.updateTable('roles').set(set).where('key', '=', key).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'role', entityId: key, before, after: { ...before, ...set } });
  });
}

/** Active roles as option groups for the evidence form; `keep` adds a retired role a note already has. */
export async function roleOptionGroups(db: Db, keep?: string): Promise<Array<{ label: string; options: Array<{ value: string; label: string }> }>> {
  const roles = await listRoles(db, { includeRetired: true });
  const offered = roles.filter((r) => !r.retired || r.key === keep);
  return ROLE_KINDS.map((kind: RoleKind) => ({
    label: ROLE_KIND_LABELS[kind],
    options: offered.filter((r) => r.kind === kind).map((r) => ({ value: r.key, label: r.retired ? `${r.name} (udgået)` : r.name })),
  })).filter((g) => g.options.length > 0);
}
