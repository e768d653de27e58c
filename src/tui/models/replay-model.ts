// The model behind `gameday replay` in the live view: the diff the operator decides on, then the
// recorded experiment run by the engine with the catalogue registry (one guard, one AWS door), a
// steady loop watching the hypothesis probes and the recorded series, the engine's events fed into
// the loop (attack markers, event log), halt and undo, and the session recording of it all.
// No React: the replay screen subscribes and renders; it never fetches.
import type { AwsCall } from '../../aws/ops/call.js';
import { Guard } from '../../catalog/guard.js';
import { catalogRegistry } from '../../catalog/index.js';
import type { RunEvent } from '../../experiment/events.js';
import type { Sleep } from '../../experiment/run-context.js';
import { runExperiment } from '../../experiment/runner.js';
import { validateExperiment } from '../../experiment/validate.js';
import type { AttackRun } from '../../session/attacks.js';
import type { Recording } from '../../session/recording.js';
import type { TargetDiff } from '../../session/replay-diff.js';
import {
  hypothesisProbes,
  type ReplayMode,
  recordedSeries,
  recordedStops,
  replayExperiment,
} from '../../session/replay-plan.js';
import type { Session } from '../../session/session.js';
import { cloudWatchAlarmStates, cloudWatchMetrics } from '../../steady/cloudwatch.js';
import { SteadyLoop } from '../../steady/loop.js';
import type { LoopClock, LoopEvent } from '../../steady/types.js';
import type { HeaderInfo } from '../widgets/Header.js';

/** Where the replay is: deciding on the diff, typing the confirmation, running, or finished. */
export type ReplayPhase = 'diff' | 'confirm' | 'running' | 'done';

/** What the screen draws besides the loop's snapshot. */
export interface ReplayState {
  phase: ReplayPhase;
  mode?: ReplayMode;
  /** The activity running now (or the last one). */
  current?: string;
  /** How the run ended, once it has. */
  status?: string;
  /** 0 when the experiment completed within its hypothesis, 1 otherwise (as `chaos run`). */
  exitCode?: number;
  /** The latest halt/undo outcome or warning, for the flash line. */
  flash?: string;
  halted: boolean;
}

/** What the model is built from. */
export interface ReplayModelOptions {
  rec: Recording;
  attacks: AttackRun[];
  diffs: TargetDiff[];
  info: HeaderInfo;
  aws: AwsCall;
  allowUntagged?: boolean;
  /** The recorded selection seed, so a random pick picks the same again. */
  seed?: number;
  session?: Pick<
    Session,
    'runEvent' | 'guardEvent' | 'steadyEvent' | 'steadyTick' | 'watchProbe' | 'stopConditions' | 'halt'
  >;
  /** How the engine waits out the recorded pauses (the sandbox divides them by its speed). */
  sleep?: Sleep;
  /** Timers of the steady loop (tests pass a manual one). */
  clock?: LoopClock;
  periodMs?: number;
  metricWindow?(end: Date): { start: Date; end: Date };
  /** The undo backoff's wait (the sandbox's clock in tests). */
  guardSleep?: (ms: number) => Promise<void>;
  version?: string;
}

