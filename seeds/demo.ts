// Demonstration content (`npm run cli -- seed --demo`): fictional staff only, never invented
// statements by the real representatives. Grows as the features it shows arrive.
import type { Kysely } from 'kysely';
import { audit, SYSTEM_ACTOR } from '../server/db/audit';
import type { Database, PersonPosition } from '../server/db/schema';
import { searchKey, sortKey } from '../server/db/text-keys';
import { seedDemoInitiatives } from './demo-initiatives';

const FICTIONAL_STAFF: Array<{ name: string; title: string; organisation: string; position: PersonPosition }> = [
  { name: 'Mette Holm', title: 'Social- og sundhedsassistent (fiktiv)', organisation: 'Plejecentret i Uldum', position: 'medarbejder' },
  { name: 'Lars Mikkelsen', title: 'Lærer (fiktiv)', organisation: 'Skolen i Uldum', position: 'medarbejder' },
  { name: 'Sofie Dam', title: 'Pædagog (fiktiv)', organisation: 'Daginstitutionen i Uldum', position: 'medarbejder' },
  { name: 'Birgit Sørensen', title: 'Centerleder (fiktiv)', organisation: 'Plejecentret i Uldum', position: 'leder' },
  { name: 'Jørgen Aagaard', title: 'Frivillig i borgerforeningen (fiktiv)', organisation: 'Lokalsamfundet Uldum', position: 'frivillig' },
];

export async function seedDemo(db: Kysely<Database>, at: Date): Promise<{ created: number }> {
  const now = at.toISOString();
  let created = 0;
  await db.transaction().execute(async (trx) => {
    for (const p of FICTIONAL_STAFF) {
      const organisation = await trx.selectFrom('organisations').select('id').where('name', '=', p.organisation).executeTakeFirst();
      if (!organisation) continue;
      const exists = await trx.selectFrom('people').select('id').where('name', '=', p.name).where('organisation_id', '=', organisation.id).executeTakeFirst();
      if (exists) continue;
      const row = {
        name: p.name,
        title: p.title,
        organisation_id: organisation.id,
        email: null,
        phone: null,
        position: p.position,
        active: 1,
        anonymised_at: null,
        sort_key: sortKey(p.name),
        search_key: searchKey(p.name, p.title),
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity: 'person', entityId: id, after: row });
      created++;
    }
  });
  // After the people exist: initiatives, a trial action with effects, meetings with draft minutes.
  created += await seedDemoInitiatives(db, at);
  return { created };
}
