// A fixed data set for the status report of 1 August – 31 October 2026: for every section some
// records inside the period and some just outside it (including Copenhagen-midnight edges), built
// through the services. The expected rows are written out by hand.
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { updateAction } from '../../server/meetings/follow-up';
import { addCitizenStory, addEffectMeasure, addMeasurement, changeStatus } from '../../server/initiatives/service';
import { cancelMeeting, markHeld, recordAttendance, saveEvaluation } from '../../server/meetings/service';
import type { Attendance } from '../../server/db/schema';
import { aMeeting, anAction, anActionForm, anAgendaItem, aPerson, organisationId, personId } from '../helpers/factories';
import { aFefItem, aLearning } from '../helpers/register-factories';
import { anInitiative, SYSTEM } from '../initiatives/helpers';
import { approveEffectUpdate, returnEffectUpdate, saveEffectUpdate } from '../../server/initiatives/effect-updates';
import { anEvidence } from '../roles/helpers';

export const FROM = '2026-08-01';
export const TO = '2026-10-31';
export const QUERY = `from=${FROM}&to=${TO}`;

export const MSC_STORY = 'En beboer går nu selv til postkassen hver morgen og hilser på naboerne.';
export const MSC_REASON = 'Den viser, at gåturen giver mod til at klare mere selv.';

/** User text that must reach every format as the same visible text. */
export const ESCAPE = '<script>alert(1)</script> & "Æblegrød" *fed*';

export const SECTIONS = [
  'Perioden i tal',
  'Møder og beslutninger',
  'Initiativer og prøvehandlinger',
  'Effekt',
  'Erfaringer',
  'Mest betydningsfulde forandring',
  'Rollerne i praksis',
  'Forklar eller fjern',
  'Opfølgningspunkter',
  'Fremmøde pr. part',
] as const;

const at = (iso: string) => new Date(iso);

