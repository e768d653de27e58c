// Plots series as asciichart lines with a labelled y axis (the unit shows in the chart title), a time axis, and a
// marker row showing where each attack started (▲) and ended (△). Pure text, so it is testable
// without ink and the same plot shows in screenshots and replays.
import asciichart from 'asciichart';

/** A series aligned on the chart's common time slots (null = no data in that slot). */
export interface PlotSeries {
  label: string;
  points: (number | null)[];
}

/** An attack boundary at a slot index. */
export interface PlotMarker {
  index: number;
  kind: 'start' | 'end';
}

/** What to draw. `width` is the whole width including the axis labels. */
export interface PlotInput {
  series: PlotSeries[];
  markers: PlotMarker[];
  height: number;
  width: number;
  /** Shown by the Chart title; kept here so callers pass one object. */
  unit?: string;
  /** Seconds between slots, for the time axis ("-60s ... now"). */
  stepSeconds?: number;
  min?: number;
  max?: number;
}

const LABEL_WIDTH = 8;

/** Short axis numbers: 1.2k, 3.4M, 0.25. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  if (a >= 100 || Number.isInteger(n)) return n.toFixed(0);
  if (a >= 1) return n.toFixed(1);
  return n.toFixed(2);
}

/** The columns of data a chart of this width can show. */
export function plotColumns(width: number): number {
  return Math.max(4, width - LABEL_WIDTH - 3);
}

/** Lines of text: the plot rows, the marker row, and the time axis row. */
export function plotLines(input: PlotInput): string[] {
  const cols = plotColumns(input.width);
  const len = Math.max(0, ...input.series.map((s) => s.points.length));
  const from = Math.max(0, len - cols);
  const raw = input.series.map((s) => s.points.slice(from));
  const values = raw.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  // asciichart cannot draw gaps: a missing point repeats the one before (the first known leads).
  const slice = raw.filter((pts) => pts.some((p) => p !== null)).map(fillGaps);
  const pad = ' '.repeat(LABEL_WIDTH + 2);
  if (values.length === 0) {
    const rows = Array.from({ length: input.height }, () => pad);
    rows[Math.floor(input.height / 2)] = `${pad}waiting for data…`;
    return [...rows, pad, pad];
  }
  let min = input.min ?? Math.min(...values);
  let max = input.max ?? Math.max(...values);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const plot = asciichart.plot(slice, {
    height: Math.max(1, input.height - 1),
    min,
    max,
    format: (x: number) => compact(x).slice(-LABEL_WIDTH).padStart(LABEL_WIDTH),
  });
  const rows = plot.split('\n');
  const axisCol = LABEL_WIDTH + 1;
  const marks = Array.from({ length: cols + axisCol + 2 }, () => ' ');
  for (const m of input.markers) {
    const col = axisCol + (m.index - from);
    if (m.index < from || col >= marks.length) continue;
    marks[col] = m.kind === 'start' ? '▲' : marks[col] === '▲' ? '▲' : '△';
  }
  const shown = Math.min(len, cols);
  const left = input.stepSeconds ? `-${Math.round(shown * input.stepSeconds)}s` : '';
  // "now" under the last point, and never run into the left label on a short history ("-5s now").
  const timeAxis = `${' '.repeat(axisCol + 1)}${left.padEnd(Math.max(shown - 3, left ? left.length + 1 : 0))}now`;
  return [...rows, marks.join('').trimEnd(), timeAxis];
}

/** Replaces nulls with the previous value (leading nulls with the first value). */
export function fillGaps(points: readonly (number | null)[]): number[] {
  const first = points.find((p) => p !== null) ?? 0;
  let last = first;
  return points.map((p) => {
    if (p !== null && Number.isFinite(p)) last = p;
    return last;
  });
}
