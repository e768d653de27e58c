// Pure helpers of the live view: which charts to draw (CloudWatch series grouped by chart title,
// plus numeric probe values), where attack markers fall on them, and the pass/fail strip text.
import type { LoopSnapshot } from '../../steady/types.js';
import type { PlotMarker, PlotSeries } from '../widgets/chart-text.js';

/** One chart to draw. */
export interface ChartModel {
  title: string;
  unit?: string;
  series: PlotSeries[];
  markers: PlotMarker[];
}

/** The charts: one per numeric probe (the steady state first), then one per CloudWatch chart title. */
export function chartsOf(snap: LoopSnapshot): ChartModel[] {
  const charts = new Map<string, ChartModel>();
  for (const p of snap.probes) {
    if (!p.values.some((v) => v !== null)) continue;
    if (snap.chartedProbes && !snap.chartedProbes.includes(p.spec.id)) continue;
    charts.set(`probe:${p.spec.id}`, {
      title: `${p.spec.title} (probe ${p.spec.tolerance})`,
      series: [{ label: 'now', points: p.values }],
      markers: [],
    });
  }
  for (const s of snap.series) {
    const title = s.spec.chart ?? s.spec.metric;
    const c = charts.get(title) ?? { title, unit: s.spec.unit, series: [], markers: [] };
    c.series.push({ label: s.spec.label, points: s.points });
    charts.set(title, c);
  }
  return [...charts.values()].map((c) => {
    const len = Math.max(0, ...c.series.map((s) => s.points.length));
    return { ...c, markers: markersFor(snap, len) };
  });
}

/** Loop markers (absolute ticks) as indexes into series that hold the last `len` ticks. */
export function markersFor(snap: LoopSnapshot, len: number): PlotMarker[] {
  const first = snap.tick - len + 1;
  return snap.markers
    .map((m) => ({ index: m.tick + 1 - first, kind: m.kind }))
    .filter((m) => m.index >= 0 && m.index < len + 1);
}

/** The last `width` outcomes as text: ✔ pass, ✘ fail, · paused. */
export function stripText(strip: readonly (boolean | null)[], width: number): string {
  return strip
    .slice(-width)
    .map((x) => (x === null ? '·' : x ? '✔' : '✘'))
    .join('');
}
