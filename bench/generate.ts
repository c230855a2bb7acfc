// Builds the SPEC's large data set in a fresh SQLite file: app migrations and seed, then raw bulk inserts (`npx tsx bench/generate.ts [file]`).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type SQLite from 'better-sqlite3';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, StandardFonts } from 'pdf-lib';
import { hashPassword } from '../server/accounts/passwords';
import { openDatabase, type Db } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrator';
import { searchKey, sortKey } from '../server/db/text-keys';
import { buildMinutesDocument } from '../server/meetings/minutes-document';
import { CONSULTANT_NAME, PARTNERSHIP_NAME, seedPartnership } from '../seeds/partnership';
import * as da from './danish';

export const SIZES = {
  organisations: 300,
  people: 5_000,
  meetings: 2_000,
  agenda_items: 40_000,
  actions: 30_000,
  initiatives: 1_000,
  initiative_updates: 20_000,
  role_evidence: 20_000,
  // Not sized by the SPEC: enough to make their pages realistic.
  citizen_stories: 1_500,
  learnings: 600,
  dilemmas: 80,
  fef_items: 300,
};
const FIRST_YEAR = 2007;
const LAST_YEAR = 2027;
const SEED = 20070101;

export const BENCH_PASSWORD = 'bench-adgangskode-uldum';
export const BENCH_USERS = {
  admin: 'admin@bench.uldum.dk',
  konsulent: 'konsulent@bench.uldum.dk',
  repraesentant: 'repraesentant@bench.uldum.dk',
  laeser: 'laeser@bench.uldum.dk',
} as const;
/** The konsulent's calendar feed token (/meetings.ics?token=…). */
export const BENCH_CALENDAR_TOKEN = 'bench-kalender-noegle-konsulent-0001';

/** Records the routes of bench/routes.ts point at. */
export interface DatasetIds {
  /** An ordinary person, and the consultant who is in most meetings. */
  person: number;
  busyPerson: number;
  /** A small organisation, and Hedensted Kommune with the most people. */
  organisation: number;
  largeOrganisation: number;
  /** A held meeting with about ten agenda items, and one with 100 (both with minutes). */
  meeting: number;
  bigMeeting: number;
  /** A planned meeting prepared in full: 100 items with indstilling, presenter and minutes, and 50 bilag (45 of them PDF). */
  preparedMeeting: number;
  /** The initiative with the longest progress log, and the partnership from the agreement. */
  initiative: number;
  partnership: number;
}

export interface Dataset {
  file: string;
  counts: Record<string, number>;
  ids: DatasetIds;
  /** Milliseconds per generator step. */
  timings: Record<string, number>;
  totalMs: number;
}

type Row = Record<string, string | number | Buffer | null>;
interface Org { id: number; name: string; kind: string }
interface PersonInfo { id: number; name: string; orgId: number | null; position: string }
interface PartnershipInfo { id: number; isNew: boolean; name: string; parties: number[]; reps: Map<number, number[]>; convener: number; consultant: number }
interface ItemInfo { id: number; position: number; title: string; decision: string }
interface MeetingInfo {
  id: number;
  partnership: PartnershipInfo;
  kind: string;
  title: string;
  place: string;
  start: Date;
  end: Date;
  status: string;
  createdAt: string;
  participants: number[];
  attended: number[];
  items: ItemInfo[];
  followUpItem: number | null;
  actions: number[];
}
interface InitiativeInfo { id: number; partnership: PartnershipInfo; start: Date; end: Date | null }
interface MinutesInfo { id: number; meeting: MeetingInfo; status: string; version: number; createdAt: Date; text: { free_text: string; next_meeting: string; change_note: string } }

/** Everything the table generators share: the random source and what earlier tables made. */
interface Gen {
  raw: SQLite.Database;
  /** The same connection through Kysely, for the app's own read functions. */
  db: Db;
  rnd: da.Random;
  now: Date;
  passwordHash: string;
  orgs: Org[];
  people: PersonInfo[];
  peopleByOrg: Map<number, number[]>;
  /** People who turn up at many meetings. */
  regulars: number[];
  partnerships: PartnershipInfo[];
  userIds: Record<string, number>;
  meetings: MeetingInfo[];
  minutes: MinutesInfo[];
  /** Oldest first. */
  initiatives: InitiativeInfo[];
  effectMeasures: Array<{ id: number; baseline: number; target: number; start: Date }>;
  learnings: number[];
  dilemmas: number[];
  /** Institution names, for {place} in texts. */
  places: string[];
  special: { admin: number; laeser: number; consultant: number; foaRepresentative: number };
  ids: Partial<DatasetIds>;
}

// ---- helpers ----

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (d: Date) => d.toISOString();
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

