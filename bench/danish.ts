// Danish vocabulary and a seeded random source for the benchmark's data generator.

/** mulberry32: a tiny seeded PRNG, so the same seed gives the same data set. */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const chance = (p: number): boolean => next() < p;
  /** Picks a key by weight: weighted({ a: 3, b: 1 }) gives 'a' three times as often as 'b'. */
  const weighted = <K extends string>(weights: Record<K, number>): K => {
    const entries = Object.entries(weights) as Array<[K, number]>;
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) if ((r -= w) < 0) return key;
    return entries[entries.length - 1][0];
  };
  /** `count` distinct items from `list` (all of them when it is shorter). */
  const sample = <T>(list: readonly T[], count: number): T[] => {
    const copy = [...list];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, chance, weighted, sample };
}
export type Random = ReturnType<typeof randomSource>;

export const FIRST_NAMES = [
  'Søren', 'Åse', 'Jørgen', 'Bjørn', 'Mette', 'Birthe', 'Bodil', 'Grethe', 'Kirsten', 'Lærke', 'Mads', 'Rasmus',
  'Frederik', 'Signe', 'Ida', 'Asger', 'Bent', 'Knud', 'Kåre', 'Gunnar', 'Hanne', 'Lene', 'Anne', 'Marianne',
  'Jens', 'Niels', 'Poul', 'Henrik', 'Lars', 'Ole', 'Torben', 'Tove', 'Inger', 'Jytte', 'Karen', 'Else',
  'Pia', 'Susanne', 'Helle', 'Dorthe', 'Maja', 'Freja', 'Astrid', 'Sofie', 'Emma', 'Clara', 'Nanna', 'Sørine',
  'Malthe', 'Magnus', 'Oliver', 'Emil', 'Aksel', 'Villads', 'Thorbjørn', 'Øjvind', 'Ærenfried', 'Bøje', 'Gudrun',
  'Ragnhild', 'Solveig', 'Yrsa', 'Agnete', 'Merete', 'Ulla', 'Vibeke', 'Jonna', 'Kjeld', 'Erik', 'Anders',
  'Mikkel', 'Jesper', 'Thomas', 'Morten', 'Rikke', 'Trine', 'Camilla', 'Louise', 'Line', 'Stine', 'Jørn', 'Bo',
];

export const SURNAMES = [
  'Mølgaard', 'Bækgaard', 'Jørgensen', 'Sørensen', 'Møller', 'Nørgaard', 'Kjærgaard', 'Østergaard', 'Søndergaard',
  'Lauridsen', 'Thygesen', 'Skærbæk', 'Damgaard', 'Højgaard', 'Bøgh', 'Kløve', 'Ålund', 'Nielsen', 'Jensen',
  'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Rasmussen', 'Petersen', 'Madsen', 'Kristensen',
  'Olsen', 'Thomsen', 'Poulsen', 'Johansen', 'Knudsen', 'Mortensen', 'Holm', 'Frederiksen', 'Bach', 'Krog',
  'Vestergaard', 'Bjerre', 'Dalsgaard', 'Lyngsø', 'Kjær', 'Skov', 'Bækholm', 'Fogh', 'Brændgaard', 'Trærup',
  'Lønborg', 'Grønbæk', 'Bøjesen', 'Ølgod', 'Årup', 'Hjørnholm', 'Kræmer', 'Søgaard', 'Fænø', 'Hvidbjerg',
];

export const TOWNS = [
  'Uldum', 'Hedensted', 'Juelsminde', 'Tørring', 'Løsning', 'Hornsyld', 'Stouby', 'Rårup', 'Ølsted', 'Glud',
  'Barrit', 'Daugård', 'Åle', 'Bjerre', 'Klakring', 'Ørum', 'Lindved', 'Kørup', 'Vrigsted', 'Hvirring',
];

export const PLACE_NAMES = [
  'Solbakken', 'Bøgely', 'Møllehøj', 'Skovbrynet', 'Lærkereden', 'Søhøj', 'Æblehaven', 'Kærdalen', 'Åbakken',
  'Fjordglimt', 'Engparken', 'Rosenhaven', 'Egebo', 'Mælkebøtten', 'Troldehøj', 'Kildevang', 'Birkely', 'Hybenhaven',
];

