// The demo's initiatives and trial actions (prøvehandlinger): ideas from the sources behind the
// agreement, told in our own words, across the four core tasks and the three places in Uldum.
// Each one is written with its year of history (status changes with reasons, progress updates,
// effect measurements, anonymous citizen stories, the trial's result and decision) through the
// initiatives service, by the invented staff member who owns it. Idempotent by title.
import type { Db } from '../server/db/database';
import type { CitizenRole, InitiativeStatus, InvolvementLevel, TrialDecision } from '../server/db/schema';
import type { InitiativeForm } from '../server/initiatives/schemas';
import {
  addCitizenStory,
  addEffectMeasure,
  addMeasurement,
  addPartner,
  addProgressUpdate,
  changeStatus,
  createInitiative,
  updateInitiative,
  type Who,
} from '../server/initiatives/service';
import { dayAt, momentAt, organisationsByName, SYSTEM_ACTOR, type Calendar, type Lookup } from './demo-support';

type Kerneopgave = 'fritid-og-faellesskab' | 'laering' | 'beskaeftigelse' | 'social-omsorg';

interface DemoTrial {
  hypothesis: string;
  freedom_from: string;
  freedom_to: string;
  success_criteria: string;
  /** Written when the trial is evaluated, with the decision, on that day. */
  outcome?: { daysAgo: number; result: string; decision: TrialDecision };
}

interface DemoInitiative {
  title: string;
  description: string;
  /** The invented staff member who created it and logs its changes. */
  owner: string;
  createdDaysAgo: number;
  startDaysAgo: number | null;
  kerneopgaver: Kerneopgave[];
  places: string[];
  roles: string[];
  intended_movement: string;
  citizen_role: CitizenRole | null;
  involvement_level: InvolvementLevel | null;
  funding?: string;
  fundingEndsInDays?: number;
  anchoring_plan?: string;
  trial?: DemoTrial;
  /** Status changes after "idé", oldest first. */
  history: Array<{ daysAgo: number; status: InitiativeStatus; reason: string }>;
  partners?: Array<{ organisation: string; person?: string; contribution: string }>;
  updates?: Array<{ daysAgo: number; happened: string; effect_seen: string; learning: string; by?: string }>;
  effects?: Array<{ indicator: string; unit: string; baseline: number; target: number; measurements: Array<[daysAgo: number, value: number, note?: string]> }>;
  stories?: Array<{ daysAgo: number; kerneopgave: Kerneopgave; story: string }>;
}

const PLEJECENTER = 'Plejecentret i Uldum';
const SKOLE = 'Skolen i Uldum';
const DAGINSTITUTION = 'Daginstitutionen i Uldum';
const LOKALSAMFUND = 'Lokalsamfundet Uldum';

