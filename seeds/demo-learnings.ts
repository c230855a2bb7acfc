// Learnings (erfaringer), dilemmas and "forklar eller fjern" items of the demo year, in our own
// words after the sources (DOMAIN.md §5). Raised by the invented staff; decided at the demo
// partnership's meetings. Dilemmas are raised before the meetings that discuss them (so agenda
// items can point at them) and settled afterwards. Idempotent by title.
import type { Db } from '../server/db/database';
import type { DilemmaStatus, FefDecision, FefOrigin, LearningOutcome } from '../server/db/schema';
import { createDilemma, updateDilemma } from '../server/dilemmas/service';
import { createFefItem, updateFefItem } from '../server/fef/service';
import { createLearning } from '../server/learnings/service';
import { copenhagenDay } from '../server/web/format';
import { dayAt, idsByTitle, momentAt, SYSTEM_ACTOR, type Calendar, type Lookup } from './demo-support';

const BRUNCH = 'Brunch i plejeboligen';
const EVALUATION_MEETING = 'Partnerskabsmøde: evaluering af prøvehandlingerne';

interface DemoLearning {
  title: string;
  daysAgo: number;
  outcome: LearningOutcome;
  what_we_did: string;
  what_happened: string;
  what_next: string;
  initiatives: string[];
  meetings: string[];
}

export const DEMO_LEARNINGS: DemoLearning[] = [
  {
    title: 'Start der, hvor der allerede er energi',
    daysAgo: 260,
    outcome: 'virkede',
    what_we_did: 'Medarbejderne kom selv med idéerne på en workshop, og vi valgte de tre, der var mest energi om, i stedet for at lægge en plan ovenfra.',
    what_happened: 'Alle tre prøvehandlinger kom i gang inden for en måned, og medarbejderne fortalte selv om dem på partnerskabsmøderne.',
    what_next: 'Nye prøvehandlinger vælges på samme måde: partnerskabet spørger, før det foreslår.',
    initiatives: [BRUNCH, 'Borgeren sætter målet – hverdagsrehabilitering', 'Bridge og skak i SFO med frivillige'],
    meetings: ['Workshop: idéer fra medarbejderne'],
  },
  {
    title: 'Frivillige skal ledes og anerkendes',
    daysAgo: 215,
    outcome: 'virkede_ikke',
    what_we_did: 'Vi inviterede frivillige fra lokalsamfundet til at hjælpe med frugtordningen på skolen – uden en fast kontaktperson og uden en aftale om opgaverne.',
    what_happened: 'Efter tre uger kom der næsten ingen frivillige. De vidste ikke, hvem de skulle spørge, og oplevede ikke, at deres indsats blev set.',
    what_next: 'Næste gang aftaler vi på forhånd hvorfor, hvilke opgaver, hvem, hvor og hvordan. En leder tager imod de frivillige og siger tak. Frivillige er et supplement, ikke en forudsætning for driften.',
    initiatives: ['Frivillige i frugtordningen'],
    meetings: ['Partnerskabsmøde: de første prøvehandlinger'],
  },
  {
    title: 'Frisættelse er ikke målet, men en metode',
    daysAgo: 170,
    outcome: 'delvist',
    what_we_did: 'Vi satte faste arbejdsgange til side (frihed fra) for at give personalet plads til at aftale morgenen og hverdagsmålene med den enkelte beboer (frihed til).',
    what_happened: 'Hvor frihed fra blev fulgt af en klar aftale om, hvad friheden skulle bruges til, virkede det. Hvor den ikke gjorde, faldt man tilbage til den gamle rutine.',
    what_next: 'Hver prøvehandling beskriver både »frihed fra« og »frihed til«, og vi følger op på, hvad friheden blev brugt til.',
    initiatives: [BRUNCH, 'Borgeren sætter målet – hverdagsrehabilitering'],
    meetings: [],
  },
  {
    title: 'Små, konkrete og korte indsatser',
    daysAgo: 95,
    outcome: 'virkede',
    what_we_did: 'Vi afprøvede brunch i plejeboligen som en prøvehandling på otte uger i stedet for at lægge en stor plan for hele plejecentret.',
    what_happened: 'Det var let at gå i gang og let at justere undervejs. Beboerne mærkede forskellen efter få uger, og personalet kunne se, hvad det kostede og gav.',
    what_next: 'Nye idéer starter som små, tidsafgrænsede prøvehandlinger – ingen supertankere.',
    initiatives: [BRUNCH],
    meetings: [EVALUATION_MEETING],
  },
  {
    title: 'En prøvehandling skal have en dato for evalueringen',
    daysAgo: 12,
    outcome: 'delvist',
    what_we_did: 'Prøvehandlingen med pårørende startede godt, men ingen havde aftalt, hvem der skulle skrive resultatet, når de otte uger var gået.',
    what_happened: 'Prøveperioden sluttede, uden at resultatet blev skrevet, og de pårørende spurgte, om det hele var slut.',
    what_next: 'Når en prøvehandling starter, aftaler vi også, hvem der skriver resultatet, og på hvilket møde det behandles.',
    initiatives: ['Pårørende gør sammen med'],
    meetings: ['Arbejdsgruppe: samskabelse på plejecentret'],
  },
];

