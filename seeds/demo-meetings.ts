// The demo partnership's year of meetings: planned, held with attendance, one cancelled with its
// reason, one still ahead. Agenda items of the three kinds with background, discussion and
// decision; follow-up actions that were done, are running late or are still open; minutes taken
// through the real workflow (sendForApproval, approveMinutes, startCorrection), so the frozen
// versions and approvals are the ones a reader would get, including a corrected version 2.
// Everyone in them is invented (seeds/demo-people.ts). Idempotent by meeting title.
import type { Db } from '../server/db/database';
import type { ActionStatus, AgendaKind, Attendance, MeetingKind } from '../server/db/schema';
import { setActionStatus } from '../server/actions/service';
import { createAction } from '../server/meetings/follow-up';
import { addComment } from '../server/comments/service';
import { addAgendaItem, updateAgendaItem } from '../server/meetings/agenda';
import { approveMinutes, saveMinutesText, sendForApproval, startCorrection } from '../server/meetings/minutes';
import { cancelMeeting, createMeeting, FOLLOW_UP_TITLE, markHeld, recordAttendance, saveEvaluation } from '../server/meetings/service';
import { addDays } from '../server/web/format';
import { idsByTitle, momentOn, SYSTEM_ACTOR, weekdayAt, workdayFrom, type Calendar, type Lookup } from './demo-support';

interface DemoAction {
  text: string;
  owner: string;
  /** Due this many days after the meeting. */
  dueAfter: number;
  /** Marked done (or "i gang") this many days after the meeting; left open without. */
  doneAfter?: number;
  startedAfter?: number;
  initiative?: string;
}

interface DemoItem {
  kind: AgendaKind;
  title: string;
  background: string;
  /** Written into the minutes after the meeting (held meetings only). */
  discussion?: string;
  decision?: string;
  initiatives?: string[];
  dilemmas?: string[];
  actions?: DemoAction[];
}

interface DemoMinutes {
  text: string;
  next: string;
  /** How far the approval has come: still a draft, sent and approved by one party, or by both. */
  stage: 'kladde' | 'til_godkendelse' | 'godkendt';
  /** A correction after approval: a comment asks for it, the item's decision is fixed, version 2 is approved again. */
  correction?: { comment: { by: string; body: string }; note: string; item: string; decision: string };
}

interface DemoMeeting {
  title: string;
  kind: MeetingKind;
  /** Days from today (negative: in the past); moved off the weekend. */
  offset: number;
  start: string;
  end: string;
  place: string;
  convener: string;
  chair: string;
  minuteTaker: string;
  participants: string[];
  afbud?: string[];
  udeblev?: string[];
  outcome: 'afholdt' | 'aflyst' | 'planlagt';
  cancelReason?: string;
  /** What the follow-up item (made by createMeeting when there are open actions) records. */
  followUp?: { discussion: string; decision: string };
  items: DemoItem[];
  evaluation?: { value: number; ledToAction: boolean; note: string };
  minutes?: DemoMinutes;
}

const REPRESENTATIVES = ['Anne Kjærgaard', 'Jens Bach', 'Lone Friis', 'Karsten Lind'];
const LEADERS = ['Birgit Sørensen', 'Henrik Lykke', 'Pia Winther'];
/** Who approves the minutes for each party. */
const APPROVERS = { kommune: 'Anne Kjærgaard', foa: 'Lone Friis' };

