// An initiative's timeline (sagens gang): everything that happened to it, in date order, as one
// list of events that the page and the document (PDF/DOCX) both show. What a reader may not see of
// a closed item (lukket punkt) or of a named employee's role evidence is left out here, once.
import type { Db } from '../db/database';
import type { DocumentModel } from '../documents/model';
import { INITIATIVE_STATUS_LABELS } from '../initiatives/labels';
import { effectsOf, periodLabel } from '../initiatives/service';
import { LEARNING_OUTCOME_LABELS } from '../learnings/service';
import { ACTION_STATUS_LABELS } from '../web/labels';
import { formatIsoDay, formatShortDateTime } from '../web/format';
import { utcToCopenhagen } from '../web/time';
import { actionsOf, agendaItemsOf, approvedEffectUpdatesOf, learningsOf, progressUpdatesOf, roleEvidenceOf, statusChangesOf } from './queries';

export const TIMELINE_KINDS = ['moede', 'beslutning', 'handling', 'status', 'forloeb', 'maaling', 'effekt', 'historie', 'rolle', 'erfaring'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  moede: 'Møde',
  beslutning: 'Beslutning',
  handling: 'Opfølgningspunkt',
  status: 'Statusændring',
  forloeb: 'Forløb og resultat',
  maaling: 'Måling',
  effekt: 'Effektopfølgning',
  historie: 'Borgerhistorie',
  rolle: 'Rolle i praksis',
  erfaring: 'Erfaring',
};

export interface TimelineEvent {
  /** The Copenhagen day it happened (YYYY-MM-DD). */
  day: string;
  /** Orders events of one day: a UTC instant, or the day itself when only the day is known. */
  sortKey: string;
  kind: TimelineKind;
  title: string;
  text: string;
  href: string | null;
}

export interface Viewer {
  /** Closed items' content and who showed a role (konsulent, representatives, administrators). */
  seesClosed: boolean;
}

const numberFormatter = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
const joinLines = (...lines: Array<string | null | undefined | false>) => lines.filter((l): l is string => !!l && l.trim() !== '').join('\n');