interface DemoDilemma {
  title: string;
  pole_a: string;
  pole_b: string;
  context: string;
  raisedDaysAgo: number;
  initiatives: string[];
  /** Where it was discussed, and the status it has after the last of them. */
  meetings: string[];
  status: DilemmaStatus;
}

export const DEMO_DILEMMAS: DemoDilemma[] = [
  {
    title: 'Frivillige og tavshedspligt',
    pole_a: 'Frivilliges nærvær og bidrag',
    pole_b: 'Tavshedspligt og borgerens privatliv',
    context: 'Frivillige i SFO og på plejecentret kommer tæt på børn og beboere og hører om deres forhold. Hvad må de vide, og hvordan klæder vi dem på til at håndtere det?',
    raisedDaysAgo: 215,
    initiatives: ['Bridge og skak i SFO med frivillige'],
    meetings: ['Partnerskabsmøde: de første prøvehandlinger'],
    status: 'haandteres',
  },
  {
    title: 'Menneskeblik og økonomiblik',
    pole_a: 'Menneskeblikket',
    pole_b: 'Økonomiblikket',
    context: 'Ledere skal både se det enkelte menneske og holde budgettet. Brunch i plejeboligen giver beboerne mere selvbestemmelse, men kræver, at vagterne lægges anderledes.',
    raisedDaysAgo: 120,
    initiatives: [BRUNCH],
    meetings: [EVALUATION_MEETING],
    status: 'droeftet',
  },
  {
    title: 'Supplement eller erstatning',
    pole_a: 'Frivillige som supplement – »flødeskummet«',
    pole_b: 'Frivillige som en forudsætning for driften',
    context: 'Frivillige skal give noget ekstra og ikke overtage personalets opgaver. Når økonomien strammes, kan grænsen flytte sig; ledelsesretten og -pligten ligger fast.',
    raisedDaysAgo: 70,
    initiatives: ['Frivillige i frugtordningen', 'Ældre bager, børn synger'],
    meetings: ['Dialogmøde med lokalsamfundet i Uldum'],
    status: 'haandteres',
  },
  {
    title: 'Projektmidler forsvinder',
    pole_a: 'Skabe nye tilbud og forventninger nu',
    pole_b: 'Kun love det, der kan forankres i driften',
    context: 'Et projekt kan skabe forventninger hos borgere og frivillige, som må bringes til ophør, når projektmidlerne forsvinder. Forankringen skal tænkes ind fra start.',
    raisedDaysAgo: 70,
    initiatives: ['Ældre bager, børn synger'],
    meetings: ['Dialogmøde med lokalsamfundet i Uldum'],
    status: 'droeftet',
  },
  {
    title: 'Pseudoinddragelse',
    pole_a: 'Inddrage borgerne bredt og tidligt',
    pole_b: 'Kun spørge, hvor vi reelt vil bruge svarene',
    context: 'At spørge borgerne uden at bruge deres input skader tilliden. Vi skal være ærlige om, hvad der allerede ligger fast, og hvad de kan få indflydelse på.',
    raisedDaysAgo: 40,
    initiatives: ['Landkort over tilbud og frivillighedsportal'],
    meetings: [],
    status: 'rejst',
  },
];

