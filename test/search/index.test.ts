// The search index follows every write: each kind of record is found after it is created, found
// by its new words after a change, and gone after it is deleted; the rebuild gives the same index.
import SQLite from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../migrations';
import { applyPragmas, createDb } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { seedPartnership } from '../../seeds/partnership';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import { deleteAction, updateAction } from '../../server/meetings/follow-up';
import { deleteDilemma, updateDilemma } from '../../server/dilemmas/service';
import { deleteFefItem } from '../../server/fef/service';
import { addProgressUpdate, deleteInitiative, updateInitiative } from '../../server/initiatives/service';
import { InitiativeFormSchema } from '../../server/initiatives/schemas';
import { deleteLearning } from '../../server/learnings/service';
import { removeAgendaItem, updateAgendaItem } from '../../server/meetings/agenda';
import { saveMinutesText } from '../../server/meetings/minutes';
import { updateMeeting } from '../../server/meetings/service';
import { anonymisePerson, deletePerson, updatePerson } from '../../server/people/service';
import { deleteEvidence, recordEvidence } from '../../server/roles/service';
import { EvidenceFormSchema } from '../../server/roles/schemas';
import { type SearchType } from '../../server/search/fts';
import { rebuildSearchIndex } from '../../server/search/service';
import { search } from '../../server/search/service';
import { pageRequest } from '../../server/web/pagination';
import { freshDb } from '../helpers/app';
import { aMeeting, anAction, anActionForm, anAgendaItem, anAgendaItemForm, aPerson } from '../helpers/factories';
import { aDilemma, aDilemmaForm, aFefItem, aLearning, anInitiative } from '../helpers/register-factories';

const AT = new Date('2026-11-24T10:00:00Z');

/** The titles of what a search finds, optionally of one kind only. */
async function found(db: Db, q: string, type?: SearchType): Promise<string[]> {
  const result = await search(db, { q, type }, pageRequest(1, 100));
  return result.groups.flatMap((g) => g.hits.filter((h) => !type || h.type === type).map((h) => h.title.map((s) => s.text).join('')));
}

async function foundTypes(db: Db, q: string): Promise<SearchType[]> {
  const result = await search(db, { q }, pageRequest(1, 100));
  return result.groups.flatMap((g) => g.hits.map((h) => h.type));
}

async function indexRows(db: Db) {
  const { rows } = await sql<Record<string, unknown>>`select rowid, type, ref_id, url, date, title, body from search_index order by rowid`.execute(db);
  return rows;
}