export const INSTITUTION_TYPES = [
  'Plejecentret', 'Plejehjemmet', 'Børnehuset', 'Vuggestuen', 'Dagplejen', 'Hjemmeplejen', 'Aktivitetscentret',
  'Botilbuddet', 'Ungdomsklubben', 'Rehabiliteringscentret', 'Sundhedshuset', 'Skolen', 'Fritidscentret',
];

export const ASSOCIATION_TYPES = [
  'Idrætsforening', 'Borgerforening', 'Gymnastikforening', 'Pensionistforening', 'Sangkor', 'Lokalhistoriske Arkiv',
  'Menighedsråd', 'Spejdergruppe', 'Skakklub', 'Strikkeklub', 'Vandrelaug', 'Havelaug', 'Cykelklub', 'Motionsklub',
];

export const VOLUNTEER_ORGS = ['Ældre Sagen', 'Røde Kors', 'Dansk Folkehjælp', 'Besøgsvennerne', 'Natteravnene', 'Frivilligcentret', 'Kirkens Korshær', 'Spisevennerne'];

export const BUSINESS_TYPES = ['Tømrerfirma ApS', 'VVS A/S', 'Bageri', 'Købmandshandel', 'Blomster', 'Murerfirma ApS', 'Transport ApS', 'El-service', 'Autoværksted', 'Rengøring ApS'];

export const KOMMUNER = ['Horsens Kommune', 'Vejle Kommune', 'Kolding Kommune', 'Fredericia Kommune', 'Ikast-Brande Kommune', 'Skanderborg Kommune', 'Aarhus Kommune', 'Billund Kommune', 'Region Midtjylland'];

export const UNIONS = [
  'FOA Horsens-Hedensted', 'BUPL Sydøstjylland', 'Danmarks Lærerforening, kreds 117', '3F Horsens', 'Dansk Sygeplejeråd, Kreds Midtjylland',
  'HK Kommunal Østjylland', 'Socialpædagogerne Østjylland', 'Ergoterapeutforeningen', 'Danske Fysioterapeuter', 'Kost & Ernæringsforbundet',
  'Lederne', 'Djøf', 'Dansk Metal Horsens', 'Serviceforbundet',
];

export const SCHOOLS = [
  'SOSU Østjylland', 'VIA University College', 'Hedensted Gymnasium', 'Juelsminde Efterskole', 'Tørring Gymnasium', 'Learnmark Horsens',
  'Ungdomsskolen Hedensted', 'Campus Vejle', 'Løsning Efterskole', 'Hedensted Heltidsundervisning', 'Professionshøjskolen Absalon', 'AU Herning',
];

export const CITIZEN_GROUPS = ['Lokalsamfundet', 'Borgergruppen i', 'Landsbylauget', 'Pårørendegruppen i', 'Beboerforeningen i'];

export const OTHER_ORGS = ['Hedensted Bibliotekerne', 'Uldum Kirke', 'Museum Østjylland', 'Lokalavisen Hedensted', 'Forsamlingshuset i Uldum', 'Ældrerådet i Hedensted', 'Handicaprådet i Hedensted', 'Uldum Kær Naturcenter'];

export const TITLES: Record<string, string[]> = {
  medarbejder: ['Social- og sundhedshjælper', 'Social- og sundhedsassistent', 'Pædagog', 'Pædagogmedhjælper', 'Lærer', 'Køkkenmedarbejder', 'Ergoterapeut', 'Fysioterapeut', 'Sygeplejerske', 'Dagplejer', 'Serviceassistent', 'Aktivitetsmedarbejder'],
  leder: ['Plejecenterleder', 'Skoleleder', 'Dagtilbudsleder', 'Afdelingsleder', 'Teamleder i hjemmeplejen', 'Souschef', 'Områdeleder', 'Direktør'],
  konsulent: ['Udviklingskonsulent', 'HR-konsulent', 'Faglig konsulent', 'Frivillighedskoordinator', 'Specialkonsulent'],
  repraesentant: ['Tillidsrepræsentant', 'Arbejdsmiljørepræsentant', 'Fællestillidsrepræsentant', 'Faglig sekretær', 'Næstformand'],
  frivillig: ['Frivillig', 'Besøgsven', 'Frivillig i caféen', 'Formand', 'Kasserer', 'Bestyrelsesmedlem'],
  andet: ['Borgerrepræsentant', 'Pårørenderepræsentant', 'Studerende', 'Praktikant', 'Præst', 'Bibliotekar'],
};