interface DemoFef {
  title: string;
  applies_to: string;
  origin: FefOrigin;
  raisedBy: string;
  raisedDaysAgo: number;
  rationale: string;
  hours_saved_per_month: number | null;
  /** Decided at this meeting; without it the item still waits. */
  decided?: { meeting: string; decision: Exclude<FefDecision, 'afventer'> };
}

export const DEMO_FEF: DemoFef[] = [
  {
    title: 'Kontrol af kørsel og telefonbrug',
    applies_to: 'Medarbejdere, der kører i egen eller kommunens bil og bruger tjenestetelefon',
    origin: 'egen_fortolkning',
    raisedBy: 'Birgit Sørensen',
    raisedDaysAgo: 130,
    rationale: 'Kørebøger og telefonlister kontrolleres løbende, uden at nogen kan pege på, hvilket krav kontrollen opfylder. Kravet er undersøgt; sagen tages op på næste partnerskabsmøde.',
    hours_saved_per_month: 4,
  },
  {
    title: 'Tid i Fælles Sprog III ved komplekse nye borgere',
    applies_to: 'Plejecentret i Uldum',
    origin: 'retningslinje',
    raisedBy: 'Mette Holm',
    raisedDaysAgo: 125,
    rationale: 'Dokumentationen tager 1½–2 timer pr. kompleks ny borger. Skil det, der er lovkrav, fra det, der er egen praksis. Skønnet forudsætter tre nye borgere om måneden og en halvering af tiden.',
    hours_saved_per_month: 2.5,
  },
  {
    title: 'Supplerende tilsyn med samme opgave',
    applies_to: 'Plejecentret i Uldum',
    origin: 'selvopfundet',
    raisedBy: 'Birgit Sørensen',
    raisedDaysAgo: 130,
    rationale: 'Personalet førte et ekstra internt tilsyn med en opgave, som allerede var omfattet af tilsynet. Fremover ét tilsyn, hvis resultater deles med alle.',
    hours_saved_per_month: 5,
    decided: { meeting: EVALUATION_MEETING, decision: 'aendret' },
  },
  {
    title: 'Papirliste over køleskabstemperaturer',
    applies_to: 'Køkkenet på plejecentret',
    origin: 'selvopfundet',
    raisedBy: 'Ahmad Rahimi',
    raisedDaysAgo: 128,
    rationale: 'Temperaturen blev skrevet både på en papirliste på køleskabet og i køkkenets digitale egenkontrol. Papirlisten fjernes; registreringen i egenkontrollen bevares.',
    hours_saved_per_month: 2,
    decided: { meeting: EVALUATION_MEETING, decision: 'fjernet' },
  },
  {
    title: 'Skriftligt samtykke ved billeder af børn',
    applies_to: 'Daginstitutionen i Uldum',
    origin: 'lovkrav',
    raisedBy: 'Sofie Dam',
    raisedDaysAgo: 126,
    rationale: 'Samtykket beskytter børnenes privatliv, og reglerne om persondata kræver det. Det bevares, men blanketten er gjort kortere og kan udfyldes ved indskrivningen.',
    hours_saved_per_month: 0.5,
    decided: { meeting: EVALUATION_MEETING, decision: 'forklaret_bevares' },
  },
];

