// What a recorded session holds beyond the engine's RunEvents and the guard's GuardEvents: who and
// where, what was watched (probes, series, stop conditions), what was done (attacks with their
// Chaos Toolkit names, arguments, resolved targets and seeds), and what the team said (notes, the
// hypothesis, halts). Every projection (experiment, journal, report, FIS, playback) reads these.
import type { GuardEvent } from '../catalog/guard-types.js';
import type { RunEvent } from '../experiment/events.js';
import type { Activity } from '../experiment/types.js';
import type { LoopEvent, MetricSpec } from '../steady/types.js';

/** The recording format written in `session-start`; later versions must still read older ones. */
export const RECORDING_FORMAT = 1;

/** The first event: the session's identity and where it ran. */
export interface SessionStartEvent {
  type: 'session-start';
  /** RECORDING_FORMAT at the time of writing. */
  format: number;
  /** Unique per session; each undo record of the session names it (`record.session`). */
  sessionId?: string;
  title: string;
  description: string;
  accountId: string | null;
  /** The role the session acted as (an experiment's aws_assume_role_arn): recover acts as it too. */
  assumedRole?: RecordedRole;
  region: string;
  sandbox: boolean;
  gamedayVersion: string;
  operator: string | null;
}

/** A role assumed through STS, as recorded: its ARN and the session name the calls carried. */
export interface RecordedRole {
  arn: string;
  sessionName: string;
}

/** A steady-state probe the live loop watches; `activity` is its Chaos Toolkit probe with tolerance. */
export interface ProbeWatchEvent {
  type: 'probe-watch';
  probe: { id: string; title: string; tolerance: string };
  activity?: Activity;
}

/** One run of a watched probe on one tick (ok null: paused, not run). */
export interface ProbeSampleEvent {
  type: 'probe-sample';
  probe: string;
  tick: number;
  ok: boolean | null;
  value?: unknown;
  /** The number the live view graphed for the value, when there is one. */
  measured?: number | null;
  error?: string;
}

/** A graphed CloudWatch series, declared once before its first points. */
export interface MetricSeriesEvent {
  type: 'metric-series';
  series: MetricSpec;
}

/** The value of every graphed series on one tick (series id -> value, null = no datapoint). */
export interface MetricPointsEvent {
  type: 'metric-points';
  tick: number;
  points: Record<string, number | null>;
}

/** Alarm states read on a tick, recorded when they change. */
export interface AlarmStatesEvent {
  type: 'alarm-states';
  tick: number;
  states: Record<string, string>;
}

/** The alarms (and probe-failure limit) that halt the session: FIS stop conditions on export. */
export interface StopConditionsEvent {
  type: 'stop-conditions';
  alarms: { name: string; arn?: string }[];
  maxProbeFailures?: number;
}

/** A resource an attack resolved to, with what a replay compares against. */
export interface AttackTarget {
  kind: string;
  id: string;
  arn?: string;
  tags?: Record<string, string>;
  state?: string;
  az?: string;
  /** The group or service the resource belongs to (ASG name, ECS cluster). */
  parent?: string;
}

/** An attack begins: catalogue entry, Chaos Toolkit module/func, arguments and resolved targets. */
export interface AttackStartEvent {
  type: 'attack-start';
  /** Pairs the start with its end; unique within the session. */
  attackId: number;
  /** Readable name ("Stop instances"). */
  title: string;
  module: string;
  func: string;
  arguments: Record<string, unknown>;
  targets: AttackTarget[];
  /** How the targets were picked (ALL / COUNT(n) / PERCENT(n)) and with which seed. */
  selection?: { quantity: string; seed: number };
  /** The steady loop's tick when it started (for chart markers). */
  tick?: number;
  dryRun?: boolean;
}

/** An attack finished (or failed); `output` is its return value. */
export interface AttackEndEvent {
  type: 'attack-end';
  attackId: number;
  ok: boolean;
  message?: string;
  output?: unknown;
  tick?: number;
  /** Targets the guard saw it change (when the start could not name them yet). */
  targets?: AttackTarget[];
  /** The random pick the guard recorded for it. */
  selection?: { quantity: string; seed: number };
}

/** An operator note, stamped on the timeline. */
export interface OperatorNoteEvent {
  type: 'note';
  text: string;
  tick?: number;
}

/** The team's hypothesis in words ("losing one AZ keeps p99 under 300 ms"). */
export interface HypothesisTextEvent {
  type: 'hypothesis';
  text: string;
}

/** The operator (or a stop condition) halted: what the undo did. */
export interface HaltEvent {
  type: 'halt';
  reason: string;
  undone?: number;
  failed?: string[];
  tick?: number;
}

/** A steady-loop event the session did not itself originate (probe failed, alarm, pause...). */
export interface LoopEventRecord {
  type: 'loop-event';
  kind: LoopEvent['kind'];
  text: string;
  tick: number;
}

/** The last event: the session closed. */
export interface SessionEndEvent {
  type: 'session-end';
  reason?: string;
}

/** Every event the session itself writes (source `session`, `steady` or `console`). */
export type SessionEvent =
  | SessionStartEvent
  | ProbeWatchEvent
  | ProbeSampleEvent
  | MetricSeriesEvent
  | MetricPointsEvent
  | AlarmStatesEvent
  | StopConditionsEvent
  | AttackStartEvent
  | AttackEndEvent
  | OperatorNoteEvent
  | HypothesisTextEvent
  | HaltEvent
  | LoopEventRecord
  | SessionEndEvent;

/** A recorded line, typed by its source (the engine's `note` and the operator's share a type name). */
export type TypedRecord =
  | { seq: number; t: number; source: 'run'; event: RunEvent }
  | { seq: number; t: number; source: 'guard'; event: GuardEvent }
  | { seq: number; t: number; source: 'session' | 'steady' | 'console'; event: SessionEvent };

/** Session events with their record time, in order. */
export type Timed<E> = E & { at: number; seq: number };
