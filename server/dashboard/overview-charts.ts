// The overview's four charts, each from one grouped query: initiatives by status per core task,
// role evidence per role per quarter, actions opened and closed per month, attendance per party.
import type { Db } from '../db/database';
import { INITIATIVE_STATUSES } from '../db/schema';
import { INITIATIVE_STATUS_LABELS } from '../initiatives/labels';
import { addDays } from '../web/format';
import { listRoles } from '../reference/service';
import { actionsPerMonth, attendanceByParty, initiativesByStatusAndTask, roleEvidenceByQuarter } from '../reports/service';
import { barChart } from '../web/charts';
import { listKerneopgaver } from '../reference/service';

// The overview shows the four charts two by two: a little lower than the default keeps it short.
const WIDTH = 640;
const HEIGHT = 170;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

function lastQuarters(today: string, n: number): string[] {
  let y = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y} K${q}`);
    q--;
    if (q === 0) {
      q = 4;
      y--;
    }
  }
  return out;
}

function lastMonths(today: string, n: number): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m--;
    if (m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

export async function overviewCharts(db: Db, today: string) {
  const quarters = lastQuarters(today, 4);
  const months = lastMonths(today, 12);
  const [byTask, kerneopgaver, evidence, roles, actions, attendance] = await Promise.all([
    initiativesByStatusAndTask(db),
    listKerneopgaver(db),
    roleEvidenceByQuarter(db, `${quarters[0].slice(0, 4)}-${String((Number(quarters[0].slice(-1)) - 1) * 3 + 1).padStart(2, '0')}-01`),
    listRoles(db),
    actionsPerMonth(db, `${months[0]}-01T00:00:00.000Z`),
    attendanceByParty(db, { from: addDays(today, -365), to: today }),
  ]);
  const count = (rows: Array<{ n: number | string | bigint }>) => rows.reduce((s, r) => s + Number(r.n), 0);

  const statuses = INITIATIVE_STATUSES.filter((s) => byTask.some((r) => r.status === s));
  const initiatives = {
    kerneopgaver: kerneopgaver.map((k) => ({
      key: k.key,
      name: k.name,
      counts: Object.fromEntries(INITIATIVE_STATUSES.map((s) => [s, count(byTask.filter((r) => r.key === k.key && r.status === s))])),
    })),
    statuses: statuses.map((s) => ({ key: s, label: INITIATIVE_STATUS_LABELS[s] })),
  };
  const roleRows = roles.map((r) => ({ key: r.key, name: r.name, counts: quarters.map((q) => count(evidence.filter((e) => e.role_key === r.key && e.quarter === q))) }));
  const monthRows = months.map((m) => ({
    month: m,
    label: `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(2, 4)}`,
    opened: count(actions.opened.filter((a) => a.month === m)),
    closed: count(actions.closed.filter((a) => a.month === m)),
  }));
  const parties = [...new Set(attendance.map((a) => a.name))].map((name) => ({
    name,
    deltog: count(attendance.filter((a) => a.name === name && a.attendance === 'deltog')),
    afbud: count(attendance.filter((a) => a.name === name && a.attendance === 'afbud')),
    udeblev: count(attendance.filter((a) => a.name === name && a.attendance === 'udeblev')),
  }));

  return {
    initiatives,
    initiativesChart: barChart(
      initiatives.kerneopgaver.map((k) => k.name),
      initiatives.statuses.map((s) => ({ label: s.label, values: initiatives.kerneopgaver.map((k) => k.counts[s.key]) })),
      WIDTH,
      HEIGHT,
    ),
    quarters,
    roleRows,
    rolesChart: barChart(roleRows.map((r) => r.name), quarters.map((q, i) => ({ label: q, values: roleRows.map((r) => r.counts[i]) })), WIDTH, HEIGHT),
    monthRows,
    actionsChart: barChart(monthRows.map((m) => m.label), [
      { label: 'Oprettet', values: monthRows.map((m) => m.opened) },
      { label: 'Afsluttet', values: monthRows.map((m) => m.closed) },
    ], WIDTH, HEIGHT),
    parties,
    attendanceChart: barChart(parties.map((p) => p.name), [
      { label: 'Deltog', values: parties.map((p) => p.deltog) },
      { label: 'Afbud', values: parties.map((p) => p.afbud) },
      { label: 'Udeblev', values: parties.map((p) => p.udeblev) },
    ], WIDTH, HEIGHT),
  };
}
