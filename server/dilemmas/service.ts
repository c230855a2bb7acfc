// Dilemmas: create, change and delete with their links, each audited.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Database } from '../db/schema';
import { assertInitiativesExist, assertMeetingsExist, distinctIds } from '../learnings/service';
import { Conflict, Invalid, NotFound } from '../web/errors';
import type { DilemmaForm } from './schemas';

type Trx = Kysely<Database>;

/** A dilemma needs two different poles; otherwise it is a single point of view. */
function assertTwoPoles(input: DilemmaForm): void {
  if (input.pole_a.toLocaleLowerCase('da-DK') === input.pole_b.toLocaleLowerCase('da-DK')) {
    throw new Invalid({ pole_b: 'De to sider af dilemmaet skal være forskellige' });
  }
}

function columns(input: DilemmaForm) {
  return { title: input.title, pole_a: input.pole_a, pole_b: input.pole_b, context: input.context, status: input.status };
}

async function linksOf(trx: Trx, dilemmaId: number) {
  const initiatives = await trx.selectFrom('dilemma_initiatives').select('initiative_id').where('dilemma_id', '=', dilemmaId).orderBy('initiative_id').execute();
  const meetings = await trx.selectFrom('dilemma_meetings').select('meeting_id').where('dilemma_id', '=', dilemmaId).orderBy('meeting_id').execute();
  return { initiative_ids: initiatives.map((r) => r.initiative_id), meeting_ids: meetings.map((r) => r.meeting_id) };
}

async function checkedLinks(trx: Trx, input: DilemmaForm) {
  const links = { initiative_ids: distinctIds(input.initiative_ids), meeting_ids: distinctIds(input.meeting_ids) };
  await assertInitiativesExist(trx, links.initiative_ids);
  await assertMeetingsExist(trx, links.meeting_ids);
  return links;
}

/** Replaces a dilemma's links with the ones chosen in the form. */
async function saveLinks(trx: Trx, dilemmaId: number, links: { initiative_ids: number[]; meeting_ids: number[] }) {
  await trx.deleteFrom('dilemma_initiatives').where('dilemma_id', '=', dilemmaId).execute();
  await trx.deleteFrom('dilemma_meetings').where('dilemma_id', '=', dilemmaId).execute();
  if (links.initiative_ids.length) {
    await trx.insertInto('dilemma_initiatives').values(links.initiative_ids.map((initiative_id) => ({ dilemma_id: dilemmaId, initiative_id }))).execute();
  }
  if (links.meeting_ids.length) {
    await trx.insertInto('dilemma_meetings').values(links.meeting_ids.map((meeting_id) => ({ dilemma_id: dilemmaId, meeting_id }))).execute();
  }
}

export async function createDilemma(db: Db, input: DilemmaForm, actor: Actor, at: Date): Promise<number> {
  assertTwoPoles(input);
  return db.transaction().execute(async (trx) => {
    const links = await checkedLinks(trx, input);
    const row = { ...columns(input), created_at: at.toISOString(), updated_at: at.toISOString() };
    const { id } = await trx.insertInto('dilemmas').values(row).returning('id').executeTakeFirstOrThrow();
    await saveLinks(trx, id, links);
    await audit(trx, { actor, at, action: 'create', entity: 'dilemma', entityId: id, after: { ...row, ...links } });
    return id;
  });
}

export async function updateDilemma(db: Db, id: number, input: DilemmaForm, actor: Actor, at: Date): Promise<void> {
  assertTwoPoles(input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('dilemmas').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    const links = await checkedLinks(trx, input);
    const beforeLinks = await linksOf(trx, id);
    const set = { ...columns(input), updated_at: at.toISOString() };
    await trx.updateTable('dilemmas').set(set).where('id', '=', id).execute();
    await saveLinks(trx, id, links);
    await audit(trx, { actor, at, action: 'update', entity: 'dilemma', entityId: id, before: { ...before, ...beforeLinks }, after: { ...before, ...set, ...links } });
  });
}

export const ON_AGENDA =
  'Dilemmaet kan ikke slettes, fordi det står på dagsordenen til et møde. Sæt det til "Parkeret" i stedet, så historikken bevares.';

/**
 * Deletes a dilemma and its own links. One that an agenda item points at is refused: the meeting's
 * record would silently lose the reference.
 */
export async function deleteDilemma(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('dilemmas').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    const onAgenda = await trx.selectFrom('agenda_item_dilemmas').select('agenda_item_id').where('dilemma_id', '=', id).limit(1).executeTakeFirst();
    if (onAgenda) throw new Conflict(ON_AGENDA, `/dilemmas/${id}`);
    const links = await linksOf(trx, id);
    await trx.deleteFrom('dilemmas').where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'dilemma', entityId: id, before: { ...before, ...links } });
  });
}
