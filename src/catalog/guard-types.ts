// Shapes the guard shares with the recorder, the console and `recover`: planned calls, targets,
// undo records and the events the guard emits (all JSON-shaped except the undo's AWS door).
import type { AwsCall } from '../aws/ops/call.js';
import type { ServiceName } from '../aws/types.js';

/** One AWS call, written down before it is made (the plan of a dry run, the body of an undo). */
export interface PlannedCall {
  service: ServiceName;
  operation: string;
  input: Record<string, unknown>;
}

/** A resource a change touches, with the tags the opt-in check reads (parents' tags merged in). */
export interface Target {
  /** Inventory kind (`instances`, `autoScalingGroups`, ...) or `volumes` / `securityGroups` / `metrics`. */
  kind: string;
  id: string;
  tags: Record<string, string>;
}

/** The inverse of one change: recorded before the change, played by halt, rollback or recover. */
export interface UndoRecord {
  id: number;
  attack: string;
  description: string;
  calls: PlannedCall[];
  /** The change this record undoes. */
  change: PlannedCall;
  /** How many of `calls` already ran (an undo resumes where it failed). */
  callsDone: number;
  targets: Target[];
  /** active: to undo; undone; failed; settled: a later change did it; not-applied: the change failed. */
  status: 'active' | 'undone' | 'failed' | 'settled' | 'not-applied';
  error?: string;
  at: string;
  /** The recorded session that made the change (Session stamps it; recover reports it). */
  session?: string;
  /** The AWS door the undo uses (same account and region as the change). */
  aws: AwsCall;
}

/** Everything the guard tells the recorder, in order. */
export type GuardEvent =
  | {
      type: 'guard-config';
      readOnly: boolean;
      optIn: string;
      widened: string | null;
      maxTargetsPerAttack: number;
      maxTargetsPerSession: number;
      dryRun: boolean;
      seed: number;
    }
  | {
      type: 'selection';
      attack: string;
      quantity: string;
      seed: number;
      candidates: string[];
      chosen: string[];
    }
  | { type: 'undo-recorded'; record: Omit<UndoRecord, 'aws'> }
  | { type: 'change'; attack: string; call: PlannedCall; targets: string[]; undo: number | null }
  | { type: 'dry-run'; attack: string; call: PlannedCall; outcome: 'permission-proved' | 'planned' }
  | { type: 'refused'; attack: string; reason: string }
  | { type: 'undone'; id: number; attack: string; description: string }
  | { type: 'undo-failed'; id: number; attack: string; error: string }
  | { type: 'undo-settled'; id: number; attack: string; by: string }
  | { type: 'undo-dropped'; id: number; attack: string; reason: string };
