// The Hedensted Kommune × FOA partnership as the agreement (shared/seeds/partnerskabsaftale.txt)
// describes it: parties, representatives, Uldum and its institutions, the eight roles, the four
// core tasks and the five focus aspects. Idempotent: a record that exists is left as it is.
import type { Kysely } from 'kysely';
import { audit, SYSTEM_ACTOR } from '../server/db/audit';
import type { Database, OrganisationKind, PersonPosition } from '../server/db/schema';
import { searchKey, sortKey } from '../server/db/text-keys';
import { addDefaultStandardItems } from '../server/partnerships/service';
import { seedRoleMarkers } from './role-markers';

export const PARTNERSHIP_NAME = 'Hedensted Kommune og FOA: nye roller i bæredygtig velfærd';
export const CONSULTANT_NAME = 'Konsulent på Uldumprojektet';

const ORGANISATIONS: Array<{ name: string; kind: OrganisationKind; description: string }> = [
  { name: 'Hedensted Kommune', kind: 'kommune', description: 'Part i partnerskabsaftalen.' },
  { name: 'FOA', kind: 'fagforening', description: 'Part i partnerskabsaftalen.' },
  { name: 'Plejecentret i Uldum', kind: 'institution', description: 'Plejecenter i projektområdet Uldum.' },
  { name: 'Skolen i Uldum', kind: 'institution', description: 'Skole i projektområdet Uldum.' },
  { name: 'Daginstitutionen i Uldum', kind: 'institution', description: 'Daginstitution i projektområdet Uldum.' },
  {
    name: 'Lokalsamfundet Uldum',
    kind: 'borgergruppe',
    description: 'Lokalsamfundet i Uldum med dets foreninger, frivillige og borgere.',
  },
];

interface SeedPerson {
  name: string;
  title: string;
  organisation: string;
  position: PersonPosition;
  representative: boolean;
  convenes: boolean;
}

// Titles exactly as the agreement gives them (two people are "chef for Læring").
const PEOPLE: SeedPerson[] = [
  { name: 'Jesper Thyrring Møller', title: 'Kommunaldirektør', organisation: 'Hedensted Kommune', position: 'repraesentant', representative: true, convenes: false },
  { name: 'Steen Dahl-Hansen', title: 'Chef for Social Omsorg', organisation: 'Hedensted Kommune', position: 'repraesentant', representative: true, convenes: false },
  { name: 'Peter Hüttel', title: 'Chef for Læring', organisation: 'Hedensted Kommune', position: 'repraesentant', representative: true, convenes: false },
  { name: 'René G. Nielsen', title: 'Chef for Læring', organisation: 'Hedensted Kommune', position: 'repraesentant', representative: true, convenes: true },
  { name: CONSULTANT_NAME, title: 'Konsulent på Uldumprojektet (navn ikke oplyst)', organisation: 'Hedensted Kommune', position: 'konsulent', representative: true, convenes: true },
  { name: 'Hanne M. Petersen', title: 'Afdelingsformand', organisation: 'FOA', position: 'repraesentant', representative: true, convenes: false },
  { name: 'Per Lange', title: 'Faglig chef', organisation: 'FOA', position: 'repraesentant', representative: true, convenes: false },
  { name: 'Tom Bjerregaard', title: 'Specialkonsulent', organisation: 'FOA', position: 'repraesentant', representative: true, convenes: false },
  // The signatories of the agreement: in the directory, not representatives in the meetings.
  { name: 'Dennis Kristensen', title: 'Forbundsformand for FOA', organisation: 'FOA', position: 'andet', representative: false, convenes: false },
  { name: 'Kirsten Terkilsen', title: 'Borgmester', organisation: 'Hedensted Kommune', position: 'andet', representative: false, convenes: false },
];

const SOURCE = 'Mandag Morgen, gengivet i partnerskabsaftalen';

