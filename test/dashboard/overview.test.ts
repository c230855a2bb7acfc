// The overview (/) on a fixed data set: every number that is a link equals the rows of the list
// it opens, what each role sees, the alerts, the latest decisions/learnings/evidence, and the four
// server-drawn SVG charts with their number tables.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import type { AppRole } from '../../server/db/schema';
import { updateAction } from '../../server/meetings/follow-up';
import { cancelMeeting, markHeld, recordAttendance } from '../../server/meetings/service';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, aMeetingAwaitingApproval, anAction, anActionForm, anAgendaItem, personId } from '../helpers/factories';
import { aLearning } from '../helpers/register-factories';
import { pagerText, unescapeHtml } from '../helpers/html';
import { anInitiative } from '../initiatives/helpers';
import { anEvidence } from '../roles/helpers';

const HANNE = 'Hanne M. Petersen';

interface ActionSpec {
  text: string;
  owner: 'me' | 'hanne' | 'rene' | 'per' | 'jesper' | null;
  due: string | null;
  status?: 'aaben' | 'i_gang' | 'udfoert' | 'droppet';
  created: string;
  /** When set, the action is created open and given its (closing) status at this instant. */
  closed?: string;
}

const OCT = '2026-10-06T12:00:00Z';
const NOV = '2026-11-10T12:00:00Z';

/** Today is 2026-11-24: due before that and open is overdue. */
const ACTIONS: ActionSpec[] = [
  { text: 'Mit punkt 01', owner: 'me', due: '2026-10-10', created: OCT }, // overdue
  { text: 'Mit punkt 02', owner: 'me', due: '2026-11-01', status: 'i_gang', created: OCT }, // overdue
  { text: 'Mit punkt 03', owner: 'me', due: '2026-11-23', created: OCT }, // overdue (yesterday)
  { text: 'Mit punkt 04', owner: 'me', due: '2026-11-24', created: OCT }, // due today: not overdue
  { text: 'Mit punkt 05', owner: 'me', due: '2026-12-01', created: OCT },
  { text: 'Mit punkt 06', owner: 'me', due: '2026-12-02', created: OCT },
  { text: 'Mit punkt 07', owner: 'me', due: '2026-12-03', created: OCT },
  { text: 'Mit punkt 08', owner: 'me', due: '2026-12-04', created: OCT },
  { text: 'Mit punkt 09', owner: 'me', due: '2026-12-05', created: NOV },
  { text: 'Mit punkt 10', owner: 'me', due: '2026-12-06', created: NOV },
  { text: 'Mit punkt 11', owner: 'me', due: null, created: NOV },
  { text: 'Mit punkt 12', owner: 'me', due: null, status: 'i_gang', created: NOV },
  { text: 'Mit udførte punkt', owner: 'me', due: '2026-10-01', status: 'udfoert', created: '2026-09-15T12:00:00Z', closed: '2026-10-20T12:00:00Z' },
  { text: 'Mit droppede punkt', owner: 'me', due: '2026-09-01', status: 'droppet', created: OCT, closed: '2026-11-05T12:00:00Z' },
  { text: 'Hannes punkt A', owner: 'hanne', due: '2026-11-02', created: OCT }, // overdue
  { text: 'Hannes punkt B', owner: 'hanne', due: '2026-12-24', created: NOV },
  { text: 'Renés punkt', owner: 'rene', due: '2026-11-15', created: OCT }, // overdue
  { text: 'Uden ansvarlig', owner: null, due: '2026-10-20', created: '2025-11-30T12:00:00Z' }, // overdue; before the chart's 12 months
  { text: 'Pers punkt', owner: 'per', due: '2026-11-20', status: 'i_gang', created: '2026-08-20T12:00:00Z' }, // overdue
  { text: 'Jespers punkt', owner: 'jesper', due: '2026-10-01', status: 'udfoert', created: OCT }, // done: not overdue
];
const MY_OPEN = 12;
const MY_OVERDUE = 3;
const ALL_OVERDUE = 7;