export const TOPICS = [
  'frivillige på plejecentret', 'fællesspisning i Uldum', 'ensomhed blandt ældre', 'mindre dokumentation i hjemmeplejen',
  'samarbejdet mellem skole og plejecenter', 'rollen som ressourcedetektor', 'lederrollen på kanten', 'borgernes egne ressourcer',
  'overgangen fra daginstitution til skole', 'motion for ældre i lokalsamfundet', 'prøvehandlingen med fælles morgenmad',
  'rekruttering af social- og sundhedsassistenter', 'arbejdsmiljø og trivsel', 'børn og ældre sammen i haven', 'Uldum som læringsby',
  'besøgsvenner på plejecentret', 'unge i fritidsjob i ældreplejen', 'velfærdsteknologi i hverdagen', 'samskabelse med pårørende',
  'evaluering af første halvår', 'årsplan og budget', 'kerneopgaven i Social Omsorg', 'tillid frem for kontrol',
  'effektmål og borgerhistorier', 'netværk på tværs af institutioner', 'erfaringer fra sommerens aktiviteter', 'madkulturen på plejecentret',
  'lokale foreninger som partnere', 'tværfaglige møder om borgeren', 'kompetenceudvikling for medarbejdere', 'nye vagtplaner',
  'kørselsordning til aktiviteter', 'aktiviteter i skolens frikvarterer', 'digital inklusion af ældre', 'sundhedsfremme i daginstitutionen',
  'rammerne for frivilligt arbejde', 'højtider og traditioner i lokalsamfundet', 'kommunikation til borgerne', 'status på partnerskabsaftalen',
  'læsevenner fra plejecentret i børnehaven', 'cykling uden alder', 'fællessang på tværs af generationer', 'medarbejdere med vilje',
];

export const RULES = [
  'dobbeltregistrering af medicin', 'den ugentlige rapport til visitationen', 'skriftlige ansøgninger om aktivitetsmidler',
  'kvartalsvise trivselsmålinger', 'underskrift på kørselsbilag', 'tre underskrifter på indkøb over 500 kr.',
  'døgnrytmeplaner i papirform', 'tjeklisten ved udflugter', 'registrering af frivilliges timer', 'referat af hvert personalemøde',
];

export const MEETING_PLACES = [
  'Plejecentret i Uldum, cafeen', 'Skolen i Uldum, personalerummet', 'Daginstitutionen i Uldum', 'Uldum Forsamlingshus',
  'Rådhuset i Juelsminde, mødelokale 2', 'FOA Horsens-Hedensted, Holmboes Allé', 'Online (Teams)', 'Uldum Kirkes sognegård',
  'Hedensted Bibliotek, mødelokalet', 'Aktivitetscentret i Tørring', 'Uldum Kær Naturcenter', 'Rådhuset i Juelsminde, byrådssalen',
];

export const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

