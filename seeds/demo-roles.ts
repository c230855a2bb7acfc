// Role evidence (rolleobservationer) for all eight roles over the demo year: what the invented
// staff did, noted by an invented colleague or leader. Never about the real representatives, and
// never naming a citizen. Idempotent by role, person or team, and note.
import type { Db } from '../server/db/database';
import { recordEvidence } from '../server/roles/service';
import { Invalid } from '../server/web/errors';
import { copenhagenDay } from '../server/web/format';
import { dayAt, idsByTitle, momentAt, momentOn, organisationsByName, SYSTEM_ACTOR, type Calendar, type Lookup } from './demo-support';

interface DemoEvidence {
  role: string;
  person: string | null;
  team?: string;
  organisation: string;
  initiative?: string;
  /** Seen at this meeting: the note takes the meeting's date. */
  meeting?: string;
  daysAgo: number;
  note: string;
  recordedBy: string;
  /** The text of the role's seeded progress marker the note shows (none if the konsulent has changed it). */
  marker?: string;
}

const PLEJECENTER = 'Plejecentret i Uldum';
const SKOLE = 'Skolen i Uldum';
const DAGINSTITUTION = 'Daginstitutionen i Uldum';

export const DEMO_EVIDENCE: DemoEvidence[] = [
  // Medarbejder med vilje
  { role: 'ressourcedetektor', person: 'Mette Holm', organisation: PLEJECENTER, initiative: 'Brunch i plejeboligen', meeting: 'Arbejdsgruppe: samskabelse på plejecentret', daysAgo: 14, note: 'Fortalte på arbejdsgruppemødet, at en beboers datter gerne vil hjælpe med brunchen om lørdagen, og aftalte det med beboeren selv.', recordedBy: 'Birgit Sørensen', marker: 'Nævner ressourcer hos pårørende, naboer eller frivillige, når en opgave drøftes.' },
  { role: 'ressourcedetektor', person: 'Sofie Dam', organisation: DAGINSTITUTION, initiative: 'Ældre bager, børn synger', daysAgo: 310, note: 'Opdagede, at flere bedsteforældre i byen gerne vil synge med børnene, og tog selv kontakt til plejecentret.', recordedBy: 'Pia Winther', marker: 'Tager kontakt til en forening eller et lokalt tilbud, som kan bidrage.' },
  { role: 'ressourcedetektor', person: 'Ahmad Rahimi', organisation: PLEJECENTER, initiative: 'Første job: unge fra udskolingen på plejecentret', daysAgo: 20, note: 'Opdagede, at en af de unge i fritidsjob spiller harmonika, og fik hende til at spille til eftermiddagskaffen.', recordedBy: 'Birgit Sørensen' },
  { role: 'medbygger', person: 'Mette Holm', organisation: PLEJECENTER, initiative: 'Brunch i plejeboligen', daysAgo: 245, note: 'Planlagde brunchen sammen med beboerne i stedet for at lægge planen for dem; tidspunktet blev flyttet efter deres ønske.', recordedBy: 'Birgit Sørensen', marker: 'Inddrager borgeren, før en løsning lægges fast.' },
  { role: 'medbygger', person: null, team: 'Aftenvagten på plejecentret', organisation: PLEJECENTER, initiative: 'Brunch i plejeboligen', daysAgo: 200, note: 'Aftenvagten fandt selv på en ny overlevering til nattevagten, så brunch-ordningen holder hele ugen.', recordedBy: 'Birgit Sørensen', marker: 'Prøver en fælles løsning af i det små og justerer den undervejs.' },
  { role: 'medbygger', person: 'Lars Mikkelsen', organisation: SKOLE, initiative: 'Bridge og skak i SFO med frivillige', daysAgo: 225, note: 'Byggede SFO-eftermiddagen op sammen med de frivillige og børnene: børnene valgte selv, hvem de ville spille med.', recordedBy: 'Henrik Lykke', marker: 'Laver aftaler, hvor borgeren og andre aktører har hver deres del af løsningen.' },
  { role: 'oversaetter', person: 'Lars Mikkelsen', organisation: SKOLE, initiative: 'Gåbus til skolen', daysAgo: 280, note: 'Forklarede på et forældremøde, hvad »gør sammen med« betyder i praksis: de ældste elever følger de yngste, og de voksne træder et skridt tilbage.', recordedBy: 'Henrik Lykke', marker: 'Tilpasser måden at fortælle på efter, hvem hun eller han taler med.' },
  { role: 'oversaetter', person: 'Ahmad Rahimi', organisation: PLEJECENTER, initiative: 'Pårørende gør sammen med', daysAgo: 45, note: 'Forklarede de pårørende, hvorfor vi spørger dem: det handler om beboerens hverdag og ikke om, at personalet mangler hænder.', recordedBy: 'Birgit Sørensen', marker: 'Taler et sprog, som borgeren forstår, frem for fagsprog og forkortelser.' },
  // Leder på kanten
  { role: 'udforsker', person: 'Birgit Sørensen', organisation: PLEJECENTER, initiative: 'Brunch i plejeboligen', daysAgo: 250, note: 'Sagde åbent til personalet, at hun ikke vidste, om brunchen ville virke, men at de ville finde ud af det sammen på otte uger.', recordedBy: 'Mette Holm', marker: 'Siger det højt, når der ikke findes et færdigt svar.' },
  { role: 'udforsker', person: 'Henrik Lykke', organisation: SKOLE, initiative: 'Frivillige i frugtordningen', meeting: 'Partnerskabsmøde: de første prøvehandlinger', daysAgo: 200, note: 'Fortalte på partnerskabsmødet, hvorfor frugtordningen ikke virkede, uden at lede efter skyldige, og foreslog selv at stoppe den.', recordedBy: 'Jens Bach', marker: 'Følger op på, hvad et forsøg lærte os, også når det ikke lykkedes.' },
  { role: 'initiativdyrker', person: 'Birgit Sørensen', organisation: PLEJECENTER, initiative: 'Brunch i plejeboligen', daysAgo: 255, note: 'Gav personalet lov til at prøve brunch i otte uger uden at kende udfaldet og holdt sig selv ude af detailplanlægningen.', recordedBy: 'Mette Holm', marker: 'Sætter et initiativ i gang uden at kende resultatet på forhånd.' },
  { role: 'initiativdyrker', person: 'Henrik Lykke', organisation: SKOLE, initiative: 'Gåbus til skolen', daysAgo: 285, note: 'Lod de ældste elever selv tegne ruterne og trådte et skridt tilbage, da forældrene ville tage over.', recordedBy: 'Lars Mikkelsen', marker: 'Bakker op om andres initiativer og træder et skridt tilbage.' },
  { role: 'meningsskaber', person: 'Pia Winther', organisation: DAGINSTITUTION, initiative: 'Ældre bager, børn synger', meeting: 'Dialogmøde med lokalsamfundet i Uldum', daysAgo: 45, note: 'Forklarede på dialogmødet, hvorfor bagedagene handler om mere end kage: børn og ældre får brug for hinanden.', recordedBy: 'Jens Bach', marker: 'Bruger konkrete historier fra praksis til at vise retningen.' },
  { role: 'meningsskaber', person: 'Birgit Sørensen', organisation: PLEJECENTER, initiative: 'Borgeren sætter målet – hverdagsrehabilitering', daysAgo: 95, note: 'Samlede teamet om, at hverdagsmålene er beboernes egne, og at det er hele teamets opgave at holde fast i dem.', recordedBy: 'Mette Holm', marker: 'Taler jævnligt om kerneopgaven og om, hvorfor arbejdet betyder noget.' },
  { role: 'netvaerkssmed', person: 'Birgit Sørensen', organisation: PLEJECENTER, initiative: 'Ældre bager, børn synger', daysAgo: 320, note: 'Koblede plejecentret og daginstitutionen, så de ældre og børnene mødes om bagning og sang hver anden uge.', recordedBy: 'Mette Holm', marker: 'Kobler to aktører, der ikke kendte hinanden, om en fælles opgave.' },
  { role: 'netvaerkssmed', person: 'Henrik Lykke', organisation: SKOLE, initiative: 'Bridge og skak i SFO med frivillige', daysAgo: 235, note: 'Fik byens skakklub og bridgeklub til at komme i SFO og gav dem en fast kontaktperson fra første dag.', recordedBy: 'Lars Mikkelsen', marker: 'Tager kontakt til en ny samarbejdspartner.' },
  { role: 'effektjaeger', person: 'Birgit Sørensen', organisation: PLEJECENTER, initiative: 'Brunch i plejeboligen', daysAgo: 190, note: 'Talte de urørte morgenmåltider hver uge og viste, at de faldt fra 18 til 7, mens vagtplanen kun flyttede en halv time.', recordedBy: 'Jens Bach', marker: 'Opfølgningen viser bevægelse hos borgerne, ikke kun aktivitet.' },
  { role: 'effektjaeger', person: 'Henrik Lykke', organisation: SKOLE, initiative: 'Gåbus til skolen', daysAgo: 105, note: 'Fulgte antallet af elever i gåbussen hver måned og brugte tallene, da skolebestyrelsen skulle overtage.', recordedBy: 'Lars Mikkelsen', marker: 'Følger op på aftalte leverancer på faste tidspunkter.' },
];

