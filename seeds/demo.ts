// Demonstration content (`npm run cli -- seed --demo`): fictional staff only, never invented
// statements by the real representatives. Grows as the features it shows arrive.
import type { Kysely } from 'kysely';
import { audit, SYSTEM_ACTOR } from '../server/db/audit';
import type { Database, PersonPosition } from '../server/db/schema';
import { searchKey, sortKey } from '../server/db/text-keys';
import { recordEvidence } from '../server/roles/service';
import { Invalid } from '../server/web/errors';
import { copenhagenDay } from '../server/web/format';
import { seedDemoInitiatives } from './demo-initiatives';
import { createDilemma } from '../server/dilemmas/service';
import type { DilemmaForm } from '../server/dilemmas/schemas';
import { createFefItem } from '../server/fef/service';
import type { FefForm } from '../server/fef/schemas';
import { createLearning } from '../server/learnings/service';
import type { LearningForm } from '../server/learnings/schemas';

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
  created += await seedDemoRoleEvidence(db, at);
  created += await seedDemoLearningsDilemmasFef(db, at);
  return { created };
}

// ---- role evidence (rolleobservationer) on the fictional staff ----

interface DemoEvidence {
  role: string;
  person: string | null;
  team?: string;
  organisation: string;
  initiative?: string;
  meeting?: string;
  daysAgo: number;
  note: string;
  recordedBy: string;
}

// Never about the real representatives, and never naming a citizen.
const DEMO_EVIDENCE: DemoEvidence[] = [
  { role: 'ressourcedetektor', person: 'Mette Holm', organisation: 'Plejecentret i Uldum', initiative: 'Brunch i plejeboligen', meeting: 'Arbejdsgruppe: samskabelse på plejecentret', daysAgo: 14, note: 'Fortalte på arbejdsgruppemødet, at en beboers datter gerne vil hjælpe med brunchen om lørdagen, og aftalte det med beboeren selv.', recordedBy: 'Birgit Sørensen' },
  { role: 'medbygger', person: 'Mette Holm', organisation: 'Plejecentret i Uldum', initiative: 'Brunch i plejeboligen', daysAgo: 45, note: 'Planlagde brunchen sammen med beboerne i stedet for at lægge planen for dem; tidspunktet blev flyttet efter deres ønske.', recordedBy: 'Birgit Sørensen' },
  { role: 'medbygger', person: null, team: 'Aftenvagten på plejecentret', organisation: 'Plejecentret i Uldum', initiative: 'Brunch i plejeboligen', daysAgo: 20, note: 'Aftenvagten fandt selv på en ny overlevering til nattevagten, så brunch-ordningen holder hele ugen.', recordedBy: 'Birgit Sørensen' },
  { role: 'oversaetter', person: 'Lars Mikkelsen', organisation: 'Skolen i Uldum', initiative: 'Gåbus til skolen', daysAgo: 80, note: 'Forklarede på et forældremøde, hvad »gør sammen med« betyder i praksis: de ældste elever følger de yngste, og de voksne træder et skridt tilbage.', recordedBy: 'Birgit Sørensen' },
  { role: 'ressourcedetektor', person: 'Sofie Dam', organisation: 'Daginstitutionen i Uldum', initiative: 'Ældre bager, børn synger', daysAgo: 130, note: 'Opdagede, at flere bedsteforældre i byen gerne vil synge med børnene, og tog selv kontakt til plejecentret.', recordedBy: 'Birgit Sørensen' },
  { role: 'initiativdyrker', person: 'Birgit Sørensen', organisation: 'Plejecentret i Uldum', initiative: 'Brunch i plejeboligen', daysAgo: 95, note: 'Gav personalet lov til at prøve brunch i otte uger uden at kende udfaldet og holdt sig selv ude af detailplanlægningen.', recordedBy: 'Mette Holm' },
  { role: 'netvaerkssmed', person: 'Birgit Sørensen', organisation: 'Plejecentret i Uldum', initiative: 'Ældre bager, børn synger', daysAgo: 220, note: 'Koblede plejecentret og daginstitutionen, så de ældre og børnene mødes om bagning og sang hver anden uge.', recordedBy: 'Mette Holm' },
];

