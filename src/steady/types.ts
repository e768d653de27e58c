// Shapes of the live steady-state loop: what a probe is, which CloudWatch series to graph, the
// events the loop emits, and the snapshot a view renders. No React, no AWS SDK: the loop is driven
// by functions the wiring passes in, so it runs the same against AWS, the sandbox or a test fake.

/** A steady-state probe run on every tick: its value must be within its tolerance. */
export interface ProbeSpec {
  id: string;
  title: string;
  /** The tolerance in words, shown beside the probe ("== true", "0.9 <= x <= 1"). */
  tolerance: string;
  run(signal: AbortSignal): Promise<unknown>;
  /** True when the value is within tolerance. */
  check(value: unknown): boolean;
  /** The number to graph for a value (a count inside an object...); default: the value if numeric. */
  measure?(value: unknown): number | undefined;
  /** A probe that takes longer fails with "timed out" (default: the period, at least 2 s). */
  timeoutMs?: number;
}

/** A CloudWatch series to graph. Series sharing a `chart` title are drawn on one chart. */
export interface MetricSpec {
  id: string;
  label: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
  unit?: string;
  chart?: string;
}

/** One GetMetricData query (the SDK's member names, so the wiring passes it through as is). */
export interface MetricQuery {
  Id: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
  ReturnData: true;
}

/** One GetMetricData result, reduced to what the loop reads. */
export interface MetricResult {
  Id?: string;
  Timestamps?: (Date | string)[];
  Values?: number[];
}

/** Fetches up to 500 queries in ONE GetMetricData call (pagination followed inside). */
export type FetchMetrics = (queries: MetricQuery[], start: Date, end: Date) => Promise<MetricResult[]>;

/** Timers the loop uses; tests pass a virtual clock. */
export interface LoopClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What happened, in order: the event log the live view shows (and a recorder can append). */
export interface LoopEvent {
  at: number;
  tick: number;
  kind:
    | 'note'
    | 'attack-start'
    | 'attack-end'
    | 'probe-failed'
    | 'probe-recovered'
    | 'alarm'
    | 'stop-condition'
    | 'halt'
    | 'pause'
    | 'resume'
    | 'graphs'
    | 'error';
  text: string;
}

/** A marker on the time axis where an attack started or ended. */
export interface LoopMarker {
  tick: number;
  kind: 'start' | 'end';
  label: string;
}

/** One probe's state: its pass/fail strip (null = paused/not run) and last outcome. */
export interface ProbeState {
  spec: Pick<ProbeSpec, 'id' | 'title' | 'tolerance'>;
  strip: (boolean | null)[];
  /** Numeric values per tick (null: not a number, failed or paused), graphed as a probe series. */
  values: (number | null)[];
  last?: { ok: boolean; value?: unknown; error?: string };
  consecutiveFailures: number;
}

/** One graphed series: a value per tick (null = no datapoint). */
export interface SeriesState {
  spec: MetricSpec;
  points: (number | null)[];
}

/** Everything a view draws, replaced (never mutated) on each change. */
export interface LoopSnapshot {
  tick: number;
  running: boolean;
  paused: boolean;
  /** A stop condition fired (or the operator halted); cleared when a new attack starts. */
  halted: boolean;
  /** Stop conditions are checked only while armed: from an attack's start until a halt. */
  armed: boolean;
  periodMs: number;
  probes: ProbeState[];
  series: SeriesState[];
  markers: LoopMarker[];
  events: LoopEvent[];
  /** GetMetricData calls made so far (one per tick per 500 series). */
  metricCalls: number;
  alarms: Record<string, string>;
  /** The stop conditions in words ("5 failed probes in a row, alarm web-5xx"), for the screen. */
  stopConditions: string;
  /** The probes whose values get a chart (ids); absent: every probe with numbers. */
  chartedProbes?: string[];
}