const INITIATIVES: Array<{ title: string; kerneopgaver: string[]; status: 'ide' | 'planlagt' | 'afproeves' | 'forankret' | 'stoppet'; extra?: Record<string, unknown> }> = [
  { title: 'Gåklubben', kerneopgaver: ['fritid-og-faellesskab', 'social-omsorg'], status: 'afproeves' },
  { title: 'Læsevenner', kerneopgaver: ['laering'], status: 'planlagt' },
  { title: 'Lektiecafé', kerneopgaver: ['laering'], status: 'afproeves' },
  { title: 'Fællesspisning', kerneopgaver: ['fritid-og-faellesskab'], status: 'ide' },
  { title: 'Sangaften', kerneopgaver: ['fritid-og-faellesskab'], status: 'ide' },
  { title: 'Byttecentral', kerneopgaver: ['fritid-og-faellesskab'], status: 'stoppet' },
  { title: 'Fri for dobbeltdokumentation', kerneopgaver: ['social-omsorg'], status: 'afproeves', extra: { kind: 'proevehandling', trial_start: '2026-09-01' } }, // ended 27.10.2026, no result
  { title: 'Madklub uden visitation', kerneopgaver: ['fritid-og-faellesskab'], status: 'afproeves', extra: { kind: 'proevehandling', trial_start: '2026-11-01' } },
  { title: 'Planlagt prøve', kerneopgaver: [], status: 'planlagt', extra: { kind: 'proevehandling', trial_start: '2026-12-01' } },
  { title: 'Puljen slutter', kerneopgaver: [], status: 'ide', extra: { funding: 'Puljemidler', funding_ends: '2026-12-31' } },
  { title: 'Forankret med plan', kerneopgaver: ['beskaeftigelse'], status: 'forankret', extra: { funding: 'Puljemidler', funding_ends: '2026-12-15', anchoring_plan: 'Driften overtager.' } },
];

/** Expected counts per core task (table rows) and status (columns present in the data, in status order). */
const BY_TASK: Record<string, Record<string, number>> = {
  'Fritid og Fællesskab': { Idé: 2, Planlagt: 0, Afprøves: 2, Forankret: 0, Stoppet: 1 },
  Læring: { Idé: 0, Planlagt: 1, Afprøves: 1, Forankret: 0, Stoppet: 0 },
  Beskæftigelse: { Idé: 0, Planlagt: 0, Afprøves: 0, Forankret: 1, Stoppet: 0 },
  'Social Omsorg': { Idé: 0, Planlagt: 0, Afprøves: 2, Forankret: 0, Stoppet: 0 },
};

const EVIDENCE = [
  { role_key: 'effektjaeger', date: '2026-11-23', note: 'Fulgte op på delmålene med teamet.' },
  { role_key: 'ressourcedetektor', date: '2026-11-20', note: 'Så en nabo, der ville hjælpe med indkøb.' },
  { role_key: 'ressourcedetektor', date: '2026-10-02', note: 'Fandt en frivillig i sangkoret.' },
  { role_key: 'ressourcedetektor', date: '2026-08-15', note: 'Koblede skolen og plejecentret.' },
  { role_key: 'medbygger', date: '2026-05-05', note: 'Byggede gåturen sammen med en beboer.' },
  { role_key: 'ressourcedetektor', date: '2026-02-01', note: 'Gammel observation fra februar.' }, // not among the latest
  { role_key: 'ressourcedetektor', date: '2025-12-31', note: 'Observation fra sidste år.' }, // before the chart's quarters
];

const LEARNINGS = [
  ['Gåturen gav selvhjulpenhed', '2026-11-20'],
  ['Frugtordningen kom sent i gang', '2026-11-01'],
  ['Sangaftenen samlede tre generationer', '2026-10-15'],
  ['Lektiecaféen manglede frivillige', '2026-09-01'],
  ['Byttecentralen blev ikke brugt', '2026-06-01'],
  ['Den ældste erfaring', '2026-01-10'],
] as const;

interface DashboardData {
  heldMeeting: number;
  awaitingMeeting: number;
}