/** The day after a meeting, when its decisions are written into the registers. */
async function dayAfterMeeting(db: Db, cal: Calendar, title: string): Promise<{ id: number; at: Date } | null> {
  const meeting = await db.selectFrom('meetings').select(['id', 'starts_at']).where('title', '=', title).executeTakeFirst();
  if (!meeting) return null;
  const day = copenhagenDay(new Date(meeting.starts_at));
  const at = new Date(`${day}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return { id: meeting.id, at: at.getTime() > cal.now.getTime() ? cal.now : at };
}

/** Raises the dilemmas that are missing (before the meetings); returns their titles. */
export async function raiseDemoDilemmas(db: Db, cal: Calendar): Promise<string[]> {
  const raised: string[] = [];
  for (const d of DEMO_DILEMMAS) {
    if (await db.selectFrom('dilemmas').select('id').where('title', '=', d.title).executeTakeFirst()) continue;
    const form = { title: d.title, pole_a: d.pole_a, pole_b: d.pole_b, context: d.context, status: 'rejst' as const, initiative_ids: await idsByTitle(db, 'initiatives', d.initiatives), meeting_ids: [] };
    await createDilemma(db, form, SYSTEM_ACTOR, momentAt(cal, -d.raisedDaysAgo, '10:00'));
    raised.push(d.title);
  }
  return raised;
}

/** After the meetings: the dilemmas raised in this run get their meetings and their status. */
export async function settleDemoDilemmas(db: Db, cal: Calendar, raised: string[]): Promise<void> {
  for (const d of DEMO_DILEMMAS) {
    if (!raised.includes(d.title) || d.meetings.length === 0) continue;
    const dilemma = await db.selectFrom('dilemmas').select('id').where('title', '=', d.title).executeTakeFirstOrThrow();
    const last = await dayAfterMeeting(db, cal, d.meetings[d.meetings.length - 1]);
    const form = { title: d.title, pole_a: d.pole_a, pole_b: d.pole_b, context: d.context, status: d.status, initiative_ids: await idsByTitle(db, 'initiatives', d.initiatives), meeting_ids: await idsByTitle(db, 'meetings', d.meetings) };
    await updateDilemma(db, dilemma.id, form, SYSTEM_ACTOR, last?.at ?? cal.now);
  }
}

/** Learnings and FeF items that are missing; a FeF item decided at a meeting is raised first, then decided. */
export async function seedDemoLearningsAndFef(db: Db, cal: Calendar, person: Lookup): Promise<number> {
  let created = 0;
  for (const { daysAgo, initiatives, meetings, ...l } of DEMO_LEARNINGS) {
    if (await db.selectFrom('learnings').select('id').where('title', '=', l.title).executeTakeFirst()) continue;
    const form = { ...l, date: dayAt(cal, -daysAgo), initiative_ids: await idsByTitle(db, 'initiatives', initiatives), meeting_ids: await idsByTitle(db, 'meetings', meetings) };
    await createLearning(db, form, SYSTEM_ACTOR, momentAt(cal, -daysAgo, '15:00'));
    created++;
  }
  for (const { raisedBy, raisedDaysAgo, decided, ...f } of DEMO_FEF) {
    if (await db.selectFrom('fef_items').select('id').where('title', '=', f.title).executeTakeFirst()) continue;
    const form = { ...f, raised_by: person(raisedBy), decision: 'afventer' as FefDecision, decided_meeting_id: null };
    const id = await createFefItem(db, form, SYSTEM_ACTOR, momentAt(cal, -raisedDaysAgo, '10:00'));
    created++;
    const meeting = decided ? await dayAfterMeeting(db, cal, decided.meeting) : null;
    if (decided && meeting) await updateFefItem(db, id, { ...form, decision: decided.decision, decided_meeting_id: meeting.id }, SYSTEM_ACTOR, meeting.at);
  }
  return created;
}