export const DEMO_INITIATIVES: DemoInitiative[] = [
  {
    title: 'Ældre bager, børn synger',
    description: 'Beboere fra plejecentret bager sammen med en gruppe børn fra daginstitutionen hver anden torsdag. Mens boller og kager er i ovnen, synger børnene for og med de ældre.',
    owner: 'Pia Winther',
    createdDaysAgo: 325,
    startDaysAgo: 300,
    kerneopgaver: ['fritid-og-faellesskab'],
    places: [PLEJECENTER, DAGINSTITUTION],
    roles: ['netvaerkssmed', 'medbygger', 'ressourcedetektor'],
    intended_movement: 'Fra ensomhed og en lang eftermiddag alene til et fællesskab på tværs af generationer.',
    citizen_role: 'medskaber',
    involvement_level: 'samskabelse',
    funding: 'Puljemidler til samskabelse i lokalsamfundet (fiktivt eksempel)',
    fundingEndsInDays: 45,
    history: [
      { daysAgo: 320, status: 'planlagt', reason: 'Aftalt på opstartsmødet: vi starter, hvor der allerede er energi.' },
      { daysAgo: 300, status: 'afproeves', reason: 'Første bagedag er holdt.' },
    ],
    partners: [
      { organisation: PLEJECENTER, person: 'Mette Holm', contribution: 'Køkkenet, beboerne og opskrifterne' },
      { organisation: DAGINSTITUTION, person: 'Sofie Dam', contribution: 'En børnegruppe og sangene' },
    ],
    updates: [
      { daysAgo: 298, happened: 'Første bagedag med otte beboere og tolv børn. Børnene sang tre sange, og beboerne ønskede sig »I østen stiger solen op«.', effect_seen: 'Beboerne fortalte om deres egne bagedage, og to af dem blev i stuen længere end normalt.', learning: 'Små grupper med fire børn ved hvert bord fungerer bedst.', by: 'Sofie Dam' },
      { daysAgo: 200, happened: 'Bagedagen er flyttet fra eftermiddag til formiddag, så de yngste børn ikke er trætte.', effect_seen: 'Færre børn falder fra undervejs, og flere beboere når at være med fra start.', learning: 'Tidspunktet skal passe både til børnenes og beboernes dagsrytme.', by: 'Sofie Dam' },
      { daysAgo: 30, happened: 'Puljemidlerne slutter om halvanden måned. Der er endnu ikke lagt en plan for, hvordan bagedagene fortsætter.', effect_seen: 'Bagedagene er blevet en fast del af kalenderen for både beboere og børn.', learning: 'Forankringen skulle have været tænkt ind fra start.', by: 'Pia Winther' },
    ],
    effects: [
      { indicator: 'Beboere, der deltager i bagedagen', unit: 'beboere', baseline: 0, target: 10, measurements: [[298, 8], [240, 7], [180, 9], [120, 11], [60, 10], [20, 11]] },
    ],
    stories: [
      { daysAgo: 150, kerneopgave: 'fritid-og-faellesskab', story: 'En beboer, der sjældent forlader sin lejlighed, kommer nu hver anden torsdag og viser børnene, hvordan man slår en dej op. Bagefter spørger hun, hvornår de kommer igen.' },
    ],
  },
  {
    title: 'Gåbus til skolen',
    description: 'Elever fra de ældste klasser følger de yngste til skole til fods ad faste ruter med faste »stoppesteder« i byen. Forældrene hjælper i starten og trækker sig så.',
    owner: 'Henrik Lykke',
    createdDaysAgo: 322,
    startDaysAgo: 290,
    kerneopgaver: ['laering', 'fritid-og-faellesskab'],
    places: [SKOLE, LOKALSAMFUND],
    roles: ['ressourcedetektor', 'initiativdyrker', 'oversaetter'],
    intended_movement: 'Fra at blive kørt til døren til selv at gå til skole sammen med andre – og for de ældste: fra elev til en, der tager ansvar.',
    citizen_role: 'initiativtager',
    involvement_level: 'deltagelse',
    anchoring_plan: 'Skolebestyrelsen har overtaget ruteplanen, og de ældste elever vælger hvert år nye gåbus-førere.',
    history: [
      { daysAgo: 320, status: 'planlagt', reason: 'Aftalt på opstartsmødet sammen med forældrerådet.' },
      { daysAgo: 290, status: 'afproeves', reason: 'De to første ruter kører.' },
      { daysAgo: 100, status: 'forankret', reason: 'Gåbussen kører nu uden projektets hjælp; skolebestyrelsen har overtaget planlægningen.' },
    ],
    updates: [
      { daysAgo: 260, happened: 'To ruter med hver fire stoppesteder. Otte elever fra 6. klasse er gåbus-førere.', effect_seen: 'Færre biler ved skolen om morgenen.', learning: 'Førerne skal have en fast voksen at ringe til, hvis noget går galt.', by: 'Lars Mikkelsen' },
      { daysAgo: 110, happened: 'Skolebestyrelsen har overtaget ruteplanen, og en tredje rute er åbnet af forældrene selv.', effect_seen: 'Gåbussen kører også, når projektets folk ikke er der.', learning: 'Når ejerskabet flytter til dem, det handler om, holder det.', by: 'Henrik Lykke' },
    ],
    effects: [
      { indicator: 'Elever, der går med gåbussen om morgenen', unit: 'elever', baseline: 0, target: 25, measurements: [[280, 9], [230, 16], [170, 21], [100, 24], [20, 26]] },
    ],
    stories: [
      { daysAgo: 200, kerneopgave: 'laering', story: 'En dreng i 1. klasse, der før blev kørt helt hen til skoleporten, går nu med gåbussen. Hans store makker fra 6. klasse siger, at han selv er blevet bedre til at se sig for.' },
    ],
  },
  {
    title: 'Frivillige i frugtordningen',
    description: 'Frivillige fra lokalsamfundet skærer og deler frugt ud i skolens frokostpause og får en snak med eleverne.',
    owner: 'Henrik Lykke',
    createdDaysAgo: 318,
    startDaysAgo: 300,
    kerneopgaver: ['laering', 'fritid-og-faellesskab'],
    places: [SKOLE, LOKALSAMFUND],
    roles: ['ressourcedetektor'],
    intended_movement: 'Flere voksne fra byen i skolens hverdag, og elever, der kender dem.',
    citizen_role: 'medskaber',
    involvement_level: 'deltagelse',
    trial: {
      hypothesis: 'Hvis frivillige fra byen står for frugtordningen, får eleverne flere voksne at tale med, og lærerne får frokostpausen til eleverne.',
      freedom_from: 'At en lærer skal stå for frugtordningen hver dag.',
      freedom_to: 'At frivillige selv tilrettelægger uddelingen, og læreren bruger tiden sammen med eleverne.',
      success_criteria: 'Mindst fem frivillige kommer hver uge i hele perioden.',
      outcome: {
        daysAgo: 200,
        result: 'Fem frivillige startede, men efter tre uger kom kun én. De vidste ikke, hvem de skulle spørge, og oplevede ikke, at deres indsats blev set.',
        decision: 'stoppes',
      },
    },
    history: [
      { daysAgo: 316, status: 'planlagt', reason: 'Borgerforeningen har fundet fem frivillige.' },
      { daysAgo: 300, status: 'afproeves', reason: 'De frivillige er startet.' },
      { daysAgo: 242, status: 'evalueres', reason: 'Prøveperioden på otte uger er slut.' },
      { daysAgo: 200, status: 'stoppet', reason: 'Besluttet på partnerskabsmødet: prøvehandlingen stoppes, og erfaringerne bruges, næste gang vi inddrager frivillige.' },
    ],
    partners: [{ organisation: LOKALSAMFUND, person: 'Jørgen Aagaard', contribution: 'Fandt de frivillige gennem borgerforeningen' }],
    effects: [
      { indicator: 'Frivillige, der kommer mindst én gang om ugen', unit: 'frivillige', baseline: 0, target: 5, measurements: [[293, 5], [279, 3], [265, 1], [251, 1]] },
    ],
  },
  {
    title: 'Brunch i plejeboligen',
    description: 'Beboerne vælger selv, hvornår og hvad de spiser til morgen. Køkkenet stiller brunch frem mellem 8 og 11 i stedet for morgenmad til alle kl. 7.30.',
    owner: 'Birgit Sørensen',
    createdDaysAgo: 262,
    startDaysAgo: 240,
    kerneopgaver: ['social-omsorg'],
    places: [PLEJECENTER],
    roles: ['udforsker', 'medbygger', 'effektjaeger'],
    intended_movement: 'Fra at blive vækket efter en fast plan til selv at bestemme over sin morgen.',
    citizen_role: 'medskaber',
    involvement_level: 'deltagelse',
    anchoring_plan: 'Brunchen er skrevet ind i plejecentrets dagsrytme og i introduktionen af nye medarbejdere.',
    trial: {
      hypothesis: 'Når beboerne selv vælger tidspunkt for morgenmad, spiser de mere og oplever mere selvbestemmelse.',
      freedom_from: 'Fast morgenmad kl. 7.30 for alle.',
      freedom_to: 'Brunch mellem 8 og 11, hvor beboeren selv vælger.',
      success_criteria: 'Flere beboere vælger selv tidspunktet; færre morgenmåltider kommer urørte retur.',
      outcome: {
        daysAgo: 100,
        result: 'Efter otte uger valgte 10 af 14 beboere selv tidspunktet, og antallet af urørte morgenmåltider faldt fra 18 til 7 om ugen. Morgenerne blev roligere for både beboere og personale; vagtplanen måtte flyttes en halv time.',
        decision: 'forankres',
      },
    },
    history: [
      { daysAgo: 262, status: 'planlagt', reason: 'Valgt på workshoppen med medarbejderne.' },
      { daysAgo: 240, status: 'afproeves', reason: 'Prøvehandlingen er startet på to afdelinger.' },
      { daysAgo: 184, status: 'evalueres', reason: 'De otte uger er gået.' },
      { daysAgo: 100, status: 'forankret', reason: 'Besluttet på partnerskabsmødet: brunchen bliver en fast del af hverdagen.' },
    ],
    partners: [{ organisation: PLEJECENTER, person: 'Mette Holm', contribution: 'Planlægning med beboerne og køkkenet' }],
    updates: [
      { daysAgo: 215, happened: 'Brunchen er i gang på begge afdelinger. Køkkenet har lavet en buffet, beboerne kan gå til selv.', effect_seen: 'Flere beboere sidder længe ved bordet og taler sammen.', learning: 'Nattevagten skal vide, hvem der vil sove længe.', by: 'Mette Holm' },
      { daysAgo: 60, happened: 'Brunchen kører nu på hele plejecentret, også i weekenden.', effect_seen: 'Beboerne spørger ikke længere, om de »må« spise senere.', learning: 'Det, der virker, skal skrives ind i introduktionen af nye kolleger.', by: 'Birgit Sørensen' },
    ],
    effects: [
      { indicator: 'Beboere der selv vælger tidspunkt for morgenmad', unit: 'beboere', baseline: 2, target: 12, measurements: [[236, 3], [222, 6], [208, 8], [190, 10], [60, 11]] },
      { indicator: 'Morgenmåltider, der kommer urørte retur', unit: 'måltider pr. uge', baseline: 18, target: 6, measurements: [[236, 17], [215, 11], [190, 7], [60, 6]] },
    ],
    stories: [
      { daysAgo: 200, kerneopgave: 'social-omsorg', story: 'En beboer, der før sjældent spiste morgenmad, sidder nu længe ved bordet og snakker med de andre. »Nu er det mig, der bestemmer, hvornår dagen begynder,« sagde hun.' },
    ],
  },
  {
    title: 'Borgeren sætter målet – hverdagsrehabilitering',
    description: 'Beboeren og en medarbejder aftaler ét hverdagsmål, som beboeren selv vil nå – at gå til postkassen, plukke stikkelsbær i haven eller dække bord – og træner mod det i hverdagen.',
    owner: 'Birgit Sørensen',
    createdDaysAgo: 262,
    startDaysAgo: 235,
    kerneopgaver: ['social-omsorg'],
    places: [PLEJECENTER],
    roles: ['ressourcedetektor', 'medbygger', 'udforsker'],
    intended_movement: 'Fra at få hjælp til at kunne selv – med et mål, borgeren selv har valgt.',
    citizen_role: 'initiativtager',
    involvement_level: 'samskabelse',
    trial: {
      hypothesis: 'Når beboeren selv vælger målet, træner hun mere og holder ved længere end med et standardmål.',
      freedom_from: 'Ens træningsmål for alle, skrevet ud fra et skema.',
      freedom_to: 'At beboer og medarbejder selv aftaler ét hverdagsmål og følger op på det sammen.',
      success_criteria: 'Halvdelen af de deltagende beboere når deres mål inden for otte uger.',
      outcome: {
        daysAgo: 100,
        result: 'Fem af otte beboere nåede deres mål. Målene gav mening for beboerne, men opfølgningen hvilede på få medarbejdere og gik i stå i ferier.',
        decision: 'justeres',
      },
    },
    history: [
      { daysAgo: 262, status: 'planlagt', reason: 'Valgt på workshoppen med medarbejderne.' },
      { daysAgo: 235, status: 'afproeves', reason: 'Otte beboere har valgt deres mål.' },
      { daysAgo: 179, status: 'evalueres', reason: 'De otte uger er gået.' },
      { daysAgo: 100, status: 'afproeves', reason: 'Justeret på partnerskabsmødet: fortsætter med en fast ugentlig opfølgning, som hele teamet deler.' },
    ],
    updates: [
      { daysAgo: 90, happened: 'Fast opfølgning hver tirsdag på personalemødet, hvor hvert mål bliver nævnt.', effect_seen: 'Målene overlever nu ferier og vagtskifte.', learning: 'Et mål, som kun én medarbejder kender, forsvinder, når hun holder fri.', by: 'Mette Holm' },
    ],
    effects: [
      { indicator: 'Beboere, der selv går til postkassen', unit: 'beboere', baseline: 1, target: 6, measurements: [[230, 1], [205, 3], [180, 4], [120, 4], [60, 5], [15, 6]] },
    ],
    stories: [
      { daysAgo: 170, kerneopgave: 'social-omsorg', story: 'En beboer ville gerne selv hente avisen i postkassen ved indgangen – 50 skridt. Efter seks uger med korte ture sammen med personalet går hun nu selv hver morgen og hilser på dem, hun møder.' },
      { daysAgo: 40, kerneopgave: 'social-omsorg', story: 'En beboer, der tidligere var gartner, satte sig som mål at plukke stikkelsbær i haven. Han nåede det i juli og gav bærrene til køkkenet.' },
    ],
  },
  {
    title: 'Bridge og skak i SFO med frivillige',
    description: 'Frivillige fra byens skakklub og bridgeklub kommer i SFO to eftermiddage om ugen og spiller med børnene.',
    owner: 'Lars Mikkelsen',
    createdDaysAgo: 262,
    startDaysAgo: 230,
    kerneopgaver: ['fritid-og-faellesskab', 'laering'],
    places: [SKOLE, LOKALSAMFUND],
    roles: ['ressourcedetektor', 'netvaerkssmed'],
    intended_movement: 'Fra skærm og stille stunder alene til spil og samtale med voksne fra byen.',
    citizen_role: 'medskaber',
    involvement_level: 'samskabelse',
    trial: {
      hypothesis: 'Voksne fra byens klubber kan give børnene et fællesskab om spil, som SFO ikke selv kan skabe.',
      freedom_from: 'At aktiviteter i SFO kun ledes af SFO\'s eget personale.',
      freedom_to: 'At frivillige leder spillet, mens en pædagog er til stede i rummet.',
      success_criteria: 'Mindst ti børn spiller med hver uge.',
      outcome: {
        daysAgo: 100,
        result: 'Skak fængede fra første uge; bridge var for svært for de yngste. Fire frivillige er faste.',
        decision: 'justeres',
      },
    },
    history: [
      { daysAgo: 262, status: 'planlagt', reason: 'Valgt på workshoppen med medarbejderne.' },
      { daysAgo: 230, status: 'afproeves', reason: 'De første frivillige er startet.' },
      { daysAgo: 174, status: 'evalueres', reason: 'De otte uger er gået.' },
      { daysAgo: 100, status: 'afproeves', reason: 'Justeret på partnerskabsmødet: skak hver tirsdag for alle, bridge kun for 3. klasse.' },
    ],
    partners: [{ organisation: LOKALSAMFUND, person: 'Jørgen Aagaard', contribution: 'Frivillige fra skakklubben og bridgeklubben' }],
    effects: [
      { indicator: 'Børn, der spiller med hver uge', unit: 'børn', baseline: 0, target: 10, measurements: [[223, 7], [202, 12], [181, 14], [60, 17]] },
    ],
    stories: [
      { daysAgo: 190, kerneopgave: 'fritid-og-faellesskab', story: 'En pige, der ellers holdt sig for sig selv i SFO, har fundet en makker i en af de frivillige. Nu er det hende, der lærer de andre børn åbningstræk.' },
    ],
  },
  {
    title: 'Fælles dagsorden for lokale bestyrelser',
    description: 'Borgerforeningen, hallens bestyrelse og landsbyordningens bestyrelse mødes to gange om året om én fælles dagsorden for Uldum.',
    owner: 'Jens Bach',
    createdDaysAgo: 200,
    startDaysAgo: 60,
    kerneopgaver: ['fritid-og-faellesskab'],
    places: [LOKALSAMFUND],
    roles: ['netvaerkssmed', 'meningsskaber'],
    intended_movement: 'Fra tre bestyrelser, der hver planlægger for sig, til ét lokalsamfund, der planlægger sammen.',
    citizen_role: 'medskaber',
    involvement_level: 'inddragelse',
    history: [
      { daysAgo: 95, status: 'planlagt', reason: 'De tre bestyrelser har sagt ja til et første fællesmøde.' },
      { daysAgo: 60, status: 'afproeves', reason: 'Første fællesmøde er holdt.' },
    ],
    partners: [{ organisation: LOKALSAMFUND, person: 'Jørgen Aagaard', contribution: 'Kontakten til borgerforeningen og hallens bestyrelse' }],
    updates: [
      { daysAgo: 58, happened: 'Første fællesmøde i hallens cafeteria med 14 deltagere fra de tre bestyrelser.', effect_seen: 'Bestyrelserne opdagede, at de planlagde tre arrangementer samme weekend.', learning: 'En fælles kalender er et godt sted at begynde.', by: 'Jens Bach' },
    ],
  },
  {
    title: 'Pårørende gør sammen med',
    description: 'Pårørende inviteres til at gøre hverdagsting sammen med beboeren – lægge vasketøj i maskinen, vande blomster, dække bord – i stedet for kun at komme på besøg.',
    owner: 'Mette Holm',
    createdDaysAgo: 95,
    startDaysAgo: 75,
    kerneopgaver: ['social-omsorg'],
    places: [PLEJECENTER],
    roles: ['ressourcedetektor', 'oversaetter'],
    intended_movement: 'Fra gæst til en del af beboerens hverdag.',
    citizen_role: 'medskaber',
    involvement_level: 'deltagelse',
    trial: {
      hypothesis: 'Når pårørende gør hverdagsting sammen med beboeren, føler begge sig mere hjemme, og besøgene bliver længere.',
      freedom_from: 'Den uskrevne regel om, at opgaver i boligen er personalets.',
      freedom_to: 'At beboer, pårørende og kontaktperson aftaler, hvad de pårørende gerne vil være med til.',
      success_criteria: 'Ti pårørende har en aftale, og de fortæller, at de føler sig mere velkomne.',
    },
    history: [
      { daysAgo: 90, status: 'planlagt', reason: 'Plejecentret tog idéen op efter evalueringen af de første prøvehandlinger.' },
      { daysAgo: 75, status: 'afproeves', reason: 'De første aftaler med pårørende er lavet.' },
    ],
    updates: [
      { daysAgo: 40, happened: 'Syv pårørende har en aftale. Flere foretrækker at komme i weekenden.', effect_seen: 'Besøgene er blevet længere, og nogle pårørende bliver til aftensmaden.', learning: 'Medarbejderne skal forklare, hvorfor vi spørger – ellers tror de pårørende, at vi mangler hænder.', by: 'Ahmad Rahimi' },
    ],
    effects: [
      { indicator: 'Pårørende med en aftale om at gøre noget sammen med beboeren', unit: 'pårørende', baseline: 0, target: 10, measurements: [[70, 3], [40, 7]] },
    ],
    stories: [
      { daysAgo: 35, kerneopgave: 'social-omsorg', story: 'En søn, der før kom en halv time om søndagen, lægger nu vasketøj sammen med sin mor og bliver til kaffen. »Det er ligesom derhjemme,« siger hun.' },
    ],
  },
  {
    title: 'Landkort over tilbud og frivillighedsportal',
    description: 'Et samlet overblik over foreninger, tilbud og frivillige opgaver i Uldum, så borgere og medarbejdere kan finde hinanden.',
    owner: 'Jens Bach',
    createdDaysAgo: 44,
    startDaysAgo: null,
    kerneopgaver: ['fritid-og-faellesskab'],
    places: [LOKALSAMFUND],
    roles: ['netvaerkssmed'],
    intended_movement: 'Fra at kende de tilbud, man tilfældigvis har hørt om, til at kunne finde dem alle.',
    citizen_role: 'medskaber',
    involvement_level: 'inddragelse',
    history: [],
    partners: [{ organisation: LOKALSAMFUND, person: 'Jørgen Aagaard', contribution: 'Samler listen over foreninger og tilbud' }],
  },
  {
    title: 'Første job: unge fra udskolingen på plejecentret',
    description: 'To elever fra 8. og 9. klasse får et lille fritidsjob på plejecentret: de læser avis højt, går ture og hjælper ved eftermiddagskaffen. Omsorgsopgaver løses fortsat af personalet.',
    owner: 'Birgit Sørensen',
    createdDaysAgo: 44,
    startDaysAgo: 30,
    kerneopgaver: ['beskaeftigelse', 'laering'],
    places: [PLEJECENTER, SKOLE],
    roles: ['ressourcedetektor', 'initiativdyrker', 'meningsskaber'],
    intended_movement: 'For de unge: fra elev til kollega med sit første job. For beboerne: flere unge mennesker i hverdagen.',
    citizen_role: 'medskaber',
    involvement_level: 'deltagelse',
    trial: {
      hypothesis: 'Et første fritidsjob på plejecentret giver unge erfaring med arbejdslivet og lyst til en uddannelse inden for omsorg.',
      freedom_from: 'At fritidsjob kun kan oprettes gennem den centrale ansættelsesproces.',
      freedom_to: 'At centerlederen selv ansætter to unge med en fast kontaktperson.',
      success_criteria: 'De unge bliver i jobbet hele perioden, og mindst én overvejer en uddannelse inden for omsorg.',
    },
    history: [
      { daysAgo: 40, status: 'planlagt', reason: 'Godkendt som prøvehandling på dialogmødet.' },
      { daysAgo: 30, status: 'afproeves', reason: 'De to unge er startet.' },
    ],
    partners: [
      { organisation: SKOLE, person: 'Lars Mikkelsen', contribution: 'Kontakten til 8. og 9. klasse' },
      { organisation: PLEJECENTER, person: 'Ahmad Rahimi', contribution: 'Fast kontaktperson for de unge' },
    ],
    effects: [
      { indicator: 'Unge med fritidsjob på plejecentret', unit: 'unge', baseline: 0, target: 2, measurements: [[28, 2], [7, 2]] },
    ],
    stories: [
      { daysAgo: 10, kerneopgave: 'beskaeftigelse', story: 'En af de unge havde aldrig været på et plejecenter. Efter tre uger spurgte hun sin kontaktperson, hvordan man bliver social- og sundhedsassistent.' },
    ],
  },
  {
    title: 'Jobtræning i plejecentrets køkken',
    description: 'Borgere, der er på vej mod arbejdsmarkedet, får jobtræning i køkkenet, hvor brunchen laves, med en fast mentor blandt køkkenpersonalet.',
    owner: 'Nanna Kristensen',
    createdDaysAgo: 20,
    startDaysAgo: null,
    kerneopgaver: ['beskaeftigelse', 'social-omsorg'],
    places: [PLEJECENTER],
    roles: ['netvaerkssmed', 'medbygger'],
    intended_movement: 'Fra ledighed til en hverdag med arbejde, kolleger og en reference.',
    citizen_role: 'medskaber',
    involvement_level: 'inddragelse',
    history: [{ daysAgo: 14, status: 'planlagt', reason: 'Arbejdsgruppen siger ja; køkkenet kan tage imod to borgere ad gangen.' }],
    partners: [
      { organisation: 'Hedensted Kommune', person: 'Nanna Kristensen', contribution: 'Jobcentret finder borgerne og følger op' },
      { organisation: PLEJECENTER, person: 'Birgit Sørensen', contribution: 'Praktikpladser og mentor i køkkenet' },
    ],
  },
];

