// The geometry of the server-drawn SVG charts (server/web/charts.ts), used for effect measures.
import { barChart, lineChart, type LineChart } from '../../server/web/charts';

/** Every drawn coordinate of a line chart, to check they all fall inside the viewBox. */
function coordinates(c: LineChart): Array<[string, number, number]> {
  return [
    ...c.points.map((p): [string, number, number] => [`point ${p.label}`, p.x, p.y]),
    ...c.guides.map((g): [string, number, number] => [`guide ${g.kind}`, c.width / 2, g.y]),
    ...c.yTicks.map((t): [string, number, number] => [`tick ${t.label}`, c.width / 2, t.y]),
    ...c.xLabels.map((l): [string, number, number] => [`label ${l.label}`, l.x, c.height / 2]),
  ];
}

function expectInsideViewBox(c: LineChart) {
  for (const [what, x, y] of coordinates(c)) {
    expect([what, x >= 0 && x <= c.width, y >= 0 && y <= c.height]).toEqual([what, true, true]);
  }
}

const series = (values: number[]) => values.map((value, i) => ({ label: `uge ${i + 1}`, value }));

describe('lineChart', () => {
  it('places every point, guide, tick and label inside the viewBox', () => {
    for (const [values, guides] of [
      [[3, 5, 4, 9], { baseline: 2, target: 12 }],
      [[-4, 0, 6], { baseline: -10, target: null }],
      [[1000, 250000, 125000], { baseline: null, target: 300000 }],
      [[0.1, 0.2], { baseline: null, target: null }],
      [[5, 5, 5], { baseline: 5, target: 5 }],
    ] as Array<[number[], { baseline: number | null; target: number | null }]>) {
      const chart = lineChart(series(values), guides);
      expect(chart.points).toHaveLength(values.length);
      expectInsideViewBox(chart);
    }
  });

  it('draws left to right in time and higher values higher up (smaller y)', () => {
    const chart = lineChart(series([3, 5, 4, 9]), { baseline: null, target: null });
    const xs = chart.points.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(4);
    const [p3, p5, p4, p9] = chart.points.map((p) => p.y);
    expect(p9).toBeLessThan(p5);
    expect(p5).toBeLessThan(p4);
    expect(p4).toBeLessThan(p3);
    expect(chart.points.map((p) => [p.label, p.value])).toEqual([['uge 1', 3], ['uge 2', 5], ['uge 3', 4], ['uge 4', 9]]);
    // Equal steps in value are equal steps on the page.
    const equal = lineChart(series([0, 10, 20]), { baseline: null, target: null }).points.map((p) => p.y);
    expect(equal[0] - equal[1]).toBeCloseTo(equal[1] - equal[2], 0);
    // The line goes through the points in order.
    expect(chart.path).toBe(chart.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '));
  });

  it('draws baseline and target as guides at the height of their values, with Danish labels', () => {
    const chart = lineChart(series([2, 3.5, 12]), { baseline: 3.5, target: 12 });
    expect(chart.guides.map((g) => [g.kind, g.label])).toEqual([
      ['baseline', 'Udgangspunkt 3,5'],
      ['target', 'Mål 12'],
    ]);
    expect(chart.guides[0].y).toBe(chart.points[1].y);
    expect(chart.guides[1].y).toBe(chart.points[2].y);
    expect(chart.guides[1].y).toBeLessThan(chart.guides[0].y);
  });

  it('keeps a target far above the measurements in view', () => {
    const chart = lineChart(series([1, 2]), { baseline: null, target: 100 });
    expect(chart.guides).toEqual([expect.objectContaining({ kind: 'target', label: 'Mål 100' })]);
    expectInsideViewBox(chart);
    // The measurements sit low, the target high.
    expect(chart.points[0].y - chart.guides[0].y).toBeGreaterThan(chart.height / 2);
  });

  it('starts the scale at 0 for counts, and below the lowest value when there are negatives', () => {
    const counts = lineChart(series([3, 5, 9]), { baseline: 2, target: 12 });
    expect(counts.yTicks[0].label).toBe('0');
    expect(counts.yTicks[0].y).toBeGreaterThan(counts.guides[0].y);
    const negative = lineChart(series([-4, 6]), { baseline: null, target: null });
    expect(negative.yTicks[0].y).toBeGreaterThan(negative.points[0].y);
    expect(Number(negative.yTicks[0].label.replace(',', '.').replace('−', '-'))).toBeLessThan(-4);
  });

  it('has no guides when neither baseline nor target is set', () => {
    expect(lineChart(series([1, 2]), { baseline: null, target: null }).guides).toEqual([]);
  });

  it('puts a single point in the middle, with a path of one move and its label', () => {
    const chart = lineChart([{ label: '24.11.2026', value: 7 }], { baseline: null, target: null });
    expect(chart.points).toHaveLength(1);
    // Two points mark the ends of the plot area; one point sits half-way between them.
    const [left, right] = lineChart(series([7, 7]), { baseline: null, target: null }).points;
    expect(chart.points[0].x).toBeCloseTo((left.x + right.x) / 2, 0);
    expect(chart.points[0].y).toBe(left.y);
    expect(chart.path).toMatch(/^M[\d.]+ [\d.]+$/);
    expect(chart.xLabels).toEqual([{ x: chart.points[0].x, label: '24.11.2026' }]);
    expectInsideViewBox(chart);
  });

  it('labels at most about six dates, always the first and the last', () => {
    const chart = lineChart(series(Array.from({ length: 30 }, (_, i) => i)), { baseline: null, target: null });
    expect(chart.xLabels.length).toBeLessThanOrEqual(7);
    expect(chart.xLabels[0].label).toBe('uge 1');
    expect(chart.xLabels.at(-1)!.label).toBe('uge 30');
  });

  it('uses the size it is given for the viewBox', () => {
    const chart = lineChart(series([1, 2, 3]), { baseline: 0, target: 4 }, 300, 150);
    expect([chart.width, chart.height]).toEqual([300, 150]);
    expectInsideViewBox(chart);
  });
});

describe('barChart', () => {
  const chart = barChart(['Idé', 'Planlagt', 'Afprøves'], [
    { label: 'Initiativer', values: [10, 5, 0] },
    { label: 'Prøvehandlinger', values: [2, 8] },
  ]);
  const bars = chart.groups.flatMap((g) => g.bars);
  const baseline = 240 - 48; // the bottom of the plot area

  it('makes bar heights proportional to the values, the largest filling the plot', () => {
    const [i10, p2, i5, p8, i0, pMissing] = bars;
    expect(i10.h).toBe(180);
    expect(i5.h).toBeCloseTo(i10.h / 2, 1);
    expect(p2.h).toBeCloseTo(i10.h / 5, 1);
    expect(p8.h).toBeCloseTo((i10.h * 8) / 10, 1);
    expect(i0.h).toBe(0);
    expect(pMissing).toMatchObject({ h: 0, value: 0 });
  });

  it('stands every bar on the same baseline inside the viewBox, groups side by side', () => {
    for (const b of bars) {
      expect(b.y + b.h).toBeCloseTo(baseline, 0);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(chart.width);
      expect(b.y).toBeGreaterThanOrEqual(0);
    }
    const xs = chart.groups.map((g) => g.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(chart.groups.map((g) => g.label)).toEqual(['Idé', 'Planlagt', 'Afprøves']);
    expect(chart.series).toEqual(['Initiativer', 'Prøvehandlinger']);
    // The two series of a group do not overlap.
    const [first, second] = chart.groups[0].bars;
    expect(first.x + first.w).toBeLessThanOrEqual(second.x);
  });

  it('labels the ticks with the value at their height', () => {
    const odd = barChart(['a'], [{ label: 's', values: [3] }]);
    const [bar] = odd.groups[0].bars;
    expect(odd.yTicks.map((t) => t.label)).toEqual(['0', '1,5', '3']);
    expect(odd.yTicks[2].y).toBe(bar.y);
    expect(odd.yTicks[0].y).toBe(bar.y + bar.h);
  });

  it('draws empty data without dividing by zero', () => {
    const empty = barChart(['a', 'b'], [{ label: 's', values: [0, 0] }]);
    for (const b of empty.groups.flatMap((g) => g.bars)) expect([b.h, Number.isFinite(b.y)]).toEqual([0, true]);
    expect(barChart([], []).groups).toEqual([]);
  });
});