export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    title: 'Partnerskabsmøde: opstart i Uldum',
    kind: 'partnerskabsmoede',
    offset: -330,
    start: '14:00',
    end: '16:00',
    place: 'Skolen i Uldum, personalerummet',
    convener: 'Jens Bach',
    chair: 'Anne Kjærgaard',
    minuteTaker: 'Jens Bach',
    participants: [...REPRESENTATIVES, ...LEADERS],
    afbud: ['Karsten Lind'],
    outcome: 'afholdt',
    followUp: { discussion: 'Første møde i partnerskabet: ingen punkter fra tidligere møder.', decision: 'Taget til efterretning.' },
    items: [
      {
        kind: 'orientering',
        title: 'Partnerskabsaftalen og projektet i Uldum',
        background: 'Aftalen mellem Hedensted Kommune og FOA sætter samskabelse og nye medarbejder- og lederroller på dagsordenen. Uldum er valgt, fordi byen i forvejen står sammen om mange ting.',
        discussion: 'Jens gennemgik aftalens fem aspekter og de otte roller. Lederne fra plejecentret, skolen og daginstitutionen fortalte, hvad de allerede er i gang med, så projektet ikke bliver endnu en ny dagsorden.',
        decision: 'Taget til efterretning.',
      },
      {
        kind: 'droeftelse',
        title: 'Hvor starter vi?',
        background: 'Hver institution har idéer. Spørgsmålet er, hvor der allerede er energi, og hvad der kan startes småt.',
        discussion: 'Enighed om at begynde tre steder: bagning og sang på tværs af plejecenter og daginstitution, en gåbus ved skolen og frivillige i frugtordningen. Lone pegede på, at medarbejderne skal være med fra start og ikke kun høres bagefter.',
        decision: 'Drøftet. Lederne går i gang med de tre idéer og fortæller om dem på næste partnerskabsmøde.',
        initiatives: ['Ældre bager, børn synger', 'Gåbus til skolen', 'Frivillige i frugtordningen'],
        actions: [{ text: 'Send en oversigt over igangværende projekter i Uldum til partnerskabet', owner: 'Jens Bach', dueAfter: 14, doneAfter: 10 }],
      },
      {
        kind: 'beslutning',
        title: 'Mødekadence og arbejdsform',
        background: 'Aftalen lader tidsintervallet stå åbent. Indstilling: partnerskabet mødes ca. hver 8. uge, og et møde om året holdes som workshop med medarbejderne.',
        discussion: 'Anne foreslog møder hver anden måned. Lone ønskede, at medarbejderne får en fast plads i året, ikke kun lederne.',
        decision: 'Godkendt: partnerskabet mødes ca. hver 8. uge. Jens indkalder og skriver referat. Et møde om året holdes som workshop med medarbejderne.',
        actions: [{ text: 'Send datoer for årets møder', owner: 'Jens Bach', dueAfter: 21, doneAfter: 7 }],
      },
    ],
    evaluation: { value: 4, ledToAction: true, note: 'En god start med en klar rytme og tre konkrete steder at begynde.' },
    minutes: { text: 'Første møde i partnerskabet. Næste møde er en workshop med medarbejdere fra de tre institutioner.', next: 'Workshop med medarbejderne på plejecentret.', stage: 'godkendt' },
  },
  {
    title: 'Workshop: idéer fra medarbejderne',
    kind: 'workshop',
    offset: -270,
    start: '13:00',
    end: '15:30',
    place: 'Plejecentret i Uldum, fælles stue',
    convener: 'Jens Bach',
    chair: 'Jens Bach',
    minuteTaker: 'Jens Bach',
    participants: ['Jens Bach', 'Anne Kjærgaard', 'Karsten Lind', ...LEADERS, 'Mette Holm', 'Ahmad Rahimi', 'Lars Mikkelsen', 'Sofie Dam', 'Jørgen Aagaard'],
    afbud: ['Henrik Lykke'],
    outcome: 'afholdt',
    items: [
      {
        kind: 'orientering',
        title: 'De otte roller – hvad betyder de i hverdagen?',
        background: 'Aftalen er inspireret af otte roller: tre for medarbejdere og fem for ledere. Partnerskabet har ikke taget endelig stilling til modellen.',
        discussion: 'Medarbejderne genkendte især ressourcedetektoren og medbyggeren fra deres hverdag. Flere savnede ord for, hvad lederen gør, når hun »træder et skridt tilbage«.',
        decision: 'Taget til efterretning.',
      },
      {
        kind: 'droeftelse',
        title: 'Idéer til samskabelse på tværs af institutionerne',
        background: 'Medarbejderne er bedt om at tage idéer med, som kan afprøves uden store planer.',
        discussion: 'Over tyve idéer kom på væggen. Mest energi var der om brunch i plejeboligen, om hverdagsrehabilitering, hvor borgeren selv sætter målet, og om bridge og skak i SFO med frivillige fra byens klubber.',
        decision: 'Drøftet. Alle idéer samles, og de tre med mest energi beskrives som prøvehandlinger.',
      },
      {
        kind: 'beslutning',
        title: 'Tre prøvehandlinger på otte uger',
        background: 'Indstilling: de tre idéer afprøves som prøvehandlinger på otte uger, hver med en hypotese, en »frihed fra« og en »frihed til«.',
        discussion: 'Karsten spurgte, hvordan vi ser, om det virker. Birgit foreslog at tælle noget enkelt for hver prøvehandling.',
        decision: 'Godkendt: Brunch i plejeboligen, Borgeren sætter målet og Bridge og skak i SFO afprøves i otte uger, hver med ét enkelt mål, der tælles.',
        initiatives: ['Brunch i plejeboligen', 'Borgeren sætter målet – hverdagsrehabilitering', 'Bridge og skak i SFO med frivillige'],
        actions: [
          { text: 'Beskriv de tre prøvehandlinger med hypotese, frihed fra og frihed til', owner: 'Birgit Sørensen', dueAfter: 21, doneAfter: 18 },
          { text: 'Find frivillige til bridge og skak i SFO', owner: 'Jørgen Aagaard', dueAfter: 30, doneAfter: 26, initiative: 'Bridge og skak i SFO med frivillige' },
        ],
      },
    ],
    evaluation: { value: 5, ledToAction: true, note: 'Medarbejderne kom med idéerne selv. Tre prøvehandlinger blev valgt på stedet.' },
    minutes: { text: 'Workshoppen samlede 11 deltagere fra de tre institutioner og lokalsamfundet.', next: 'Partnerskabsmøde om de første prøvehandlinger.', stage: 'godkendt' },
  },
  {
    title: 'Partnerskabsmøde: de første prøvehandlinger',
    kind: 'partnerskabsmoede',
    offset: -200,
    start: '14:00',
    end: '16:00',
    place: 'Daginstitutionen i Uldum, forældrestuen',
    convener: 'Jens Bach',
    chair: 'Anne Kjærgaard',
    minuteTaker: 'Jens Bach',
    participants: [...REPRESENTATIVES, ...LEADERS, 'Lars Mikkelsen'],
    afbud: ['Pia Winther'],
    outcome: 'afholdt',
    followUp: { discussion: 'Ingen åbne punkter fra tidligere møder.', decision: 'Taget til efterretning.' },
    items: [
      {
        kind: 'orientering',
        title: 'Status på de tre prøvehandlinger',
        background: 'Brunch i plejeboligen, Borgeren sætter målet og Bridge og skak i SFO har kørt i fem til seks uger.',
        discussion: 'Birgit fortalte om roligere morgener og flere beboere ved bordet. Lars fortalte, at skak fænger, mens bridge er svært for de yngste.',
        decision: 'Taget til efterretning. Prøvehandlingerne evalueres på næste partnerskabsmøde.',
        initiatives: ['Brunch i plejeboligen', 'Borgeren sætter målet – hverdagsrehabilitering', 'Bridge og skak i SFO med frivillige'],
      },
      {
        kind: 'beslutning',
        title: 'Frivillige i frugtordningen',
        background: 'Prøveperioden er slut. Fem frivillige startede, men efter tre uger kom kun én. Indstilling: prøvehandlingen stoppes.',
        discussion: 'Henrik fortalte, at de frivillige ikke havde en fast kontaktperson. Lone understregede, at frivillige skal ledes og anerkendes, og at de er et supplement til personalet.',
        decision: 'Godkendt: prøvehandlingen stoppes.',
        initiatives: ['Frivillige i frugtordningen'],
        actions: [{ text: 'Saml erfaringerne fra frugtordningen i en kort note', owner: 'Lars Mikkelsen', dueAfter: 21, doneAfter: 20, initiative: 'Frivillige i frugtordningen' }],
      },
      {
        kind: 'droeftelse',
        title: 'Dilemma: frivillige og tavshedspligt',
        background: 'Frivillige i SFO og på plejecentret kommer tæt på børn og beboere. Hvad må de vide, og hvordan klæder vi dem på?',
        discussion: 'Lederne vil ikke holde frivillige ude, men de skal vide, hvad de ikke må fortælle videre. En kort introduktion blev foreslået.',
        decision: 'Drøftet. Skolen laver en kort introduktion om tavshedspligt til frivillige.',
        dilemmas: ['Frivillige og tavshedspligt'],
        actions: [{ text: 'Lav en kort introduktion om tavshedspligt til frivillige', owner: 'Henrik Lykke', dueAfter: 30, doneAfter: 28 }],
      },
    ],
    evaluation: { value: 4, ledToAction: true, note: 'Det var godt at stoppe noget, der ikke virkede, uden at lede efter skyldige.' },
    minutes: {
      text: 'Mødet blev holdt i daginstitutionens forældrestue.',
      next: 'Partnerskabsmøde om forklar eller fjern og evaluering af prøvehandlingerne.',
      stage: 'godkendt',
      correction: {
        comment: { by: 'Lone Friis', body: 'Under punktet om frugtordningen mangler aftalen om, at skolen samler erfaringerne, så de kan bruges, når der igen inddrages frivillige. Kan det rettes i en ny version?' },
        note: 'Punktet om frugtordningen: beslutningen manglede aftalen om, at skolen samler erfaringerne til næste gang, der inddrages frivillige (påpeget af FOA).',
        item: 'Frivillige i frugtordningen',
        decision: 'Godkendt: prøvehandlingen stoppes. Skolen samler erfaringerne, så de kan bruges, næste gang der inddrages frivillige – fx i bridge og skak i SFO.',
      },
    },
  },
  {
    title: 'Partnerskabsmøde: forklar eller fjern',
    kind: 'partnerskabsmoede',
    offset: -150,
    start: '14:00',
    end: '16:00',
    place: 'Plejecentret i Uldum, mødelokalet',
    convener: 'Jens Bach',
    chair: 'Anne Kjærgaard',
    minuteTaker: 'Jens Bach',
    participants: [...REPRESENTATIVES, ...LEADERS],
    outcome: 'aflyst',
    cancelReason: 'Aflyst, fordi for få af deltagerne kunne komme. Punkterne flyttes til næste partnerskabsmøde.',
    items: [
      {
        kind: 'beslutning',
        title: 'Forklar eller fjern: regler, medarbejderne har peget på',
        background: 'Medarbejderne har peget på regler og dokumentation, der tager tid fra kerneopgaven. Hver regel skal enten forklares eller fjernes.',
      },
      {
        kind: 'beslutning',
        title: 'Evaluering af de tre prøvehandlinger',
        background: 'De otte uger er gået for brunch, hverdagsrehabilitering og bridge og skak.',
      },
    ],
  },
  {
    title: 'Partnerskabsmøde: evaluering af prøvehandlingerne',
    kind: 'partnerskabsmoede',
    offset: -100,
    start: '13:30',
    end: '16:00',
    place: 'Plejecentret i Uldum, mødelokalet',
    convener: 'Jens Bach',
    chair: 'Jens Bach',
    minuteTaker: 'Jens Bach',
    participants: [...REPRESENTATIVES, ...LEADERS, 'Mette Holm'],
    afbud: ['Anne Kjærgaard'],
    outcome: 'afholdt',
    followUp: { discussion: 'Ingen åbne punkter. Punkterne fra det aflyste møde er med på dagsordenen i dag.', decision: 'Taget til efterretning.' },
    items: [
      {
        kind: 'beslutning',
        title: 'Brunch i plejeboligen: forankres?',
        background: 'Efter otte uger valgte 10 af 14 beboere selv tidspunktet, og de urørte morgenmåltider faldt fra 18 til 7 om ugen. Indstilling: brunchen bliver en fast del af hverdagen.',
        discussion: 'Mette fortalte, at beboerne ikke længere spørger, om de »må« spise senere. Karsten spurgte til vagtplanen, som er flyttet en halv time uden ekstra timer.',
        decision: 'Godkendt: brunchen forankres på hele plejecentret.',
        initiatives: ['Brunch i plejeboligen'],
      },
      {
        kind: 'beslutning',
        title: 'Borgeren sætter målet og Bridge og skak i SFO: justeres',
        background: 'Begge prøvehandlinger har vist sig at virke, men med forbehold. Indstilling: begge fortsætter i justeret form.',
        discussion: 'Hverdagsmålene gik i stå i ferierne, fordi få medarbejdere kendte dem. Bridge var for svært for de yngste.',
        decision: 'Godkendt: hverdagsmålene følges op hver uge af hele teamet; skak fortsætter for alle, bridge kun for 3. klasse.',
        initiatives: ['Borgeren sætter målet – hverdagsrehabilitering', 'Bridge og skak i SFO med frivillige'],
        actions: [{ text: 'Indfør fast ugentlig opfølgning på hverdagsmålene', owner: 'Birgit Sørensen', dueAfter: 14, doneAfter: 12, initiative: 'Borgeren sætter målet – hverdagsrehabilitering' }],
      },
      {
        kind: 'beslutning',
        title: 'Forklar eller fjern: regler, medarbejderne har peget på',
        background: 'Flyttet fra det aflyste møde. Medarbejderne har peget på fem regler og dokumentationskrav. Indstilling: hver regel forklares, ændres eller fjernes.',
        discussion: 'Lone bad om, at besparelsen i tid bliver brugt på kerneopgaven og ikke på nye opgaver. Lederne gennemgik reglerne én for én.',
        decision: 'Godkendt: det supplerende tilsyn erstattes af ét fælles tilsyn; papirlisten over køleskabstemperaturer fjernes; samtykket ved billeder af børn bevares med en kortere blanket. Kontrollen af kørsel og tiden i Fælles Sprog III undersøges nærmere.',
        actions: [{ text: 'Undersøg, hvilket krav kontrollen af kørsel og telefonbrug opfylder', owner: 'Jens Bach', dueAfter: 45, doneAfter: 40 }],
      },
      {
        kind: 'droeftelse',
        title: 'Dilemma: menneskeblik og økonomiblik',
        background: 'Brunchen giver mere selvbestemmelse, men kræver, at vagterne lægges anderledes. Hvordan holder vi begge blikke?',
        discussion: 'Lederne oplever dilemmaet dagligt. Det hjælper at kunne vise, hvad en ændring koster, og hvad den giver.',
        decision: 'Drøftet.',
        dilemmas: ['Menneskeblik og økonomiblik'],
      },
      {
        kind: 'orientering',
        title: 'Gåbussen kører af sig selv',
        background: 'Skolebestyrelsen har overtaget ruteplanen, og forældrene har selv åbnet en tredje rute.',
        discussion: 'Henrik fortalte, at 24 elever går med om morgenen.',
        decision: 'Taget til efterretning. Gåbussen er forankret.',
        initiatives: ['Gåbus til skolen'],
        actions: [{ text: 'Skriv en forankringsplan for Ældre bager, børn synger, før puljemidlerne slutter', owner: 'Pia Winther', dueAfter: 60, startedAfter: 30, initiative: 'Ældre bager, børn synger' }],
      },
    ],
    evaluation: { value: 5, ledToAction: true, note: 'Tre beslutninger om prøvehandlinger og fem regler gennemgået.' },
    minutes: { text: 'Punkterne fra det aflyste møde blev behandlet her. Anne Kjærgaard havde meldt afbud; Jens Bach ledte mødet.', next: 'Dialogmøde med lokalsamfundet i hallen.', stage: 'godkendt' },
  },
  {
    title: 'Dialogmøde med lokalsamfundet i Uldum',
    kind: 'dialogmoede',
    offset: -45,
    start: '19:00',
    end: '21:00',
    place: 'Hallen i Uldum, cafeteriet',
    convener: 'Jens Bach',
    chair: 'Jens Bach',
    minuteTaker: 'Jens Bach',
    participants: ['Jens Bach', 'Anne Kjærgaard', 'Karsten Lind', 'Lone Friis', ...LEADERS, 'Lars Mikkelsen', 'Jørgen Aagaard'],
    afbud: ['Lone Friis'],
    udeblev: ['Lars Mikkelsen'],
    outcome: 'afholdt',
    followUp: { discussion: 'Forankringsplanen for bagedagene er i gang.', decision: 'Taget til efterretning.' },
    items: [
      {
        kind: 'orientering',
        title: 'Fælles dagsorden for de lokale bestyrelser',
        background: 'Borgerforeningen, hallens bestyrelse og landsbyordningens bestyrelse har holdt deres første fællesmøde.',
        discussion: 'Jørgen fortalte, at bestyrelserne opdagede, at de havde planlagt tre arrangementer i samme weekend.',
        decision: 'Taget til efterretning.',
        initiatives: ['Fælles dagsorden for lokale bestyrelser'],
      },
      {
        kind: 'droeftelse',
        title: 'Landkort over tilbud og frivillige opgaver',
        background: 'Borgere og medarbejdere ved ikke altid, hvilke tilbud og foreninger der findes i byen.',
        discussion: 'Stor interesse for et samlet overblik. Borgerforeningen vil gerne stå for listen, hvis kommunen hjælper med at lægge den ud.',
        decision: 'Drøftet. Idéen tages op i idébanken.',
        initiatives: ['Landkort over tilbud og frivillighedsportal'],
        actions: [{ text: 'Send en liste over foreninger og tilbud til landkortet', owner: 'Jørgen Aagaard', dueAfter: 25, initiative: 'Landkort over tilbud og frivillighedsportal' }],
      },
      {
        kind: 'droeftelse',
        title: 'Dilemma: projektmidler forsvinder',
        background: 'Puljemidlerne til bagedagene slutter snart. Borgerne spørger, om tilbuddet forsvinder.',
        discussion: 'Flere borgere tilbød at hjælpe. Pia pegede på, at frivillige skal være et supplement, ikke en forudsætning for, at bagedagene kan fortsætte.',
        decision: 'Drøftet. Forankringsplanen behandles på næste partnerskabsmøde.',
        dilemmas: ['Projektmidler forsvinder', 'Supplement eller erstatning'],
        initiatives: ['Ældre bager, børn synger'],
      },
      {
        kind: 'beslutning',
        title: 'Første job: unge fra udskolingen på plejecentret',
        background: 'Skolen og plejecentret foreslår, at to unge fra udskolingen får et lille fritidsjob på plejecentret. Indstilling: det afprøves i otte uger.',
        discussion: 'Forældre i salen bakkede op. Karsten spurgte til, hvilke opgaver de unge må løse; omsorgsopgaver løses fortsat af personalet.',
        decision: 'Godkendt som prøvehandling i otte uger.',
        initiatives: ['Første job: unge fra udskolingen på plejecentret'],
        actions: [{ text: 'Aftal fritidsjob med to elever og deres forældre', owner: 'Henrik Lykke', dueAfter: 10, doneAfter: 12, initiative: 'Første job: unge fra udskolingen på plejecentret' }],
      },
    ],
    evaluation: { value: 4, ledToAction: true, note: 'Omkring 40 borgere mødte op. Mange tilbød at hjælpe.' },
    minutes: { text: 'Omkring 40 borgere deltog ud over de inviterede.', next: 'Arbejdsgruppemøde på plejecentret.', stage: 'til_godkendelse' },
  },
  {
    title: 'Arbejdsgruppe: samskabelse på plejecentret',
    kind: 'arbejdsgruppe',
    offset: -14,
    start: '13:00',
    end: '14:30',
    place: 'Plejecentret i Uldum, fælles stue',
    convener: 'Jens Bach',
    chair: 'Birgit Sørensen',
    minuteTaker: 'Jens Bach',
    participants: ['Jens Bach', 'Birgit Sørensen', 'Mette Holm', 'Ahmad Rahimi', 'Lars Mikkelsen', 'Sofie Dam', 'Nanna Kristensen'],
    afbud: ['Sofie Dam'],
    outcome: 'afholdt',
    followUp: { discussion: 'To punkter er over fristen: forankringsplanen for bagedagene og listen til landkortet.', decision: 'Taget til efterretning. Begge punkter følges op på næste partnerskabsmøde.' },
    items: [
      {
        kind: 'droeftelse',
        title: 'Brunch i plejeboligen – nattevagten og weekenden',
        background: 'Brunchen er forankret. I weekenden er der vikarer, som ikke kender ordningen.',
        discussion: 'Personalet oplever roligere morgener. Nattevagten og vikarerne skal orienteres bedre, så ordningen også holder i weekenden.',
        decision: 'Drøftet.',
        initiatives: ['Brunch i plejeboligen'],
        actions: [{ text: 'Orientér nattevagten om brunch-ordningen', owner: 'Mette Holm', dueAfter: 21, initiative: 'Brunch i plejeboligen' }],
      },
      {
        kind: 'beslutning',
        title: 'Pårørende gør sammen med – prøveperioden er slut',
        background: 'De otte uger er gået, men resultatet er ikke skrevet endnu.',
        discussion: 'Syv pårørende har en aftale. Ahmad fortalte, at flere pårørende gerne vil fortsætte.',
        decision: 'Godkendt: Mette og Ahmad skriver resultatet, så partnerskabet kan tage stilling på næste møde.',
        initiatives: ['Pårørende gør sammen med'],
        actions: [{ text: 'Skriv resultatet af prøvehandlingen Pårørende gør sammen med', owner: 'Ahmad Rahimi', dueAfter: 28, startedAfter: 3, initiative: 'Pårørende gør sammen med' }],
      },
      {
        kind: 'orientering',
        title: 'Jobtræning i plejecentrets køkken',
        background: 'Jobcentret har spurgt, om plejecentrets køkken kan tage imod borgere i jobtræning.',
        discussion: 'Nanna fortalte om to borgere, der gerne vil i gang. Køkkenet kan tage imod to ad gangen med en fast mentor.',
        decision: 'Taget til efterretning.',
        initiatives: ['Jobtræning i plejecentrets køkken'],
      },
    ],
    minutes: { text: 'Referatet er en kladde, til alle punkter er skrevet færdigt.', next: 'Partnerskabsmøde om status på samskabelse i Uldum.', stage: 'kladde' },
  },
  {
    title: 'Partnerskabsmøde: status på samskabelse i Uldum',
    kind: 'partnerskabsmoede',
    offset: 21,
    start: '14:00',
    end: '16:00',
    place: 'Skolen i Uldum, personalerummet',
    convener: 'Jens Bach',
    chair: 'Anne Kjærgaard',
    minuteTaker: 'Jens Bach',
    participants: [...REPRESENTATIVES, ...LEADERS],
    outcome: 'planlagt',
    items: [
      {
        kind: 'beslutning',
        title: 'Pårørende gør sammen med: resultat og beslutning',
        background: 'Prøveperioden er slut. Arbejdsgruppen skriver resultatet, så partnerskabet kan beslutte, om prøvehandlingen forankres, justeres eller stoppes.',
        initiatives: ['Pårørende gør sammen med'],
      },
      {
        kind: 'beslutning',
        title: 'Ældre bager, børn synger: når puljemidlerne slutter',
        background: 'Puljemidlerne slutter om kort tid, og der er endnu ingen forankringsplan. Indstilling følger, når planen er skrevet.',
        initiatives: ['Ældre bager, børn synger'],
        dilemmas: ['Projektmidler forsvinder'],
      },
      {
        kind: 'droeftelse',
        title: 'Rollerne et år efter: hvor ser vi dem i praksis?',
        background: 'Oversigten over rolleobservationer viser mange eksempler på ressourcedetektoren og medbyggeren og færre på effektjægeren. Hvad betyder det?',
      },
      {
        kind: 'orientering',
        title: 'Statusrapport for året',
        background: 'Statusrapporten for de seneste tolv måneder sendes ud sammen med dagsordenen.',
      },
    ],
  },
];