/** Records the notes that are missing; returns how many were recorded. */
export async function seedDemoRoleEvidence(db: Db, cal: Calendar, person: Lookup): Promise<number> {
  const organisation = await organisationsByName(db);
  let created = 0;
  for (const e of DEMO_EVIDENCE) {
    const personId = e.person ? person(e.person) : null;
    let existing = db.selectFrom('role_evidence').select('id').where('role_key', '=', e.role).where('note', '=', e.note);
    existing = personId ? existing.where('person_id', '=', personId) : existing.where('team', '=', e.team ?? '');
    if (await existing.executeTakeFirst()) continue;
    const [initiativeId] = await idsByTitle(db, 'initiatives', e.initiative ? [e.initiative] : []);
    const meeting = e.meeting ? await db.selectFrom('meetings').select(['id', 'starts_at']).where('title', '=', e.meeting).executeTakeFirst() : undefined;
    const date = meeting ? copenhagenDay(new Date(meeting.starts_at)) : dayAt(cal, -e.daysAgo);
    const marker = e.marker
      ? await db.selectFrom('role_markers').select('id').where('role_key', '=', e.role).where('text', '=', e.marker).where('retired', '=', 0).executeTakeFirst()
      : undefined;
    try {
      await recordEvidence(
        db,
        {
          role_key: e.role,
          date,
          person_id: personId,
          team: e.team ?? '',
          organisation_id: organisation(e.organisation),
          initiative_id: initiativeId ?? null,
          meeting_id: meeting?.id ?? null,
          marker_id: marker?.id ?? null,
          note: e.note,
        },
        person(e.recordedBy),
        SYSTEM_ACTOR,
        meeting ? momentOn(cal, date, '23:00') : momentAt(cal, -e.daysAgo, '16:00'),
      );
      created++;
    } catch (err) {
      if (!(err instanceof Invalid)) throw err; // e.g. the role has been retired: leave the note out
    }
  }
  return created;
}