async function buildData(db: Db, me: number): Promise<DashboardData> {
  const people = {
    me,
    hanne: await personId(db, HANNE),
    rene: await personId(db, 'René G. Nielsen'),
    per: await personId(db, 'Per Lange'),
    jesper: await personId(db, 'Jesper Thyrring Møller'),
  };
  // A held partnership meeting with a decision and attendance for both parties.
  const heldMeeting = await aMeeting(db, { title: 'Partnerskabsmøde oktober', day: '2026-10-06', participant_ids: [people.hanne, people.rene, people.per, people.jesper] });
  await anAgendaItem(db, heldMeeting, { kind: 'beslutning', title: 'Gåklubben', decision: 'Vi starter gåklubben på plejecentret.' });
  await recordAttendance(
    db,
    heldMeeting,
    new Map([
      [people.hanne, 'deltog'],
      [people.rene, 'deltog'],
      [people.jesper, 'afbud'],
      [people.per, 'udeblev'],
    ]),
    SYSTEM_ACTOR,
    new Date(OCT),
  );
  for (const a of ACTIONS) {
    const owner_id = a.owner === null ? null : people[a.owner];
    const status = a.status ?? 'aaben';
    const id = await anAction(db, heldMeeting, { text: a.text, owner_id, due_date: a.due, status: a.closed ? 'aaben' : status }, new Date(a.created));
    if (a.closed) await updateAction(db, id, anActionForm({ text: a.text, owner_id, due_date: a.due, status }), SYSTEM_ACTOR, new Date(a.closed));
  }
  await markHeld(db, heldMeeting, SYSTEM_ACTOR, new Date(OCT));

  // More than a year ago: outside the attendance chart.
  const old = await aMeeting(db, { title: 'Gammelt møde', day: '2025-10-01', participant_ids: [people.hanne] });
  await recordAttendance(db, old, new Map([[people.hanne, 'deltog']]), SYSTEM_ACTOR, new Date('2025-10-01T12:00:00Z'));
  await markHeld(db, old, SYSTEM_ACTOR, new Date('2025-10-01T12:00:00Z'));

  // A planned meeting whose decision text is only a draft, and a cancelled one.
  const planned = await aMeeting(db, { title: 'Næste partnerskabsmøde', day: '2026-12-08' });
  await anAgendaItem(db, planned, { kind: 'beslutning', title: 'Forslag', decision: 'Udkast til en beslutning.' });
  const cancelled = await aMeeting(db, { title: 'Aflyst workshop', kind: 'workshop', day: '2026-12-01' });
  await cancelMeeting(db, cancelled, 'Sygdom', SYSTEM_ACTOR, new Date(NOV));
  const awaitingMeeting = await aMeetingAwaitingApproval(db, { title: 'Møde med referat til godkendelse', day: '2026-11-17' });

  for (const i of INITIATIVES) await anInitiative(db, { title: i.title, kerneopgaver: i.kerneopgaver, status: i.status, ...i.extra });
  for (const e of EVIDENCE) await anEvidence(db, e);
  for (const [title, date] of LEARNINGS) await aLearning(db, { title, date });
  return { heldMeeting, awaitingMeeting };
}

// ---- reading pages ----