/** A write planned for later in the story (an action done or started), run in time order. */
type Later = { at: Date; run: () => Promise<unknown> };

/** Creates each missing meeting with its whole history; returns how many meetings were created. */
export async function seedDemoMeetings(db: Db, cal: Calendar, partnershipId: number, person: Lookup): Promise<number> {
  const later: Later[] = [];
  /** Runs the planned writes due by `until`, so a new meeting carries over only what was still open. */
  const runLater = async (until: Date) => {
    later.sort((a, b) => a.at.getTime() - b.at.getTime());
    while (later.length && later[0].at.getTime() <= until.getTime()) await later.shift()!.run();
  };
  const system = SYSTEM_ACTOR;
  let created = 0;

  for (const m of DEMO_MEETINGS) {
    const exists = await db.selectFrom('meetings').select('id').where('title', '=', m.title).where('partnership_id', '=', partnershipId).executeTakeFirst();
    if (exists) continue;
    const day = weekdayAt(cal, m.offset);
    const on = (days: number, time: string) => momentOn(cal, workdayFrom(addDays(day, days)), time);
    const invitedAt = on(-14, '09:00');
    await runLater(invitedAt);

    const meetingId = await createMeeting(
      db,
      {
        partnership_id: partnershipId,
        title: m.title,
        kind: m.kind,
        day,
        start_time: m.start,
        end_time: m.end,
        place: m.place,
        convener_id: person(m.convener),
        chair_id: person(m.chair),
        minute_taker_id: person(m.minuteTaker),
        participant_ids: m.participants.map(person),
      },
      system,
      invitedAt,
    );
    created++;
    const itemIds = new Map<string, number>();
    for (const item of m.items) {
      const form = {
        title: item.title,
        kind: item.kind,
        background: item.background,
        proposal: item.kind === 'beslutning' ? `Konsulenten indstiller, at ${item.title.charAt(0).toLowerCase()}${item.title.slice(1)} drøftes og besluttes.` : '',
        discussion: '',
        decision: '',
        presenter_id: null,
        duration_minutes: item.kind === 'orientering' ? 15 : 30,
        postponed: false,
        closed: false,
        closed_reason: '',
        initiative_ids: await idsByTitle(db, 'initiatives', item.initiatives ?? []),
        dilemma_ids: await idsByTitle(db, 'dilemmas', item.dilemmas ?? []),
        msc_story_id: null,
        msc_reason: '',
      };
      itemIds.set(item.title, await addAgendaItem(db, meetingId, form, system, on(-7, '10:00')));
    }

    if (m.outcome === 'aflyst') {
      await cancelMeeting(db, meetingId, m.cancelReason ?? '', system, on(-5, '11:00'));
      continue;
    }
    if (m.outcome === 'planlagt') continue;

    // Held: attendance, then the minutes' content the day after.
    await markHeld(db, meetingId, system, on(0, m.end));
    const attendance = new Map<number, Attendance>(m.participants.map((name) => [person(name), 'deltog']));
    for (const name of m.afbud ?? []) attendance.set(person(name), 'afbud');
    for (const name of m.udeblev ?? []) attendance.set(person(name), 'udeblev');
    await recordAttendance(db, meetingId, attendance, system, on(0, m.end));

    const writtenAt = on(1, '09:00');
    const followUp = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).where('title', '=', FOLLOW_UP_TITLE).executeTakeFirst();
    if (followUp && m.followUp) {
      await updateAgendaItem(
        db,
        meetingId,
        followUp.id,
        { title: FOLLOW_UP_TITLE, kind: 'orientering', background: (await backgroundOf(db, followUp.id)) ?? '', proposal: '', presenter_id: null, duration_minutes: null, postponed: false, closed: false, closed_reason: '', ...m.followUp, initiative_ids: [], dilemma_ids: [], msc_story_id: null, msc_reason: '' },
        system,
        writtenAt,
      );
    }
    for (const item of m.items) {
      const itemId = itemIds.get(item.title)!;
      const form = {
        title: item.title,
        kind: item.kind,
        background: item.background,
        proposal: item.kind === 'beslutning' ? `Konsulenten indstiller, at ${item.title.charAt(0).toLowerCase()}${item.title.slice(1)} drøftes og besluttes.` : '',
        discussion: item.discussion ?? '',
        decision: item.decision ?? '',
        presenter_id: null,
        duration_minutes: item.kind === 'orientering' ? 15 : 30,
        postponed: false,
        closed: false,
        closed_reason: '',
        initiative_ids: await idsByTitle(db, 'initiatives', item.initiatives ?? []),
        dilemma_ids: await idsByTitle(db, 'dilemmas', item.dilemmas ?? []),
        msc_story_id: null,
        msc_reason: '',
      };
      await updateAgendaItem(db, meetingId, itemId, form, system, writtenAt);
      for (const a of item.actions ?? []) {
        const initiative = a.initiative ? (await idsByTitle(db, 'initiatives', [a.initiative]))[0] ?? null : null;
        const actionId = await createAction(
          db,
          meetingId,
          { text: a.text, owner_id: person(a.owner), due_date: addDays(day, a.dueAfter), status: 'aaben', agenda_item_id: itemId, initiative_id: initiative },
          system,
          writtenAt,
        );
        // The owner keeps the status up to date, as on /actions.
        const plan = (status: ActionStatus, after: number) => {
          const at = on(after, '12:00');
          later.push({ at, run: () => setActionStatus(db, actionId, status, { userId: null, personId: person(a.owner), mayEditAll: true }, at) });
        };
        if (a.startedAfter !== undefined) plan('i_gang', a.startedAfter);
        if (a.doneAfter !== undefined) plan('udfoert', a.doneAfter);
      }
    }
    if (m.evaluation) {
      await saveEvaluation(db, meetingId, { evaluation_value: m.evaluation.value, evaluation_led_to_action: m.evaluation.ledToAction, evaluation_note: m.evaluation.note }, system, on(1, '09:30'));
    }
    if (m.minutes) await takeMinutes(db, meetingId, m.minutes, itemIds, person, on);
  }
  await runLater(cal.now);
  return created;
}