export async function reportData(db: Db): Promise<void> {
  const p = {
    hanne: await personId(db, 'Hanne M. Petersen'),
    per: await personId(db, 'Per Lange'),
    tom: await personId(db, 'Tom Bjerregaard'),
    rene: await personId(db, 'René G. Nielsen'),
    jesper: await personId(db, 'Jesper Thyrring Møller'),
    // Not a party of the partnership: attendance is not counted per party.
    nurse: await aPerson(db, { name: 'Sygeplejerske Åse', organisation_id: await organisationId(db, 'Plejecentret i Uldum') }),
  };

  // ---- meetings ----
  const september = await aMeeting(db, {
    title: 'Partnerskabsmøde i september',
    day: '2026-09-15',
    participant_ids: [p.hanne, p.per, p.tom, p.rene, p.jesper, p.nurse],
  });
  await anAgendaItem(db, september, { kind: 'beslutning', title: 'Frivillige i frugtordningen', decision: 'Vi afprøver ordningen i otte uger.' });
  await anAgendaItem(db, september, { kind: 'beslutning', title: 'Særlige tegn', decision: ESCAPE });
  await anAgendaItem(db, september, { kind: 'droeftelse', title: 'Kun drøftet', discussion: 'Ingen beslutning her.' });
  await attend(db, september, [
    [p.hanne, 'deltog'],
    [p.per, 'udeblev'],
    [p.rene, 'afbud'],
    [p.jesper, 'deltog'],
    [p.nurse, 'deltog'],
  ]); // Tom stays "inviteret": not registered
  await markHeld(db, september, SYSTEM_ACTOR, at('2026-09-15T14:00:00Z'));
  await saveEvaluation(db, september, { evaluation_value: 4, evaluation_led_to_action: true, evaluation_note: '' }, SYSTEM_ACTOR, at('2026-09-15T14:00:00Z'));

  // 23:00 on the period's last day in Copenhagen (22:00 UTC, winter time): inside.
  const late = await aMeeting(db, { title: 'Sent møde', kind: 'arbejdsgruppe', day: '2026-10-31', start_time: '23:00', end_time: '23:45', participant_ids: [p.hanne, p.rene] });
  await anAgendaItem(db, late, { kind: 'beslutning', title: 'Kalender', decision: 'Sen beslutning om kalenderen.' });
  await attend(db, late, [
    [p.hanne, 'deltog'],
    [p.rene, 'deltog'],
  ]);
  await markHeld(db, late, SYSTEM_ACTOR, at('2026-10-31T23:00:00Z'));

  // 00:30 on 1 November in Copenhagen is still 31 October in UTC: outside.
  const after = await aMeeting(db, { title: 'Møde efter perioden', kind: 'arbejdsgruppe', day: '2026-11-01', start_time: '00:30', end_time: '01:30', participant_ids: [p.hanne] });
  await anAgendaItem(db, after, { kind: 'beslutning', title: 'Efter', decision: 'Beslutning efter perioden.' });
  await attend(db, after, [[p.hanne, 'afbud']]);
  await markHeld(db, after, SYSTEM_ACTOR, at('2026-11-01T01:00:00Z'));

  const before = await aMeeting(db, { title: 'Møde før perioden', kind: 'arbejdsgruppe', day: '2026-07-31', participant_ids: [p.hanne] });
  await anAgendaItem(db, before, { kind: 'beslutning', title: 'Før', decision: 'Beslutning før perioden.' });
  await attend(db, before, [[p.hanne, 'afbud']]);
  await markHeld(db, before, SYSTEM_ACTOR, at('2026-07-31T14:00:00Z'));

  const cancelled = await aMeeting(db, { title: 'Aflyst workshop', kind: 'workshop', day: '2026-09-20', participant_ids: [p.hanne] });
  await anAgendaItem(db, cancelled, { kind: 'beslutning', title: 'Aflyst', decision: 'Beslutning på et aflyst møde.' });
  await attend(db, cancelled, [[p.hanne, 'afbud']]);
  await cancelMeeting(db, cancelled, 'For få tilmeldte', SYSTEM_ACTOR, at('2026-09-18T10:00:00Z'));

  const notHeld = await aMeeting(db, { title: 'Planlagt men ikke afholdt', kind: 'arbejdsgruppe', day: '2026-10-10' });
  await anAgendaItem(db, notHeld, { kind: 'beslutning', title: 'Udkast', decision: 'Beslutning på et møde, der ikke er afholdt.' });

  // ---- initiatives and trial actions: status changes ----
  const walk = await anInitiative(db, { title: ESCAPE });
  await changeStatus(db, walk, 'planlagt', 'Plan godkendt', SYSTEM, at('2026-08-15T10:00:00Z'));
  await changeStatus(db, walk, 'afproeves', 'Start på plejecentret', SYSTEM, at('2026-10-01T10:00:00Z'));
  await changeStatus(db, walk, 'evalueres', 'Evaluering efter perioden', SYSTEM, at('2026-11-05T10:00:00Z'));
  const trial = await anInitiative(db, { title: 'Fri for dobbeltdokumentation', kind: 'proevehandling', trial_start: '2026-09-01' });
  await changeStatus(db, trial, 'afproeves', 'Frihed fra dobbeltregistrering', SYSTEM, at('2026-09-01T08:00:00Z'));
  const old = await anInitiative(db, { title: 'Gammelt initiativ' });
  await changeStatus(db, old, 'planlagt', 'Ændret før perioden', SYSTEM, at('2026-07-15T10:00:00Z'));
  const edge = await anInitiative(db, { title: 'Grænsetilfælde' });
  await changeStatus(db, edge, 'planlagt', 'Lige før midnat', SYSTEM, at('2026-10-31T22:30:00Z')); // 23:30 in Copenhagen
  await changeStatus(db, edge, 'pause', 'Lige efter midnat', SYSTEM, at('2026-10-31T23:30:00Z')); // 00:30 on 1 November

  // ---- effects and learnings ----
  const measure = await addEffectMeasure(db, walk, { indicator: 'Beboere der selv går til postkassen', unit: 'borgere', baseline: 2, target: 10 }, SYSTEM, at('2026-08-01T10:00:00Z'));
  await addMeasurement(db, walk, measure, { date: '2026-07-20', value: 3, note: '' }, SYSTEM, at('2026-07-20T10:00:00Z'));
  await addMeasurement(db, walk, measure, { date: '2026-09-15', value: 4.5, note: '' }, SYSTEM, at('2026-09-15T10:00:00Z'));
  await addMeasurement(db, walk, measure, { date: '2026-11-10', value: 7, note: '' }, SYSTEM, at('2026-11-10T10:00:00Z'));
  // Effektopfølgning: the quarterly measure's third quarter approved (the fourth is current, not missing);
  // a monthly one with September approved, October returned (so missing too) and November after the period.
  const rep = { actor: SYSTEM_ACTOR, personId: p.per, role: 'repraesentant' };
  const followUp = async (m: number, period: string, value: number, end: 'approve' | 'return' | 'send', narrative = '') => {
    const key = { initiativeId: walk, measureId: m, period, today: '2026-11-24' };
    await saveEffectUpdate(db, key, { value, narrative, evidence_url: '' }, true, { actor: SYSTEM_ACTOR, personId: p.hanne }, at('2026-11-02T10:00:00Z'));
    if (end === 'approve') await approveEffectUpdate(db, key, rep, at('2026-11-03T10:00:00Z'));
    if (end === 'return') await returnEffectUpdate(db, key, 'Tallet mangler kilde', rep, at('2026-11-03T10:00:00Z'));
  };
  await followUp(measure, '2026-Q3', 5, 'approve', 'Fem beboere går selv');
  const coffee = await addEffectMeasure(db, walk, { indicator: 'Kaffemøder', unit: '', baseline: null, target: 4, period_kind: 'maaned' }, SYSTEM, at('2026-09-10T10:00:00Z'));
  await followUp(coffee, '2026-09', 3, 'approve');
  await followUp(coffee, '2026-10', 6, 'return');
  await followUp(coffee, '2026-11', 99, 'approve');
  await aLearning(db, { title: 'Gåturen gav mere selvhjulpenhed', date: '2026-09-20', outcome: 'virkede', what_next: 'Udvid til hele plejecentret' });
  await aLearning(db, { title: 'Frugtordningen kom for sent i gang', date: '2026-10-31', outcome: 'virkede_ikke' });
  await aLearning(db, { title: 'Erfaring efter perioden', date: '2026-11-01', outcome: 'delvist' });
  await aLearning(db, { title: 'Erfaring før perioden', date: '2026-07-31', outcome: 'delvist' });

  // ---- most significant change: chosen in September; a closed item's and a later meeting's choices stay out ----
  const story = await addCitizenStory(db, walk, { date: '2026-09-10', kerneopgave_key: null, story: MSC_STORY }, SYSTEM, at('2026-09-10T10:00:00Z'));
  const other = await addCitizenStory(db, trial, { date: '2026-09-12', kerneopgave_key: null, story: 'En historie valgt på et lukket punkt.' }, SYSTEM, at('2026-09-12T10:00:00Z'));
  await anAgendaItem(db, september, { kind: 'beslutning', title: 'Månedens historie', msc_story_id: story, msc_reason: MSC_REASON });
  await anAgendaItem(db, september, { kind: 'beslutning', title: 'Lukket valg', closed: true, closed_reason: 'personsag', msc_story_id: other, msc_reason: 'Valgt i et lukket punkt.' });
  await anAgendaItem(db, after, { kind: 'beslutning', title: 'Senere historie', msc_story_id: other, msc_reason: 'Valgt efter perioden.' });

  // ---- role evidence ----
  for (const [role_key, date] of [
    ['ressourcedetektor', '2026-07-31'],
    ['ressourcedetektor', '2026-08-01'],
    ['ressourcedetektor', '2026-10-31'],
    ['ressourcedetektor', '2026-11-01'],
    ['medbygger', '2026-09-09'],
    ['netvaerkssmed', '2026-10-10'],
    ['netvaerkssmed', '2026-10-11'],
  ]) {
    await anEvidence(db, { role_key, date });
  }

  // ---- forklar eller fjern ----
  const inPeriod = at('2026-09-10T10:00:00Z');
  await aFefItem(db, { title: 'Dobbelt dokumentation i omsorgsjournalen', decision: 'fjernet', hours_saved_per_month: 4.5, decided_meeting_id: september }, inPeriod);
  await aFefItem(db, { title: 'Ugentlig skemakontrol', decision: 'fjernet', hours_saved_per_month: 2, decided_meeting_id: late }, inPeriod);
  await aFefItem(db, { title: 'Tidsregistrering på minutter', decision: 'aendret', hours_saved_per_month: 1.25, decided_meeting_id: september }, inPeriod);
  await aFefItem(db, { title: 'Hygiejneregistrering', decision: 'forklaret_bevares', rationale: 'Lovkrav om hygiejne.', decided_meeting_id: september }, inPeriod);
  await aFefItem(db, { title: 'Ændret uden møde', decision: 'aendret', hours_saved_per_month: 3 }, inPeriod);
  await aFefItem(db, { title: 'Besluttet efter perioden', decision: 'fjernet', hours_saved_per_month: 10, decided_meeting_id: after }, inPeriod);
  await aFefItem(db, { title: 'Regel der afventer', decision: 'afventer', hours_saved_per_month: 7 }, inPeriod);
  await aFefItem(db, { title: 'Fjernet før perioden', decision: 'fjernet', hours_saved_per_month: 8 }, at('2026-07-01T10:00:00Z'));

  // ---- follow-up actions (period ends 31.10.2026; today is 24.11.2026) ----
  const action = async (text: string, owner_id: number | null, due_date: string | null, created: string, status: 'aaben' | 'i_gang' = 'aaben', closed?: string) => {
    const id = await anAction(db, september, { text, owner_id, due_date, status }, at(created));
    if (closed) await updateAction(db, id, anActionForm({ text, owner_id, due_date, status: 'udfoert' }), SYSTEM_ACTOR, at(closed));
  };
  await action('Send invitation til frivillige', p.hanne, '2026-10-15', '2026-09-15T15:00:00Z'); // overdue at the end
  await action('Book lokale', p.rene, '2026-11-10', '2026-09-15T15:00:00Z'); // overdue today, not at the end
  await action('Skriv evaluering', p.tom, '2026-12-01', '2026-10-01T10:00:00Z', 'i_gang');
  await action('Uden frist', null, null, '2026-08-05T10:00:00Z');
  await action('Ryd op i mappen', p.per, '2026-09-30', '2026-09-15T15:00:00Z', 'aaben', '2026-10-20T10:00:00Z'); // closed in the period
  await action('Færdig efter perioden', p.hanne, '2026-10-20', '2026-09-15T15:00:00Z', 'aaben', '2026-11-05T10:00:00Z'); // open and overdue at the end
  await action('Oprettet efter perioden', p.per, '2026-11-20', '2026-11-10T10:00:00Z'); // did not exist at the end
}

