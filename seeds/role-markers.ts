// The proposal of graded progress markers for the eight roles (outcome mapping): what we expect
// to see (level 1), would like to see (2) and would love to see (3). Written in our own words from
// the agreement's short role descriptions; the konsulent edits them (server/roles/markers.ts).
// Idempotent: a role that already has markers (also retired ones) is left as it is, so markers the
// konsulent has changed, retired or deleted are never put back.
import type { Kysely } from 'kysely';
import { audit, SYSTEM_ACTOR } from '../server/db/audit';
import type { Database } from '../server/db/schema';

type Levels = [string[], string[], string[]];

export const ROLE_MARKERS: Record<string, Levels> = {
  ressourcedetektor: [
    [
      'Spørger borgeren, hvad vedkommende selv kan og gerne vil.',
      'Nævner ressourcer hos pårørende, naboer eller frivillige, når en opgave drøftes.',
      'Deler med kolleger, når hun eller han har fået øje på en ny ressource.',
    ],
    [
      'Tager kontakt til en forening eller et lokalt tilbud, som kan bidrage.',
      'Ser og bruger kollegers viden og evner på tværs af faggrænser.',
      'Hjælper borgeren med selv at bruge sit netværk.',
    ],
    [
      'Borgere og lokalsamfund bidrager fast til opgaven med det, de selv har.',
      'Institutionen har et levende overblik over ressourcer i Uldum, som alle bruger.',
      'Andre medarbejdere søger råd hos hende eller ham om at finde ressourcer.',
    ],
  ],
  medbygger: [
    [
      'Inddrager borgeren, før en løsning lægges fast.',
      'Lytter til andres forslag og bygger videre på dem i stedet for at afvise dem.',
      'Fortæller åbent, når en opgave er for stor til at løse alene.',
    ],
    [
      'Laver aftaler, hvor borgeren og andre aktører har hver deres del af løsningen.',
      'Prøver en fælles løsning af i det små og justerer den undervejs.',
      'Samarbejder med kolleger fra en anden institution om en konkret borger eller gruppe.',
    ],
    [
      'Løsninger, der er bygget sammen med borgere, lever videre uden medarbejderens daglige indsats.',
      'Borgere tager selv initiativ til at bygge videre på en fælles løsning.',
      'Samskabelse er blevet den naturlige måde at gribe svære opgaver an på.',
    ],
  ],
  oversaetter: [
    [
      'Kan med egne ord forklare, hvad projektets mål betyder for hendes eller hans arbejde.',
      'Stiller spørgsmål, når en beslutning eller vision er uklar.',
      'Taler et sprog, som borgeren forstår, frem for fagsprog og forkortelser.',
    ],
    [
      'Omsætter en beslutning til et konkret næste skridt i hverdagen.',
      'Hjælper kolleger med at forstå, hvad en ny retning betyder i praksis.',
      'Tilpasser måden at fortælle på efter, hvem hun eller han taler med.',
    ],
    [
      'Kolleger og borgere handler ud fra visionen, fordi den er blevet forståelig.',
      'Giver ledelsen tilbagemeldinger fra praksis, så visionen bliver skarpere.',
      'Fortæller historier fra hverdagen, som andre bruger til at forklare projektet.',
    ],
  ],
  udforsker: [
    [
      'Siger det højt, når der ikke findes et færdigt svar.',
      'Giver plads til at prøve noget af, selv om retningslinjen ikke dækker situationen.',
      'Spørger medarbejderne, hvad deres faglige fornemmelse siger.',
    ],
    [
      'Træffer en begrundet beslutning på et usikkert grundlag og fortæller hvorfor.',
      'Følger op på, hvad et forsøg lærte os, også når det ikke lykkedes.',
      'Deler sin egen tvivl med medarbejderne uden at miste retningen.',
    ],
    [
      'Usikkerhed drøftes åbent i hele institutionen som en del af arbejdet.',
      'Medarbejdere tør selv handle på kvalificerede fornemmelser.',
      'Erfaringer fra forsøg ændrer faste arbejdsgange.',
    ],
  ],
  initiativdyrker: [
    [
      'Tager godt imod medarbejderes og borgeres idéer.',
      'Giver tid eller rum til at afprøve mindst én ny idé.',
      'Spørger sig selv, om hun eller han står i vejen for et initiativ.',
    ],
    [
      'Sætter et initiativ i gang uden at kende resultatet på forhånd.',
      'Bakker op om andres initiativer og træder et skridt tilbage.',
      'Fjerner en konkret forhindring, så et initiativ kan komme videre.',
    ],
    [
      'Initiativer opstår jævnligt blandt medarbejdere og borgere uden at lederen starter dem.',
      'Initiativer, der ikke virkede, afsluttes åbent og giver læring videre.',
      'Gode initiativer spreder sig til andre institutioner i Uldum.',
    ],
  ],
  meningsskaber: [
    [
      'Taler jævnligt om kerneopgaven og om, hvorfor arbejdet betyder noget.',
      'Forbinder daglige opgaver med det, borgerne får ud af dem.',
      'Lytter til, hvad der giver medarbejderne mening.',
    ],
    [
      'Får medarbejdere til at engagere sig i projektet af lyst.',
      'Inddrager borgere og samarbejdspartnere i samtalen om, hvad der er vigtigt.',
      'Bruger konkrete historier fra praksis til at vise retningen.',
    ],
    [
      'Medarbejdere, borgere og partnere beskriver selv kerneopgaven med samme retning.',
      'Nye kolleger og partnere bliver hurtigt en del af fællesskabet om opgaven.',
      'Engagementet holder, også når det bliver svært.',
    ],
  ],
  netvaerkssmed: [
    [
      'Kender de vigtigste aktører omkring institutionen og opgaven.',
      'Spørger, hvem der ellers kunne være med, når en opgave planlægges.',
      'Tager kontakt til en ny samarbejdspartner.',
    ],
    [
      'Kobler to aktører, der ikke kendte hinanden, om en fælles opgave.',
      'Bringer forskellige fagligheder sammen, så de styrker hinanden.',
      'Holder liv i samarbejdet med lokalsamfundet mellem møderne.',
    ],
    [
      'Netværket løser opgaver sammen uden at lederen skal stå i midten.',
      'Institutionerne i Uldum deler ressourcer som en selvfølge.',
      'Nye aktører søger selv ind i samarbejdet.',
    ],
  ],
  effektjaeger: [
    [
      'Kender økonomien og delmålene for sin del af projektet.',
      'Følger op på aftalte leverancer på faste tidspunkter.',
      'Spørger, hvad en indsats har betydet for borgerne.',
    ],
    [
      'Tilpasser et redskab til opfølgning, så det hjælper arbejdet i stedet for at tynge det.',
      'Fjerner dokumentation, som ingen bruger.',
      'Bruger tal og borgerhistorier sammen til at vurdere effekt.',
    ],
    [
      'Opfølgningen viser bevægelse hos borgerne, ikke kun aktivitet.',
      'Medarbejdere bruger selv opfølgningen til at forbedre deres arbejde.',
      'Styringen giver mere tid til kerneopgaven, ikke mindre.',
    ],
  ],
};