function formOf(i: DemoInitiative, cal: Calendar, partnershipId: number, place: Lookup, withOutcome: boolean): InitiativeForm {
  const start = i.startDaysAgo === null ? null : dayAt(cal, -i.startDaysAgo);
  const outcome = withOutcome ? i.trial?.outcome : undefined;
  return {
    title: i.title,
    kind: i.trial ? 'proevehandling' : 'initiativ',
    description: i.description,
    partnership_id: partnershipId,
    kerneopgaver: i.kerneopgaver,
    place_ids: i.places.map(place),
    role_keys: i.roles,
    start_date: start,
    end_date: null,
    intended_movement: i.intended_movement,
    citizen_role: i.citizen_role,
    involvement_level: i.involvement_level,
    funding: i.funding ?? '',
    funding_ends: i.fundingEndsInDays === undefined ? null : dayAt(cal, i.fundingEndsInDays),
    anchoring_plan: i.anchoring_plan ?? '',
    hypothesis: i.trial?.hypothesis ?? '',
    freedom_from: i.trial?.freedom_from ?? '',
    freedom_to: i.trial?.freedom_to ?? '',
    trial_start: null, // the service starts the trial with the initiative and gives it eight weeks
    trial_end: null,
    success_criteria: i.trial?.success_criteria ?? '',
    result: outcome?.result ?? '',
    trial_decision: outcome?.decision ?? null,
  };
}

