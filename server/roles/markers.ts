// Roles that grow: each role's graded progress markers (outcome mapping: 1 "forventer at se",
// 2 "vil gerne se", 3 "ville elske at se"), editable by the konsulent, and the role page's view of
// which markers have been seen per institution and quarter. Counts places and quarters, never
// people: no per-person score is made here.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Database } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../web/errors';
import { ROLE_TEXTS as T } from './messages';
import { MARKER_LEVEL_LABELS, MARKER_LEVELS, type MarkerForm, type MarkerLevel } from './schemas';
import { lastQuarters, type Quarter } from './service';

type Trx = Kysely<Database>;

export interface Marker {
  id: number;
  role_key: string;
  level: MarkerLevel;
  text: string;
  position: number;
  retired: boolean;
  /** "2.3": the level, then its place in the level (retired markers keep their number). */
  code: string;
}

/** A role's markers, level by level in their order, each with its code. */
export async function listMarkers(db: Db | Trx, roleKey: string): Promise<Marker[]> {
  const rows = await db
    .selectFrom('role_markers')
    .select(['id', 'role_key', 'level', 'text', 'position', 'retired'])
    .where('role_key', '=', roleKey)
    .orderBy('level')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const seen = new Map<number, number>();
  return rows.map((r) => {
    const n = (seen.get(r.level) ?? 0) + 1;
    seen.set(r.level, n);
    return { ...r, level: r.level as MarkerLevel, retired: !!r.retired, code: `${r.level}.${n}` };
  });
}

export function findMarker(db: Db | Trx, roleKey: string, id: number) {
  return db.selectFrom('role_markers').selectAll().where('id', '=', id).where('role_key', '=', roleKey).executeTakeFirst();
}

/** The markers grouped by level, for the role page and the evidence form. */
export function markersByLevel(markers: Marker[]) {
  return MARKER_LEVELS.map((level) => ({ level, label: MARKER_LEVEL_LABELS[level], markers: markers.filter((m) => m.level === level) }));
}

// ---- which markers were seen, per institution and quarter ----

export interface MarkerMatrixRow {
  organisation: { id: number; name: string } | null;
  /** One cell per quarter, oldest first: the codes seen there, in marker order. */
  cells: string[][];
  /** Distinct markers seen over the quarters, per level 1..3. */
  perLevel: [number, number, number];
}

/** Evidence tied to a marker per organisation, year and quarter for days in [from, to): one grouped query. */
function markerEvidenceByQuarter(db: Db, roleKey: string, from: string, to: string) {
  const dated = db
    .selectFrom('role_evidence')
    .select((eb) => {
      const month = eb.cast<number>(eb.fn<string>('substr', ['role_evidence.date', eb.lit(6), eb.lit(2)]), 'integer');
      return [
        'role_evidence.organisation_id',
        'role_evidence.marker_id',
        eb.fn<string>('substr', ['role_evidence.date', eb.lit(1), eb.lit(4)]).as('year'),
        eb.case().when(month, '<=', eb.lit(3)).then(eb.lit(1)).when(month, '<=', eb.lit(6)).then(eb.lit(2)).when(month, '<=', eb.lit(9)).then(eb.lit(3)).else(eb.lit(4)).end().as('quarter'),
      ];
    })
    .where('role_evidence.role_key', '=', roleKey)
    .where('role_evidence.marker_id', 'is not', null)
    .where('role_evidence.date', '>=', from)
    .where('role_evidence.date', '<', to);
  const grouped = db
    .selectFrom(dated.as('dated'))
    .select(['dated.organisation_id', 'dated.marker_id', 'dated.year', 'dated.quarter'])
    .groupBy(['dated.organisation_id', 'dated.marker_id', 'dated.year', 'dated.quarter']);
  return db
    .selectFrom(grouped.as('seen'))
    .leftJoin('organisations', 'organisations.id', 'seen.organisation_id')
    .select(['seen.organisation_id', 'organisations.name', 'organisations.sort_key', 'seen.marker_id', 'seen.year', 'seen.quarter'])
    .orderBy('organisations.sort_key')
    .orderBy('seen.organisation_id')
    .execute();
}