export const BACKGROUND = [
  'Punktet er sat på dagsordenen efter ønske fra {org}.',
  'På sidste møde aftalte vi at vende tilbage til {topic}, når der var erfaringer fra de første {n} uger.',
  'Medarbejderne på {place} oplever, at for meget tid går med dokumentation frem for samvær med borgerne.',
  'Der er afsat {n}.000 kr. af partnerskabets pulje til formålet.',
  'Frivillige fra {org} har tilbudt at hjælpe med at komme i gang.',
  'Forslaget bygger på en idé fra en social- og sundhedsassistent, som har set noget lignende i en nabokommune.',
  'Borgerne har selv efterspurgt flere fællesskaber i hverdagen, især om eftermiddagen.',
  'Skolens elever i indskolingen har været på besøg på plejecentret og vil gerne komme igen.',
  'Det er endnu uklart, hvem der ejer opgaven, når projektperioden slutter.',
  'Vedlagt er en kort opsamling fra workshoppen med {n} deltagere.',
  'Konsulenten har samlet erfaringerne i et notat på to sider, som er sendt ud før mødet.',
  'Ledelsen på {place} bakker op, men ønsker en drøftelse af ressourcerne.',
  'Spørgsmålet er, om {rule} er et lovkrav, en retningslinje eller en vane, vi selv har skabt.',
  'Flere pårørende har givet udtryk for, at de gerne vil bidrage, hvis opgaverne er tydelige.',
];

export const DISCUSSION = [
  'Der var enighed om, at {topic} skal prioriteres i det kommende halvår.',
  '{person} fremhævede, at borgernes egne ønsker skal være udgangspunktet.',
  'Flere pegede på, at tilliden mellem medarbejdere og ledere er afgørende for, at det lykkes.',
  'Det blev drøftet, om reglen er et lovkrav eller en egen fortolkning; det undersøges nærmere.',
  'FOA bakkede op om forslaget, men ønskede, at arbejdsmiljøet følges tæt.',
  'Der blev udtrykt bekymring for, om de frivillige kommer til at erstatte fast personale.',
  'Erfaringerne fra {place} viser, at små prøvehandlinger giver mod på mere.',
  'Mødet drøftede, hvordan effekten kan måles uden ekstra dokumentation.',
  '{person} fortalte om en borger, der efter tre uger selv havde taget initiativ til en gåtur for naboerne.',
  'Det blev understreget, at fejl skal kunne deles uden at nogen får skylden.',
];

export const DECISION = [
  'Det blev besluttet at igangsætte en prøvehandling på {place} i otte uger.',
  'Forslaget blev godkendt med de bemærkninger, der kom frem på mødet.',
  'Punktet udsættes til næste møde, hvor {person} fremlægger et oplæg.',
  'Reglen om {rule} fjernes fra 1. {month}.',
  'Partnerskabet bevilger {n}.000 kr. til indkøb af materialer.',
  'Arbejdsgruppen får mandat til at arbejde videre og melde tilbage inden sommerferien.',
  'Reglen forklares og bevares; begrundelsen skrives ind i håndbogen.',
  'Orienteringen blev taget til efterretning.',
];

export const ACTION_TEXTS = [
  'Sende en opsamling til alle deltagere.',
  'Aftale møde med {org} om {topic}.',
  'Undersøge om {rule} er et lovkrav.',
  'Finde tre frivillige til {place}.',
  'Skrive en kort borgerhistorie fra {place}.',
  'Booke lokale til næste workshop.',
  'Lave udkast til evaluering af {topic}.',
  'Indkøbe materialer til haveprojektet på {place}.',
  'Informere medarbejderne på {place} om beslutningen.',
  'Tage kontakt til {org} om et samarbejde.',
  'Udarbejde budget for næste år.',
  'Opdatere aftalen om tavshedspligt for frivillige.',
  'Følge op på {topic} med lederne på {place}.',
];

export const AGENDA_TITLES: Record<'orientering' | 'droeftelse' | 'beslutning', string[]> = {
  orientering: ['Orientering om {topic}', 'Nyt fra {org}', 'Status på {topic}', 'Kort nyt fra {place}'],
  droeftelse: ['Drøftelse af {topic}', 'Erfaringer med {topic}', 'Forklar eller fjern: {rule}', 'Hvordan styrker vi {topic}?'],
  beslutning: ['Beslutning om {topic}', 'Godkendelse af plan for {topic}', 'Forklar eller fjern: {rule} – beslutning', 'Midler til {topic}'],
};

