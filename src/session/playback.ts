// `gameday review`: a recording played back as the same LoopSnapshot stream the live view renders,
// so graphs, probe strips, notes and attack markers appear as they did, at 1x, 10x or 60x, with
// pause and seek. React-free and AWS-free: it only reads the recorded events.
import type { LoopEvent, LoopMarker, LoopSnapshot, ProbeState, SeriesState } from '../steady/types.js';
import type { SessionEvent, Timed } from './events.js';
import { ofType, type Recording } from './recording.js';
import { gridBudget, periodPerTick, slotsBetween } from './tick-grid.js';

/** Playback speeds the review offers. */
export const SPEEDS = [1, 10, 60] as const;

/** The timers playback uses; tests pass a fake. */
export interface PlaybackClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: PlaybackClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/** The snapshot a live view would have shown `offsetMs` after the recording started. */
export function snapshotAt(rec: Recording, offsetMs: number): LoopSnapshot {
  const until = rec.t0 + offsetMs;
  const probes = new Map<string, ProbeState>();
  const series = new Map<string, SeriesState>();
  const markers: LoopMarker[] = [];
  const events: LoopEvent[] = [];
  const titles = new Map<number, string>();
  let tick = 0;
  /** What the last tick graphed (the operator may have dropped series since they were declared). */
  let graphed: Set<string> | undefined;
  let halted = false;
  let armed = false;
  let probesPaused = false;
  let metricCalls = 0;
  // Slots on the tick grid: a tick not measured (an idling console sampled every fifth period)
  // gets a null, so the arrays stay one slot per tick and the markers land where they were.
  let metricSlots = 0;
  let lastMetricTick: number | undefined;
  const lastProbeTick = new Map<string, number>();
  // Empty slots this snapshot may still add (a hostile recording cannot make it build millions).
  const budget = gridBudget();
  const pad = (last: number | undefined, t: number) => slotsBetween(last, t, budget);

  let alarms: Record<string, string> = {};
  let stopConditions = '';
  const log = (e: Timed<SessionEvent>, kind: LoopEvent['kind'], text: string, at = tick) =>
    events.push({ at: e.at, tick: at, kind, text });
  for (const e of rec.session) {
    if (e.at > until) break;
    switch (e.type) {
      case 'probe-watch':
        if (!probes.has(e.probe.id))
          probes.set(e.probe.id, { spec: e.probe, strip: [], values: [], consecutiveFailures: 0 });
        break;
      case 'probe-sample': {
        tick = Math.max(tick, e.tick);
        const p: ProbeState = probes.get(e.probe) ?? {
          spec: { id: e.probe, title: e.probe, tolerance: '' },
          strip: [],
          values: [],
          consecutiveFailures: 0,
        };
        // The arrays are this snapshot's own (built fresh per call), so pushing is safe and linear.
        for (let i = pad(lastProbeTick.get(e.probe), e.tick); i > 0; i--) {
          p.strip.push(null);
          p.values.push(null);
        }
        lastProbeTick.set(e.probe, e.tick);
        p.strip.push(e.ok);
        p.values.push(typeof e.measured === 'number' ? e.measured : null);
        if (e.ok !== null)
          p.last = {
            ok: e.ok,
            ...(e.value !== undefined ? { value: e.value } : {}),
            ...(e.error ? { error: e.error } : {}),
          };
        p.consecutiveFailures = e.ok === false ? p.consecutiveFailures + 1 : e.ok ? 0 : p.consecutiveFailures;
        probes.set(e.probe, p);
        break;
      }
      case 'metric-series':
        // A series the operator chose mid-run starts blank where it was chosen, aligned with the rest.
        if (!series.has(e.series.id))
          series.set(e.series.id, {
            spec: e.series,
            points: Array.from({ length: metricSlots }, () => null),
          });
        break;
      case 'metric-points':
        tick = Math.max(tick, e.tick);
        metricCalls++;
        graphed = new Set(Object.keys(e.points));
        for (let i = pad(lastMetricTick, e.tick); i > 0; i--, metricSlots++)
          for (const s of series.values()) s.points.push(null);
        lastMetricTick = e.tick;
        metricSlots++;
        for (const [id, s] of series) s.points.push(e.points[id] ?? null);
        break;
      case 'alarm-states':
        alarms = e.states;
        break;
      case 'stop-conditions':
        stopConditions = [
          ...(e.maxProbeFailures ? [`${e.maxProbeFailures} failed probes in a row`] : []),
          ...e.alarms.map((al) => `alarm ${al.name}`),
        ].join(', ');
        break;
      case 'attack-start':
        titles.set(e.attackId, e.title);
        halted = false;
        armed = true;
        markers.push({ tick: e.tick ?? tick, kind: 'start', label: e.title });
        log(e, 'attack-start', e.title, e.tick ?? tick);
        break;
      case 'attack-end': {
        const title = titles.get(e.attackId) ?? `attack ${e.attackId}`;
        markers.push({ tick: e.tick ?? tick, kind: 'end', label: title });
        log(e, 'attack-end', e.ok ? title : `${title}: ${e.message ?? 'failed'}`, e.tick ?? tick);
        break;
      }
      case 'note':
        log(e, 'note', e.text, e.tick ?? tick);
        break;
      case 'halt':
        halted = true;
        armed = false;
        log(e, 'halt', e.reason, e.tick ?? tick);
        break;
      case 'loop-event':
        // The snapshot's `paused` is the probes' (as recorded), not the playback's.
        if (e.kind === 'pause' || e.kind === 'resume') probesPaused = e.kind === 'pause';
        if (e.kind === 'stop-condition') {
          halted = true;
          armed = false;
        }
        // Attacks the loop marked itself (a runbook step, a replayed action) are markers too.
        if (e.kind === 'attack-start' || e.kind === 'attack-end')
          markers.push({ tick: e.tick, kind: e.kind === 'attack-start' ? 'start' : 'end', label: e.text });
        log(e, e.kind, e.text, e.tick);
        break;
      default:
        break;
    }
  }
  return {
    tick,
    running: until < rec.t1,
    paused: probesPaused,
    halted,
    armed,
    periodMs: periodOf(rec),
    probes: [...probes.values()],
    series: [...series.values()].filter((s) => !graphed || graphed.has(s.spec.id)),
    markers,
    events,
    metricCalls,
    alarms,
    stopConditions,
  };
}