describe('search index: kept in step by the triggers', () => {
  it('meetings: found by title and place, and by new words after an edit', async () => {
    const { db } = await freshDb();
    const id = await aMeeting(db, { title: 'Kvartalsmøde om trivsel', place: 'Plejecentret Bøgely' });
    expect(await found(db, 'kvartalsmøde', 'moede')).toEqual(['Kvartalsmøde om trivsel']);
    expect(await found(db, 'bøgely', 'moede')).toEqual(['Kvartalsmøde om trivsel']);
    const form = { partnership_id: (await db.selectFrom('meetings').select('partnership_id').where('id', '=', id).executeTakeFirstOrThrow()).partnership_id, title: 'Temamøde om frivillighed', kind: 'workshop' as const, day: '2027-01-12', start_time: '10:00', end_time: '12:00', place: 'Uldum Skole', convener_id: null, chair_id: null, minute_taker_id: null, participant_ids: [] };
    await updateMeeting(db, id, form, SYSTEM_ACTOR, AT);
    expect(await found(db, 'kvartalsmøde')).toEqual([]);
    expect(await found(db, 'temamøde', 'moede')).toEqual(['Temamøde om frivillighed']);
  });

  it('agenda items: found by title, background, discussion and decision; gone when removed; dated by their meeting', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db, { title: 'Styregruppemøde', day: '2026-12-08' });
    const item = await anAgendaItem(db, meeting, { title: 'Madspild i køkkenet', background: 'Sagsfremstilling om kompostering', discussion: 'Drøftelse af hønsehold', decision: 'Beslutning om regnvandstønde' });
    for (const q of ['madspild', 'kompost', 'hønse', 'regnvand']) expect(await found(db, q, 'dagsordenspunkt')).toEqual(['Madspild i køkkenet']);
    const [hit] = (await search(db, { q: 'madspild' }, pageRequest(1))).groups[0].hits;
    expect(hit).toMatchObject({ url: `/meetings/${meeting}#punkt-${item}`, context: 'Styregruppemøde', date: '08.12.2026' });

    await updateAgendaItem(db, meeting, item, anAgendaItemForm({ title: 'Affald og genbrug' }), SYSTEM_ACTOR, AT);
    expect(await found(db, 'madspild')).toEqual([]);
    expect(await found(db, 'genbrug', 'dagsordenspunkt')).toEqual(['Affald og genbrug']);

    // Moving the meeting moves its items in the period filter.
    const m = await db.selectFrom('meetings').selectAll().where('id', '=', meeting).executeTakeFirstOrThrow();
    await updateMeeting(db, meeting, { partnership_id: m.partnership_id, title: m.title, kind: m.kind, day: '2027-03-02', start_time: '14:00', end_time: '16:00', place: m.place, convener_id: null, chair_id: null, minute_taker_id: null, participant_ids: [] }, SYSTEM_ACTOR, AT);
    const moved = await search(db, { q: 'genbrug', from: '2027-03-01', to: '2027-03-31' }, pageRequest(1));
    expect(moved.total).toBe(1);
    expect(moved.groups[0].hits[0].date).toBe('02.03.2027');

    await removeAgendaItem(db, meeting, item, SYSTEM_ACTOR, AT);
    expect(await found(db, 'genbrug')).toEqual([]);
  });

  it('minutes: found by their free text and next meeting, under the meeting title; gone when emptied', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db, { title: 'Partnerskabsmøde december' });
    await saveMinutesText(db, meeting, { free_text: 'Borgerinddragelse gik over al forventning', next_meeting: 'Næste gang på biblioteket' }, SYSTEM_ACTOR, AT);
    expect(await found(db, 'borgerinddragelse', 'referat')).toEqual(['Partnerskabsmøde december']);
    expect(await found(db, 'biblioteket', 'referat')).toEqual(['Partnerskabsmøde december']);
    const [hit] = (await search(db, { q: 'biblioteket' }, pageRequest(1))).groups[0].hits;
    expect(hit.url).toBe(`/meetings/${meeting}/minutes`);
    // The meeting title alone finds the meeting, not a second time as its minutes.
    expect(await foundTypes(db, 'december')).toEqual(['moede']);
    await saveMinutesText(db, meeting, { free_text: '', next_meeting: '' }, SYSTEM_ACTOR, AT);
    expect(await found(db, 'borgerinddragelse')).toEqual([]);
  });

  it('follow-up actions: found after create and update, gone after delete', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db, { title: 'Arbejdsgruppen' });
    const action = await anAction(db, meeting, { text: 'Undersøg cykeltaxa til beboerne', due_date: '2027-02-01' });
    expect(await found(db, 'cykeltaxa', 'opfoelgning')).toEqual(['Undersøg cykeltaxa til beboerne']);
    const [hit] = (await search(db, { q: 'cykeltaxa' }, pageRequest(1))).groups[0].hits;
    expect(hit).toMatchObject({ url: `/meetings/${meeting}#opfoelgning`, context: 'Arbejdsgruppen', date: '01.02.2027' });
    await updateAction(db, action, anActionForm({ text: 'Book kørestolscykel' }), SYSTEM_ACTOR, AT);
    expect(await found(db, 'cykeltaxa')).toEqual([]);
    expect(await found(db, 'kørestolscykel', 'opfoelgning')).toEqual(['Book kørestolscykel']);
    await deleteAction(db, action, SYSTEM_ACTOR, AT);
    expect(await found(db, 'kørestolscykel')).toEqual([]);
  });

  it('initiatives and their progress updates: found, changed, and gone with the initiative', async () => {
    const { db } = await freshDb();
    const id = await anInitiative(db, 'Gåtur til postkassen');
    expect(await found(db, 'postkassen', 'initiativ')).toEqual(['Gåtur til postkassen']);
    await updateInitiative(
      db,
      id,
      InitiativeFormSchema.parse({ title: 'Gåtur til postkassen', kind: 'proevehandling', description: 'Beboere går selv', hypothesis: 'Selvhjulpenhed vokser', result: 'Færre faldulykker' }),
      { actor: SYSTEM_ACTOR, personId: null },
      AT,
    );
    for (const q of ['selvhjulpenhed', 'faldulykker', 'beboere']) expect(await found(db, q, 'initiativ')).toEqual(['Gåtur til postkassen']);

    await addProgressUpdate(db, id, { date: '2026-11-02', happened: 'Første tur med hjemmeplejen', effect_seen: 'Smil', learning: 'Vejret betyder meget' }, { actor: SYSTEM_ACTOR, personId: null }, AT);
    expect(await found(db, 'hjemmeplejen', 'forloeb')).toEqual(['Gåtur til postkassen']);
    expect((await search(db, { q: 'vejret' }, pageRequest(1))).groups[0].hits[0]).toMatchObject({ type: 'forloeb', url: `/initiatives/${id}#forloeb`, date: '02.11.2026' });

    await deleteInitiative(db, id, { actor: SYSTEM_ACTOR, personId: null }, AT);
    expect(await found(db, 'postkassen')).toEqual([]);
    expect(await found(db, 'hjemmeplejen')).toEqual([]); // the update went with it (ON DELETE CASCADE fires the trigger)
  });

  it('people: found by name and title, never by e-mail or phone; gone when deleted or anonymised', async () => {
    const { db } = await freshDb();
    const id = await aPerson(db, { name: 'Birthe Ågaard', title: 'Sosu-assistent', email: 'birthe.hemmelig@uldum.dk', phone: '+45 11 22 33 44' });
    expect(await found(db, 'ågaard', 'person')).toEqual(['Birthe Ågaard']);
    expect(await found(db, 'sosu', 'person')).toEqual(['Birthe Ågaard']);
    for (const q of ['hemmelig', 'birthe.hemmelig@uldum.dk', '11 22 33 44', '+45 11 22 33 44']) expect(await found(db, q)).toEqual([]);

    await updatePerson(db, id, { name: 'Birthe Aagaard', title: 'Teamleder', organisation_id: null, email: null, phone: null, position: 'leder', active: true }, SYSTEM_ACTOR, AT);
    expect(await found(db, 'teamleder', 'person')).toEqual(['Birthe Aagaard']);
    expect(await found(db, 'sosu')).toEqual([]);

    await anonymisePerson(db, id, SYSTEM_ACTOR, AT);
    expect(await found(db, 'birthe')).toEqual([]);
    expect(await found(db, 'anonymiseret')).toEqual([]);

    const other = await aPerson(db, { name: 'Kaj Kortvarig' });
    expect(await found(db, 'kortvarig')).toEqual(['Kaj Kortvarig']);
    await deletePerson(db, other, SYSTEM_ACTOR, AT);
    expect(await found(db, 'kortvarig')).toEqual([]);
  });

  it('role evidence: found by note, team and role name; gone when deleted', async () => {
    const { db } = await freshDb();
    const form = EvidenceFormSchema.parse({ role_key: 'medbygger', date: '2026-11-10', team: 'Aftenholdet', note: 'Byggede en højbed med beboerne' });
    const id = await recordEvidence(db, form, null, SYSTEM_ACTOR, AT);
    const role = (await db.selectFrom('roles').select('name').where('key', '=', 'medbygger').executeTakeFirstOrThrow()).name;
    expect(await found(db, 'højbed', 'rolleobservation')).toEqual([role]);
    expect(await found(db, 'aftenholdet', 'rolleobservation')).toEqual([role]);
    expect(await found(db, `${role} højbed`, 'rolleobservation')).toEqual([role]);
    const [hit] = (await search(db, { q: 'højbed' }, pageRequest(1))).groups[0].hits;
    expect(hit).toMatchObject({ url: `/roles/medbygger#observation-${id}`, context: 'Aftenholdet', date: '10.11.2026' });
    await deleteEvidence(db, id, SYSTEM_ACTOR, AT);
    expect(await found(db, 'højbed')).toEqual([]);
  });

  it('learnings, dilemmas and forklar-eller-fjern items: found after create and update, gone after delete', async () => {
    const { db } = await freshDb();
    const learning = await aLearning(db, { title: 'Frisættelse kræver tid', what_happened: 'Personalet tøvede i starten' });
    expect(await found(db, 'tøvede', 'erfaring')).toEqual(['Frisættelse kræver tid']);
    await deleteLearning(db, learning, SYSTEM_ACTOR, AT);
    expect(await found(db, 'tøvede')).toEqual([]);

    const dilemma = await aDilemma(db, { title: 'Tid mod dokumentation', pole_a: 'Menneskeblik', pole_b: 'Økonomiblik' });
    expect(await found(db, 'økonomiblik', 'dilemma')).toEqual(['Tid mod dokumentation']);
    await updateDilemma(db, dilemma, aDilemmaForm({ title: 'Nærvær mod registrering', pole_a: 'Nærvær', pole_b: 'Registrering' }), SYSTEM_ACTOR, AT);
    expect(await found(db, 'økonomiblik')).toEqual([]);
    expect(await found(db, 'nærvær', 'dilemma')).toEqual(['Nærvær mod registrering']);
    await deleteDilemma(db, dilemma, SYSTEM_ACTOR, AT);
    expect(await found(db, 'nærvær')).toEqual([]);

    const fef = await aFefItem(db, { title: 'Dobbeltregistrering af medicin', applies_to: 'Hjemmeplejen', rationale: 'Ingen lovkrav bag' });
    expect(await found(db, 'dobbeltregistrering', 'forklar-eller-fjern')).toEqual(['Dobbeltregistrering af medicin']);
    expect(await found(db, 'lovkrav', 'forklar-eller-fjern')).toEqual(['Dobbeltregistrering af medicin']);
    await deleteFefItem(db, fef, SYSTEM_ACTOR, AT);
    expect(await found(db, 'dobbeltregistrering')).toEqual([]);
  });

  it('the migration indexes the rows that existed before it', async () => {
    const raw = new SQLite(':memory:');
    applyPragmas(raw);
    const db = createDb(raw);
    const provider = { getMigrations: async () => migrations };
    const before = await new Migrator({ db, provider }).migrateTo('0004_initiatives');
    expect(before.error).toBeUndefined();
    // Rows as the schema of 0004 held them (the seeds and factories follow the latest schema).
    const now = AT.toISOString();
    await sql`insert into people (name, sort_key, search_key, created_at, updated_at) values ('Hanne M. Petersen', 'hanne', 'hanne', ${now}, ${now})`.execute(db);
    await sql`insert into partnerships (name, created_at, updated_at) values ('Partnerskabet', ${now}, ${now})`.execute(db);
    await sql`insert into meetings (partnership_id, title, kind, starts_at, ends_at, created_at, updated_at)
      values (1, 'Møde før søgningen', 'partnerskabsmoede', '2026-12-01T09:00:00.000Z', '2026-12-01T11:00:00.000Z', ${now}, ${now})`.execute(db);
    await migrateToLatest(db);
    expect(await found(db, 'Hanne M. Petersen', 'person')).toEqual(['Hanne M. Petersen']);
    expect(await found(db, 'søgningen', 'moede')).toEqual(['Møde før søgningen']);
    await db.destroy();
  });

  it('a rebuild gives exactly the index the triggers kept', async () => {
    const { db } = await freshDb();
    const meeting = await aMeeting(db, { title: 'Genopbygning' });
    const item = await anAgendaItem(db, meeting, { title: 'Punkt der fjernes' });
    await anAgendaItem(db, meeting, { title: 'Punkt der bliver' });
    await anAction(db, meeting, { text: 'Opgave' });
    await saveMinutesText(db, meeting, { free_text: 'Referattekst', next_meeting: '' }, SYSTEM_ACTOR, AT);
    await removeAgendaItem(db, meeting, item, SYSTEM_ACTOR, AT);
    const id = await aPerson(db, { name: 'Anne Anonym' });
    await anonymisePerson(db, id, SYSTEM_ACTOR, AT);
    await aLearning(db);
    await aDilemma(db);
    await aFefItem(db);
    const kept = await indexRows(db);
    const count = await rebuildSearchIndex(db);
    expect(count).toBe(kept.length);
    expect(await indexRows(db)).toEqual(kept);
  });
});