// Descriptions in our own words; the partnership has not settled the model, so they are editable.
export const ROLES: Array<{ key: string; kind: 'medarbejder' | 'leder'; name: string; description: string; source: string }> = [
  { key: 'ressourcedetektor', kind: 'medarbejder', name: 'Ressourcedetektor', description: 'Får øje på de ressourcer, der allerede findes – hos borgeren selv, i familie og netværk, blandt kolleger og i lokalsamfundet – og bringer dem i spil.', source: SOURCE },
  { key: 'medbygger', kind: 'medarbejder', name: 'Medbygger', description: 'Skaber løsninger sammen med borgeren og andre aktører i stedet for at levere færdige svar, fordi svære udfordringer sjældent løses af én alene.', source: SOURCE },
  { key: 'oversaetter', kind: 'medarbejder', name: 'Oversætter', description: 'Gør organisationens visioner konkrete: omsætter dem til klart sprog og til handling i hverdagen og tilpasser sin kommunikation derefter.', source: SOURCE },
  { key: 'udforsker', kind: 'leder', name: 'Udforsker', description: 'Leder ud fra kvalificeret intuition og faglig fornemmelse, når manualen ikke rækker, og er åben om det, der endnu er usikkert.', source: SOURCE },
  { key: 'initiativdyrker', kind: 'leder', name: 'Initiativdyrker', description: 'Sætter gang i nye tiltag – egne og andres – uden at kende udfaldet på forhånd, og passer på ikke selv at blive en bremse.', source: SOURCE },
  { key: 'meningsskaber', kind: 'leder', name: 'Meningsskaber', description: 'Giver kerneopgaven retning og mening, så medarbejdere, borgere og samarbejdspartnere får lyst til at engagere sig.', source: SOURCE },
  { key: 'netvaerkssmed', kind: 'leder', name: 'Netværkssmed', description: 'Tænker andre aktører ind i opgaven og ser, hvordan forskellige ressourcer og fagligheder kan kobles, så de styrker hinanden.', source: SOURCE },
  { key: 'effektjaeger', kind: 'leder', name: 'Effektjæger', description: 'Følger økonomi, delmål og leverancer tæt og udvikler styrings- og opfølgningsredskaber, så de understøtter arbejdet. (Aftalens egen tekst om rollen slutter midt i en sætning.)', source: SOURCE },
];

const KERNEOPGAVER = [
  { key: 'fritid-og-faellesskab', name: 'Fritid og Fællesskab' },
  { key: 'laering', name: 'Læring' },
  { key: 'beskaeftigelse', name: 'Beskæftigelse' },
  { key: 'social-omsorg', name: 'Social Omsorg' },
];

const FOCUS_ASPECTS = [
  { key: 'kerneopgaven', name: 'Kerneopgaven', description: 'Det faglige møde mellem medarbejder og borger, hvor velfærden bliver til.' },
  { key: 'tillid', name: 'Tillid', description: 'Tiltro til medarbejdernes faglighed og ansvarlighed – i stedet for kontrol, regler og unødig dokumentation.' },
  { key: 'ledelse', name: 'Ledelse', description: 'Ledelse, der bakker tilliden op, holder fokus på kerneopgaven og skaber motivation.' },
  { key: 'faglighed', name: 'Faglighed', description: 'Faglig dygtighed og løbende udvikling og uddannelse som grundlag for tillid og kvalitet.' },
  { key: 'afbureaukratisering', name: 'Afbureaukratisering', description: 'Mest mulig tid til kerneopgaven: regler forklares eller fjernes, det bevaringsværdige bevares.' },
];

const PURPOSE =
  'Parterne følger sammen et praksisnært projekt i Uldum, hvor plejecenter, skole og daginstitution ' +
  'arbejder med samskabelse med borgere og lokalsamfund, og hvor nye medarbejder- og lederroller afprøves ' +
  'på vejen mod bæredygtig velfærd.';

export interface SeedResult {
  created: number;
}