/** Hours Copenhagen is ahead of UTC on a date (EU summer time: last Sunday of March to last Sunday of October). */
function copenhagenOffset(year: number, month: number, date: number): number {
  const lastSunday = (m: number) => {
    const last = new Date(Date.UTC(year, m + 1, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  if (month > 2 && month < 9) return 2;
  if (month === 2) return date >= lastSunday(2) ? 2 : 1;
  if (month === 9) return date < lastSunday(9) ? 2 : 1;
  return 1;
}

function copenhagenTime(d: Date, hour: number, minute: number): Date {
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  return new Date(Date.UTC(y, m, dd, hour - copenhagenOffset(y, m, dd), minute));
}

function danishDate(d: Date): string {
  const local = new Date(d.getTime() + copenhagenOffset(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()}. ${da.MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} kl. ${hh}.${mm}`;
}

function randomDate(g: Gen, from: Date, to: Date): Date {
  return new Date(from.getTime() + g.rnd.next() * Math.max(0, to.getTime() - from.getTime()));
}

const slug = (s: string) =>
  s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^a-z0-9]+/g, '');

/** Fills {org}, {topic}, {place}, {person}, {rule}, {month}, {town} and {n} in a template. */
function fill(g: Gen, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'org': return g.rnd.pick(g.orgs).name;
      case 'topic': return g.rnd.pick(da.TOPICS);
      case 'place': return g.rnd.pick(g.places);
      case 'person': return g.rnd.pick(g.people).name;
      case 'rule': return g.rnd.pick(da.RULES);
      case 'month': return g.rnd.pick(da.MONTHS);
      case 'town': return g.rnd.pick(da.TOWNS);
      default: return String(g.rnd.int(2, 40));
    }
  });
}

function sentences(g: Gen, list: readonly string[], min: number, max: number): string {
  return g.rnd.sample(list, g.rnd.int(min, max)).map((t) => fill(g, t)).join(' ');
}

interface ColumnInfo { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }

function tableExists(raw: SQLite.Database, table: string): boolean {
  return !!raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
}

/**
 * Inserts rows with one prepared statement and returns their ids. Only the columns the table has
 * are written (a key it lacks is reported); a required column the rows do not fill is an error,
 * so a new migration that adds one makes the bench fail loudly until its generator is extended.
 */
function insert(g: Gen, table: string, rows: Row[]): number[] {
  if (!rows.length) return [];
  const columns = g.raw.prepare('select * from pragma_table_info(?)').all(table) as ColumnInfo[];
  const known = new Set(columns.map((c) => c.name));
  const keys = Object.keys(rows[0]);
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length) console.warn(`  ${table}: no column ${unknown.join(', ')} in the schema; left out`);
  const used = keys.filter((k) => known.has(k));
  const rowid = columns.filter((c) => c.pk > 0).length === 1 ? columns.find((c) => c.pk > 0 && c.type.toLowerCase() === 'integer') : undefined;
  const missing = columns.filter((c) => c.notnull && c.dflt_value === null && c !== rowid && !used.includes(c.name));
  if (missing.length) {
    throw new Error(`bench/generate.ts: table ${table} needs ${missing.map((c) => c.name).join(', ')}; extend its generator`);
  }
  const stmt = g.raw.prepare(`insert into "${table}" (${used.map((k) => `"${k}"`).join(', ')}) values (${used.map(() => '?').join(', ')})`);
  return rows.map((r) => Number(stmt.run(used.map((k) => r[k] ?? null)).lastInsertRowid));
}

// ---- one generator per table, in the order of TABLES below ----

const ORGANISATION_MIX: Record<string, number> = {
  kommune: 10, fagforening: 15, institution: 100, forening: 70, 'frivillig organisation': 35,
  virksomhed: 35, uddannelsesinstitution: 12, borgergruppe: 15, andet: 8,
}; // 300 in all, the six seeded ones included

function organisationName(g: Gen, kind: string): string {
  const r = g.rnd;
  switch (kind) {
    case 'kommune': return r.pick(da.KOMMUNER);
    case 'fagforening': return r.pick(da.UNIONS);
    case 'institution': return r.chance(0.5) ? `${r.pick(da.INSTITUTION_TYPES)} ${r.pick(da.PLACE_NAMES)}, ${r.pick(da.TOWNS)}` : `${r.pick(da.INSTITUTION_TYPES)} i ${r.pick(da.TOWNS)}`;
    case 'forening': return `${r.pick(da.TOWNS)} ${r.pick(da.ASSOCIATION_TYPES)}`;
    case 'frivillig organisation': return `${r.pick(da.VOLUNTEER_ORGS)} ${r.pick(da.TOWNS)}`;
    case 'virksomhed': return r.chance(0.8) ? `${r.pick(da.SURNAMES)} ${r.pick(da.BUSINESS_TYPES)}` : `SuperBrugsen ${r.pick(da.TOWNS)}`;
    case 'uddannelsesinstitution': return r.pick(da.SCHOOLS);
    case 'borgergruppe': return `${r.pick(da.CITIZEN_GROUPS)} ${r.pick(da.TOWNS)}`;
    default: return r.pick(da.OTHER_ORGS);
  }
}

function organisations(g: Gen): void {
  const names = new Set(g.orgs.map((o) => o.name));
  const rows: Row[] = [];
  const made: Array<Omit<Org, 'id'>> = [];
  for (const [kind, wanted] of Object.entries(ORGANISATION_MIX)) {
    for (let n = g.orgs.filter((o) => o.kind === kind).length; n < wanted; n++) {
      let name = organisationName(g, kind);
      for (let tries = 0; names.has(name) && tries < 500; tries++) name = organisationName(g, kind);
      for (let i = 2; names.has(name); i++) name = `${organisationName(g, kind)} ${i}`;
      names.add(name);
      const at = iso(randomDate(g, new Date(Date.UTC(FIRST_YEAR, 0, 1)), g.now));
      rows.push({
        name, kind, description: g.rnd.chance(0.6) ? fill(g, g.rnd.pick(['Samarbejder om {topic}.', 'Lokal partner i {town}.', 'Med i netværket om {topic} i {town}.'])) : '',
        active: g.rnd.chance(0.95) ? 1 : 0, sort_key: sortKey(name), search_key: searchKey(name), created_at: at, updated_at: at,
      });
      made.push({ name, kind });
    }
  }
  insert(g, 'organisations', rows).forEach((id, i) => g.orgs.push({ id, ...made[i] }));
  g.places = g.orgs.filter((o) => o.kind === 'institution').map((o) => o.name);
}

const POSITION_MIX: Record<string, Record<string, number>> = {
  kommune: { medarbejder: 55, leder: 20, konsulent: 20, andet: 5 },
  fagforening: { repraesentant: 60, konsulent: 30, andet: 10 },
  institution: { medarbejder: 75, leder: 12, repraesentant: 8, frivillig: 3, andet: 2 },
  forening: { frivillig: 85, leder: 10, andet: 5 },
  'frivillig organisation': { frivillig: 85, leder: 10, andet: 5 },
  virksomhed: { leder: 40, medarbejder: 40, andet: 20 },
  uddannelsesinstitution: { medarbejder: 50, leder: 20, andet: 30 },
  borgergruppe: { frivillig: 60, andet: 40 },
  andet: { andet: 60, medarbejder: 40 },
  none: { frivillig: 50, andet: 50 },
};

const ULDUM = new Set(['Plejecentret i Uldum', 'Skolen i Uldum', 'Daginstitutionen i Uldum', 'Lokalsamfundet Uldum']);

/** How many people an organisation has, relatively: the municipality and Uldum's own places are big. */
function organisationWeight(o: Org): number {
  if (o.name === 'Hedensted Kommune') return 500;
  if (o.name === 'FOA') return 60;
  if (ULDUM.has(o.name)) return 80;
  return { kommune: 25, institution: 14, fagforening: 8, forening: 6, 'frivillig organisation': 8, uddannelsesinstitution: 6, borgergruppe: 5, virksomhed: 2, andet: 3 }[o.kind] ?? 3;
}

function people(g: Gen): void {
  const r = g.rnd;
  const weights = g.orgs.map(organisationWeight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickOrg = (): Org => {
    let x = r.next() * totalWeight;
    for (let i = 0; i < g.orgs.length; i++) if ((x -= weights[i]) < 0) return g.orgs[i];
    return g.orgs[g.orgs.length - 1];
  };
  const byName = (name: string) => g.orgs.find((o) => o.name === name)!;
  const rows: Row[] = [];
  const made: Array<Omit<PersonInfo, 'id'>> = [];
  const add = (name: string, org: Org | null, position: string, title: string) => {
    const email = r.chance(0.85) ? `${slug(name.split(' ')[0])}.${slug(name.split(' ').at(-1)!)}${r.int(1, 99)}@${slug(org?.name ?? 'privat').slice(0, 18)}.dk` : null;
    const phone = r.chance(0.7) ? `${r.int(20, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}` : null;
    const at = iso(randomDate(g, new Date(Date.UTC(FIRST_YEAR, 0, 1)), g.now));
    rows.push({
      name, title, organisation_id: org?.id ?? null, email, phone, position, active: r.chance(0.92) ? 1 : 0, anonymised_at: null,
      sort_key: sortKey(name), search_key: searchKey(name, title, email), created_at: at, updated_at: at,
    });
    made.push({ name, orgId: org?.id ?? null, position });
  };
  // The accounts of bench/run.ts need people of their own.
  add('Åse Bækgaard', byName('Hedensted Kommune'), 'andet', 'Systemadministrator');
  add('Jørgen Mølgaard', byName('Plejecentret i Uldum'), 'leder', 'Plejecenterleder');
  while (g.people.length + rows.length < SIZES.people) {
    const org = r.chance(0.03) ? null : pickOrg();
    const position = r.weighted(POSITION_MIX[org?.kind ?? 'none']);
    const middle = r.chance(0.2) ? ` ${r.pick(da.SURNAMES)}` : '';
    add(`${r.pick(da.FIRST_NAMES)}${middle} ${r.pick(da.SURNAMES)}`, org, position, r.pick(da.TITLES[position]));
  }
  const ids = insert(g, 'people', rows);
  ids.forEach((id, i) => g.people.push({ id, ...made[i] }));
  [g.special.admin, g.special.laeser] = ids;
  // About 1 % have been anonymised (GDPR) the way the app does it; they stay in old meetings.
  const anonymise = g.raw.prepare(
    'update people set name = ?, title = \'\', email = null, phone = null, active = 0, anonymised_at = ?, sort_key = ?, search_key = ? where id = ?',
  );
  for (const id of ids.slice(2)) {
    if (!r.chance(0.01)) continue;
    const name = `Anonymiseret person ${id}`;
    anonymise.run(name, iso(randomDate(g, new Date(Date.UTC(2019, 0, 1)), g.now)), sortKey(name), searchKey(name), id);
    g.people.find((p) => p.id === id)!.name = name;
  }
  for (const p of g.people) if (p.orgId) g.peopleByOrg.set(p.orgId, [...(g.peopleByOrg.get(p.orgId) ?? []), p.id]);
  // Regulars: mostly from the partnership's parties and Uldum's own places.
  const coreOrgs = new Set(g.orgs.filter((o) => ULDUM.has(o.name) || o.name === 'Hedensted Kommune' || o.name === 'FOA').map((o) => o.id));
  const core = g.people.filter((p) => p.orgId && coreOrgs.has(p.orgId));
  g.regulars = [...r.sample(core, 300), ...r.sample(g.people, 100)].map((p) => p.id);
}

const EXTRA_PARTNERSHIPS = [
  { name: 'Hedensted Kommune og de frivillige: fællesskaber i ældreplejen', kinds: ['kommune', 'frivillig organisation'], area: 'Tørring og Uldum' },
  { name: 'Skoler og foreninger i Løsning: bevægelse hver dag', kinds: ['institution', 'forening'], area: 'Løsning' },
];

function partnerships(g: Gen): void {
  const rows: Row[] = [];
  const planned: Array<Omit<PartnershipInfo, 'id'>> = [];
  for (const p of EXTRA_PARTNERSHIPS) {
    const parties = p.kinds.map((kind) => g.orgs.find((o) => o.kind === kind && (g.peopleByOrg.get(o.id)?.length ?? 0) >= 3)!.id);
    const reps = new Map(parties.map((orgId) => [orgId, g.peopleByOrg.get(orgId)!.slice(0, 2)]));
    const consultant = g.people.find((x) => x.position === 'konsulent' && x.orgId === g.partnerships[0].parties[0])!.id;
    planned.push({ isNew: true, name: p.name, parties, reps, convener: reps.get(parties[0])![0], consultant });
    const at = iso(new Date(Date.UTC(2012, 2, 1)));
    rows.push({ name: p.name, purpose: `Et partnerskab om ${g.rnd.pick(da.TOPICS)} i ${p.area}.`, project_area: p.area, start_date: '2012-03-01', meeting_cadence: 'Hver anden måned', created_at: at, updated_at: at });
  }
  insert(g, 'partnerships', rows).forEach((id, i) => g.partnerships.push({ id, ...planned[i] }));
}

function partnershipParties(g: Gen): void {
  insert(g, 'partnership_parties', g.partnerships.filter((p) => p.isNew).flatMap((p) =>
    p.parties.map((organisation_id, i) => ({ partnership_id: p.id, organisation_id, sort_order: i + 1 }))));
}

function partnershipMembers(g: Gen): void {
  insert(g, 'partnership_members', g.partnerships.filter((p) => p.isNew).flatMap((p) =>
    [...p.reps.values()].flat().map((person_id) => ({ partnership_id: p.id, person_id, is_representative: 1, convenes_meetings: person_id === p.convener ? 1 : 0 }))));
}

function users(g: Gen): void {
  const at = iso(g.now);
  const accounts: Array<[keyof typeof BENCH_USERS, number]> = [
    ['admin', g.special.admin],
    ['konsulent', g.special.consultant],
    ['repraesentant', g.special.foaRepresentative],
    ['laeser', g.special.laeser],
  ];
  const ids = insert(g, 'users', accounts.map(([role, person_id]) => ({
    email: BENCH_USERS[role], password_hash: g.passwordHash, role, person_id, disabled: 0, last_login_at: null, created_at: at, updated_at: at,
    calendar_token: role === 'konsulent' ? BENCH_CALENDAR_TOKEN : null,
  })));
  accounts.forEach(([role], i) => (g.userIds[role] = ids[i]));
}

const MEETING_KIND_MIX = { partnerskabsmoede: 35, arbejdsgruppe: 35, workshop: 15, dialogmoede: 10, andet: 5 };

function meetings(g: Gen): void {
  const r = g.rnd;
  const from = Date.UTC(FIRST_YEAR, 0, 1);
  const slot = (Date.UTC(LAST_YEAR + 1, 0, 1) - from) / SIZES.meetings;
  const rows: Row[] = [];
  for (let i = 0; i < SIZES.meetings; i++) {
    let date = new Date(from + slot * i + r.next() * slot * 0.9);
    if (date.getUTCDay() === 6) date = addDays(date, -1); // a Saturday becomes Friday, a Sunday Monday
    if (date.getUTCDay() === 0) date = addDays(date, 1);
    const kind = r.weighted(MEETING_KIND_MIX);
    const partnership = r.chance(0.8) ? g.partnerships[0] : r.pick(g.partnerships.slice(1));
    const start = copenhagenTime(date, r.int(8, 14), r.pick([0, 0, 30]));
    const hours = kind === 'workshop' ? 3 : kind === 'dialogmoede' ? 2 : r.pick([1, 1.5, 2]);
    const end = new Date(start.getTime() + hours * 3600_000);
    const past = end < g.now;
    const status = past ? (r.chance(0.06) ? 'aflyst' : 'afholdt') : r.chance(0.04) ? 'aflyst' : 'planlagt';
    const createdAt = iso(new Date(Math.min(addDays(start, -r.int(7, 60)).getTime(), g.now.getTime())));
    const evaluated = status === 'afholdt' && r.chance(0.7);
    const title = fill(g, r.pick(da.MEETING_TITLES[kind]));
    const place = r.pick(da.MEETING_PLACES);
    const chair = r.pick(partnership.reps.get(partnership.parties[0])!);
    rows.push({
      partnership_id: partnership.id, title, kind, starts_at: iso(start), ends_at: iso(end), place, status,
      cancel_reason: status === 'aflyst' ? r.pick(['For få tilmeldte.', 'Sygdom blandt oplægsholderne.', 'Flyttet til næste måned.', 'Sammenfald med budgetforhandlingerne.']) : null,
      convener_id: partnership.convener, chair_id: chair, minute_taker_id: partnership.consultant,
      evaluation_value: evaluated ? Number(r.weighted({ 2: 1, 3: 3, 4: 5, 5: 3 } as Record<string, number>)) : null,
      evaluation_led_to_action: evaluated ? (r.chance(0.6) ? 1 : 0) : null,
      evaluation_note: evaluated && r.chance(0.5) ? r.pick(['Godt møde med konkrete aftaler.', 'For mange punkter på dagsordenen.', 'Borgernes input gjorde en forskel.', 'Vi nåede ikke det hele.']) : '',
      sequence: r.int(0, 2), created_at: createdAt, updated_at: past ? iso(addDays(end, 1)) : createdAt,
    });
    const participants = new Set([partnership.convener, chair, partnership.consultant]);
    if (kind === 'partnerskabsmoede') for (const id of [...partnership.reps.values()].flat()) participants.add(id);
    const wanted = r.int(5, 15);
    while (participants.size < wanted) participants.add(r.chance(0.7) ? r.pick(g.regulars) : r.pick(g.people).id);
    g.meetings.push({
      id: 0, partnership, kind, title, place, start, end, status, createdAt, participants: [...participants], attended: [],
      items: [], followUpItem: null, actions: [],
    });
  }
  insert(g, 'meetings', rows).forEach((id, i) => (g.meetings[i].id = id));
}

function meetingParticipants(g: Gen): void {
  const rows: Row[] = [];
  for (const m of g.meetings) {
    for (const [i, person_id] of m.participants.entries()) {
      const attendance = m.status !== 'afholdt' ? 'inviteret' : i < 3 ? 'deltog' : g.rnd.weighted({ deltog: 80, afbud: 15, udeblev: 5 });
      if (attendance === 'deltog') m.attended.push(person_id);
      rows.push({ meeting_id: m.id, person_id, attendance });
    }
  }
  insert(g, 'meeting_participants', rows);
}

/** Most meetings have 5–15 items and 1 % have 100; the rest take up what is left of the SPEC's total. */
function agendaSizes(g: Gen): { sizes: number[]; big: number } {
  const r = g.rnd;
  const sizes = g.meetings.map(() => (r.chance(0.01) ? 100 : r.chance(0.7) ? r.int(5, 15) : 16));
  const big = g.meetings.findLastIndex((m) => m.status === 'afholdt' && m.partnership === g.partnerships[0] && m.start < addDays(g.now, -90));
  sizes[big] = 100; // at least one held 100-item meeting, with approved minutes, for the exports
  const tail = sizes.map((s, i) => (s === 16 ? i : -1)).filter((i) => i >= 0);
  let left = SIZES.agenda_items - sizes.reduce((a, b) => a + b, 0);
  while (left > 0 && tail.length) {
    const i = r.int(0, tail.length - 1);
    sizes[tail[i]]++;
    left--;
    if (sizes[tail[i]] >= 99) tail.splice(i, 1);
  }
  return { sizes, big };
}

function agendaItems(g: Gen): void {
  const r = g.rnd;
  const { sizes, big } = agendaSizes(g);
  const rows: Row[] = [];
  const owners: Array<[MeetingInfo, ItemInfo]> = [];
  g.meetings.forEach((m, mi) => {
    const held = m.status === 'afholdt';
    for (let position = 1; position <= sizes[mi]; position++) {
      const last = position === sizes[mi];
      const fixed = position === 1 ? 'Velkomst og godkendelse af dagsorden' : position === 2 ? 'Opfølgning fra sidste møde' : last ? 'Eventuelt' : null;
      const kind = fixed ? 'orientering' : r.weighted({ orientering: 40, droeftelse: 35, beslutning: 25 });
      const title = fixed ?? fill(g, r.pick(da.AGENDA_TITLES[kind as 'orientering']));
      const decision = !held || fixed ? '' : kind === 'beslutning' || (kind === 'droeftelse' && r.chance(0.3)) ? fill(g, r.pick(da.DECISION)) : '';
      rows.push({
        meeting_id: m.id, position, kind, title,
        background: fixed ? (position === 2 ? 'Status på de åbne opfølgningspunkter fra sidste møde.' : '') : sentences(g, da.BACKGROUND, 1, 4),
        discussion: held && !fixed ? sentences(g, da.DISCUSSION, kind === 'orientering' ? 0 : 1, 3) : '',
        decision, created_at: m.createdAt, updated_at: held ? iso(addDays(m.end, 1)) : m.createdAt,
      });
      owners.push([m, { id: 0, position, title, decision }]);
    }
  });
  insert(g, 'agenda_items', rows).forEach((id, i) => {
    const [m, item] = owners[i];
    item.id = id;
    m.items.push(item);
    if (item.position === 2) m.followUpItem = id;
  });
  g.ids.bigMeeting = g.meetings[big].id;
}

/** Old actions are mostly done; some are overdue and still open, as in real life. */
function actionStatus(g: Gen, due: Date): string {
  const age = (g.now.getTime() - due.getTime()) / DAY_MS;
  if (age > 180) return g.rnd.weighted({ udfoert: 78, droppet: 12, aaben: 6, i_gang: 4 });
  if (age > 0) return g.rnd.weighted({ udfoert: 50, i_gang: 20, aaben: 20, droppet: 10 });
  return g.rnd.weighted({ aaben: 55, i_gang: 30, udfoert: 12, droppet: 3 });
}

function actions(g: Gen): void {
  const r = g.rnd;
  // Actions come from held meetings, more from long agendas: pick agenda items at random.
  const heldItems = g.meetings.filter((m) => m.status === 'afholdt').flatMap((m) => m.items.map((item) => [m, item] as const));
  const picked = Array.from({ length: SIZES.actions }, () => r.pick(heldItems)).sort(([, a], [, b]) => a.id - b.id);
  const rows: Row[] = picked.map(([m, item]) => {
    const due = r.chance(0.92) ? addDays(m.end, r.int(7, 90)) : null;
    const status = actionStatus(g, due ?? addDays(m.end, 30));
    const created = iso(m.end);
    const doneBy = new Date(Math.min((due ?? addDays(m.end, 30)).getTime(), g.now.getTime()));
    const completed = status === 'udfoert' ? iso(randomDate(g, addDays(m.end, 1), doneBy)) : null;
    const owner = r.chance(0.85) ? r.pick(m.attended.length ? m.attended : m.participants) : r.chance(0.66) ? r.pick(g.people).id : null;
    const initiative = r.chance(0.2) ? initiativeBefore(g, m.start) : null;
    return {
      meeting_id: m.id, agenda_item_id: r.chance(0.9) ? item.id : null, initiative_id: initiative?.id ?? null, text: fill(g, r.pick(da.ACTION_TEXTS)), owner_id: owner,
      due_date: due ? day(due) : null, status, completed_at: completed, created_at: created, updated_at: completed ?? created,
    };
  });
  insert(g, 'actions', rows).forEach((id, i) => picked[i][0].actions.push(id));
}

/** Each "Opfølgning fra sidste møde" lists the actions of the partnership's previous held meeting. */
function carriedOverActions(g: Gen): void {
  const rows: Row[] = [];
  const previous = new Map<number, MeetingInfo>();
  for (const m of g.meetings) {
    const before = previous.get(m.partnership.id);
    if (before && m.followUpItem) for (const action_id of before.actions.slice(0, 20)) rows.push({ agenda_item_id: m.followUpItem, action_id });
    if (m.status === 'afholdt') previous.set(m.partnership.id, m);
  }
  insert(g, 'carried_over_actions', rows);
}

function minutes(g: Gen): void {
  const r = g.rnd;
  const rows: Row[] = [];
  const made: Array<Omit<MinutesInfo, 'id'>> = [];
  const next = new Map<number, MeetingInfo>(); // walking back in time: the partnership's following meeting
  for (const m of [...g.meetings].reverse()) {
    const following = next.get(m.partnership.id);
    next.set(m.partnership.id, m);
    if (m.status !== 'afholdt' || (!r.chance(0.92) && m.id !== g.ids.bigMeeting)) continue;
    const settled = m.end < addDays(g.now, -45);
    const status = m.id === g.ids.bigMeeting ? 'godkendt' : settled ? r.weighted({ godkendt: 93, til_godkendelse: 4, kladde: 3 }) : r.weighted({ kladde: 40, til_godkendelse: 40, godkendt: 20 });
    const version = status === 'kladde' ? 1 : r.weighted({ 1: 90, 2: 8, 3: 2 } as Record<string, number>);
    const createdAt = addDays(m.end, 1);
    const text = {
      free_text: sentences(g, da.DISCUSSION, 0, 2),
      next_meeting: following ? `Næste møde: ${danishDate(following.start)}, ${following.place}.` : '',
      change_note: Number(version) > 1 ? 'Rettet navn på en deltager og tilføjet en beslutning under punkt 3.' : '',
    };
    rows.push({ meeting_id: m.id, status, version: Number(version), ...text, created_at: iso(createdAt), updated_at: iso(addDays(createdAt, r.int(1, 20))) });
    made.push({ meeting: m, status, version: Number(version), createdAt, text });
  }
  rows.reverse(); // oldest first, as they were written
  made.reverse();
  insert(g, 'minutes', rows).forEach((id, i) => g.minutes.push({ id, ...made[i] }));
}

/** The frozen document of each sent version, built by the app's own buildMinutesDocument. */
async function minutesVersions(g: Gen): Promise<void> {
  const rows: Row[] = [];
  for (const mi of g.minutes) {
    if (mi.status === 'kladde') continue;
    const document = await buildMinutesDocument(g.db, mi.meeting.id, { ...mi.text, version: mi.version });
    for (let version = 1; version <= mi.version; version++) {
      const sent = addDays(mi.createdAt, version * 3);
      const locked = mi.status === 'godkendt' || version < mi.version;
      const changeNote = version === mi.version ? mi.text.change_note : version > 1 ? 'Rettelser efter godkendelsen.' : '';
      rows.push({
        minutes_id: mi.id, version, document: JSON.stringify({ ...document, version, changeNote }), change_note: changeNote, sent_at: iso(sent),
        sent_by: g.userIds.konsulent, locked_at: locked ? iso(addDays(sent, 7)) : null,
      });
    }
  }
  insert(g, 'minutes_versions', rows);
}

/** One representative of each party approves; of minutes awaiting approval, some have the first party's. */
function minutesApprovals(g: Gen): void {
  const rows: Row[] = [];
  for (const mi of g.minutes) {
    if (mi.status === 'kladde') continue;
    for (let version = 1; version <= mi.version; version++) {
      const complete = mi.status === 'godkendt' || version < mi.version;
      for (const [i, organisation_id] of mi.meeting.partnership.parties.entries()) {
        if (!complete && (i > 0 || !g.rnd.chance(0.4))) continue;
        const person_id = g.rnd.pick(mi.meeting.partnership.reps.get(organisation_id)!);
        rows.push({ minutes_id: mi.id, version, organisation_id, person_id, approved_at: iso(addDays(mi.createdAt, version * 3 + g.rnd.int(1, 6))) });
      }
    }
  }
  insert(g, 'minutes_approvals', rows);
}

const COMMENTS = [
  'Tak for et godt møde. Jeg savner dog en dato for evalueringen.',
  'Kan vi få punktet om {topic} på igen næste gang?',
  'FOA er enig i beslutningen, men vil gerne høre medarbejderne på {place} først.',
  'Der er en stavefejl i punkt 4: der står {town}, men det var {place}.',
  'Husk at invitere {org} til næste møde.',
];

function comments(g: Gen): void {
  const rows: Row[] = [];
  for (const m of g.meetings) {
    if (m.status !== 'afholdt' || !g.rnd.chance(0.5)) continue;
    const mi = g.minutes.find((x) => x.meeting === m);
    for (let i = g.rnd.int(1, 3); i > 0; i--) {
      const onMinutes = mi && g.rnd.chance(0.5);
      rows.push({
        target_type: onMinutes ? 'minutes' : 'meeting', target_id: onMinutes ? mi.id : m.id,
        person_id: g.rnd.pick([...m.partnership.reps.values()].flat()), body: fill(g, g.rnd.pick(COMMENTS)), created_at: iso(addDays(m.end, g.rnd.int(1, 10))),
      });
    }
  }
  for (const initiative of g.initiatives) {
    if (!g.rnd.chance(0.4)) continue;
    rows.push({
      target_type: 'initiative', target_id: initiative.id, person_id: g.rnd.pick([...initiative.partnership.reps.values()].flat()),
      body: fill(g, g.rnd.pick(COMMENTS)), created_at: iso(randomDate(g, initiative.start, initiative.end && initiative.end < g.now ? initiative.end : g.now)),
    });
  }
  insert(g, 'comments', rows);
}

// ---- initiatives and what hangs on them (migration 0004) ----

const KERNEOPGAVE_KEYS = ['fritid-og-faellesskab', 'laering', 'beskaeftigelse', 'social-omsorg'];
const ROLE_KEYS = ['ressourcedetektor', 'medbygger', 'oversaetter', 'udforsker', 'initiativdyrker', 'meningsskaber', 'netvaerkssmed', 'effektjaeger'];
const STATUS_PATH = ['ide', 'planlagt', 'afproeves', 'evalueres', 'forankret'];

/** A random initiative that had started by `date` (the list is oldest first). */
function initiativeBefore(g: Gen, date: Date): InitiativeInfo | null {
  let [lo, hi] = [0, g.initiatives.length]; // binary search: how many had started by `date`
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (g.initiatives[mid].start <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo ? g.initiatives[g.rnd.int(0, lo - 1)] : null;
}

/** Old initiatives have mostly ended (anchored or stopped); recent ones are still under way. */
function initiativeStatus(g: Gen, start: Date): string {
  const years = (g.now.getTime() - start.getTime()) / (365 * DAY_MS);
  if (years > 2) return g.rnd.weighted({ forankret: 55, stoppet: 30, pause: 5, evalueres: 5, afproeves: 5 });
  return g.rnd.weighted({ ide: 20, planlagt: 20, afproeves: 30, evalueres: 15, forankret: 5, stoppet: 5, pause: 5 });
}

function initiatives(g: Gen): void {
  const r = g.rnd;
  const made: Array<Omit<InitiativeInfo, 'id'>> = [];
  const rows: Row[] = [];
  const starts = Array.from({ length: SIZES.initiatives }, () => randomDate(g, new Date(Date.UTC(FIRST_YEAR, 0, 1)), addDays(g.now, 120))).sort((a, b) => a.getTime() - b.getTime());
  for (const start of starts) {
    const trial = r.chance(0.3);
    const status = start > g.now ? r.pick(['ide', 'planlagt']) : initiativeStatus(g, start);
    const ended = status === 'forankret' || status === 'stoppet';
    const end = trial ? addDays(start, 56) : ended ? addDays(start, r.int(120, 900)) : r.chance(0.5) ? addDays(start, r.int(180, 720)) : null;
    const title = fill(g, r.pick(trial ? da.TRIAL_TITLES : da.INITIATIVE_TITLES));
    const partnership = r.chance(0.8) ? g.partnerships[0] : r.pick(g.partnerships);
    const funded = r.chance(0.5);
    rows.push({
      partnership_id: partnership.id, kind: trial ? 'proevehandling' : 'initiativ', title, description: sentences(g, da.BACKGROUND, 2, 4), status,
      start_date: day(start), end_date: end ? day(end) : null, intended_movement: r.pick(da.MOVEMENTS),
      citizen_role: r.pick(['modtager', 'medskaber', 'initiativtager']), involvement_level: r.pick(['information', 'hoering', 'inddragelse', 'deltagelse', 'samskabelse']),
      funding: funded ? `Partnerskabspuljen, ${r.int(1, 30) * 5}.000 kr.` : '', funding_ends: funded ? day(addDays(start, r.int(90, 730))) : null,
      anchoring_plan: r.chance(0.6) ? 'Aktiviteten overgår til drift hos institutionen, og de frivillige får en fast kontaktperson.' : '',
      hypothesis: trial ? fill(g, 'Hvis vi lader {rule} ligge i otte uger, får medarbejderne mere tid med borgerne.') : '',
      freedom_from: trial ? fill(g, '{rule}') : '', freedom_to: trial ? 'Tid sammen med borgerne i stedet.' : '',
      trial_start: trial ? day(start) : null, trial_end: trial ? day(addDays(start, 56)) : null,
      success_criteria: trial ? 'Mindst halvdelen af medarbejderne oplever mere tid med borgerne, og intet går tabt.' : '',
      result: trial && ended ? sentences(g, da.DISCUSSION, 1, 2) : '',
      trial_decision: trial && ended ? (status === 'forankret' ? r.pick(['forankres', 'justeres']) : 'stoppes') : null,
      sort_key: sortKey(title), created_at: iso(start), updated_at: iso(start),
    });
    made.push({ partnership, start, end });
  }
  insert(g, 'initiatives', rows).forEach((id, i) => g.initiatives.push({ id, ...made[i] }));
}

function initiativeKerneopgaver(g: Gen): void {
  insert(g, 'initiative_kerneopgaver', g.initiatives.flatMap((i) => g.rnd.sample(KERNEOPGAVE_KEYS, g.rnd.int(1, 2)).map((kerneopgave_key) => ({ initiative_id: i.id, kerneopgave_key }))));
}

function initiativePlaces(g: Gen): void {
  const institutions = g.orgs.filter((o) => o.kind === 'institution' || o.kind === 'borgergruppe');
  insert(g, 'initiative_places', g.initiatives.flatMap((i) => g.rnd.sample(institutions, g.rnd.int(1, 3)).map((o) => ({ initiative_id: i.id, organisation_id: o.id }))));
}

function initiativeRoles(g: Gen): void {
  insert(g, 'initiative_roles', g.initiatives.flatMap((i) => g.rnd.sample(ROLE_KEYS, g.rnd.int(1, 3)).map((role_key) => ({ initiative_id: i.id, role_key }))));
}

function initiativePartners(g: Gen): void {
  const rows: Row[] = [];
  for (const i of g.initiatives) {
    for (let n = g.rnd.int(1, 4); n > 0; n--) {
      const person = g.rnd.chance(0.3) ? g.rnd.pick(g.people) : null;
      rows.push({ initiative_id: i.id, organisation_id: person ? person.orgId : g.rnd.pick(g.orgs).id, person_id: person?.id ?? null, contribution: g.rnd.pick(da.CONTRIBUTIONS) });
    }
  }
  insert(g, 'initiative_partners', rows);
}

/** The way each initiative walked to its status: idé → planlagt → afprøves → … */
function initiativeStatusLog(g: Gen): void {
  const current = new Map((g.raw.prepare('select id, status from initiatives').all() as Array<{ id: number; status: string }>).map((x) => [x.id, x.status]));
  const rows: Row[] = [];
  for (const i of g.initiatives) {
    const status = current.get(i.id)!;
    const reached = STATUS_PATH.indexOf(status);
    const path = reached >= 0 ? STATUS_PATH.slice(0, reached + 1) : [...STATUS_PATH.slice(0, g.rnd.int(1, 4)), status];
    let at = i.start;
    path.forEach((to, n) => {
      rows.push({ initiative_id: i.id, from_status: n ? path[n - 1] : null, to_status: to, reason: n ? g.rnd.pick(['Besluttet på partnerskabsmødet.', 'Efter evaluering med medarbejderne.', '']) : '', person_id: g.special.consultant, at: iso(at) });
      at = new Date(Math.min(addDays(at, g.rnd.int(14, 120)).getTime(), g.now.getTime()));
    });
  }
  insert(g, 'initiative_status_log', rows);
}

/** About one agenda item in eight is about an initiative that had started. */
function agendaItemInitiatives(g: Gen): void {
  const rows: Row[] = [];
  for (const m of g.meetings) {
    for (const item of m.items) {
      if (item.position <= 2 || !g.rnd.chance(0.125)) continue;
      const initiative = initiativeBefore(g, m.start);
      if (initiative) rows.push({ agenda_item_id: item.id, initiative_id: initiative.id });
    }
  }
  insert(g, 'agenda_item_initiatives', rows);
}

function initiativeUpdates(g: Gen): void {
  const started = g.initiatives.filter((i) => i.start < g.now);
  insert(g, 'initiative_updates', Array.from({ length: SIZES.initiative_updates }, () => {
    const i = g.rnd.pick(started);
    const at = randomDate(g, i.start, i.end && i.end < g.now ? i.end : g.now);
    return {
      initiative_id: i.id, date: day(at), happened: sentences(g, da.DISCUSSION, 1, 2), effect_seen: g.rnd.chance(0.6) ? g.rnd.pick(da.STORIES) : '',
      learning: g.rnd.chance(0.5) ? g.rnd.pick(da.LEARNING_TITLES) + '.' : '', person_id: g.rnd.chance(0.7) ? g.special.consultant : g.rnd.pick(g.regulars), created_at: iso(at),
    };
  }).sort((a, b) => a.created_at.localeCompare(b.created_at)));
}

function effectMeasures(g: Gen): void {
  const made: Array<{ baseline: number; target: number; start: Date }> = [];
  const rows: Row[] = [];
  for (const i of g.initiatives) {
    if (!g.rnd.chance(0.6)) continue;
    for (const [indicator, unit] of g.rnd.sample(da.INDICATORS, g.rnd.int(1, 3))) {
      const baseline = g.rnd.int(2, 20);
      const target = indicator.includes('dokumentation') || indicator.includes('ensomhed') ? Math.max(1, baseline - g.rnd.int(1, 5)) : baseline + g.rnd.int(2, 10);
      rows.push({ initiative_id: i.id, indicator, unit, baseline, target, created_at: iso(i.start), updated_at: iso(i.start) });
      made.push({ baseline, target, start: i.start });
    }
  }
  g.effectMeasures = insert(g, 'effect_measures', rows).map((id, n) => ({ id, ...made[n] }));
}

/** Measurements move from the baseline towards the target, with noise. */
function effectMeasurements(g: Gen): void {
  const rows: Row[] = [];
  for (const m of g.effectMeasures) {
    const count = g.rnd.int(2, 8);
    for (let n = 1; n <= count; n++) {
      const at = addDays(m.start, n * 45);
      if (at > g.now) break;
      const value = m.baseline + ((m.target - m.baseline) * n) / count + (g.rnd.next() - 0.5) * 2;
      rows.push({ effect_measure_id: m.id, date: day(at), value: Math.round(value * 10) / 10, note: '', created_at: iso(at) });
    }
  }
  insert(g, 'effect_measurements', rows);
}

function citizenStories(g: Gen): void {
  const started = g.initiatives.filter((i) => i.start < g.now);
  insert(g, 'citizen_stories', Array.from({ length: SIZES.citizen_stories }, () => {
    const i = g.rnd.pick(started);
    const at = randomDate(g, i.start, g.now);
    return { initiative_id: i.id, date: day(at), kerneopgave_key: g.rnd.pick(KERNEOPGAVE_KEYS), story: g.rnd.pick(da.STORIES), person_id: g.special.consultant, created_at: iso(at) };
  }));
}

/** Who practised which role, where: mostly people seen at held meetings, some teams. */
function roleEvidence(g: Gen): void {
  const held = g.meetings.filter((m) => m.status === 'afholdt');
  const orgOf = new Map(g.people.map((p) => [p.id, p.orgId]));
  const institutions = g.orgs.filter((o) => o.kind === 'institution');
  // The seeded progress markers (migration 0022): three notes in five name one of their role's.
  const markers = new Map<string, number[]>();
  if (tableExists(g.raw, 'role_markers')) {
    for (const r of g.raw.prepare('select id, role_key from role_markers order by id').all() as Array<{ id: number; role_key: string }>) {
      markers.set(r.role_key, [...(markers.get(r.role_key) ?? []), r.id]);
    }
  }
  insert(g, 'role_evidence', Array.from({ length: SIZES.role_evidence }, (_, i) => {
    const m = g.rnd.pick(held);
    const person = g.rnd.chance(0.85) ? g.rnd.pick(m.attended.length ? m.attended : m.participants) : null;
    const initiative = g.rnd.chance(0.6) ? initiativeBefore(g, m.start) : null;
    const roleKey = g.rnd.pick(ROLE_KEYS);
    const roleMarkers = markers.get(roleKey) ?? [];
    return {
      // Chosen by position, not by the random source, so every other generated row stays as it was.
      ...(markers.size ? { marker_id: roleMarkers.length && i % 5 < 3 ? roleMarkers[(i * 7) % roleMarkers.length] : null } : {}),
      role_key: roleKey, date: day(m.start), person_id: person, team: person ? '' : g.rnd.pick(da.TEAMS),
      organisation_id: (person ? orgOf.get(person) : null) ?? g.rnd.pick(institutions).id,
      initiative_id: initiative?.id ?? null, meeting_id: g.rnd.chance(0.5) ? m.id : null, note: sentences(g, da.DISCUSSION, 1, 2),
      recorded_by: g.special.consultant, created_at: iso(m.end),
    };
  }).sort((a, b) => a.created_at.localeCompare(b.created_at)));
}

function learnings(g: Gen): void {
  const rows: Row[] = Array.from({ length: SIZES.learnings }, () => {
    const at = randomDate(g, new Date(Date.UTC(FIRST_YEAR, 3, 1)), g.now);
    return {
      title: g.rnd.pick(da.LEARNING_TITLES), date: day(at), what_we_did: sentences(g, da.BACKGROUND, 1, 2), what_happened: sentences(g, da.DISCUSSION, 1, 2),
      what_next: sentences(g, da.DECISION, 1, 1), outcome: g.rnd.weighted({ virkede: 45, delvist: 35, virkede_ikke: 20 }), created_at: iso(at), updated_at: iso(at),
    };
  }).sort((a, b) => String(a.date).localeCompare(String(b.date)));
  g.learnings = insert(g, 'learnings', rows);
}

function learningInitiatives(g: Gen): void {
  insert(g, 'learning_initiatives', g.learnings.flatMap((learning_id) => g.rnd.sample(g.initiatives, g.rnd.int(0, 2)).map((i) => ({ learning_id, initiative_id: i.id }))));
}

function learningMeetings(g: Gen): void {
  insert(g, 'learning_meetings', g.learnings.flatMap((learning_id) => g.rnd.sample(g.meetings, g.rnd.int(0, 2)).map((m) => ({ learning_id, meeting_id: m.id }))));
}

function dilemmas(g: Gen): void {
  g.dilemmas = insert(g, 'dilemmas', Array.from({ length: SIZES.dilemmas }, () => {
    const [title, pole_a, pole_b] = g.rnd.pick(da.DILEMMAS);
    const at = iso(randomDate(g, new Date(Date.UTC(FIRST_YEAR, 0, 1)), g.now));
    return { title: fill(g, `${title} i {topic}`), pole_a, pole_b, context: sentences(g, da.BACKGROUND, 1, 3), status: g.rnd.pick(['rejst', 'droeftet', 'haandteres', 'parkeret']), created_at: at, updated_at: at };
  }));
}

function dilemmaInitiatives(g: Gen): void {
  insert(g, 'dilemma_initiatives', g.dilemmas.flatMap((dilemma_id) => g.rnd.sample(g.initiatives, g.rnd.int(0, 3)).map((i) => ({ dilemma_id, initiative_id: i.id }))));
}

function dilemmaMeetings(g: Gen): void {
  insert(g, 'dilemma_meetings', g.dilemmas.flatMap((dilemma_id) => g.rnd.sample(g.meetings, g.rnd.int(1, 5)).map((m) => ({ dilemma_id, meeting_id: m.id }))));
}

function agendaItemDilemmas(g: Gen): void {
  const items = g.meetings.flatMap((m) => m.items.filter((i) => i.position > 2));
  insert(g, 'agenda_item_dilemmas', g.dilemmas.flatMap((dilemma_id) => g.rnd.sample(items, g.rnd.int(0, 4)).map((i) => ({ agenda_item_id: i.id, dilemma_id }))));
}

/** "Forklar eller fjern": rules brought up, most of them decided at a held meeting. */
function fefItems(g: Gen): void {
  const held = g.meetings.filter((m) => m.status === 'afholdt');
  insert(g, 'fef_items', Array.from({ length: SIZES.fef_items }, () => {
    const decision = g.rnd.weighted({ afventer: 25, forklaret_bevares: 30, aendret: 25, fjernet: 20 });
    const m = g.rnd.pick(held);
    const title = g.rnd.pick(da.RULES);
    return {
      title: title[0].toUpperCase() + title.slice(1), applies_to: g.rnd.pick(g.places), origin: g.rnd.pick(['lovkrav', 'retningslinje', 'egen_fortolkning', 'selvopfundet']),
      raised_by: g.rnd.pick(m.participants), decision, rationale: decision === 'afventer' ? '' : sentences(g, da.DECISION, 1, 1),
      hours_saved_per_month: decision === 'aendret' || decision === 'fjernet' ? g.rnd.int(1, 40) / 2 : null,
      decided_meeting_id: decision === 'afventer' ? null : m.id, created_at: iso(m.start), updated_at: iso(m.end),
    };
  }));
}

/** Deterministic noise: the same seed gives the same bytes (AES-CTR over zeros, fast for megabytes). */
function noise(bytes: number, seed: string): Buffer {
  const key = crypto.createHash('sha256').update(seed).digest();
  return crypto.createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32)).update(Buffer.alloc(bytes));
}

/** A real PDF bilag: a few A4 pages of text, the first with a photo-sized RGB image (`side`² pixels, uncompressed). */
async function bilagPdf(title: string, pages: number, side: number, seed: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const image = doc.context.register(doc.context.stream(noise(side * side * 3, seed), { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }));
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${title} – side ${n} af ${pages}`, { x: 56, y: 780, size: 14, font });
    if (n === 1) page.pushOperators(pushGraphicsState(), concatTransformationMatrix(300, 0, 0, 300, 56, 420), drawObject(page.node.newXObject('Foto', image)), popGraphicsState());
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const BILAG_TITLES = ['Budgetoverslag', 'Projektbeskrivelse', 'Evaluering af prøvehandlingen', 'Tidsplan', 'Høringssvar', 'Notat om frivillige', 'Kommissorium', 'Oplæg fra arbejdsgruppen', 'Statusnotat', 'Referat fra dialogmødet'];

/**
 * The meeting of the issue's bench: the partnership's next planned meeting filled up to 100 items,
 * each with minutes allotted and a presenter, every beslutning item with an indstilling, and 50
 * bilag (40 on items, 10 on the meeting; 45 PDFs of 50–270 kB, 5 text files). Runs last, with a
 * random source of its own, so the rest of the data set stays as it was.
 */
async function preparedMeeting(g: Gen): Promise<void> {
  const r = da.randomSource(SEED + 13);
  const own: Gen = { ...g, rnd: r };
  const m = g.meetings.find((x) => x.status === 'planlagt' && x.partnership === g.partnerships[0] && x.items.length < 100)!;
  const presenters = m.participants;
  const proposal = () => `Konsulenten indstiller, at ${fill(own, r.pick(da.DECISION)).replace(/^Det blev besluttet at /, 'partnerskabet beslutter at ').replace(/^./, (c) => c.toLowerCase())}`;
  const update = g.raw.prepare('update agenda_items set position = ?, proposal = ?, presenter_id = ?, duration_minutes = ? where id = ?');
  const last = m.items[m.items.length - 1];
  const kinds = new Map((g.raw.prepare('select id, kind from agenda_items where meeting_id = ?').all(m.id) as Array<{ id: number; kind: string }>).map((i) => [i.id, i.kind]));
  for (const item of m.items) {
    const position = item === last ? 100 : item.position;
    update.run(position, kinds.get(item.id) === 'beslutning' ? proposal() : '', r.pick(presenters), r.int(1, 4) * 5, item.id);
  }
  const rows: Row[] = [];
  for (let position = m.items.length; position < 100; position++) {
    const kind = r.weighted({ orientering: 40, droeftelse: 35, beslutning: 25 });
    rows.push({
      meeting_id: m.id, position, kind, title: fill(own, r.pick(da.AGENDA_TITLES[kind])), background: sentences(own, da.BACKGROUND, 1, 4), discussion: '', decision: '',
      proposal: kind === 'beslutning' ? proposal() : '', presenter_id: r.pick(presenters), duration_minutes: r.int(1, 4) * 5, created_at: m.createdAt, updated_at: m.createdAt,
    });
  }
  const itemIds = [...m.items.map((i) => i.id), ...insert(g, 'agenda_items', rows)];

  const contents: Row[] = [];
  const chunks: Row[] = [];
  const attachments: Row[] = [];
  for (let i = 0; i < 50; i++) {
    const title = `${r.pick(BILAG_TITLES)} ${i + 1}`;
    const pdf = i % 10 !== 9;
    const bytes = pdf ? await bilagPdf(title, r.int(1, 6), r.int(130, 300), `bilag-${i}`) : Buffer.from(`${title}\n\n${sentences(own, da.BACKGROUND, 20, 40)}\n`, 'utf8');
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const chunkKey = `${m.createdAt}~${sha256.slice(0, 24)}`;
    contents.push({ sha256, chunk_key: chunkKey, size: bytes.length, created_at: m.createdAt });
    for (let seq = 0; seq * 1024 * 1024 < bytes.length; seq++) chunks.push({ chunk_key: chunkKey, seq, data: bytes.subarray(seq * 1024 * 1024, (seq + 1) * 1024 * 1024) });
    attachments.push({
      meeting_id: m.id, agenda_item_id: i < 40 ? r.pick(itemIds) : null, title, file_name: `${slug(title)}.${pdf ? 'pdf' : 'txt'}`,
      mime: pdf ? 'application/pdf' : 'text/plain; charset=utf-8', size: bytes.length, sha256, public: 1, created_at: m.createdAt, created_by: g.userIds.konsulent ?? null,
    });
  }
  insert(g, 'attachment_contents', contents);
  insert(g, 'attachment_chunks', chunks);
  insert(g, 'attachments', attachments);
  g.ids.preparedMeeting = m.id;
}

/** Every table the generator fills, in order; a table the schema does not have yet is skipped. */
const TABLES: Array<{ table: string; fill: (g: Gen) => void | Promise<void> }> = [
  { table: 'organisations', fill: organisations },
  { table: 'people', fill: people },
  { table: 'partnerships', fill: partnerships },
  { table: 'partnership_parties', fill: partnershipParties },
  { table: 'partnership_members', fill: partnershipMembers },
  { table: 'users', fill: users },
  { table: 'initiatives', fill: initiatives },
  { table: 'initiative_kerneopgaver', fill: initiativeKerneopgaver },
  { table: 'initiative_places', fill: initiativePlaces },
  { table: 'initiative_roles', fill: initiativeRoles },
  { table: 'initiative_partners', fill: initiativePartners },
  { table: 'initiative_status_log', fill: initiativeStatusLog },
  { table: 'meetings', fill: meetings },
  { table: 'meeting_participants', fill: meetingParticipants },
  { table: 'agenda_items', fill: agendaItems },
  { table: 'agenda_item_initiatives', fill: agendaItemInitiatives },
  { table: 'actions', fill: actions },
  { table: 'carried_over_actions', fill: carriedOverActions },
  { table: 'minutes', fill: minutes },
  { table: 'minutes_versions', fill: minutesVersions },
  { table: 'minutes_approvals', fill: minutesApprovals },
  { table: 'comments', fill: comments },
  { table: 'initiative_updates', fill: initiativeUpdates },
  { table: 'effect_measures', fill: effectMeasures },
  { table: 'effect_measurements', fill: effectMeasurements },
  { table: 'citizen_stories', fill: citizenStories },
  { table: 'role_evidence', fill: roleEvidence },
  { table: 'learnings', fill: learnings },
  { table: 'learning_initiatives', fill: learningInitiatives },
  { table: 'learning_meetings', fill: learningMeetings },
  { table: 'dilemmas', fill: dilemmas },
  { table: 'dilemma_initiatives', fill: dilemmaInitiatives },
  { table: 'dilemma_meetings', fill: dilemmaMeetings },
  { table: 'agenda_item_dilemmas', fill: agendaItemDilemmas },
  { table: 'fef_items', fill: fefItems },
  { table: 'attachments', fill: preparedMeeting }, // last: it changes nothing the others made
];

/** What the seed put in: the partnership from the agreement with its parties and representatives. */
function startFromSeed(raw: SQLite.Database, db: Db, passwordHash: string): Gen {
  const one = <T>(sql: string, ...params: unknown[]) => raw.prepare(sql).get(...params) as T;
  const all = <T>(sql: string, ...params: unknown[]) => raw.prepare(sql).all(...params) as T[];
  const partnershipId = one<{ id: number }>('select id from partnerships where name = ?', PARTNERSHIP_NAME).id;
  const parties = all<{ organisation_id: number }>('select organisation_id from partnership_parties where partnership_id = ? order by sort_order', partnershipId).map((p) => p.organisation_id);
  const members = all<{ person_id: number; organisation_id: number; convenes_meetings: number }>(
    'select m.person_id, p.organisation_id, m.convenes_meetings from partnership_members m join people p on p.id = m.person_id where m.partnership_id = ? and m.is_representative = 1',
    partnershipId,
  );
  const consultant = one<{ id: number }>('select id from people where name = ?', CONSULTANT_NAME).id;
  return {
    raw, db, passwordHash, rnd: da.randomSource(SEED), now: new Date(),
    orgs: all<Org>('select id, name, kind from organisations order by id'),
    people: all<PersonInfo>('select id, name, organisation_id as orgId, position from people order by id'),
    peopleByOrg: new Map(), regulars: [], userIds: {}, meetings: [], minutes: [], initiatives: [], effectMeasures: [], learnings: [], dilemmas: [], places: [], ids: {},
    partnerships: [{
      id: partnershipId, isNew: false, name: PARTNERSHIP_NAME, parties, consultant,
      reps: new Map(parties.map((orgId) => [orgId, members.filter((m) => m.organisation_id === orgId).map((m) => m.person_id)])),
      convener: members.find((m) => m.convenes_meetings && m.person_id !== consultant)?.person_id ?? consultant,
    }],
    special: { admin: 0, laeser: 0, consultant, foaRepresentative: one<{ id: number }>("select id from people where name = 'Hanne M. Petersen'").id },
  };
}

export async function generateDataset(file: string, log: (line: string) => void = console.log): Promise<Dataset> {
  const started = Date.now();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const { db, raw } = openDatabase(file);
  const timings: Record<string, number> = {};
  let t = Date.now();
  await migrateToLatest(db);
  await seedPartnership(db, new Date());
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  timings['migrate, seed, hash'] = Date.now() - t;
  log(`  ${'migrate, seed, hash'.padEnd(22)} ${String(timings['migrate, seed, hash']).padStart(6)} ms`);
  raw.pragma('synchronous = OFF'); // a throw-away file: no need to wait for the disk on each commit

  const g = startFromSeed(raw, db, passwordHash);
  const count = (table: string) => (raw.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  for (const { table, fill: generate } of TABLES) {
    if (!tableExists(raw, table)) {
      log(`  ${table.padEnd(22)} skipped: the schema has no such table yet`);
      continue;
    }
    t = Date.now();
    // One transaction per table; by hand, as a step may await the app's own (Kysely) reads.
    raw.exec('begin');
    try {
      await generate(g);
      raw.exec('commit');
    } catch (err) {
      raw.exec('rollback');
      throw err;
    }
    timings[table] = Date.now() - t;
    log(`  ${table.padEnd(22)} ${String(timings[table]).padStart(6)} ms  ${String(count(table)).padStart(7)} rows`);
  }
  raw.pragma('wal_checkpoint(TRUNCATE)');

  const tables = raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name").all() as Array<{ name: string }>;
  const counts = Object.fromEntries(tables.map(({ name }) => [name, count(name)]));
  const orgPeople = (id: number) => g.peopleByOrg.get(id)?.length ?? 0;
  const ordinary = g.people.find((p, i) => i > 100 && p.position === 'medarbejder' && !p.name.startsWith('Anonymiseret'))!;
  const typical = g.meetings.find((m) => m.status === 'afholdt' && m.items.length >= 8 && m.items.length <= 12 && g.minutes.some((x) => x.meeting === m));
  const ids: DatasetIds = {
    person: ordinary.id,
    busyPerson: g.special.consultant,
    organisation: g.orgs.find((o) => o.kind === 'forening' && orgPeople(o.id) >= 5)!.id,
    largeOrganisation: g.orgs.reduce((a, b) => (orgPeople(b.id) > orgPeople(a.id) ? b : a)).id,
    meeting: typical?.id ?? 0,
    bigMeeting: g.ids.bigMeeting ?? 0,
    preparedMeeting: g.ids.preparedMeeting ?? 0,
    initiative: tableExists(raw, 'initiative_updates')
      ? (raw.prepare('select initiative_id as id from initiative_updates group by initiative_id order by count(*) desc limit 1').get() as { id: number }).id
      : 0,
    partnership: g.partnerships[0].id,
  };
  await db.destroy();
  // Written with synchronous = OFF: on disk now, so the server's start is measured on a settled
  // file, not against the kernel writing out 160 MB.
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return { file, counts, ids, timings, totalMs: Date.now() - started };
}

if (require.main === module) {
  const file = process.argv[2] ?? 'bench/tmp/bench.sqlite';
  generateDataset(file).then(
    (d) => console.log(`${file}: ${Object.values(d.counts).reduce((a, b) => a + b, 0)} rows in ${(d.totalMs / 1000).toFixed(1)} s`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
