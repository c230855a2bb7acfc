// The status report for a period, as one ReportDocument that the page, the PDF and the DOCX
// render: meetings and decisions, initiatives and trial actions with status changes, effects
// and learnings, the stories chosen as most significant, role evidence per role, FeF decisions
// and hours saved, open and overdue actions, attendance per party.
import { groupBy } from '../web/collections';
import { listPartnerships as partnershipsOf } from '../partnerships/service';
import { chosenStories } from '../msc/service';
import type { Db } from '../db/database';
import type { Block, DocumentModel } from '../documents/model';
import { EFFECT_UPDATE_STATUS_LABELS, INITIATIVE_STATUS_LABELS } from '../initiatives/labels';
import { effectFollowUpIn } from '../initiatives/service';
import { ACTION_STATUS_LABELS, ATTENDANCE_LABELS } from '../web/labels';
import { copenhagenDay, formatCount, formatDay, formatIsoDay, formatShortDateTime } from '../web/format';
import type { Attendance, FefDecision, LearningOutcome } from '../db/schema';
import {
  attendanceByParty,
  countOpenActions,
  decisionsOf,
  fefDecisions,
  instantBounds,
  learningsIn,
  measurementsIn,
  meetingsHeld,
  openActionsAt,
  roleEvidenceCounts,
  statusChanges,
  type Period,
} from './queries';

const OUTCOME_LABELS: Record<LearningOutcome, string> = { virkede: 'Virkede', delvist: 'Virkede delvist', virkede_ikke: 'Virkede ikke' };
const FEF_LABELS: Record<FefDecision, string> = { afventer: 'Afventer', forklaret_bevares: 'Forklaret og bevares', aendret: 'Ændret', fjernet: 'Fjernet' };
const numberFormatter = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
const number = (n: number | null) => (n === null ? '' : numberFormatter.format(n));
const cols = (...c: Array<[string, number]>) => c.map(([title, width]) => ({ title, width }));

export interface StatusReport {
  document: DocumentModel;
  attendance: Array<{ party: string; counts: Record<Attendance, number> }>;
  roleCounts: Array<{ name: string; n: number }>;
}