export async function seedPartnership(db: Kysely<Database>, at: Date): Promise<SeedResult> {
  const now = at.toISOString();
  let created = 0;
  await db.transaction().execute(async (trx) => {
    const record = async (entity: string, entityId: string | number, after: unknown) => {
      created++;
      await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity, entityId, after });
    };

    for (const [i, r] of ROLES.entries()) {
      const found = await trx.selectFrom('roles').select('key').where('key', '=', r.key).executeTakeFirst();
      if (found) continue;
      const row = { ...r, sort_order: i + 1, retired: 0 };
      await trx.insertInto('roles').values(row).execute();
      await record('role', r.key, row);
    }
    created += await seedRoleMarkers(trx, at);
    for (const [i, k] of KERNEOPGAVER.entries()) {
      const found = await trx.selectFrom('kerneopgaver').select('key').where('key', '=', k.key).executeTakeFirst();
      if (found) continue;
      const row = { ...k, movement: '', sort_order: i + 1 };
      await trx.insertInto('kerneopgaver').values(row).execute();
      await record('kerneopgave', k.key, row);
    }
    for (const [i, f] of FOCUS_ASPECTS.entries()) {
      const found = await trx.selectFrom('focus_aspects').select('key').where('key', '=', f.key).executeTakeFirst();
      if (found) continue;
      const row = { ...f, sort_order: i + 1 };
      await trx.insertInto('focus_aspects').values(row).execute();
      await record('focus_aspect', f.key, row);
    }

    const organisationIds = new Map<string, number>();
    for (const o of ORGANISATIONS) {
      const found = await trx.selectFrom('organisations').select('id').where('name', '=', o.name).executeTakeFirst();
      if (found) {
        organisationIds.set(o.name, found.id);
        continue;
      }
      const row = { ...o, active: 1, sort_key: sortKey(o.name), search_key: searchKey(o.name), created_at: now, updated_at: now };
      const { id } = await trx.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
      organisationIds.set(o.name, id);
      await record('organisation', id, row);
    }

    let partnership = await trx.selectFrom('partnerships').select('id').where('name', '=', PARTNERSHIP_NAME).executeTakeFirst();
    if (!partnership) {
      const row = {
        name: PARTNERSHIP_NAME,
        purpose: PURPOSE,
        project_area: 'Uldum',
        start_date: null,
        meeting_cadence: 'aftales nærmere',
        created_at: now,
        updated_at: now,
      };
      partnership = await trx.insertInto('partnerships').values(row).returning('id').executeTakeFirstOrThrow();
      await record('partnership', partnership.id, row);
      await addDefaultStandardItems(trx, partnership.id, SYSTEM_ACTOR, at);
    }
    const partnershipId = partnership.id;
    for (const [i, party] of ['Hedensted Kommune', 'FOA'].entries()) {
      const organisationId = organisationIds.get(party)!;
      const found = await trx
        .selectFrom('partnership_parties')
        .select('organisation_id')
        .where('partnership_id', '=', partnershipId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      if (found) continue;
      await trx.insertInto('partnership_parties').values({ partnership_id: partnershipId, organisation_id: organisationId, sort_order: i + 1 }).execute();
      await record('partnership_party', `${partnershipId}:${organisationId}`, { partnership_id: partnershipId, organisation_id: organisationId });
    }

    for (const p of PEOPLE) {
      const organisationId = organisationIds.get(p.organisation)!;
      let person = await trx
        .selectFrom('people')
        .select('id')
        .where('name', '=', p.name)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      if (!person) {
        const row = {
          name: p.name,
          title: p.title,
          organisation_id: organisationId,
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
        person = await trx.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
        await record('person', person.id, row);
      }
      if (!p.representative && !p.convenes) continue;
      const member = await trx
        .selectFrom('partnership_members')
        .select('person_id')
        .where('partnership_id', '=', partnershipId)
        .where('person_id', '=', person.id)
        .executeTakeFirst();
      if (member) continue;
      const row = {
        partnership_id: partnershipId,
        person_id: person.id,
        is_representative: p.representative ? 1 : 0,
        convenes_meetings: p.convenes ? 1 : 0,
      };
      await trx.insertInto('partnership_members').values(row).execute();
      await record('partnership_member', `${partnershipId}:${person.id}`, row);
    }
  });
  return { created };
}