// The loop period: time per tick between recorded ticks (1 s when there are none).
function periodOf(rec: Recording): number {
  return periodPerTick([...ofType(rec, 'metric-points'), ...ofType(rec, 'probe-sample')]) ?? 1000;
}

/** A playing recording: position, speed, pause and seek; views subscribe like to the live loop. */
export class Playback {
  /** Length of the recording in ms. */
  readonly duration: number;
  private pos = 0;
  private spd: number;
  private playing = false;
  private timer: unknown;
  private last = 0;
  private snap: LoopSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly recording: Recording,
    options: { speed?: number; clock?: PlaybackClock; frameMs?: number } = {},
  ) {
    this.duration = Math.max(0, recording.t1 - recording.t0);
    this.spd = options.speed ?? 1;
    this.clock = options.clock ?? realClock;
    this.frameMs = options.frameMs ?? 100;
    this.snap = this.build();
  }

  private readonly clock: PlaybackClock;
  private readonly frameMs: number;

  /** The current snapshot (a new object after every change). */
  snapshot = (): LoopSnapshot => this.snap;

  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Milliseconds from the start of the recording. */
  get position(): number {
    return this.pos;
  }

  get speed(): number {
    return this.spd;
  }

  get paused(): boolean {
    return !this.playing;
  }

  /** Plays from the current position (from the start again when at the end). */
  play(): void {
    if (this.playing) return;
    if (this.pos >= this.duration) this.pos = 0;
    this.playing = true;
    this.last = this.clock.now();
    this.timer = this.clock.setInterval(() => this.advance(), this.frameMs);
    this.changed();
  }

  /** Stops the clock where it is. */
  pause(): void {
    if (!this.playing) return;
    this.advance();
    this.playing = false;
    this.clock.clearInterval(this.timer);
    this.timer = undefined;
    this.changed();
  }

  /** Pause when playing, play when paused. */
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** 1, 10 or 60 times real time. */
  setSpeed(speed: number): void {
    if (!(SPEEDS as readonly number[]).includes(speed))
      throw new Error(`speed must be 1, 10 or 60 (not ${speed})`);
    if (this.playing) this.advance();
    this.spd = speed;
    this.changed();
  }

  /** Jumps to `ms` from the start (clamped to the recording). */
  seek(ms: number): void {
    this.pos = Math.min(this.duration, Math.max(0, ms));
    this.last = this.clock.now();
    this.changed();
  }

  /** Jumps by `deltaMs` (negative goes back). */
  seekBy(deltaMs: number): void {
    this.seek(this.pos + deltaMs);
  }

  /** Stops timers. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearInterval(this.timer);
    this.timer = undefined;
    this.playing = false;
  }

  private advance(): void {
    const now = this.clock.now();
    const next = this.pos + (now - this.last) * this.spd;
    this.last = now;
    this.pos = Math.min(this.duration, next);
    if (this.pos >= this.duration && this.playing) {
      this.playing = false;
      this.clock.clearInterval(this.timer);
      this.timer = undefined;
    }
    this.changed();
  }

  private build(): LoopSnapshot {
    return snapshotAt(this.recording, this.pos);
  }

  private changed(): void {
    this.snap = this.build();
    for (const l of [...this.listeners]) l();
  }
}