export const MEETING_TITLES: Record<string, string[]> = {
  partnerskabsmoede: ['Partnerskabsmøde om {topic}'],
  arbejdsgruppe: ['Arbejdsgruppemøde om {topic}', 'Arbejdsgruppen for {topic}'],
  workshop: ['Workshop om {topic}', 'Idéværksted: {topic}'],
  dialogmoede: ['Dialogmøde med borgere om {topic}', 'Borgermøde i {town} om {topic}'],
  andet: ['Temadag om {topic}', 'Netværksmøde om {topic}', 'Evalueringsmøde om {topic}'],
};

export const INITIATIVE_TITLES = [
  'Fællesspisning for ældre og børn i {town}', 'Besøgsvenner fra skolen på {place}', 'Gåklub fra {place}', 'Haven som mødested i {town}',
  'Læsevenner mellem plejecenter og børnehave', 'Cykling uden alder i {town}', 'Morgensang på tværs af generationer', 'Fritidsjob for unge i ældreplejen',
  'Caféen drevet af frivillige på {place}', 'Mindre dokumentation, mere nærvær på {place}', 'Borgerne planlægger aktiviteterne selv', 'Digital hjælp til ældre på biblioteket',
];
export const TRIAL_TITLES = [
  'Prøvehandling: uden {rule} i otte uger', 'Prøvehandling: fælles morgenmad på {place}', 'Prøvehandling: medarbejderne vælger selv aktiviteterne',
  'Prøvehandling: ét møde i stedet for tre', 'Prøvehandling: borgerne dækker selv bord',
];
export const MOVEMENTS = [
  'Fra at modtage hjælp til at hjælpe andre.', 'Fra ensomhed til fællesskab i lokalsamfundet.', 'Fra passiv beboer til medskaber af hverdagen.',
  'Fra enkeltstående tilbud til varige netværk.', 'Fra dokumentation til tid med borgeren.',
];
export const CONTRIBUTIONS = ['Lokaler og kaffe', 'Frivillige hænder', 'Viden om målgruppen', 'Kørsel', 'Økonomisk støtte', 'Faglig sparring', 'Materialer til værkstedet'];
export const TEAMS = ['Teamet i hjemmeplejen', 'Køkkenet på plejecentret', 'Vuggestuegruppen', 'Aftenvagten', 'Aktivitetsteamet', 'Lærerteamet i indskolingen'];
export const INDICATORS: Array<[string, string]> = [
  ['Borgere, der deltager ugentligt', 'antal'], ['Oplevet ensomhed', 'skala 1–5'], ['Tid brugt på dokumentation', 'timer pr. uge'],
  ['Aktive frivillige', 'antal'], ['Medarbejdertrivsel', 'skala 1–10'], ['Besøg fra skolen', 'antal pr. måned'],
];
export const STORIES = [
  'En beboer på 87 år, der før sad alene på sin stue, kommer nu hver tirsdag i caféen og har selv taget sin nabo med.',
  'En dreng fra 4. klasse læser højt for en beboer hver uge; de har aftalt at fortsætte efter projektet.',
  'En borger med demens genkendte en sang fra sin barndom og sang med for første gang i måneder.',
  'En pårørende fortæller, at hendes mor nu glæder sig til fællesspisningen og taler om den hele ugen.',
  'En ung medarbejder i fritidsjob overvejer nu at blive social- og sundhedsassistent.',
];
export const LEARNING_TITLES = [
  'Små prøvehandlinger giver mod på mere', 'Frivillige skal have en fast kontaktperson', 'Borgerne kom ikke, da vi planlagde for dem',
  'Ledelsesopbakning gjorde forskellen', 'For mange mål på én gang', 'Fællesspisning virker bedst om eftermiddagen', 'Det tog længere tid end ventet at finde frivillige',
];
export const DILEMMAS: Array<[string, string, string]> = [
  ['Menneskeblik eller økonomiblik', 'Menneskeblik', 'Økonomiblik'], ['Frivillige som supplement eller erstatning', 'Supplement', 'Erstatning'],
  ['Tillid eller kontrol', 'Tillid', 'Kontrol'], ['Ens tilbud eller lokale løsninger', 'Ensartethed', 'Lokal frihed'],
  ['Hurtige resultater eller varig forankring', 'Hurtige resultater', 'Varig forankring'],
];
