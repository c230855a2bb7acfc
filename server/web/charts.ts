// Geometry for the small charts the server draws as SVG (no client-side chart library). The
// views draw the returned shapes with escaped values and always put the numbers in a table too.

export interface LinePoint {
  label: string;
  value: number;
}

export interface LineChart {
  width: number;
  height: number;
  points: Array<{ x: number; y: number; label: string; value: number }>;
  path: string;
  guides: Array<{ y: number; label: string; kind: 'baseline' | 'target' }>;
  yTicks: Array<{ y: number; label: string }>;
  xLabels: Array<{ x: number; label: string }>;
}

const numberFormatter = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }); // made once: see web/format.ts
const formatNumber = (n: number) => numberFormatter.format(n);

/** A line through dated values, with baseline and target as dashed guides. */
export function lineChart(points: LinePoint[], guides: { baseline: number | null; target: number | null }, width = 560, height = 220): LineChart {
  const pad = { top: 16, right: 36, bottom: 32, left: 48 };
  const values = [...points.map((p) => p.value), guides.baseline, guides.target].filter((v): v is number => v !== null);
  let min = Math.min(0, ...values);
  let max = Math.max(...values, 1);
  if (max === min) max = min + 1;
  const span = max - min;
  if (min < 0) min -= span * 0.05; // a scale of counts starts at 0, not below it
  max += span * 0.05;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const y = (v: number) => pad.top + innerH - ((v - min) / (max - min)) * innerH;
  const x = (i: number) => pad.left + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const placed = points.map((p, i) => ({ x: round(x(i)), y: round(y(p.value)), label: p.label, value: p.value }));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => min + t * (max - min));
  const step = Math.max(1, Math.ceil(points.length / 6));
  return {
    width,
    height,
    points: placed,
    path: placed.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '),
    guides: [
      ...(guides.baseline !== null ? [{ y: round(y(guides.baseline)), label: `Udgangspunkt ${formatNumber(guides.baseline)}`, kind: 'baseline' as const }] : []),
      ...(guides.target !== null ? [{ y: round(y(guides.target)), label: `Mål ${formatNumber(guides.target)}`, kind: 'target' as const }] : []),
    ],
    yTicks: ticks.map((v) => ({ y: round(y(v)), label: formatNumber(Math.round(v * 100) / 100) })),
    xLabels: placed.filter((_, i) => i % step === 0 || i === placed.length - 1).map((p) => ({ x: p.x, label: p.label })),
  };
}

export interface BarSeries {
  label: string;
  values: number[];
}

export interface BarChart {
  width: number;
  height: number;
  groups: Array<{ x: number; label: string; bars: Array<{ x: number; y: number; w: number; h: number; value: number; series: number }> }>;
  yTicks: Array<{ y: number; label: string }>;
  series: string[];
}

/** Grouped vertical bars: one group per category, one bar per series. */
export function barChart(categories: string[], series: BarSeries[], width = 640, height = 240): BarChart {
  const pad = { top: 12, right: 12, bottom: 48, left: 40 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const groupW = innerW / Math.max(1, categories.length);
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, series.length));
  return {
    width,
    height,
    series: series.map((s) => s.label),
    groups: categories.map((label, gi) => ({
      x: round(pad.left + gi * groupW + groupW / 2),
      label,
      bars: series.map((s, si) => {
        const value = s.values[gi] ?? 0;
        const h = (value / max) * innerH;
        return { x: round(pad.left + gi * groupW + groupW * 0.1 + si * barW), y: round(pad.top + innerH - h), w: round(barW - 1), h: round(h), value, series: si };
      }),
    })),
    // The label is the value at the tick's height: half of 3 is 1,5, not 2.
    yTicks: [0, 0.5, 1].map((t) => ({ y: round(pad.top + innerH - t * innerH), label: formatNumber(Math.round(t * max * 100) / 100) })),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