/** The replay model. */
export class ReplayModel {
  readonly loop: SteadyLoop;
  readonly guard: Guard;
  private readonly registry;
  private st: ReplayState = { phase: 'diff', halted: false };
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private leaving = false;
  private quiet = false;
  private readonly seen = new WeakSet<LoopEvent>();
  private offLoop: (() => void) | undefined;
  private undoing: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ReplayModelOptions) {
    this.guard = new Guard({
      allowUntagged: o.allowUntagged ? { reason: '--allow-untagged' } : false,
      seed: o.seed,
      recorder: o.session ? (e) => o.session!.guardEvent(e) : undefined,
      ...(o.guardSleep ? { sleep: o.guardSleep } : {}),
    });
    this.registry = catalogRegistry({ guard: this.guard, aws: async () => o.aws });
    const stops = recordedStops(o.rec);
    this.loop = new SteadyLoop({
      fetchMetrics: cloudWatchMetrics(o.aws, o.metricWindow),
      alarmStates: cloudWatchAlarmStates(o.aws),
      stopOnAlarms: stops.alarms,
      maxProbeFailures: stops.maxProbeFailures,
      periodMs: o.periodMs,
      clock: o.clock,
      series: recordedSeries(o.rec),
      onStop: async (reason) => {
        await this.halt(`stop condition (${reason})`);
      },
    });
  }

  /** The current state; a new object after every change. */
  snapshot = (): ReplayState => this.st;

  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The diffs shown before acting. */
  get diffs(): readonly TargetDiff[] {
    return this.o.diffs;
  }

  /** Who and where (for the header and the typed confirmation). */
  get info(): HeaderInfo {
    return this.o.info;
  }

  /** The recording being replayed. */
  get recording(): Recording {
    return this.o.rec;
  }

  /** Changes made and not undone yet. */
  active(): number {
    return this.guard.active().length;
  }

  /** The operator chose how to treat the targets: on the sandbox the run starts, else confirm first. */
  choose(mode: ReplayMode): void {
    if (this.st.phase !== 'diff') return;
    this.update({ mode, phase: this.o.info.sandbox ? 'running' : 'confirm' });
    if (this.o.info.sandbox) this.start();
  }

  /** The typed confirmation passed: act. */
  confirm(): void {
    if (this.st.phase !== 'confirm') return;
    this.update({ phase: 'running' });
    this.start();
  }

  /** Back from the confirmation to the diff. */
  back(): void {
    if (this.st.phase === 'confirm') this.update({ phase: 'diff', mode: undefined });
  }

  /** Stops the run and undoes every change it made (h, a stop condition, a signal, quit+undo). */
  async halt(why: string): Promise<{ undone: number; failed: string[] }> {
    this.abort.abort();
    const r = await this.undoAll();
    const failed = r.failed.map((f) => `${f.description}: ${f.error ?? 'failed'}`);
    const text = `${why}: undid ${r.undone} change(s)${failed.length ? `, ${failed.length} FAILED (${failed.join('; ')})` : ''}`;
    this.silently(() => this.loop.halted(text));
    this.o.session?.halt(why, { undone: r.undone, failed });
    this.update({ halted: true, flash: text });
    return { undone: r.undone, failed };
  }

  /** Ends the replay: stops the run (leaving its changes when `undo` is false) and the loop. */
  async close(opts: { undo: boolean }): Promise<void> {
    this.leaving = !opts.undo;
    if (opts.undo && (this.active() > 0 || this.st.phase === 'running')) await this.halt('quit');
    this.abort.abort();
    await this.running;
    this.loop.stop();
    this.offLoop?.();
  }

  private start(): void {
    const { experiment, unpinned } = replayExperiment(this.o.rec, this.o.attacks, this.st.mode ?? 'keep-ids');
    // Nothing runs when the recorded experiment is not valid here (a function this gameday lacks).
    const errors = validateExperiment(experiment, { registry: this.registry, env: process.env }).filter(
      (i) => i.level === 'error',
    );
    if (errors.length) {
      for (const i of errors) this.loop.log('error', `${i.path}: ${i.message}`);
      this.update({
        phase: 'done',
        status: `not valid here (${errors.length} error(s) in the event log)`,
        exitCode: 2,
        flash: 'the recorded experiment is not valid here; nothing was changed',
      });
      return;
    }
    const probes = hypothesisProbes(experiment, this.registry);
    const activities = experiment['steady-state-hypothesis']?.probes ?? [];
    for (const p of probes)
      this.o.session?.watchProbe(
        p,
        activities.find((a) => `hypothesis:${String(a.name)}` === p.id),
      );
    const stops = recordedStops(this.o.rec);
    this.o.session?.stopConditions(
      stops.alarms.map((name) => ({ name })),
      stops.maxProbeFailures || undefined,
    );
    this.loop.configure({ probes });
    this.offLoop = this.loop.subscribe(() => this.record());
    this.loop.start();
    for (const a of unpinned)
      this.loop.log('note', `${a} cannot be pinned to ids; it runs its selectors again`);
    this.running = this.execute(experiment);
  }

  private async execute(experiment: Parameters<typeof runExperiment>[0]): Promise<void> {
    let status = 'failed';
    let exitCode = 1;
    try {
      const result = await runExperiment(experiment, {
        registry: this.registry,
        emit: (e) => this.onRunEvent(e),
        signal: this.abort.signal,
        env: process.env,
        ...(this.o.sleep ? { sleep: this.o.sleep } : {}),
        host: { platform: `gameday-${this.o.version ?? 'dev'}`, node: 'gameday-replay' },
      });
      status = result.status;
      exitCode = result.status === 'completed' && !result.deviated ? 0 : 1;
    } catch (err) {
      this.silently(() => this.loop.log('error', `the run failed: ${(err as Error).message ?? String(err)}`));
    }
    // A replay leaves nothing changed behind (unless the operator quit leaving it so).
    if (!this.leaving && this.active() > 0) {
      const r = await this.undoAll();
      const text = `replay ended: undid ${r.undone} change(s) left in place${r.failed.length ? `, ${r.failed.length} FAILED` : ''}`;
      this.silently(() => this.loop.log(r.failed.length ? 'error' : 'note', text));
      this.update({ flash: text });
    }
    this.update({ phase: 'done', status, exitCode, current: undefined });
  }

  // The engine's events, shown in the live view: attacks as chart markers (recorded as loop
  // events, so a review of the replay marks them too), the rest as log lines (already in the
  // recording as run events).
  private onRunEvent(e: RunEvent): void {
    this.o.session?.runEvent(e);
    const loop = this.loop;
    if (e.type === 'activity-start' && e.phase === 'method' && e.activity.type === 'action')
      loop.attackStarted(String(e.activity.name ?? e.declaredName ?? 'activity'));
    if (e.type === 'activity-end' && e.phase === 'method' && e.entry.activity.type === 'action')
      loop.attackEnded(String(e.entry.activity.name ?? 'activity'));
    this.silently(() => {
      if (e.type === 'activity-start') {
        const name = String(e.activity.name ?? e.declaredName ?? 'activity');
        const attack = e.phase === 'method' && e.activity.type === 'action';
        if (!attack && e.phase !== 'hypothesis')
          loop.log('note', `${e.phase === 'rollback' ? 'rollback' : 'probe'}: ${name}`);
        if (e.phase !== 'hypothesis') this.update({ current: name });
      } else if (e.type === 'activity-end') {
        const name = String(e.entry.activity.name ?? 'activity');
        if (e.error) loop.log('error', `${name} failed: ${e.error}`);
      } else if (e.type === 'pause' && !e.skipped)
        loop.log('note', `pausing ${e.seconds}s ${e.when} ${e.activity}`);
      else if (e.type === 'hypothesis-end')
        loop.log(
          e.state.steady_state_met === false ? 'error' : 'note',
          `hypothesis ${e.phase}: ${e.state.steady_state_met === false ? 'NOT met' : 'met'}`,
        );
      else if (e.type === 'run-end')
        loop.log(
          e.status === 'completed' && !e.deviated ? 'note' : 'error',
          `experiment ended: ${e.status}${e.deviated ? ' (deviated)' : ''}`,
        );
    });
  }

  // Records the loop's ticks, and the events it made itself (probe failures, alarms, pauses); the
  // ones made from engine events are already in the recording as run events.
  private record(): void {
    const s = this.o.session;
    const snap = this.loop.snapshot();
    for (const e of snap.events) {
      if (this.seen.has(e)) continue;
      this.seen.add(e);
      if (!this.quiet) s?.steadyEvent(e);
    }
    s?.steadyTick(snap);
  }

  // One undo pass at a time: a halt during the end-of-run undo waits for it instead of racing it.
  private undoAll(): Promise<{ undone: number; failed: { description: string; error?: string }[] }> {
    const next = this.undoing.then(() => this.guard.undoAll());
    this.undoing = next.catch(() => {});
    return next;
  }

  private silently(fn: () => void): void {
    this.quiet = true;
    try {
      fn();
    } finally {
      this.quiet = false;
    }
  }

  private update(patch: Partial<ReplayState>): void {
    this.st = { ...this.st, ...patch };
    for (const l of this.listeners) l();
  }
}
