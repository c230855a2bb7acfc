// The demo's cast: invented staff at the Uldum institutions, a volunteer, and invented
// representatives of the two parties. Every title says "(fiktiv)". The real representatives from
// the agreement (seeds/partnership.ts) are never part of the demo's story.
import type { Db } from '../server/db/database';
import type { PersonPosition } from '../server/db/schema';
import { createPerson } from '../server/people/service';
import { momentAt, organisationsByName, SYSTEM_ACTOR, type Calendar, type Lookup } from './demo-support';

export interface DemoPerson {
  name: string;
  title: string;
  organisation: string;
  position: PersonPosition;
}

/** The two parties' invented representatives (members of the demo partnership only). */
export const DEMO_REPRESENTATIVES: DemoPerson[] = [
  { name: 'Anne Kjærgaard', title: 'Områdechef, Social Omsorg (fiktiv)', organisation: 'Hedensted Kommune', position: 'repraesentant' },
  { name: 'Jens Bach', title: 'Udviklingskonsulent i Uldumprojektet (fiktiv)', organisation: 'Hedensted Kommune', position: 'konsulent' },
  { name: 'Lone Friis', title: 'Faglig sekretær (fiktiv)', organisation: 'FOA', position: 'repraesentant' },
  { name: 'Karsten Lind', title: 'Organisationskonsulent (fiktiv)', organisation: 'FOA', position: 'repraesentant' },
];

/** Invented staff and a volunteer in Uldum, who carry the work and the stories. */
export const DEMO_STAFF: DemoPerson[] = [
  { name: 'Mette Holm', title: 'Social- og sundhedsassistent (fiktiv)', organisation: 'Plejecentret i Uldum', position: 'medarbejder' },
  { name: 'Ahmad Rahimi', title: 'Social- og sundhedshjælper (fiktiv)', organisation: 'Plejecentret i Uldum', position: 'medarbejder' },
  { name: 'Birgit Sørensen', title: 'Centerleder (fiktiv)', organisation: 'Plejecentret i Uldum', position: 'leder' },
  { name: 'Lars Mikkelsen', title: 'Lærer (fiktiv)', organisation: 'Skolen i Uldum', position: 'medarbejder' },
  { name: 'Henrik Lykke', title: 'Skoleleder (fiktiv)', organisation: 'Skolen i Uldum', position: 'leder' },
  { name: 'Sofie Dam', title: 'Pædagog (fiktiv)', organisation: 'Daginstitutionen i Uldum', position: 'medarbejder' },
  { name: 'Pia Winther', title: 'Dagtilbudsleder (fiktiv)', organisation: 'Daginstitutionen i Uldum', position: 'leder' },
  { name: 'Nanna Kristensen', title: 'Jobkonsulent (fiktiv)', organisation: 'Hedensted Kommune', position: 'medarbejder' },
  { name: 'Jørgen Aagaard', title: 'Frivillig i borgerforeningen (fiktiv)', organisation: 'Lokalsamfundet Uldum', position: 'frivillig' },
];

export const DEMO_PEOPLE: DemoPerson[] = [...DEMO_REPRESENTATIVES, ...DEMO_STAFF];

/**
 * Makes the people who are missing (found by name within their organisation) through the people
 * service, and returns a lookup of every demo person's id.
 */
export async function seedDemoPeople(db: Db, cal: Calendar): Promise<{ created: number; person: Lookup }> {
  const organisation = await organisationsByName(db);
  const ids = new Map<string, number>();
  let created = 0;
  for (const p of DEMO_PEOPLE) {
    const organisationId = organisation(p.organisation);
    const found = await db.selectFrom('people').select('id').where('name', '=', p.name).where('organisation_id', '=', organisationId).executeTakeFirst();
    if (found) {
      ids.set(p.name, found.id);
      continue;
    }
    const form = { name: p.name, title: p.title, organisation_id: organisationId, email: null, phone: null, position: p.position, active: true };
    ids.set(p.name, await createPerson(db, form, SYSTEM_ACTOR, momentAt(cal, -365, '09:00')));
    created++;
  }
  const person: Lookup = (name) => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`Demo: ukendt person "${name}"`);
    return id;
  };
  return { created, person };
}
