// What a report shows, computed once from a recording so the Markdown and HTML renderings say the
// same thing: who/where/when, the hypothesis and its results before/after, the attacks, the
// timeline with notes, the undo outcome, and every graphed series with attack markers.
import type { SteadyState } from '../experiment/types.js';
import type { MetricSpec } from '../steady/types.js';
import { attacksOf, undoRecords } from './attacks.js';
import type { AttackTarget } from './events.js';
import { projectJournal } from './project-journal.js';
import { ofType, type Recording } from './recording.js';
import { type GridBudget, gridBudget, onTickGrid, periodPerTick } from './tick-grid.js';

/** One line of the timeline. */
export interface TimelineItem {
  /** Seconds from the start of the session. */
  offset: number;
  kind: string;
  text: string;
}

/** One chart: series on a shared x axis (ticks) with attack markers. */
export interface ReportChart {
  title: string;
  unit?: string;
  series: { spec: MetricSpec; points: (number | null)[] }[];
  /** Positions (index into points) of attack starts and ends. */
  markers: { index: number; kind: 'start' | 'end'; label: string }[];
  periodMs: number;
}

/** Everything a report renders. */
export interface ReportModel {
  title: string;
  description: string;
  recording: string;
  meta: [string, string][];
  hypothesis: string | null;
  before: SteadyState | null;
  after: SteadyState | null;
  status: string;
  deviated: boolean;
  attacks: {
    name: string;
    title: string;
    fn: string;
    targets: AttackTarget[];
    selection?: string;
    offset: number;
    seconds: number | null;
    outcome: string;
  }[];
  timeline: TimelineItem[];
  undos: { attack: string; description: string; status: string; error?: string }[];
  charts: ReportChart[];
  warnings: string[];
}

/** Builds the report model. */
export function reportModel(rec: Recording, warnings: string[] = []): ReportModel {
  const journal = projectJournal(rec);
  const off = (t: number) => Math.round((t - rec.t0) / 100) / 10;
  const attacks = attacksOf(rec);
  const timeline: TimelineItem[] = [];
  for (const e of rec.session) {
    if (e.type === 'note') timeline.push({ offset: off(e.at), kind: 'note', text: e.text });
    else if (e.type === 'hypothesis') timeline.push({ offset: off(e.at), kind: 'hypothesis', text: e.text });
    else if (e.type === 'halt')
      timeline.push({
        offset: off(e.at),
        kind: 'halt',
        text: `${e.reason}${e.undone !== undefined ? ` (undid ${e.undone}${e.failed?.length ? `, failed: ${e.failed.join(', ')}` : ''})` : ''}`,
      });
    else if (e.type === 'loop-event') timeline.push({ offset: off(e.at), kind: e.kind, text: e.text });
  }
  // Attacks from attacksOf: the console's, or a `gameday run` session's actions.
  for (const a of attacks) {
    timeline.push({
      offset: off(a.start.at),
      kind: 'attack-start',
      text: `${a.start.title} (${a.start.module}.${a.start.func}) on ${a.targets.map((t) => t.id).join(', ') || 'no resolved targets'}`,
    });
    if (a.end)
      timeline.push({
        offset: off(a.end.at),
        kind: 'attack-end',
        text: `${a.start.title} ${a.end.ok ? 'finished' : `failed: ${a.end.message ?? ''}`}`,
      });
  }
  for (const e of rec.guard) {
    if (e.type === 'refused')
      timeline.push({ offset: off(e.at), kind: 'refused', text: `${e.attack}: ${e.reason}` });
    else if (e.type === 'undone')
      timeline.push({ offset: off(e.at), kind: 'undone', text: `${e.attack}: ${e.description}` });
    else if (e.type === 'undo-failed')
      timeline.push({ offset: off(e.at), kind: 'undo-failed', text: `${e.attack}: ${e.error}` });
  }
  timeline.sort((a, b) => a.offset - b.offset);
  const s = rec.start;
  return {
    title: s.title,
    description: s.description,
    recording: rec.name,
    meta: [
      ['Account', s.accountId ?? 'unknown'],
      ['Region', s.region + (s.sandbox ? ' (sandbox)' : '')],
      ['Operator', s.operator ?? 'unknown'],
      ['Started', new Date(rec.t0).toISOString()],
      ['Duration', `${Math.round((rec.t1 - rec.t0) / 1000)} s`],
      ['gameday', s.gamedayVersion],
    ],
    hypothesis: ofType(rec, 'hypothesis').at(-1)?.text ?? null,
    before: journal.steady_states.before,
    after: journal.steady_states.after,
    status: journal.status,
    deviated: journal.deviated,
    attacks: attacks.map((a) => ({
      name: a.name,
      title: a.start.title,
      fn: `${a.start.module}.${a.start.func}`,
      targets: a.targets,
      ...(a.selection ? { selection: `${a.selection.quantity} (seed ${a.selection.seed})` } : {}),
      offset: off(a.start.at),
      seconds: a.end ? Math.round((a.end.at - a.start.at) / 100) / 10 : null,
      outcome: a.end ? (a.end.ok ? 'succeeded' : `failed: ${a.end.message ?? ''}`) : 'unfinished',
    })),
    timeline,
    undos: undoRecords(rec).map((u) => ({
      attack: u.attack,
      description: u.description,
      status: u.status,
      ...(u.error ? { error: u.error } : {}),
    })),
    charts: chartsOf(rec),
    warnings,
  };
}

