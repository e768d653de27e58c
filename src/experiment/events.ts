// The spine of a run (DESIGN.md): everything the runner does is an event, in order. The console
// log (log.ts) and the journal (journal.ts) are pure projections of this list; the TUI and the
// recorder consume the same events.
import type { DryMode, HypothesisStrategy, RollbackStrategy } from './strategy.js';
import type { Activity, Experiment, RunEntry, RunStatus, SteadyState } from './types.js';

/** Where an activity runs. */
export type ActivityPhase = 'hypothesis' | 'method' | 'rollback';
/** Which hypothesis check: the gate, the deviation check, or a continuous iteration. */
export type HypothesisPhase = 'before' | 'after' | 'during';

interface At {
  /** Wall-clock time of the event, epoch milliseconds (may carry a fraction). */
  t: number;
}

/** The run starts: strategies chosen, the journal's copy of the experiment taken. */
export interface RunStartEvent extends At {
  type: 'run-start';
  /** The journal's copy: title substituted, `dry` set, activities as declared. */
  experiment: Experiment;
  hypothesisStrategy: HypothesisStrategy;
  rollbackStrategy: RollbackStrategy;
  dry: DryMode | null;
  /** False when there is no hypothesis with probes ("just exploring"). */
  hasHypothesis: boolean;
  host: { platform: string; node: string; chaoslibVersion: string };
}

/** A hypothesis check begins. */
export interface HypothesisStartEvent extends At {
  type: 'hypothesis-start';
  phase: HypothesisPhase;
  title: string;
  iteration?: number;
}

/** A hypothesis check ends with its state (the journal's `steady_states` entry). */
export interface HypothesisEndEvent extends At {
  type: 'hypothesis-end';
  phase: HypothesisPhase;
  state: SteadyState;
  /** True when the check stopped on a probe that raised (not a tolerance miss). */
  probeRaised: boolean;
}

/** An activity starts running (after its `pauses.before`). */
export interface ActivityStartEvent extends At {
  type: 'activity-start';
  /** Unique within the run; pairs the start with its end. */
  id: number;
  phase: ActivityPhase;
  hypothesisPhase?: HypothesisPhase;
  /** The resolved activity (the target of a `ref`). */
  activity: Activity;
  /** The `name` written in the declaration (null for a `{"ref"}` stub: chaos logs "Rollback: None"). */
  declaredName: string | null;
  background: boolean;
}

/** An activity finished (before its `pauses.after`); `entry` is its journal run entry. */
export interface ActivityEndEvent extends At {
  type: 'activity-end';
  id: number;
  phase: ActivityPhase;
  hypothesisPhase?: HypothesisPhase;
  entry: RunEntry;
  /** The failure message, as printed after "=> failed:". */
  error?: string;
}

/** A pause before or after an activity (skipped in dry mode, still announced). */
export interface PauseEvent extends At {
  type: 'pause';
  when: 'before' | 'after';
  seconds: number;
  activity: string;
  skipped: boolean;
}

/** A probe tolerance was evaluated with `value` injected into its arguments. */
export interface ToleranceProbeEvent extends At {
  type: 'tolerance-probe';
  /** Index of the hypothesis probe that carries the tolerance. */
  probeIndex: number;
  value: unknown;
  met: boolean;
}

/** The continuous hypothesis loop starts. */
export interface ContinuousStartEvent extends At {
  type: 'continuous-start';
  frequency: number;
}

/** The continuous loop ends; `failFastRatio` is set when `--fail-fast` stopped the run. */
export interface ContinuousEndEvent extends At {
  type: 'continuous-end';
  failFastRatio?: number;
}

/** The method starts. */
export interface MethodStartEvent extends At {
  type: 'method-start';
  count: number;
}

/** The method ends (background activities included). */
export interface MethodEndEvent extends At {
  type: 'method-end';
}

/** The rollback strategy was applied to the run's state. */
export interface RollbackDecisionEvent extends At {
  type: 'rollback-decision';
  strategy: RollbackStrategy;
  play: boolean;
  deviated: boolean;
}

/** Rollbacks start. */
export interface RollbacksStartEvent extends At {
  type: 'rollbacks-start';
  count: number;
}

/** Rollbacks end. */
export interface RollbacksEndEvent extends At {
  type: 'rollbacks-end';
}

/** Something worth a warning or error line (provider warnings, dry mode, dynamic configuration). */
export interface NoteEvent extends At {
  type: 'note';
  level: 'debug' | 'info' | 'warning' | 'error' | 'critical';
  message: string;
}

/** The run was interrupted (Ctrl-C / AbortSignal), during the run or during rollbacks. */
export interface InterruptedEvent extends At {
  type: 'interrupted';
  during: 'run' | 'rollbacks';
}

/** An unexpected error stopped the method machinery: status becomes aborted. */
export interface AbortedEvent extends At {
  type: 'aborted';
  message: string;
}

/** The run ended. */
export interface RunEndEvent extends At {
  type: 'run-end';
  status: RunStatus;
  deviated: boolean;
}

/** Every event a run emits. */
export type RunEvent =
  | RunStartEvent
  | HypothesisStartEvent
  | HypothesisEndEvent
  | ActivityStartEvent
  | ActivityEndEvent
  | PauseEvent
  | ToleranceProbeEvent
  | ContinuousStartEvent
  | ContinuousEndEvent
  | MethodStartEvent
  | MethodEndEvent
  | RollbackDecisionEvent
  | RollbacksStartEvent
  | RollbacksEndEvent
  | NoteEvent
  | InterruptedEvent
  | AbortedEvent
  | RunEndEvent;

/** An event before its timestamp is added (what runner code builds). */
export type RunEventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 't'> : never) : never;