function sectionOf(html: string, headingId: string): string {
  const start = html.indexOf(`aria-labelledby="${headingId}"`);
  if (start < 0) throw new Error(`no section ${headingId} on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

function text(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
}

/** The rows of a table body: each row's header and data cells as text. */
function tableRows(table: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table);
  if (!body) return [];
  return [...body[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1])));
}

/** The titles in the initiatives list. */
function initiativeTitles(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/initiatives\/\d+">([^<]*)<\/a>/g)].map((m) => unescapeHtml(m[1]));
}

/** How many rows a list page shows in all: the pager's "af N", or the rows of its one table. */
function listTotal(html: string): number {
  const rows = tableRows(html).length;
  const pager = pagerText(html);
  if (pager) {
    const m = /^Viser (\d+)–(\d+) af (\d+)/.exec(pager);
    if (!m) throw new Error(`unexpected pager: ${pager}`);
    expect(Number(m[2]) - Number(m[1]) + 1).toBe(rows);
    return Number(m[3]);
  }
  if (rows === 0) expect(html).toMatch(/Ingen (opfølgningspunkter|initiativer) matcher filteret\./);
  return rows;
}

/** Every link on the page whose text starts with a number, e.g. "3 af mine er overskredet". */
function numberLinks(html: string): Array<{ href: string; n: number; label: string }> {
  return [...html.matchAll(/<a href="([^"]+)">(\d+)([^<]*)<\/a>/g)].map((m) => ({ href: unescapeHtml(m[1]), n: Number(m[2]), label: `${m[2]}${m[3]}` }));
}

async function expectLinksMatchLists(user: SignedIn, html: string): Promise<Map<string, number>> {
  const links = numberLinks(html);
  const seen = new Map<string, number>();
  for (const link of links) {
    const list = await user.agent.get(link.href);
    expect(list.status).toBe(200);
    expect({ link: link.label, href: link.href, rows: listTotal(list.text) }).toEqual({ link: link.label, href: link.href, rows: link.n });
    seen.set(link.href, link.n);
  }
  return seen;
}

interface Chart {
  title: string;
  desc: string;
  labelledBy: string;
  /** Bar heights in drawing order (group by group, series by series) and their series index. */
  bars: Array<{ h: number; series: number }>;
  groupLabels: string[];
  legend: string[];
  columns: string[];
  rows: string[][];
}

/** The chart with this id and the table of numbers right after it. */
function chartOf(html: string, id: string): Chart {
  const titleAt = html.indexOf(`<title id="${id}-title">`);
  if (titleAt < 0) throw new Error(`no chart ${id}`);
  const figureStart = html.lastIndexOf('<figure class="chart">', titleAt);
  const figureEnd = html.indexOf('</figure>', titleAt) + '</figure>'.length;
  const figure = html.slice(figureStart, figureEnd);
  const svg = figure.slice(figure.indexOf('<svg'), figure.indexOf('</svg>'));
  const tableStart = html.indexOf('<table class="table numbers">', figureEnd);
  // The numbers sit right under the chart, folded ("Se tallene") but in the page for every reader.
  expect(html.slice(figureEnd, tableStart)).toMatch(/^\s*<details class="chart-numbers">\s*<summary>Se tallene<\/summary>\s*(<div class="table-scroll"[^>]*>\s*)?$/);
  const table = html.slice(tableStart, html.indexOf('</table>', tableStart));
  const thead = /<thead>([\s\S]*?)<\/thead>/.exec(table)![1];
  return {
    title: text(/<title id="[^"]+">([\s\S]*?)<\/title>/.exec(svg)![1]),
    desc: text(new RegExp(`<desc id="${id}-desc">([\\s\\S]*?)</desc>`).exec(svg)?.[1] ?? ''),
    labelledBy: /<svg [^>]*role="img" aria-labelledby="([^"]+)"/.exec(svg)?.[1] ?? '',
    bars: [...svg.matchAll(/<rect x="[^"]*" y="[^"]*" width="[^"]*" height="([^"]*)" class="chart-bar-(\d+)"><\/rect>/g)].map((m) => ({ h: Number(m[1]), series: Number(m[2]) })),
    groupLabels: [...svg.matchAll(/<text [^>]*text-anchor="middle">([^<]*)<\/text>/g)].map((m) => unescapeHtml(m[1])),
    legend: [...figure.matchAll(/<\/svg> ([^<]+)<\/span>/g)].map((m) => unescapeHtml(m[1]).trim()),
    columns: [...thead.matchAll(/<th scope="col">([\s\S]*?)<\/th>/g)].map((m) => text(m[1])),
    rows: tableRows(table),
  };
}

/** An accessible chart whose bars show exactly the numbers of its table, in the same order. */
function expectChartMatchesTable(html: string, id: string): Chart {
  const c = chartOf(html, id);
  expect(c.labelledBy).toBe(`${id}-title ${id}-desc`);
  expect(c.title.length).toBeGreaterThan(5);
  expect(c.desc.length).toBeGreaterThan(5);
  const series = c.columns.slice(1);
  if (series.length > 1) expect(c.legend).toEqual(series);
  expect(c.groupLabels).toEqual(c.rows.map((r) => (r[0].length > 16 ? r[0].slice(0, 15) + '…' : r[0])));
  const values = c.rows.flatMap((r) => r.slice(1).map(Number));
  expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
  expect(c.bars.map((b) => b.series)).toEqual(c.rows.flatMap(() => series.map((_, i) => i)));
  const max = Math.max(...values);
  const tallest = Math.max(...c.bars.map((b) => b.h));
  for (const [i, v] of values.entries()) {
    // Heights are rounded to 0.1: a bar is as tall relative to the tallest as its number is to the largest.
    expect(Math.abs(c.bars[i].h - (max === 0 ? 0 : (v / max) * tallest))).toBeLessThanOrEqual(0.15);
  }
  return c;
}

async function dashboardFor(role: AppRole, personName?: string) {
  const { app, db } = await testApp();
  const user = await signedIn(app, db, role, personName ? { personName } : {});
  const me = role === 'konsulent' || role === 'admin' ? user.personId : await personId(db, 'Tom Bjerregaard');
  const data = await buildData(db, me);
  const res = await user.agent.get('/');
  expect(res.status).toBe(200);
  return { app, db, user, data, html: res.text };
}

describe('/ (overblik) on a fixed data set', () => {
  it('shows a consultant their own and everyone’s overdue actions, each number equal to the list it links to', async () => {
    const { user, html } = await dashboardFor('konsulent');
    const actions = sectionOf(html, 'actions-heading');
    const me = user.personId;
    expect(actions).toContain(`<a href="/actions?owner_id=${me}&amp;open=on">${MY_OPEN} åbne punkter er mine</a>`);
    expect(actions).toContain(`<a href="/actions?owner_id=${me}&amp;overdue=on">${MY_OVERDUE} af mine er overskredet</a>`);
    expect(actions).toContain(`<a href="/actions?overdue=on">${ALL_OVERDUE} overskredne i alt</a>`);

    // The table of everyone's overdue actions, with its "see all" link.
    const all = actions.slice(actions.search(/<caption[^>]*>Overskredne opfølgningspunkter \(alle\)<\/caption>/));
    const rows = tableRows(all.slice(0, all.indexOf('</table>')));
    expect(rows.map((r) => r[0]).sort()).toEqual(['Hannes punkt A', 'Mit punkt 01', 'Mit punkt 02', 'Mit punkt 03', 'Pers punkt', 'Renés punkt', 'Uden ansvarlig']);
    expect(rows.find((r) => r[0] === 'Uden ansvarlig')).toEqual(['Uden ansvarlig', 'Ingen ansvarlig', '20.10.2026', 'Partnerskabsmøde oktober']);
    expect(actions).toContain(`<a href="/actions?overdue=on">Se alle overskredne (${ALL_OVERDUE})</a>`);

    // My open actions: the table shows the first five by due date, the number says all of them.
    const mine = tableRows(actions.slice(0, actions.indexOf('</table>')));
    expect(mine.map((r) => r[0])).toEqual(['Mit punkt 01', 'Mit punkt 02', 'Mit punkt 03', 'Mit punkt 04', 'Mit punkt 05']);

    const checked = await expectLinksMatchLists(user, html);
    expect(checked.get(`/actions?owner_id=${me}&open=on`)).toBe(MY_OPEN);
    expect(checked.get(`/actions?owner_id=${me}&overdue=on`)).toBe(MY_OVERDUE);
    expect(checked.get('/actions?overdue=on')).toBe(ALL_OVERDUE);
    expect(checked.get('/initiatives?kind=proevehandling&status=afproeves')).toBe(2);
    // 4 core tasks × 5 statuses in the table, plus the five action and trial numbers above.
    expect(numberLinks(html)).toHaveLength(4 * 5 + 5);
  });

  it('shows a representative only their own actions, no table of everyone’s, and minutes awaiting their approval', async () => {
    const { user, html, data } = await dashboardFor('repraesentant', HANNE);
    const actions = sectionOf(html, 'actions-heading');
    expect(actions).toContain(`<a href="/actions?owner_id=${user.personId}&amp;open=on">2 åbne punkter er mine</a>`);
    expect(actions).toContain(`<a href="/actions?owner_id=${user.personId}&amp;overdue=on">1 af mine er overskredet</a>`);
    expect(actions).toContain(`<a href="/actions?overdue=on">${ALL_OVERDUE} overskredne i alt</a>`);
    expect(actions).not.toContain('Overskredne opfølgningspunkter (alle)');
    expect(actions).not.toContain('Se alle');
    expect(actions).not.toContain('Renés punkt');
    expect(tableRows(actions).map((r) => r[0])).toEqual(['Hannes punkt A', 'Hannes punkt B']);
    const awaiting = sectionOf(html, 'awaiting-heading');
    expect(awaiting).toContain(`<a href="/meetings/${data.awaitingMeeting}/minutes">Møde med referat til godkendelse</a>`);
    await expectLinksMatchLists(user, html);
  });

  it.each(['admin', 'laeser'] as AppRole[])('gives a %s the page with numbers equal to the lists behind them', async (role) => {
    const { user, html } = await dashboardFor(role);
    const checked = await expectLinksMatchLists(user, html);
    expect(checked.get('/actions?overdue=on')).toBe(ALL_OVERDUE);
    expect(html.includes('Overskredne opfølgningspunkter (alle)')).toBe(role === 'admin');
    expect(html.includes('Referater der venter på din godkendelse')).toBe(role === 'admin');
  });

  it('counts initiatives per core task and status in a table whose cells link to the filtered list', async () => {
    const { user, html } = await dashboardFor('laeser');
    const section = sectionOf(html, 'initiatives-heading');
    const chart = expectChartMatchesTable(section, 'chart-initiatives');
    expect(chart.columns).toEqual(['Kerneopgave', 'Idé', 'Planlagt', 'Afprøves', 'Forankret', 'Stoppet']);
    expect(chart.rows).toEqual(Object.entries(BY_TASK).map(([task, counts]) => [task, ...Object.values(counts).map(String)]));
    const cells = numberLinks(section);
    expect(cells).toHaveLength(20);
    expect(cells[0].href).toBe('/initiatives?kerneopgave=fritid-og-faellesskab&status=ide');
    expect(cells[2]).toEqual({ href: '/initiatives?kerneopgave=fritid-og-faellesskab&status=afproeves', n: 2, label: '2' });
    const list = (await user.agent.get(cells[2].href)).text;
    expect(initiativeTitles(list).sort()).toEqual(['Gåklubben', 'Madklub uden visitation']);
    await expectLinksMatchLists(user, section);
  });

  it('warns about running and overdue trial actions and about funding that ends without an anchoring plan', async () => {
    const { db, user, html } = await dashboardFor('repraesentant', HANNE);
    const id = async (title: string) => (await db.selectFrom('initiatives').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
    const trials = sectionOf(html, 'trials-heading');
    expect(trials).toContain('<a href="/initiatives?kind=proevehandling&amp;status=afproeves">2 afprøves nu</a> · <a href="/initiatives?trial=overdue">1 er slut uden resultat</a>');
    expect(trials).toContain(`<a href="/initiatives/${await id('Fri for dobbeltdokumentation')}">Fri for dobbeltdokumentation</a>: perioden sluttede 27.10.2026, resultat mangler`);
    expect(trials).not.toContain('Madklub uden visitation</a>:');
    const running = (await user.agent.get('/initiatives?kind=proevehandling&status=afproeves')).text;
    expect(initiativeTitles(running).sort()).toEqual(['Fri for dobbeltdokumentation', 'Madklub uden visitation']);
    const funding = sectionOf(html, 'funding-heading');
    expect(funding).toContain(`<a href="/initiatives/${await id('Puljen slutter')}">Puljen slutter</a>: midlerne slutter 31.12.2026`);
    expect(funding).not.toContain('Forankret med plan');
  });

  it('lists the next planned meetings, the latest decisions of held meetings, learnings and role evidence', async () => {
    const { html, data } = await dashboardFor('laeser');
    const meetings = sectionOf(html, 'meetings-heading');
    expect(meetings).toContain('Næste partnerskabsmøde');
    expect(meetings).not.toContain('Aflyst workshop');
    expect(meetings).not.toContain('Partnerskabsmøde oktober');

    const decisions = sectionOf(html, 'decisions-heading');
    expect(text(decisions)).toContain('Gåklubben (06.10.2026): Vi starter gåklubben på plejecentret.');
    expect(decisions).toMatch(new RegExp(`<a href="/meetings/${data.heldMeeting}#punkt-\\d+">Gåklubben</a>`));
    expect(decisions).not.toContain('Udkast til en beslutning');

    const learnings = text(sectionOf(html, 'learnings-heading'));
    const shown = LEARNINGS.slice(0, 3).map(([title, date]) => `${title} (${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)})`);
    let from = 0;
    for (const l of shown) {
      const at = learnings.indexOf(l, from);
      expect([l, at >= from]).toEqual([l, true]); // newest first
      from = at;
    }
    expect(learnings).not.toContain(LEARNINGS[3][0]);

    const latest = sectionOf(html, 'evidence-heading');
    const items = [...latest.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));
    expect(items).toHaveLength(3);
    expect(items[0]).toBe('23.11.2026 · Effektjæger · Aftenvagten på plejecentret: Fulgte op på delmålene med teamet.');
    expect(items.map((i) => i.slice(0, 10))).toEqual(['23.11.2026', '20.11.2026', '02.10.2026']);
    expect(latest).not.toContain('Koblede skolen og plejecentret.');
  });

  it('draws the four charts as accessible SVG with the same numbers in a table folded under each', async () => {
    const { html } = await dashboardFor('konsulent');
    expect(html).not.toMatch(/<script[^>]*src="[^"]*chart/i); // no client-side chart library
    expect(html.match(/<svg viewBox="[^"]*" role="img"/g)).toHaveLength(4);

    expectChartMatchesTable(html, 'chart-initiatives');

    const roles = expectChartMatchesTable(html, 'chart-roles');
    expect(roles.columns).toEqual(['Rolle', '2026 K1', '2026 K2', '2026 K3', '2026 K4']);
    expect(roles.rows).toEqual([
      ['Ressourcedetektor', '1', '0', '1', '2'],
      ['Medbygger', '0', '1', '0', '0'],
      ['Oversætter', '0', '0', '0', '0'],
      ['Udforsker', '0', '0', '0', '0'],
      ['Initiativdyrker', '0', '0', '0', '0'],
      ['Meningsskaber', '0', '0', '0', '0'],
      ['Netværkssmed', '0', '0', '0', '0'],
      ['Effektjæger', '0', '0', '0', '1'],
    ]);

    const actions = expectChartMatchesTable(html, 'chart-actions');
    expect(actions.columns).toEqual(['Måned', 'Oprettet', 'Afsluttet']);
    expect(actions.rows.map((r) => r[0])).toEqual(['dec 25', 'jan 26', 'feb 26', 'mar 26', 'apr 26', 'maj 26', 'jun 26', 'jul 26', 'aug 26', 'sep 26', 'okt 26', 'nov 26']);
    // Opened: one each in August and September, twelve in October, five in November (the one from
    // November 2025 is outside the twelve months). Closed: two in October, one in November.
    const expected = Object.fromEntries(actions.rows.map((r) => [r[0], ['0', '0']]));
    expected['aug 26'] = ['1', '0'];
    expected['sep 26'] = ['1', '0'];
    expected['okt 26'] = ['12', '2'];
    expected['nov 26'] = ['5', '1'];
    expect(Object.fromEntries(actions.rows.map((r) => [r[0], r.slice(1)]))).toEqual(expected);

    const attendance = expectChartMatchesTable(html, 'chart-attendance');
    expect(attendance.columns).toEqual(['Part', 'Deltog', 'Afbud', 'Udeblev']);
    expect(attendance.rows).toEqual([
      ['FOA', '1', '0', '1'],
      ['Hedensted Kommune', '1', '1', '0'],
    ]);
  });

  it.each(['admin', 'konsulent', 'repraesentant', 'laeser'] as AppRole[])('answers 200 for a %s on an empty database, with charts and tables', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const res = await user.agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('0 af mine er overskredet');
    expect(res.text).toContain('0 overskredne i alt');
    expect(res.text).toContain('Ingen initiativer er knyttet til en kerneopgave endnu.');
    expect(res.text).toContain('Intet fremmøde registreret det seneste år.');
    expectChartMatchesTable(res.text, 'chart-roles');
    expectChartMatchesTable(res.text, 'chart-actions');
    await expectLinksMatchLists(user, res.text);
  });
});