// Series grouped by their `chart` title (each alone otherwise), on the recorded ticks.
function chartsOf(rec: Recording): ReportChart[] {
  const specs = ofType(rec, 'metric-series').map((e) => e.series);
  const points = ofType(rec, 'metric-points');
  // One slot per tick: an idling console measured every fifth period (null in between).
  const budget = gridBudget();
  const grid = onTickGrid(points, budget);
  const markers = attackMarkers(rec, points, grid.ticks);
  const periodMs = periodPerTick([...points, ...ofType(rec, 'probe-sample')]) ?? 1000;
  const groups = new Map<string, MetricSpec[]>();
  for (const spec of specs) {
    const key = spec.chart ?? `${spec.label}#${spec.id}`;
    groups.set(key, [...(groups.get(key) ?? []), spec]);
  }
  const metricCharts = [...groups.entries()].map(([key, group]) => ({
    title: group[0]!.chart ?? key.replace(/#[^#]*$/, ''),
    ...(group[0]!.unit ? { unit: group[0]!.unit } : {}),
    series: group.map((spec) => ({ spec, points: grid.slots.map((p) => p?.points[spec.id] ?? null) })),
    markers,
    periodMs,
  }));
  return [...metricCharts, ...probeCharts(rec, periodMs, budget)];
}

// Where each attack started and ended, as indexes into a chart's samples (the first sample at or
// after the attack's tick; the last one when it came after them all).
function attackMarkers(
  rec: Recording,
  samples: readonly { tick: number; at: number }[],
  ticks: readonly number[] = samples.map((x) => x.tick),
): ReportChart['markers'] {
  const indexOf = (tick: number) => {
    const i = ticks.findIndex((t) => t >= tick);
    return i < 0 ? Math.max(0, ticks.length - 1) : i;
  };
  const titles = new Map<number, string>();
  const markers: ReportChart['markers'] = [];
  for (const e of rec.session)
    if (e.type === 'attack-start') {
      titles.set(e.attackId, e.title);
      markers.push({ index: indexOf(e.tick ?? tickAt(samples, e.at)), kind: 'start', label: e.title });
    } else if (e.type === 'attack-end')
      markers.push({
        index: indexOf(e.tick ?? tickAt(samples, e.at)),
        kind: 'end',
        label: titles.get(e.attackId) ?? '',
      });
  return markers;
}

// The numbers the live view graphed for probes (healthy count, running tasks), one chart each.
function probeCharts(rec: Recording, periodMs: number, budget: GridBudget): ReportChart[] {
  const samples = ofType(rec, 'probe-sample');
  return ofType(rec, 'probe-watch').flatMap((w) => {
    const mine = samples.filter((x) => x.probe === w.probe.id);
    if (!mine.some((x) => typeof x.measured === 'number')) return [];
    const grid = onTickGrid(mine, budget);
    const markers = attackMarkers(rec, mine, grid.ticks);
    const spec: MetricSpec = {
      id: `probe:${w.probe.id}`,
      label: w.probe.title,
      namespace: 'probe',
      metric: w.probe.title,
      dimensions: {},
      stat: w.probe.tolerance,
      periodSeconds: periodMs / 1000,
    };
    return [
      {
        title: `${w.probe.title} (probe, ${w.probe.tolerance})`,
        series: [
          { spec, points: grid.slots.map((x) => (typeof x?.measured === 'number' ? x.measured : null)) },
        ],
        markers,
        periodMs,
      },
    ];
  });
}

function tickAt(points: readonly { at: number; tick: number }[], t: number): number {
  return points.findLast((p) => p.at <= t)?.tick ?? 0;
}
