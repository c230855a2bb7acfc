// The status report for a period, as one ReportDocument that the page, the PDF and the DOCX
// render: meetings and decisions, initiatives and trial actions with status changes, effects
// and learnings, role evidence per role, FeF decisions and hours saved, open and overdue
// actions, attendance per party.
import { groupBy } from '../web/collections';
import type { Db } from '../db/database';
import type { ReportDocument } from '../exports/report-document';
import { INITIATIVE_STATUS_LABELS } from '../initiatives/labels';
import { ACTION_STATUS_LABELS, ATTENDANCE_LABELS } from '../meetings/labels';
import { copenhagenDay, formatCount, formatDay, formatIsoDay, formatShortDateTime } from '../web/format';
import type { Attendance, FefDecision, LearningOutcome } from '../db/schema';
import {
  attendanceByParty,
  countOpenActions,
  decisionsOf,
  fefDecisions,
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

export interface StatusReport {
  document: ReportDocument;
  attendance: Array<{ party: string; counts: Record<Attendance, number> }>;
  roleCounts: Array<{ name: string; n: number }>;
}

export async function buildStatusReport(db: Db, period: Period, at: Date): Promise<StatusReport> {
  const [meetings, changes, measurements, learnings, roles, fef, open, counts, attendance] = await Promise.all([
    meetingsHeld(db, period),
    statusChanges(db, period),
    measurementsIn(db, period),
    learningsIn(db, period),
    roleEvidenceCounts(db, period),
    fefDecisions(db, period),
    openActionsAt(db, period.to),
    countOpenActions(db, period.to),
    attendanceByParty(db, period),
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

  const document: ReportDocument = {
    title: 'Statusrapport',
    subtitle: `Periode: ${formatIsoDay(period.from)}–${formatIsoDay(period.to)} · dannet ${formatShortDateTime(at)}`,
    sections: [
      {
        heading: 'Møder og beslutninger',
        blocks: meetings.length
          ? [
              { kind: 'p', text: `${formatCount(meetings.length, 'møde', 'møder')} afholdt i perioden.` },
              {
                kind: 'table',
                caption: 'Afholdte møder',
                columns: ['Dato', 'Møde', 'Beslutninger', 'Værdi (1–5)'],
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
          : [{ kind: 'p', text: 'Ingen møder afholdt i perioden.' }],
      },
      {
        heading: 'Initiativer og prøvehandlinger',
        blocks: changes.length
          ? [
              {
                kind: 'table',
                caption: 'Statusændringer',
                columns: ['Dato', 'Initiativ', 'Ændring', 'Begrundelse'],
                rows: changes.map((c) => [
                  formatShortDateTime(c.at),
                  c.kind === 'proevehandling' ? `${c.title} (prøvehandling)` : c.title,
                  `${c.from_status ? INITIATIVE_STATUS_LABELS[c.from_status] : ''} → ${INITIATIVE_STATUS_LABELS[c.to_status]}`,
                  c.reason,
                ]),
              },
            ]
          : [{ kind: 'p', text: 'Ingen statusændringer i perioden.' }],
      },
      {
        heading: 'Effekt og erfaringer',
        blocks: [
          measurements.length
            ? {
                kind: 'table',
                caption: 'Målinger i perioden',
                columns: ['Initiativ', 'Indikator', 'Dato', 'Værdi', 'Udgangspunkt → mål'],
                rows: measurements.map((m) => [m.initiative_title, m.unit ? `${m.indicator} (${m.unit})` : m.indicator, formatIsoDay(m.date), number(m.value), `${number(m.baseline)} → ${number(m.target)}`]),
              }
            : { kind: 'p', text: 'Ingen målinger i perioden.' },
          learnings.length
            ? { kind: 'list', items: learnings.map((l) => `${formatIsoDay(l.date)} · ${l.title} (${OUTCOME_LABELS[l.outcome]})${l.what_next ? ' – næste skridt: ' + l.what_next : ''}`) }
            : { kind: 'p', text: 'Ingen erfaringer registreret i perioden.' },
        ],
      },
      {
        heading: 'Rollerne i praksis',
        blocks: [
          {
            kind: 'table',
            caption: 'Rolleobservationer pr. rolle',
            columns: ['Rolle', 'Type', 'Observationer'],
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
                columns: ['Regel eller arbejdsgang', 'Beslutning', 'Timer sparet pr. måned', 'Besluttet på'],
                rows: fef.map((f) => [f.title, FEF_LABELS[f.decision], number(f.hours_saved_per_month), f.meeting_title ?? '']),
              },
              { kind: 'list', items: [...fefHours].map(([decision, hours]) => `${FEF_LABELS[decision as FefDecision]}: ${number(hours)} timer pr. måned i alt`) },
            ]
          : [{ kind: 'p', text: 'Ingen beslutninger om regler i perioden.' }],
      },
      {
        heading: 'Opfølgningspunkter',
        blocks: [
          { kind: 'p', text: `${formatCount(counts.open, 'åbent opfølgningspunkt', 'åbne opfølgningspunkter')} ved periodens slut, heraf ${formatCount(counts.overdue, 'overskredet', 'overskredne')}.` },
          ...(open.length
            ? [
                {
                  kind: 'table' as const,
                  caption: open.length < counts.open ? `De ${open.length} med tidligst frist` : 'Åbne opfølgningspunkter',
                  columns: ['Hvad', 'Hvem', 'Frist', 'Status'],
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
              {
                kind: 'table',
                caption: 'Fremmøde ved afholdte møder',
                columns: ['Part', ATTENDANCE_LABELS.deltog, ATTENDANCE_LABELS.afbud, ATTENDANCE_LABELS.udeblev, 'Ikke registreret'],
                rows: partyAttendance.map((p) => [p.party, String(p.counts.deltog), String(p.counts.afbud), String(p.counts.udeblev), String(p.counts.inviteret)]),
              },
            ]
          : [{ kind: 'p', text: 'Intet fremmøde registreret i perioden.' }],
      },
    ],
  };
  return { document, attendance: partyAttendance, roleCounts: roles.filter((r) => !r.retired).map((r) => ({ name: r.name, n: Number(r.n) })) };
}
