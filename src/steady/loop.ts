// The live steady-state loop: on every tick it runs each probe (with a timeout), fetches every
// graphed CloudWatch series in one GetMetricData call (per 500 series), reads alarm states, and
// checks the stop conditions (an alarm entering ALARM, a probe failing N times in a row). When one
// fires while an attack is on it calls `onStop` (the wiring halts and undoes) once; the next
// attack re-arms it.
// Models poll and notify: views subscribe and render `snapshot()`, never fetch.
import { fetchLatest, MAX_QUERIES_PER_CALL } from './metrics.js';
import { measure, type ProbeOutcome, runProbe } from './probe-run.js';
import type {
  FetchMetrics,
  LoopClock,
  LoopEvent,
  LoopSnapshot,
  MetricSpec,
  ProbeSpec,
  ProbeState,
  SeriesState,
} from './types.js';

/** How the loop is built. */
export interface SteadyLoopOptions {
  probes?: ProbeSpec[];
  series?: MetricSpec[];
  fetchMetrics?: FetchMetrics;
  /** Current states of the alarms named in `stopOnAlarms` (one DescribeAlarms per tick). */
  alarmStates?: (names: string[]) => Promise<Record<string, string>>;
  /** Alarms whose entering ALARM halts the run. */
  stopOnAlarms?: string[];
  /** Consecutive failures of one probe that halt the run (default 3; 0 = never). */
  maxProbeFailures?: number;
  periodMs?: number;
  /** How many ticks of history to keep (default 600). */
  history?: number;
  clock?: LoopClock;
  /** Called once when a stop condition fires, with the reason (the wiring halts and undoes). */
  onStop?: (reason: string) => Promise<void> | void;
  /** Every event, as it happens (for the recorder). */
  onEvent?: (event: LoopEvent) => void;
}

/** The real timers. */
export const realClock: LoopClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

const MAX_EVENTS = 500;

/** The loop model. */
export class SteadyLoop {
  private readonly opts: Required<Pick<SteadyLoopOptions, 'maxProbeFailures' | 'periodMs' | 'history'>> &
    SteadyLoopOptions;
  private readonly clock: LoopClock;
  private readonly listeners = new Set<() => void>();
  private snap: LoopSnapshot;
  private timer: unknown;
  private ticking = false;
  private readonly abort = new AbortController();
  /** Bumped by configure(): a tick started before it drops its (now mismatched) results. */
  private generation = 0;
  /** Measure every this many ticks (1: every tick; more while nobody watches, see setSampleEvery). */
  private every = 1;
  /** When the last tick ran (clock ms), to count the periods a sparse stretch spanned. */
  private lastTickAt: number | undefined;
  /** `every` as it was for the last tick: the next tick may span up to that many periods. */
  private sparse = 0;

  constructor(options: SteadyLoopOptions = {}) {
    this.opts = {
      ...options,
      maxProbeFailures: options.maxProbeFailures ?? 3,
      periodMs: options.periodMs ?? 1000,
      history: options.history ?? 600,
    };
    this.clock = options.clock ?? realClock;
    this.snap = {
      tick: 0,
      running: false,
      paused: false,
      halted: false,
      armed: false,
      periodMs: this.opts.periodMs,
      probes: (options.probes ?? []).map((p) => ({
        spec: { id: p.id, title: p.title, tolerance: p.tolerance },
        strip: [],
        values: [],
        consecutiveFailures: 0,
      })),
      series: (options.series ?? []).map((spec) => ({ spec, points: [] })),
      markers: [],
      events: [],
      metricCalls: 0,
      alarms: {},
      stopConditions: '',
    };
    this.snap.stopConditions = this.describeStops();
  }

  /** The current state; a new object after every change (for useSyncExternalStore). */
  snapshot = (): LoopSnapshot => this.snap;

  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces what is probed and graphed (the console configures it once the inventory is known). */
  configure(next: Pick<SteadyLoopOptions, 'probes' | 'series' | 'stopOnAlarms'>): void {
    this.generation++;
    if (next.probes) this.opts.probes = next.probes;
    if (next.series) this.opts.series = next.series;
    if (next.stopOnAlarms) this.opts.stopOnAlarms = next.stopOnAlarms;
    this.update({
      probes: (this.opts.probes ?? []).map((p) => ({
        spec: { id: p.id, title: p.title, tolerance: p.tolerance },
        strip: [],
        values: [],
        consecutiveFailures: 0,
      })),
      series: (this.opts.series ?? []).map((spec) => ({ spec, points: [] })),
      stopConditions: this.describeStops(),
    });
  }