/** All events of the initiative, oldest first; ties in the order the kinds are listed. */
export async function initiativeTimeline(db: Db, initiativeId: number, viewer: Viewer): Promise<TimelineEvent[]> {
  const [items, actions, changes, updates, [measures, measurements, stories], effectUpdates, evidence, learnings] = await Promise.all([
    agendaItemsOf(db, initiativeId),
    actionsOf(db, initiativeId),
    statusChangesOf(db, initiativeId),
    progressUpdatesOf(db, initiativeId),
    effectsOf(db, initiativeId),
    approvedEffectUpdatesOf(db, initiativeId),
    roleEvidenceOf(db, initiativeId),
    learningsOf(db, initiativeId),
  ]);
  const events: TimelineEvent[] = [];
  for (const i of items) {
    const hidden = i.closed === 1 && !viewer.seesClosed;
    const href = `/meetings/${i.meeting_id}#punkt-${i.id}`;
    const day = utcToCopenhagen(i.starts_at).day;
    const sortKey = `${i.starts_at}#${String(i.position).padStart(4, '0')}`; // each item, then its decision
    events.push({ day, sortKey, kind: 'moede', title: `${i.meeting_title}, punkt ${i.position}`, text: hidden ? `${i.title} (lukket punkt)` : i.title, href });
    if (i.decision.trim() && !hidden) events.push({ day, sortKey, kind: 'beslutning', title: i.title, text: i.decision, href });
  }
  for (const a of actions) {
    const details = [a.owner_name ? `Ansvarlig: ${a.owner_name}` : 'Ingen ansvarlig', a.due_date ? `frist ${formatIsoDay(a.due_date)}` : 'ingen frist', ACTION_STATUS_LABELS[a.status].toLowerCase()];
    events.push({ day: utcToCopenhagen(a.created_at).day, sortKey: a.created_at, kind: 'handling', title: a.text, text: details.join(' · '), href: `/meetings/${a.meeting_id}#opfoelgning` });
  }
  for (const c of changes) {
    const change = c.from_status ? `${INITIATIVE_STATUS_LABELS[c.from_status]} → ${INITIATIVE_STATUS_LABELS[c.to_status]}` : `Oprettet som ${INITIATIVE_STATUS_LABELS[c.to_status].toLowerCase()}`;
    events.push({ day: utcToCopenhagen(c.at).day, sortKey: c.at, kind: 'status', title: change, text: c.reason, href: null });
  }
  for (const u of updates) {
    events.push({
      day: u.date,
      sortKey: u.date,
      kind: 'forloeb',
      title: 'Hvad der skete',
      text: joinLines(u.happened, u.effect_seen && `Effekt: ${u.effect_seen}`, u.learning && `Læring: ${u.learning}`),
      href: null,
    });
  }
  const measureOf = new Map(measures.map((m) => [m.id, m]));
  for (const m of measurements) {
    const measure = measureOf.get(m.effect_measure_id);
    if (!measure) continue; // read in the same moment: every measurement has its measure
    const value = `${numberFormatter.format(m.value)}${measure.unit ? ` ${measure.unit}` : ''}`;
    const target = measure.target === null ? '' : ` (mål ${numberFormatter.format(measure.target)})`;
    events.push({ day: m.date, sortKey: m.date, kind: 'maaling', title: measure.indicator, text: joinLines(`${value}${target}`, m.note), href: null });
  }
  for (const u of effectUpdates) {
    const value = u.value === null ? '' : `${numberFormatter.format(u.value)}${u.unit ? ` ${u.unit}` : ''}${u.target === null ? '' : ` (mål ${numberFormatter.format(u.target)})`}`;
    events.push({
      day: utcToCopenhagen(u.approved_at ?? u.updated_at).day,
      sortKey: u.approved_at ?? u.updated_at,
      kind: 'effekt',
      title: `${u.indicator}, ${periodLabel(u.period)}`,
      text: joinLines(value, u.narrative),
      href: `/initiatives/${initiativeId}/effects/${u.measure_id}/periods/${u.period}`,
    });
  }
  for (const s of stories) events.push({ day: s.date, sortKey: s.date, kind: 'historie', title: s.kerneopgave_name ?? 'Borgerhistorie', text: s.story, href: null });
  for (const e of evidence) {
    // Who showed the role is for those who work with the evidence; readers see where and what.
    const who = joinLines(viewer.seesClosed && e.person_name, e.team, e.organisation_name).replace(/\n/g, ', ');
    events.push({ day: e.date, sortKey: e.date, kind: 'rolle', title: e.role_name, text: joinLines(e.note, who && `(${who})`), href: null });
  }
  for (const l of learnings) {
    events.push({ day: l.date, sortKey: l.date, kind: 'erfaring', title: l.title, text: joinLines(LEARNING_OUTCOME_LABELS[l.outcome], l.what_next && `Næste skridt: ${l.what_next}`), href: `/learnings/${l.id}` });
  }
  const order = (k: TimelineKind) => TIMELINE_KINDS.indexOf(k);
  return events.sort((a, b) => a.day.localeCompare(b.day) || a.sortKey.localeCompare(b.sortKey) || order(a.kind) - order(b.kind));
}

/** The timeline as a document for the writers (PDF, DOCX): the filter applied, said in the heading. */
export function timelineDocument(initiative: { title: string }, events: TimelineEvent[], shown: readonly TimelineKind[], at: Date): DocumentModel {
  const all = shown.length === TIMELINE_KINDS.length;
  return {
    title: `Sagens gang: ${initiative.title}`,
    subject: 'Sagens gang',
    runningHeader: `Sagens gang · ${initiative.title}`,
    runningFooter: 'Uldum Samskabelse',
    watermark: null,
    blocks: [
      { kind: 'heading', level: 1, text: `Sagens gang: ${initiative.title}` },
      { kind: 'paragraph', text: `${all ? 'Alle slags hændelser' : `Viser: ${shown.map((k) => TIMELINE_KIND_LABELS[k]).join(', ')}`} · dannet ${formatShortDateTime(at)}` },
      events.length
        ? {
            kind: 'table',
            caption: 'Hændelser i dato-orden',
            columns: [
              { title: 'Dato', width: 14 },
              { title: 'Hvad', width: 18 },
              { title: 'Indhold', width: 68 },
            ],
            rows: events.map((e) => [formatIsoDay(e.day), TIMELINE_KIND_LABELS[e.kind], joinLines(e.title, e.text)]),
          }
        : { kind: 'paragraph', text: 'Ingen hændelser at vise.' },
    ],
  };
}