/** One dated step of an initiative's history; steps run oldest first. */
type Step = { daysAgo: number; run: () => Promise<unknown> };

/** Creates each missing initiative and replays its history; returns how many were created. */
export async function seedDemoInitiatives(db: Db, cal: Calendar, partnershipId: number, person: Lookup): Promise<number> {
  const place = await organisationsByName(db);
  let created = 0;
  for (const i of DEMO_INITIATIVES) {
    if (await db.selectFrom('initiatives').select('id').where('title', '=', i.title).executeTakeFirst()) continue;
    const who = (name = i.owner): Who => ({ actor: SYSTEM_ACTOR, personId: person(name) });
    const createdAt = momentAt(cal, -i.createdDaysAgo, '09:30');
    const id = await createInitiative(db, formOf(i, cal, partnershipId, place, false), who(), createdAt);
    created++;
    for (const p of i.partners ?? []) {
      await addPartner(db, id, { organisation_id: place(p.organisation), person_id: p.person ? person(p.person) : null, contribution: p.contribution }, who(), createdAt);
    }

    const steps: Step[] = [];
    for (const s of i.history) steps.push({ daysAgo: s.daysAgo, run: () => changeStatus(db, id, s.status, s.reason, who(), momentAt(cal, -s.daysAgo, '15:00')) });
    for (const u of i.updates ?? []) {
      steps.push({ daysAgo: u.daysAgo, run: () => addProgressUpdate(db, id, { date: dayAt(cal, -u.daysAgo), happened: u.happened, effect_seen: u.effect_seen, learning: u.learning }, who(u.by), momentAt(cal, -u.daysAgo, '14:00')) });
    }
    for (const s of i.stories ?? []) {
      steps.push({ daysAgo: s.daysAgo, run: () => addCitizenStory(db, id, { date: dayAt(cal, -s.daysAgo), kerneopgave_key: s.kerneopgave, story: s.story }, who(), momentAt(cal, -s.daysAgo, '14:30')) });
    }
    const outcome = i.trial?.outcome;
    if (outcome) {
      // The result and decision are written the day they are decided, just before the status follows.
      steps.push({ daysAgo: outcome.daysAgo + 0.5, run: () => updateInitiative(db, id, formOf(i, cal, partnershipId, place, true), who(), momentAt(cal, -outcome.daysAgo, '14:45')) });
    }
    for (const e of i.effects ?? []) {
      const first = Math.max(...e.measurements.map(([d]) => d));
      let measureId = 0;
      steps.push({
        daysAgo: first + 0.5,
        run: async () => {
          measureId = await addEffectMeasure(db, id, { indicator: e.indicator, unit: e.unit, baseline: e.baseline, target: e.target }, who(), momentAt(cal, -first, '11:00'));
        },
      });
      for (const [daysAgo, value, note] of e.measurements) {
        steps.push({ daysAgo, run: () => addMeasurement(db, id, measureId, { date: dayAt(cal, -daysAgo), value, note: note ?? '' }, who(), momentAt(cal, -daysAgo, '12:00')) });
      }
    }
    steps.sort((a, b) => b.daysAgo - a.daysAgo);
    for (const step of steps) await step.run();
  }
  return created;
}