async function backgroundOf(db: Db, itemId: number): Promise<string | undefined> {
  return (await db.selectFrom('agenda_items').select('background').where('id', '=', itemId).executeTakeFirst())?.background;
}

/** The minutes through the workflow: text, sent for approval, approved by each party, corrected. */
async function takeMinutes(db: Db, meetingId: number, minutes: DemoMinutes, itemIds: Map<string, number>, person: Lookup, onWorkday: (days: number, time: string) => Date): Promise<void> {
  const system = SYSTEM_ACTOR;
  // Two steps moved off a weekend onto the same Monday still happen in order.
  let last = 0;
  const on = (days: number, time: string) => {
    last = Math.max(onWorkday(days, time).getTime(), last + 15 * 60_000);
    return new Date(last);
  };
  const approve = (name: string, at: Date) => approveMinutes(db, meetingId, { userId: null, role: 'repraesentant', personId: person(name) }, at);
  await saveMinutesText(db, meetingId, { free_text: minutes.text, next_meeting: minutes.next }, system, on(1, '10:00'));
  if (minutes.stage === 'kladde') return;
  await sendForApproval(db, meetingId, system, on(2, '09:00'));
  await approve(APPROVERS.kommune, on(3, '11:00'));
  if (minutes.stage === 'til_godkendelse') return;
  await approve(APPROVERS.foa, on(5, '13:00'));

  const c = minutes.correction;
  if (!c) return;
  await addComment(db, 'minutes', meetingId, person(c.comment.by), c.comment.body, system, on(12, '08:30'));
  await startCorrection(db, meetingId, c.note, system, on(13, '09:00'));
  const itemId = itemIds.get(c.item)!;
  const item = await db.selectFrom('agenda_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
  const initiatives = await db.selectFrom('agenda_item_initiatives').select('initiative_id').where('agenda_item_id', '=', itemId).execute();
  const dilemmas = await db.selectFrom('agenda_item_dilemmas').select('dilemma_id').where('agenda_item_id', '=', itemId).execute();
  await updateAgendaItem(
    db,
    meetingId,
    itemId,
    {
      title: item.title,
      kind: item.kind,
      background: item.background,
      proposal: item.proposal,
      discussion: item.discussion,
      decision: c.decision,
      presenter_id: item.presenter_id,
      duration_minutes: item.duration_minutes,
      postponed: item.postponed === 1,
      closed: item.closed === 1,
      closed_reason: item.closed_reason,
      initiative_ids: initiatives.map((l) => l.initiative_id),
      dilemma_ids: dilemmas.map((l) => l.dilemma_id),
      msc_story_id: null,
      msc_reason: '',
    },
    system,
    on(13, '09:15'),
  );
  await sendForApproval(db, meetingId, system, on(13, '09:30'));
  await approve(APPROVERS.kommune, on(14, '10:00'));
  await approve(APPROVERS.foa, on(15, '10:30'));
}
