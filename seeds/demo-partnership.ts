// The demo's own partnership: Hedensted Kommune and FOA in Uldum, as in the agreement, but with
// invented representatives, so that every meeting, approval and decision in the demo belongs to
// fictional people, and the agreement's partnership keeps only what the agreement says.
// There is no service for creating a partnership (the agreement's seed makes the only real one),
// so this writes the rows itself, each with its audit entry in the same transaction.
import type { Db } from '../server/db/database';
import { audit } from '../server/db/audit';
import { addDefaultStandardItems } from '../server/partnerships/service';
import { DEMO_REPRESENTATIVES } from './demo-people';
import { dayAt, DEMO_PARTNERSHIP_NAME, momentAt, organisationsByName, SYSTEM_ACTOR, type Calendar, type Lookup } from './demo-support';

const PURPOSE =
  'Et opdigtet eksempel, der viser værktøjet i brug: et år med partnerskabet mellem Hedensted Kommune og FOA ' +
  'om samskabelse og nye roller i Uldum – på plejecentret, skolen og daginstitutionen. Personerne, møderne, ' +
  'beslutningerne og historierne er fiktive; de repræsentanter, der står i partnerskabsaftalen, indgår ikke.';

const PARTIES = ['Hedensted Kommune', 'FOA'];
const CONVENER = 'Jens Bach';

/** Makes the demo partnership with its parties and members where missing; returns its id. */
export async function seedDemoPartnership(db: Db, cal: Calendar, person: Lookup): Promise<{ created: number; partnershipId: number }> {
  const organisation = await organisationsByName(db);
  const at = momentAt(cal, -345, '09:00');
  const now = at.toISOString();
  let created = 0;
  const partnershipId = await db.transaction().execute(async (trx) => {
    let partnership = await trx.selectFrom('partnerships').select('id').where('name', '=', DEMO_PARTNERSHIP_NAME).executeTakeFirst();
    if (!partnership) {
      const row = {
        name: DEMO_PARTNERSHIP_NAME,
        purpose: PURPOSE,
        project_area: 'Uldum',
        start_date: dayAt(cal, -340),
        meeting_cadence: 'ca. hver 8. uge',
        created_at: now,
        updated_at: now,
      };
      partnership = await trx.insertInto('partnerships').values(row).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity: 'partnership', entityId: partnership.id, after: row });
      await addDefaultStandardItems(trx, partnership.id, SYSTEM_ACTOR, at);
      created++;
    }
    const id = partnership.id;
    for (const [i, party] of PARTIES.entries()) {
      const row = { partnership_id: id, organisation_id: organisation(party), sort_order: i + 1 };
      const found = await trx.selectFrom('partnership_parties').select('organisation_id').where('partnership_id', '=', id).where('organisation_id', '=', row.organisation_id).executeTakeFirst();
      if (found) continue;
      await trx.insertInto('partnership_parties').values(row).execute();
      await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity: 'partnership_party', entityId: `${id}:${row.organisation_id}`, after: row });
    }
    for (const r of DEMO_REPRESENTATIVES) {
      const row = { partnership_id: id, person_id: person(r.name), is_representative: 1, convenes_meetings: r.name === CONVENER ? 1 : 0 };
      const found = await trx.selectFrom('partnership_members').select('person_id').where('partnership_id', '=', id).where('person_id', '=', row.person_id).executeTakeFirst();
      if (found) continue;
      await trx.insertInto('partnership_members').values(row).execute();
      await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity: 'partnership_member', entityId: `${id}:${row.person_id}`, after: row });
    }
    return id;
  });
  return { created, partnershipId };
}