/** Puts in the proposal for each role that exists and has no markers yet; returns how many were made. */
export async function seedRoleMarkers(trx: Kysely<Database>, at: Date): Promise<number> {
  const now = at.toISOString();
  const roles = await trx.selectFrom('roles').select('key').where('key', 'in', Object.keys(ROLE_MARKERS)).execute();
  const withMarkers = new Set(
    (await trx.selectFrom('role_markers').select('role_key').distinct().execute()).map((r) => r.role_key),
  );
  let created = 0;
  for (const { key } of roles) {
    if (withMarkers.has(key)) continue;
    for (const [i, texts] of ROLE_MARKERS[key].entries()) {
      for (const [j, text] of texts.entries()) {
        const row = { role_key: key, level: i + 1, text, position: j + 1, retired: 0, created_at: now, updated_at: now };
        const { id } = await trx.insertInto('role_markers').values(row).returning('id').executeTakeFirstOrThrow();
        await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity: 'role_marker', entityId: id, after: row });
        created++;
      }
    }
  }
  return created;
}

/**
 * The proposal for a database that has never had markers (one made before migration 0022): run at
 * every start, it does nothing once any marker has been audited, so it never undoes the konsulent's
 * changes, however the database was migrated (a start, `npm run cli migrate`, a restore).
 */
export async function seedRoleMarkersOnce(db: Kysely<Database>, at: Date): Promise<number> {
  const seeded = await db.selectFrom('audit_log').select('id').where('entity', '=', 'role_marker').limit(1).executeTakeFirst();
  if (seeded) return 0;
  return db.transaction().execute((trx) => seedRoleMarkers(trx, at));
}