export async function buildStatusReport(db: Db, period: Period, at: Date): Promise<StatusReport> {
  const [meetings, changes, measurements, learnings, roles, fef, open, counts, attendance, chosen, followUp] = await Promise.all([
    meetingsHeld(db, period),
    statusChanges(db, period),
    measurementsIn(db, period),
    learningsIn(db, period),
    roleEvidenceCounts(db, period),
    fefDecisions(db, period),
    openActionsAt(db, period.to),
    countOpenActions(db, period.to),
    attendanceByParty(db, period),
    // The report is shared beyond the partnership: a choice made in a closed item stays out.
    chosenStories(db, { withClosed: false, heldBetween: instantBounds(period) }),
    effectFollowUpIn(db, period, copenhagenDay(at)),
  ]);
  const decisions = await decisionsOf(db, meetings.map((m) => m.id));
  const decisionsByMeeting = groupBy(decisions, (d) => d.meeting_id);

  const parties = [...new Set(attendance.map((a) => a.name))];
  const partyAttendance = parties.map((party) => {
    const c: Record<Attendance, number> = { inviteret: 0, deltog: 0, afbud: 0, udeblev: 0 };
    for (const a of attendance.filter((x) => x.name === party)) c[a.attendance] = Number(a.n);
    return { party, counts: c };
  });
  const fefHours = new Map<string, number>();
  for (const f of fef) fefHours.set(f.decision, (fefHours.get(f.decision) ?? 0) + (f.hours_saved_per_month ?? 0));

  const partnershipNames = (await partnershipsOf(db)).map((p) => p.name);
  const hoursSaved = [...fefHours.values()].reduce((a, b) => a + b, 0);
  const evidenceTotal = roles.reduce((n, r) => n + Number(r.n), 0);
  const subtitle = `Periode: ${formatIsoDay(period.from)}–${formatIsoDay(period.to)} · dannet ${formatShortDateTime(at)}`;
  const sections: Array<{ heading: string; blocks: Block[] }> = [
      {
        heading: 'Møder og beslutninger',
        blocks: meetings.length
          ? [
              { kind: 'paragraph', text: `${formatCount(meetings.length, 'møde', 'møder')} afholdt i perioden.` },
              {
                kind: 'table',
                caption: 'Afholdte møder',
                columns: cols(['Dato', 14], ['Møde', 28], ['Beslutninger', 46], ['Værdi (1–5)', 12]),
                rows: meetings.map((m) => [
                  formatDay(m.starts_at),
                  m.title,
                  (decisionsByMeeting.get(m.id) ?? [])
                    .map((d) => `${d.title}: ${d.decision}`)
                    .join('\n') || 'Ingen beslutninger',
                  m.evaluation_value ? String(m.evaluation_value) : '',
                ]),
              },
            ]
          : [{ kind: 'paragraph', text: 'Ingen møder afholdt i perioden.' }],
      },
      {
        heading: 'Initiativer og prøvehandlinger',
        blocks: changes.length
          ? [
              {
                kind: 'table',
                caption: 'Statusændringer',
                columns: cols(['Dato', 16], ['Initiativ', 30], ['Ændring', 22], ['Begrundelse', 32]),
                rows: changes.map((c) => [
                  formatShortDateTime(c.at),
                  c.kind === 'proevehandling' ? `${c.title} (prøvehandling)` : c.title,
                  `${c.from_status ? INITIATIVE_STATUS_LABELS[c.from_status] : ''} → ${INITIATIVE_STATUS_LABELS[c.to_status]}`,
                  c.reason,
                ]),
              },
            ]
          : [{ kind: 'paragraph', text: 'Ingen statusændringer i perioden.' }],
      },
      {
        heading: 'Effekt',
        blocks: [
          measurements.length
            ? {
                kind: 'table',
                caption: 'Målinger i perioden',
                columns: cols(['Initiativ', 26], ['Indikator', 26], ['Dato', 14], ['Værdi', 12], ['Udgangspunkt → mål', 22]),
                rows: measurements.map((m) => [m.initiative_title, m.unit ? `${m.indicator} (${m.unit})` : m.indicator, formatIsoDay(m.date), number(m.value), `${number(m.baseline)} → ${number(m.target)}`]),
              }
            : { kind: 'paragraph', text: 'Ingen målinger i perioden.' },
          followUp.length
            ? {
                kind: 'table',
                caption: 'Effektopfølgning pr. periode',
                columns: cols(['Initiativ', 18], ['Indikator', 18], ['Periode', 13], ['Status', 12], ['Godkendt værdi', 17], ['Mål', 8], ['Markering', 14]),
                rows: followUp.flatMap((m) =>
                  m.series.map((p) => [
                    m.initiative_title,
                    m.unit ? `${m.indicator} (${m.unit})` : m.indicator,
                    p.label,
                    p.status ? EFFECT_UPDATE_STATUS_LABELS[p.status] : 'Ikke skrevet',
                    [number(p.value), p.narrative].filter(Boolean).join(' – '),
                    number(m.target),
                    [p.returned ? 'returneret' : '', p.missing ? 'mangler' : ''].filter(Boolean).join(', '),
                  ]),
                ),
              }
            : { kind: 'paragraph', text: 'Ingen effektopfølgning i perioden.' },
        ],
      },
      {
        heading: 'Erfaringer',
        blocks: [
          learnings.length
            ? { kind: 'list', items: learnings.map((l) => `${formatIsoDay(l.date)} · ${l.title} (${OUTCOME_LABELS[l.outcome]})${l.what_next ? ' – næste skridt: ' + l.what_next : ''}`) }
            : { kind: 'paragraph', text: 'Ingen erfaringer registreret i perioden.' },
        ],
      },
      {
        heading: 'Mest betydningsfulde forandring',
        blocks: [
          chosen.length
            ? {
                kind: 'table',
                caption: 'Historier valgt af partnerskabsmødet',
                columns: cols(['Møde', 16], ['Historien', 40], ['Initiativ', 18], ['Hvorfor den blev valgt', 26]),
                rows: chosen.map((c) => [`${formatDay(c.starts_at)}\n${c.meeting_title}`, `${c.story}\n(${formatIsoDay(c.story_date)})`, c.initiative_title, c.reason]),
              }
            : { kind: 'paragraph', text: 'Ingen historie valgt som mest betydningsfuld i perioden.' },
        ],
      },
      {
        heading: 'Rollerne i praksis',
        blocks: [
          { kind: 'figure', name: 'roles-chart' },
          {
            kind: 'table',
            caption: 'Rolleobservationer pr. rolle',
            columns: cols(['Rolle', 40], ['Type', 40], ['Observationer', 20]),
            rows: roles.map((r) => [r.retired ? `${r.name} (udgået)` : r.name, r.kind === 'leder' ? 'Leder på kanten' : 'Medarbejder med vilje', String(r.n)]),
          },
        ],
      },
      {
        heading: 'Forklar eller fjern',
        blocks: fef.length
          ? [
              {
                kind: 'table',
                caption: 'Beslutninger i perioden',
                columns: cols(['Regel eller arbejdsgang', 38], ['Beslutning', 20], ['Timer sparet pr. måned', 16], ['Besluttet på', 26]),
                rows: fef.map((f) => [f.title, FEF_LABELS[f.decision], number(f.hours_saved_per_month), f.meeting_title ?? '']),
              },
              { kind: 'list', items: [...fefHours].map(([decision, hours]) => `${FEF_LABELS[decision as FefDecision]}: ${number(hours)} timer pr. måned i alt`) },
            ]
          : [{ kind: 'paragraph', text: 'Ingen beslutninger om regler i perioden.' }],
      },
      {
        heading: 'Opfølgningspunkter',
        blocks: [
          { kind: 'paragraph', text: `${formatCount(counts.open, 'åbent opfølgningspunkt', 'åbne opfølgningspunkter')} ved periodens slut, heraf ${formatCount(counts.overdue, 'overskredet', 'overskredne')}.` },
          ...(open.length
            ? [
                {
                  kind: 'table' as const,
                  caption: open.length < counts.open ? `De ${open.length} med tidligst frist` : 'Åbne opfølgningspunkter',
                  columns: cols(['Hvad', 48], ['Hvem', 22], ['Frist', 14], ['Status', 16]),
                  rows: open.map((a) => [
                    a.text,
                    a.owner_name ?? '',
                    `${formatIsoDay(a.due_date)}${a.overdue ? ' (overskredet)' : ''}`,
                    // Open at the period's end but closed since: say so rather than show it as open.
                    a.completed_at ? `${ACTION_STATUS_LABELS[a.status]} ${formatIsoDay(copenhagenDay(new Date(a.completed_at)))} (efter perioden)` : ACTION_STATUS_LABELS[a.status],
                  ]),
                },
              ]
            : []),
        ],
      },
      {
        heading: 'Fremmøde pr. part',
        blocks: partyAttendance.length
          ? [
              { kind: 'figure', name: 'attendance-chart' },
              {
                kind: 'table',
                caption: 'Fremmøde ved afholdte møder',
                columns: cols(['Part', 32], [ATTENDANCE_LABELS.deltog, 16], [ATTENDANCE_LABELS.afbud, 16], [ATTENDANCE_LABELS.udeblev, 16], ['Ikke registreret', 20]),
                rows: partyAttendance.map((p) => [p.party, String(p.counts.deltog), String(p.counts.afbud), String(p.counts.udeblev), String(p.counts.inviteret)]),
              },
            ]
          : [{ kind: 'paragraph', text: 'Intet fremmøde registreret i perioden.' }],
      },
  ];
  const summary = [
    { label: 'Møder afholdt', value: String(meetings.length) },
    { label: 'Beslutninger', value: String(decisions.filter((d) => d.decision).length) },
    { label: 'Statusændringer på initiativer', value: String(changes.length) },
    { label: 'Effektmålinger', value: String(measurements.length) },
    { label: 'Erfaringer', value: String(learnings.length) },
    { label: 'Rolleobservationer', value: String(evidenceTotal) },
    { label: 'Åbne opfølgningspunkter ved periodens slut', value: `${counts.open}, heraf ${counts.overdue} overskredne` },
    { label: 'Timer sparet pr. måned (forklar eller fjern)', value: number(hoursSaved) || '0' },
  ];
  const document: DocumentModel = {
    title: 'Statusrapport',
    subject: 'Statusrapport',
    runningHeader: `${partnershipNames.join(' · ') || 'Partnerskabet'} · Statusrapport`,
    runningFooter: `Periode ${formatIsoDay(period.from)}–${formatIsoDay(period.to)}`,
    watermark: null,
    blocks: [
      { kind: 'heading', level: 1, text: 'Statusrapport' },
      { kind: 'paragraph', text: partnershipNames.join('\n') || 'Partnerskabet' },
      { kind: 'paragraph', text: subtitle },
      { kind: 'heading', level: 2, text: 'Perioden i tal' },
      { kind: 'fields', fields: summary },
      ...sections.flatMap((section) => [{ kind: 'heading' as const, level: 2 as const, text: section.heading }, ...section.blocks]),
    ],
  };
  return { document, attendance: partyAttendance, roleCounts: roles.filter((r) => !r.retired).map((r) => ({ name: r.name, n: Number(r.n) })) };
}