/** A role's markers and where each was seen over the last `count` quarters (the role page; cached per data version). */
export async function roleMarkerOverview(db: Db, roleKey: string, today: string, count = 4): Promise<{ markers: Marker[]; quarters: Quarter[]; matrix: MarkerMatrixRow[] }> {
  const { quarters, until } = lastQuarters(today, count);
  const [markers, rows] = await Promise.all([listMarkers(db, roleKey), markerEvidenceByQuarter(db, roleKey, quarters[0].from, until)]);
  const byId = new Map(markers.map((m, i) => [m.id, { marker: m, order: i }]));
  const column = new Map(quarters.map((q, i) => [`${q.year}-${q.quarter}`, i]));
  const seen = new Map<number | null, { organisation: MarkerMatrixRow['organisation']; cells: Set<number>[] }>();
  for (const r of rows) {
    const i = column.get(`${Number(r.year)}-${Number(r.quarter)}`);
    const m = r.marker_id === null ? undefined : byId.get(r.marker_id);
    if (i === undefined || !m) continue;
    const key = r.organisation_id;
    let row = seen.get(key);
    if (!row) {
      row = { organisation: key === null ? null : { id: key, name: r.name ?? '' }, cells: quarters.map(() => new Set<number>()) };
      seen.set(key, row);
    }
    row.cells[i].add(m.order);
  }
  const ordered = [...seen.values()].sort((a, b) => (a.organisation === null ? 1 : 0) - (b.organisation === null ? 1 : 0));
  const matrix = ordered.map((row) => {
    const all = new Set<number>();
    for (const c of row.cells) for (const o of c) all.add(o);
    const perLevel: [number, number, number] = [0, 0, 0];
    for (const o of all) perLevel[markers[o].level - 1]++;
    return { organisation: row.organisation, cells: row.cells.map((c) => [...c].sort((a, b) => a - b).map((o) => markers[o].code)), perLevel };
  });
  return { markers, quarters, matrix };
}

// ---- editing the markers (konsulent, admin) ----

async function nextPosition(trx: Trx, roleKey: string, level: number): Promise<number> {
  const row = await trx.selectFrom('role_markers').select((eb) => eb.fn.max('position').as('n')).where('role_key', '=', roleKey).where('level', '=', level).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function createMarker(db: Db, roleKey: string, input: MarkerForm, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('roles').select('key').where('key', '=', roleKey).executeTakeFirst())) throw new NotFound();
    const now = at.toISOString();
    const row = {
      role_key: roleKey,
      level: input.level,
      text: input.text,
      position: input.position ?? (await nextPosition(trx, roleKey, input.level)),
      retired: 0,
      created_at: now,
      updated_at: now,
    };
    const { id } = await trx.insertInto('role_markers').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'role_marker', entityId: id, after: row });
    return id;
  });
}

/** Changes a marker's text, level or place; a marker moved to another level without a place goes last there. */
export async function updateMarker(db: Db, roleKey: string, id: number, input: MarkerForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findMarker(trx, roleKey, id);
    if (!before) throw new NotFound();
    const position = input.position ?? (input.level === before.level ? before.position : await nextPosition(trx, roleKey, input.level));
    const set = { level: input.level, text: input.text, position, updated_at: at.toISOString() };
    await trx.updateTable('role_markers').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'role_marker', entityId: id, before, after: { ...before, ...set } });
  });
}

/** Retires (no longer offered for new evidence) or reactivates a marker; evidence keeps it. */
export async function setMarkerRetired(db: Db, roleKey: string, id: number, retired: boolean, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findMarker(trx, roleKey, id);
    if (!before) throw new NotFound();
    if (!!before.retired === retired) return; // nothing changes, so nothing to audit
    const set = { retired: retired ? 1 : 0, updated_at: at.toISOString() };
    await trx.updateTable('role_markers').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'role_marker', entityId: id, before, after: { ...before, ...set } });
  });
}

/** Deletes a marker no evidence is tied to; one with evidence is refused (it can be retired). */
export async function deleteMarker(db: Db, roleKey: string, id: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findMarker(trx, roleKey, id);
    if (!before) throw new NotFound();
    const used = await trx.selectFrom('role_evidence').select('id').where('marker_id', '=', id).limit(1).executeTakeFirst();
    if (used) throw new Conflict(T.markerInUse, `/roles/${encodeURIComponent(roleKey)}#markoerer`);
    await trx.deleteFrom('role_markers').where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'role_marker', entityId: id, before });
  });
}

/** The evidence form's marker choices: per role and level (only the chosen role's when one is chosen). */
export async function markerOptionGroups(db: Db, roles: Array<{ key: string; name: string }>, roleKey: string | null, keep: number | null) {
  const keys = roleKey ? [roleKey] : roles.map((r) => r.key);
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('role_markers')
    .select(['id', 'role_key', 'level', 'text', 'retired'])
    .where('role_key', 'in', keys)
    .where((eb) => (keep ? eb.or([eb('retired', '=', 0), eb('id', '=', keep)]) : eb('retired', '=', 0)))
    .orderBy('level')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const names = new Map(roles.map((r) => [r.key, r.name]));
  return keys.flatMap((key) =>
    MARKER_LEVELS.map((level) => ({
      label: roleKey ? MARKER_LEVEL_LABELS[level] : `${names.get(key) ?? key}: ${MARKER_LEVEL_LABELS[level].toLowerCase()}`,
      options: rows.filter((r) => r.role_key === key && r.level === level).map((r) => ({ value: String(r.id), label: r.retired ? `${r.text} (udgået)` : r.text })),
    })).filter((g) => g.options.length > 0),
  );
}