  /** Replaces what is graphed, as the operator chose: the CloudWatch series (a kept series keeps its
   * history, a new one starts blank at the current tick, all still fetched in one GetMetricData
   * call per 500) and which probes get a chart (every probe is still run). Logged, so the
   * recording says what was on screen. */
  setGraphs(choice: { series: MetricSpec[]; probes: string[] }, description?: string): void {
    if (choice.series.length > MAX_QUERIES_PER_CALL)
      throw new Error(`at most ${MAX_QUERIES_PER_CALL} series can be graphed (one GetMetricData call)`);
    const kept = new Map(this.snap.series.map((s) => [s.spec.id, s]));
    const len = Math.max(
      0,
      ...this.snap.series.map((s) => s.points.length),
      ...this.snap.probes.map((p) => p.strip.length),
    );
    this.opts.series = choice.series;
    this.update({
      series: choice.series.map((spec) => ({
        spec,
        points: kept.get(spec.id)?.points ?? Array.from({ length: len }, () => null),
      })),
      chartedProbes: [...choice.probes],
    });
    this.log(
      'graphs',
      description ?? `graphing ${choice.series.length} series, ${choice.probes.length} probe chart(s)`,
    );
  }

  private describeStops(): string {
    const parts: string[] = [];
    if (this.opts.maxProbeFailures > 0 && (this.opts.probes ?? []).length)
      parts.push(`a probe failing ${this.opts.maxProbeFailures}x in a row`);
    const alarms = this.opts.stopOnAlarms ?? [];
    if (alarms.length) parts.push(`alarm ${alarms.join(', ')} in ALARM`);
    return parts.join(' or ') || 'none';
  }

  /** Starts ticking on the period (the first tick runs at once). */
  start(): void {
    if (this.snap.running) return;
    this.update({ running: true });
    this.schedule();
    void this.tick();
  }

  /** (Re)arms the timer at the current sampling rate. */
  private schedule(): void {
    if (this.timer !== undefined) this.clock.clearInterval(this.timer);
    this.timer = this.clock.setInterval(() => void this.tick(), this.opts.periodMs * this.every);
  }

  /**
   * Measures every `n`th period only (the console idling: nothing in place, nobody on the live
   * view), so an idle console costs a fifth of the AWS calls and CPU. The tick numbers stay a
   * time index: a sparse tick advances by the periods it spanned and leaves the skipped ones empty
   * (null, as a paused probe's), so charts, markers and recordings keep their time axis. Going
   * back to 1 measures at once.
   */
  setSampleEvery(n: number): void {
    const every = Math.max(1, Math.floor(n));
    if (every === this.every) return;
    this.every = every;
    if (this.timer === undefined) return;
    this.schedule();
    if (every === 1) void this.tick();
  }

  /** Stops ticking and aborts probes in flight. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
    this.update({ running: false });
  }

  /** Pauses or resumes the probes (the clock and markers go on). */
  setPaused(paused: boolean): void {
    if (paused === this.snap.paused) return;
    this.update({ paused });
    this.log(paused ? 'pause' : 'resume', paused ? 'probes paused' : 'probes resumed');
  }

  /** Adds an operator note, stamped on the timeline. */
  note(text: string): void {
    this.log('note', text);
  }

  /** Marks an attack's start on the charts and re-arms the stop conditions. */
  attackStarted(label: string): void {
    this.update({
      halted: false,
      armed: true,
      markers: [...this.snap.markers, { tick: this.snap.tick, kind: 'start', label }],
    });
    this.log('attack-start', label);
  }

  /** Marks an attack's end (its undo ran, or it finished). */
  attackEnded(label: string): void {
    this.update({ markers: [...this.snap.markers, { tick: this.snap.tick, kind: 'end', label }] });
    this.log('attack-end', label);
  }

  /** Records a halt the operator asked for (the wiring undoes); stop conditions stay quiet after. */
  halted(text: string): void {
    this.update({ halted: true, armed: false });
    this.log('halt', text);
  }

  /** Adds an event to the log (AWS errors mid-run, results of attacks). */
  log(kind: LoopEvent['kind'], text: string): void {
    const event: LoopEvent = { at: this.clock.now(), tick: this.snap.tick, kind, text };
    this.update({ events: [...this.snap.events, event].slice(-MAX_EVENTS) });
    this.opts.onEvent?.(event);
  }