/** A few role evidence notes; idempotent by role, person or team, and note. */
async function seedDemoRoleEvidence(db: Kysely<Database>, at: Date): Promise<number> {
  const idByName = async (table: 'people' | 'organisations', name: string) =>
    (await db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
  let created = 0;
  for (const e of DEMO_EVIDENCE) {
    const personId = e.person ? await idByName('people', e.person) : null;
    if (e.person && !personId) continue; // the fictional person is missing: leave the note out
    let existing = db.selectFrom('role_evidence').select('id').where('role_key', '=', e.role).where('note', '=', e.note);
    existing = personId ? existing.where('person_id', '=', personId) : existing.where('team', '=', e.team ?? '');
    if (await existing.executeTakeFirst()) continue;
    const initiative = e.initiative ? await db.selectFrom('initiatives').select('id').where('title', '=', e.initiative).executeTakeFirst() : undefined;
    const meeting = e.meeting ? await db.selectFrom('meetings').select(['id', 'starts_at']).where('title', '=', e.meeting).executeTakeFirst() : undefined;
    const day = meeting ? copenhagenDay(new Date(meeting.starts_at)) : copenhagenDay(new Date(at.getTime() - e.daysAgo * 86400_000));
    try {
      await recordEvidence(
        db,
        {
          role_key: e.role,
          date: day,
          person_id: personId,
          team: e.team ?? '',
          organisation_id: await idByName('organisations', e.organisation),
          initiative_id: initiative?.id ?? null,
          meeting_id: meeting?.id ?? null,
          note: e.note,
        },
        await idByName('people', e.recordedBy),
        SYSTEM_ACTOR,
        at,
      );
      created++;
    } catch (err) {
      if (!(err instanceof Invalid)) throw err; // e.g. the role has been retired: skip the note
    }
  }
  return created;
}

// ---- learnings, dilemmas and "forklar eller fjern" items (DOMAIN.md §5) ----
// In our own words after the sources; no statement or decision is put on a real person: items are
// raised by the fictional staff, and decisions are not tied to a meeting with the representatives.

type DemoLearning = Omit<LearningForm, 'date' | 'initiative_ids' | 'meeting_ids'> & { daysAgo: number; initiatives: string[]; meetings: string[] };

const DEMO_LEARNINGS: DemoLearning[] = [
  {
    title: 'Små, konkrete og korte indsatser',
    daysAgo: 10,
    outcome: 'virkede',
    what_we_did: 'Vi afprøvede brunch i plejeboligen som en prøvehandling på otte uger i stedet for at lægge en stor plan for hele plejecentret.',
    what_happened: 'Det var let at gå i gang og let at justere undervejs. Beboerne mærkede forskellen efter få uger, og personalet kunne se, hvad det kostede og gav.',
    what_next: 'Nye idéer starter som små, tidsafgrænsede prøvehandlinger – ingen supertankere.',
    initiatives: ['Brunch i plejeboligen'],
    meetings: ['Arbejdsgruppe: samskabelse på plejecentret'],
  },
  {
    title: 'Frisættelse er ikke målet, men en metode',
    daysAgo: 40,
    outcome: 'delvist',
    what_we_did: 'Vi satte en fast arbejdsgang til side (frihed fra) for at give personalet plads til at aftale morgenen med den enkelte beboer (frihed til).',
    what_happened: 'Hvor frihed fra blev fulgt af en klar aftale om, hvad friheden skulle bruges til, virkede det. Hvor den ikke gjorde, faldt man tilbage til den gamle rutine.',
    what_next: 'Hver prøvehandling beskriver både "frihed fra" og "frihed til", og vi følger op på, hvad friheden blev brugt til.',
    initiatives: ['Brunch i plejeboligen'],
    meetings: [],
  },
  {
    title: 'Frivillige skal ledes og anerkendes',
    daysAgo: 75,
    outcome: 'virkede_ikke',
    what_we_did: 'Vi inviterede frivillige fra lokalsamfundet til at hjælpe med frugtordningen på skolen – uden en fast kontaktperson og uden en aftale om opgaverne.',
    what_happened: 'Efter tre uger kom der ikke flere frivillige. De vidste ikke, hvem de skulle spørge, og oplevede ikke, at deres indsats blev set.',
    what_next: 'Næste gang aftaler vi på forhånd hvorfor, hvilke opgaver, hvem, hvor og hvordan. En leder tager imod de frivillige og siger tak. Frivillige er et supplement, ikke en forudsætning for driften.',
    initiatives: ['Frivillige i frugtordningen'],
    meetings: [],
  },
];

type DemoDilemma = Omit<DilemmaForm, 'initiative_ids' | 'meeting_ids'> & { initiatives: string[]; meetings: string[] };

const DEMO_DILEMMAS: DemoDilemma[] = [
  {
    title: 'Menneskeblik og økonomiblik',
    pole_a: 'Menneskeblikket',
    pole_b: 'Økonomiblikket',
    context: 'Ledere skal både se det enkelte menneske og holde budgettet. Brunch i plejeboligen giver beboerne mere selvbestemmelse, men kræver, at vagterne lægges anderledes.',
    status: 'droeftet',
    initiatives: ['Brunch i plejeboligen'],
    meetings: ['Arbejdsgruppe: samskabelse på plejecentret'],
  },
  {
    title: 'Frivillige og tavshedspligt',
    pole_a: 'Frivilliges nærvær og bidrag',
    pole_b: 'Tavshedspligt og borgerens privatliv',
    context: 'Frivillige i SFO og på plejecentret kommer tæt på børn og beboere og hører om deres forhold. Hvad må de vide, og hvordan klæder vi dem på til at håndtere det?',
    status: 'rejst',
    initiatives: ['Bridge og skak i SFO med frivillige'],
    meetings: [],
  },
  {
    title: 'Supplement eller erstatning',
    pole_a: 'Frivillige som supplement – "flødeskummet"',
    pole_b: 'Frivillige som en forudsætning for driften',
    context: 'Frivillige skal give noget ekstra og ikke overtage personalets opgaver. Når økonomien strammes, kan grænsen flytte sig; ledelsesretten og -pligten ligger fast.',
    status: 'haandteres',
    initiatives: ['Frivillige i frugtordningen'],
    meetings: [],
  },
  {
    title: 'Pseudoinddragelse',
    pole_a: 'Inddrage borgerne bredt og tidligt',
    pole_b: 'Kun spørge, hvor vi reelt vil bruge svarene',
    context: 'At spørge borgerne uden at bruge deres input skader tilliden. Vi skal være ærlige om, hvad der allerede ligger fast, og hvad de kan få indflydelse på.',
    status: 'rejst',
    initiatives: [],
    meetings: [],
  },
  {
    title: 'Projektmidler forsvinder',
    pole_a: 'Skabe nye tilbud og forventninger nu',
    pole_b: 'Kun love det, der kan forankres i driften',
    context: 'Et projekt kan skabe forventninger hos borgere og frivillige, som må bringes til ophør, når projektmidlerne forsvinder. Forankringen skal tænkes ind fra start.',
    status: 'rejst',
    initiatives: [],
    meetings: [],
  },
];

type DemoFef = Omit<FefForm, 'raised_by' | 'decided_meeting_id'> & { raisedBy: string };

const DEMO_FEF: DemoFef[] = [
  {
    title: 'Kontrol af kørsel og telefonbrug',
    applies_to: 'Medarbejdere, der kører i egen eller kommunens bil og bruger tjenestetelefon',
    origin: 'egen_fortolkning',
    raisedBy: 'Birgit Sørensen',
    decision: 'afventer',
    rationale: 'Kørebøger og telefonlister kontrolleres løbende, uden at nogen kan pege på, hvilket krav kontrollen opfylder. Undersøg kravet, før vi beslutter.',
    hours_saved_per_month: 4,
  },
  {
    title: 'Tid i Fælles Sprog III ved komplekse nye borgere',
    applies_to: 'Plejecentret i Uldum',
    origin: 'retningslinje',
    raisedBy: 'Mette Holm',
    decision: 'afventer',
    rationale: 'Dokumentationen tager 1½–2 timer pr. kompleks ny borger. Skil det, der er lovkrav, fra det, der er egen praksis. Skønnet forudsætter tre nye borgere om måneden og en halvering af tiden.',
    hours_saved_per_month: 2.5,
  },
  {
    title: 'Supplerende tilsyn med samme opgave',
    applies_to: 'Plejecentret i Uldum',
    origin: 'selvopfundet',
    raisedBy: 'Birgit Sørensen',
    decision: 'aendret',
    rationale: 'Personalet førte et ekstra internt tilsyn med en opgave, som allerede var omfattet af tilsynet. Fremover ét tilsyn, hvis resultater deles med alle.',
    hours_saved_per_month: 5,
  },
];

/** Learnings, dilemmas and FeF items through their services (so audited); skips a title that exists. */
async function seedDemoLearningsDilemmasFef(db: Kysely<Database>, at: Date): Promise<number> {
  const idsByTitle = async (table: 'initiatives' | 'meetings', titles: string[]) =>
    titles.length ? (await db.selectFrom(table).select('id').where('title', 'in', titles).execute()).map((r) => r.id) : [];
  let created = 0;
  for (const { daysAgo, initiatives, meetings, ...l } of DEMO_LEARNINGS) {
    if (await db.selectFrom('learnings').select('id').where('title', '=', l.title).executeTakeFirst()) continue;
    const date = copenhagenDay(new Date(at.getTime() - daysAgo * 86400_000));
    await createLearning(db, { ...l, date, initiative_ids: await idsByTitle('initiatives', initiatives), meeting_ids: await idsByTitle('meetings', meetings) }, SYSTEM_ACTOR, at);
    created++;
  }
  for (const { initiatives, meetings, ...d } of DEMO_DILEMMAS) {
    if (await db.selectFrom('dilemmas').select('id').where('title', '=', d.title).executeTakeFirst()) continue;
    await createDilemma(db, { ...d, initiative_ids: await idsByTitle('initiatives', initiatives), meeting_ids: await idsByTitle('meetings', meetings) }, SYSTEM_ACTOR, at);
    created++;
  }
  for (const { raisedBy, ...f } of DEMO_FEF) {
    if (await db.selectFrom('fef_items').select('id').where('title', '=', f.title).executeTakeFirst()) continue;
    const person = await db.selectFrom('people').select('id').where('name', '=', raisedBy).executeTakeFirst();
    await createFefItem(db, { ...f, raised_by: person?.id ?? null, decided_meeting_id: null }, SYSTEM_ACTOR, at);
    created++;
  }
  return created;
}
