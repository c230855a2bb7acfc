// The open-data API's reads: plain Kysely, one query per list plus one count. Every meeting-side
// read is limited to meetings whose minutes every party approved, and leaves closed items (and
// what was agreed under them) out entirely; no read returns a person's name or contact data.
import type { Db } from '../db/database';

export interface Page {
  limit: number;
  offset: number;
}

/** Meetings whose minutes are approved: the only meetings the open data shows. */
const publicMeetingIds = (db: Db) => db.selectFrom('minutes').select('minutes.meeting_id').where('minutes.status', '=', 'godkendt');

const meetingColumns = ['meetings.id', 'meetings.partnership_id', 'meetings.created_at', 'meetings.updated_at', 'meetings.title', 'meetings.kind', 'meetings.starts_at', 'meetings.ends_at', 'meetings.place', 'meetings.status', 'meetings.journal_number'] as const;

export async function publicMeetings(db: Db, page: Page, partnershipId?: number) {
  let base = db.selectFrom('meetings').where('meetings.id', 'in', publicMeetingIds(db));
  if (partnershipId !== undefined) base = base.where('meetings.partnership_id', '=', partnershipId);
  const [rows, count] = await Promise.all([
    base.select(meetingColumns).orderBy('meetings.starts_at', 'desc').orderBy('meetings.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function publicMeeting(db: Db, id: number) {
  return db.selectFrom('meetings').select(meetingColumns).where('meetings.id', '=', id).where('meetings.id', 'in', publicMeetingIds(db)).executeTakeFirst();
}

/** The open (not closed) items of approved meetings; `decisionsOnly`: those with a decision. */
function openItems(db: Db, decisionsOnly: boolean) {
  let q = db.selectFrom('agenda_items').where('agenda_items.closed', '=', 0).where('agenda_items.meeting_id', 'in', publicMeetingIds(db));
  if (decisionsOnly) q = q.where('agenda_items.decision', '<>', '');
  return q;
}

const itemColumns = ['agenda_items.id', 'agenda_items.meeting_id', 'agenda_items.position', 'agenda_items.kind', 'agenda_items.title', 'agenda_items.background', 'agenda_items.discussion', 'agenda_items.decision'] as const;

export async function publicItems(db: Db, page: Page, opts: { decisionsOnly: boolean; meetingId?: number }) {
  let base = openItems(db, opts.decisionsOnly);
  if (opts.meetingId !== undefined) base = base.where('agenda_items.meeting_id', '=', opts.meetingId);
  // One meeting's items in agenda order; across meetings newest first by id (stable for paging).
  // The page's ids first (a sort of integers), then their rows: sorting 30,000 rows with their
  // texts to keep 100 took ten times as long on the SPEC's data set.
  const ordered = opts.meetingId !== undefined ? base.orderBy('agenda_items.position').orderBy('agenda_items.id') : base.orderBy('agenda_items.id', 'desc');
  const [ids, count] = await Promise.all([
    ordered.select('agenda_items.id').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  const found = ids.length
    ? await db
        .selectFrom('agenda_items')
        .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
        .select([...itemColumns, 'meetings.starts_at'])
        .where('agenda_items.id', 'in', ids.map((r) => r.id))
        .execute()
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return { rows: ids.map((r) => byId.get(r.id)!), total: Number(count.n) };
}

export function publicItem(db: Db, id: number, decisionsOnly: boolean) {
  return openItems(db, decisionsOnly)
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .select([...itemColumns, 'meetings.starts_at'])
    .where('agenda_items.id', '=', id)
    .executeTakeFirst();
}

/** Actions of approved meetings, except those agreed under a closed item. */
function openActions(db: Db) {
  return db
    .selectFrom('actions')
    .where('actions.meeting_id', 'in', publicMeetingIds(db))
    .where((eb) => eb.or([eb('actions.agenda_item_id', 'is', null), eb('actions.agenda_item_id', 'not in', eb.selectFrom('agenda_items').select('agenda_items.id').where('agenda_items.closed', '=', 1))]));
}

const actionColumns = ['actions.id', 'actions.meeting_id', 'actions.agenda_item_id', 'actions.text', 'actions.status', 'actions.due_date', 'actions.completed_at', 'actions.initiative_id'] as const;

export async function publicActions(db: Db, page: Page) {
  const base = openActions(db);
  const [rows, count] = await Promise.all([
    base.select(actionColumns).orderBy('actions.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function publicAction(db: Db, id: number) {
  return openActions(db).select(actionColumns).where('actions.id', '=', id).executeTakeFirst();
}

// Initiatives: the description of the work, not its people (partners by name) or citizens' stories.
const initiativeColumns = [
  'initiatives.id',
  'initiatives.kind',
  'initiatives.title',
  'initiatives.description',
  'initiatives.status',
  'initiatives.start_date',
  'initiatives.end_date',
  'initiatives.intended_movement',
  'initiatives.hypothesis',
  'initiatives.success_criteria',
  'initiatives.result',
  'initiatives.trial_start',
  'initiatives.trial_end',
] as const;

export async function initiatives(db: Db, page: Page) {
  const [rows, count] = await Promise.all([
    db.selectFrom('initiatives').select(initiativeColumns).orderBy('initiatives.id').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('initiatives').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function initiative(db: Db, id: number) {
  return db.selectFrom('initiatives').select(initiativeColumns).where('id', '=', id).executeTakeFirst();
}

/** The kerneopgaver and roles of the given initiatives (two queries, not one per initiative). */
export async function initiativeLinks(db: Db, ids: number[]) {
  if (ids.length === 0) return { kerneopgaver: [], roles: [] };
  const [kerneopgaver, roles] = await Promise.all([
    db.selectFrom('initiative_kerneopgaver').select(['initiative_id', 'kerneopgave_key as key']).where('initiative_id', 'in', ids).orderBy('kerneopgave_key').execute(),
    db.selectFrom('initiative_roles').select(['initiative_id', 'role_key as key']).where('initiative_id', 'in', ids).orderBy('role_key').execute(),
  ]);
  return { kerneopgaver, roles };
}

const measureColumns = ['id', 'initiative_id', 'indicator', 'unit', 'baseline', 'target'] as const;

export async function effectMeasures(db: Db, page: Page) {
  const [rows, count] = await Promise.all([
    db.selectFrom('effect_measures').select(measureColumns).orderBy('id').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('effect_measures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function effectMeasure(db: Db, id: number) {
  return db.selectFrom('effect_measures').select(measureColumns).where('id', '=', id).executeTakeFirst();
}

/** The measurements of the given measures: date and value (a note may name people, so it stays out). */
export async function measurementsOf(db: Db, measureIds: number[]) {
  if (measureIds.length === 0) return [];
  return db.selectFrom('effect_measurements').select(['effect_measure_id', 'date', 'value']).where('effect_measure_id', 'in', measureIds).orderBy('date').orderBy('id').execute();
}

const roleColumns = ['key', 'kind', 'name', 'description', 'source', 'retired'] as const;

export async function roles(db: Db, page: Page) {
  const [rows, count] = await Promise.all([
    db.selectFrom('roles').select(roleColumns).orderBy('sort_order').orderBy('key').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('roles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function role(db: Db, key: string) {
  return db.selectFrom('roles').select(roleColumns).where('key', '=', key).executeTakeFirst();
}

// ---- tokens ----

export function apiTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.created_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'people.name as created_by_name'])
    .orderBy('api_tokens.id', 'desc')
    .execute();
}

export function activeTokenByHash(db: Db, hash: string) {
  return db.selectFrom('api_tokens').select(['id', 'name']).where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}

/** The open items of the given approved meetings, in order (one query for a page of meetings). */
export function publicItemsOfMeetings(db: Db, meetingIds: number[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return openItems(db, false)
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .select([...itemColumns, 'meetings.starts_at'])
    .where('agenda_items.meeting_id', 'in', meetingIds)
    .orderBy('agenda_items.meeting_id')
    .orderBy('agenda_items.position')
    .orderBy('agenda_items.id')
    .execute();
}

export function partnerships(db: Db) {
  return db.selectFrom('partnerships').select(['id', 'name', 'created_at', 'updated_at']).orderBy('id').execute();
}