  /** One tick: probes, metrics, alarms, stop conditions. Public so tests drive it directly. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      // Periods since the last tick: 1 when ticking every period; about `every` in a sparse
      // stretch (fewer when it ended early, as the operator opened the live view; a late timer
      // counts, up to twice the stretch).
      const now = this.clock.now();
      const stretch = Math.max(this.every, this.sparse);
      const spanned =
        stretch > 1
          ? Math.min(
              2 * stretch,
              Math.max(1, Math.round((now - (this.lastTickAt ?? now)) / this.opts.periodMs)),
            )
          : 1;
      this.sparse = this.every > 1 ? this.every : 0;
      this.lastTickAt = now;
      const tick = this.snap.tick + spanned;
      const skipped = spanned - 1;
      const generation = this.generation;
      const [probes, points, alarms] = await Promise.all([
        this.snap.paused ? this.pausedProbes(skipped) : this.runProbes(skipped),
        this.fetchSeries(),
        this.readAlarms(),
      ]);
      if (generation !== this.generation) return;
      // By id: the operator may have changed what is graphed while this tick's call was out.
      const series: SeriesState[] = this.snap.series.map((s) => ({
        spec: s.spec,
        points: this.push(s.points, points.get(s.spec.id) ?? null, skipped),
      }));
      const prevAlarms = this.snap.alarms;
      this.update({ tick, probes, series, alarms });
      for (const p of probes) {
        const before = this.findProbe(p.spec.id);
        if (p.last && !p.last.ok && p.consecutiveFailures === 1)
          this.log(
            'probe-failed',
            `${p.spec.title}: ${p.last.error ?? `${this.shown(p)} outside ${p.spec.tolerance}`}`,
          );
        if (p.last?.ok && before && before.consecutiveFailures > 0)
          this.log('probe-recovered', `${p.spec.title} back within tolerance`);
      }
      for (const [name, state] of Object.entries(alarms))
        if (state !== prevAlarms[name] && prevAlarms[name] !== undefined)
          this.log('alarm', `${name}: ${prevAlarms[name]} -> ${state}`);
      await this.checkStop(prevAlarms);
    } finally {
      this.ticking = false;
    }
  }

  private prevProbes: ProbeState[] = [];

  private shown(p: ProbeState): string {
    const n = p.values[p.values.length - 1];
    return n !== null && n !== undefined && typeof p.last?.value !== 'number'
      ? `${n}`
      : `value ${show(p.last?.value)}`;
  }

  private findProbe(id: string): ProbeState | undefined {
    return this.prevProbes.find((p) => p.spec.id === id);
  }

  private pausedProbes(skipped: number): ProbeState[] {
    this.prevProbes = this.snap.probes;
    return this.snap.probes.map((p) => ({
      ...p,
      strip: this.push(p.strip, null, skipped),
      values: this.push(p.values, null, skipped),
    }));
  }

  private async runProbes(skipped: number): Promise<ProbeState[]> {
    this.prevProbes = this.snap.probes;
    const specs = this.opts.probes ?? [];
    return Promise.all(
      this.snap.probes.map(async (state, i) => {
        const spec = specs[i]!;
        const last = await this.runOne(spec);
        return {
          spec: state.spec,
          strip: this.push(state.strip, last.ok, skipped),
          values: this.push(state.values, measure(spec, last), skipped),
          last,
          consecutiveFailures: last.ok ? 0 : state.consecutiveFailures + 1,
        };
      }),
    );
  }

  private runOne(spec: ProbeSpec): Promise<ProbeOutcome> {
    return runProbe(
      spec,
      this.abort.signal,
      this.clock,
      spec.timeoutMs ?? Math.max(2000, this.opts.periodMs),
    );
  }

  private async fetchSeries(): Promise<Map<string, number | null>> {
    const specs = this.opts.series ?? [];
    if (!specs.length || !this.opts.fetchMetrics) return new Map();
    const values = await fetchLatest(specs, this.opts.fetchMetrics, this.clock.now(), {
      onCall: () => {
        this.snap = { ...this.snap, metricCalls: this.snap.metricCalls + 1 };
      },
      onError: (err) => this.log('error', `GetMetricData failed: ${message(err)}`),
    });
    return new Map(specs.map((s, i) => [s.id, values[i] ?? null]));
  }

  private async readAlarms(): Promise<Record<string, string>> {
    const names = this.opts.stopOnAlarms ?? [];
    if (!names.length || !this.opts.alarmStates) return this.snap.alarms;
    try {
      return await this.opts.alarmStates(names);
    } catch (err) {
      this.log('error', `reading alarms failed: ${message(err)}`);
      return this.snap.alarms;
    }
  }

  private async checkStop(prevAlarms: Record<string, string>): Promise<void> {
    if (!this.snap.armed) return;
    let reason: string | undefined;
    for (const name of this.opts.stopOnAlarms ?? []) {
      const now = this.snap.alarms[name];
      if (now === 'ALARM' && prevAlarms[name] !== 'ALARM') reason = `alarm ${name} entered ALARM`;
    }
    const n = this.opts.maxProbeFailures;
    const failing = n > 0 ? this.snap.probes.find((p) => p.consecutiveFailures >= n) : undefined;
    if (!reason && failing)
      reason = `probe "${failing.spec.title}" failed ${failing.consecutiveFailures} times in a row`;
    if (!reason) return;
    this.update({ halted: true, armed: false });
    this.log('stop-condition', `${reason}: halting and undoing`);
    try {
      await this.opts.onStop?.(reason);
    } catch (err) {
      this.log('error', `halt after stop condition failed: ${message(err)}`);
    }
  }

  /** `xs` with `skipped` nulls (periods not measured) and then `x` appended, kept to the history. */
  private push<T>(xs: readonly T[], x: T, skipped = 0): (T | null)[] {
    const out: (T | null)[] = [...xs];
    for (let i = 0; i < skipped; i++) out.push(null);
    out.push(x);
    return out.length > this.opts.history ? out.slice(out.length - this.opts.history) : out;
  }

  private update(patch: Partial<LoopSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