async function attend(db: Db, meetingId: number, rows: Array<[number, Attendance]>) {
  await recordAttendance(db, meetingId, new Map(rows), SYSTEM_ACTOR, new Date('2026-09-01T10:00:00Z'));
}

/** What the report of 1.8.–31.10.2026 must hold, section by section: table rows, then other lines. */
export const EXPECTED = {
  meetings: {
    summary: '2 møder afholdt i perioden.',
    rows: [
      ['tirsdag 15. september 2026', 'Partnerskabsmøde i september', `Frivillige i frugtordningen: Vi afprøver ordningen i otte uger.\nSærlige tegn: ${ESCAPE}`, '4'],
      ['lørdag 31. oktober 2026', 'Sent møde', 'Kalender: Sen beslutning om kalenderen.', ''],
    ],
    absent: ['Møde efter perioden', 'Beslutning efter perioden.', 'Møde før perioden', 'Beslutning før perioden.', 'Aflyst workshop', 'Beslutning på et aflyst møde.', 'Planlagt men ikke afholdt', 'Ingen beslutning her.', 'Kun drøftet'],
  },
  initiatives: {
    rows: [
      ['15.08.2026 12.00', ESCAPE, 'Idé → Planlagt', 'Plan godkendt'],
      ['01.09.2026 10.00', 'Fri for dobbeltdokumentation (prøvehandling)', 'Idé → Afprøves', 'Frihed fra dobbeltregistrering'],
      ['01.10.2026 12.00', ESCAPE, 'Planlagt → Afprøves', 'Start på plejecentret'],
      ['31.10.2026 23.30', 'Grænsetilfælde', 'Idé → Planlagt', 'Lige før midnat'],
    ],
    absent: ['Evaluering efter perioden', 'Gammelt initiativ', 'Ændret før perioden', 'Lige efter midnat', 'Oprettet'],
  },
  effects: {
    rows: [[ESCAPE, 'Beboere der selv går til postkassen (borgere)', '15.09.2026', '4,5', '2 → 10']],
    /** The table "Effektopfølgning pr. periode": the periods of the report's range up to today. */
    followUp: [
      [ESCAPE, 'Beboere der selv går til postkassen (borgere)', '3. kvartal 2026', 'Godkendt', '5 – Fem beboere går selv', '10', ''],
      [ESCAPE, 'Beboere der selv går til postkassen (borgere)', '4. kvartal 2026', 'Ikke skrevet', '', '10', ''],
      [ESCAPE, 'Kaffemøder', 'september 2026', 'Godkendt', '3', '4', ''],
      [ESCAPE, 'Kaffemøder', 'oktober 2026', 'Returneret', '', '4', 'returneret, mangler'],
    ],
    learnings: ['20.09.2026 · Gåturen gav mere selvhjulpenhed (Virkede) – næste skridt: Udvid til hele plejecentret', '31.10.2026 · Frugtordningen kom for sent i gang (Virkede ikke)'],
    absent: ['20.07.2026', '10.11.2026', 'Erfaring efter perioden', 'Erfaring før perioden', 'november 2026', '99'],
  },
  msc: {
    rows: [['tirsdag 15. september 2026\nPartnerskabsmøde i september', `${MSC_STORY}\n(10.09.2026)`, ESCAPE, MSC_REASON]],
    absent: ['En historie valgt på et lukket punkt.', 'Valgt i et lukket punkt.', 'Valgt efter perioden.'],
  },
  roles: {
    rows: [
      ['Ressourcedetektor', 'Medarbejder med vilje', '2'],
      ['Medbygger', 'Medarbejder med vilje', '1'],
      ['Oversætter', 'Medarbejder med vilje', '0'],
      ['Udforsker', 'Leder på kanten', '0'],
      ['Initiativdyrker', 'Leder på kanten', '0'],
      ['Meningsskaber', 'Leder på kanten', '0'],
      ['Netværkssmed', 'Leder på kanten', '2'],
      ['Effektjæger', 'Leder på kanten', '0'],
    ],
  },
  fef: {
    rows: [
      ['Tidsregistrering på minutter', 'Ændret', '1,25', 'Partnerskabsmøde i september'],
      ['Ændret uden møde', 'Ændret', '3', ''],
      ['Dobbelt dokumentation i omsorgsjournalen', 'Fjernet', '4,5', 'Partnerskabsmøde i september'],
      ['Ugentlig skemakontrol', 'Fjernet', '2', 'Sent møde'],
      ['Hygiejneregistrering', 'Forklaret og bevares', '', 'Partnerskabsmøde i september'],
    ],
    totals: ['Ændret: 4,25 timer pr. måned i alt', 'Fjernet: 6,5 timer pr. måned i alt', 'Forklaret og bevares: 0 timer pr. måned i alt'],
    absent: ['Besluttet efter perioden', 'Regel der afventer', 'Fjernet før perioden'],
  },
  actions: {
    summary: '5 åbne opfølgningspunkter ved periodens slut, heraf 2 overskredne.',
    rows: [
      ['Send invitation til frivillige', 'Hanne M. Petersen', '15.10.2026 (overskredet)', 'Åben'],
      ['Færdig efter perioden', 'Hanne M. Petersen', '20.10.2026 (overskredet)', 'Udført 05.11.2026 (efter perioden)'],
      ['Book lokale', 'René G. Nielsen', '10.11.2026', 'Åben'],
      ['Skriv evaluering', 'Tom Bjerregaard', '01.12.2026', 'I gang'],
      ['Uden frist', '', '', 'Åben'],
    ],
    absent: ['Ryd op i mappen', 'Oprettet efter perioden'],
  },
  attendance: {
    columns: ['Part', 'Deltog', 'Afbud', 'Udeblev', 'Ikke registreret'],
    rows: [
      ['FOA', '2', '0', '1', '1'],
      ['Hedensted Kommune', '2', '1', '0', '0'],
    ],
  },
};
