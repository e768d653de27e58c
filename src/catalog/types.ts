// What one catalogue entry is: a Chaos Toolkit-callable function (the engine's RegisteredFunction)
// plus what the console and `gameday catalog` show: a readable name, the kind it targets, which
// resource kinds it applies to, how it is undone and whether it has a real dry run.
import type { AwsCall } from '../aws/ops/call.js';
import type { ActivityContext, ParamSpec, RegisteredFunction } from '../experiment/registry.js';
import type { Attack, Guard } from './guard.js';
import type { Prng } from './prng.js';

/** A parameter with the description the catalogue and the console show. */
export interface CatalogParam extends ParamSpec {
  description: string;
}

/** How an entry behaves under dry run. */
export type DryRunSupport =
  /** EC2 `DryRun=true`: AWS proves the permission and changes nothing. */
  | 'ec2-dry-run'
  /** No dry-run API: the exact calls it would make are shown instead. */
  | 'plan'
  /** A probe: it only reads, so it runs as usual. */
  | 'read-only';

/** The static description of an entry, shared by the registry, `gameday catalog` and the docs. */
export interface EntrySpec {
  module: string;
  func: string;
  kind: 'action' | 'probe';
  /** Readable name for the console ("Stop instances"). */
  title: string;
  /** What it targets, in words ("EC2 instances"). */
  targetKind: string;
  /** Inventory kinds the console offers it on (capabilities, not kinds: the entry says what it fits). */
  appliesTo: string[];
  /** What it does, one or two sentences. */
  summary: string;
  /** How it is undone, or "no undo" and why. */
  undo: string;
  dryRun: DryRunSupport;
  params: CatalogParam[];
  /** AWS FIS action with the same effect, when there is one. */
  fis?: string;
  /** Where behaviour differs from chaosaws, or a chaosaws bug kept for compatibility. */
  compat?: string;
  /** Set when chaosaws has it but gameday cannot run it yet. */
  unsupported?: string;
  /** The implementation (absent for unsupported entries). */
  impl?: (args: Args, run: Run) => Promise<unknown>;
}

/** Arguments as bound by the engine (defaults filled in). */
export type Args = Record<string, unknown>;

/** What an implementation gets for one call. */
export interface Run {
  aws: AwsCall;
  guard: Guard;
  /** This call's attack: every change goes through `attack.mutate`. */
  attack: Attack;
  ctx: ActivityContext;
  /** A generator for chaosaws' random picks, seeded from the session (recorded). */
  rng(): Prng;
  /** Waits, returning early (false) when the run is halted (in the backend's time: the sandbox's clock). */
  sleep(ms: number): Promise<boolean>;
  /** The backend's current time in ms (the sandbox's clock, else the wall clock), for metric windows. */
  now(): number;
  /** Log lines for the console/journal (warnings chaosaws prints). */
  log(line: string): void;
}

/** What binding the catalogue to a session needs. */
export interface CatalogRuntime {
  guard: Guard;
  /** The AWS door for an activity (region from `configuration.aws_region`, else the session's). */
  aws(ctx: ActivityContext): Promise<AwsCall>;
  log?(line: string): void;
  /** The backend's time (default Date.now): the sandbox runs on its own clock. */
  now?(): number;
  /** Waits in the backend's time (default: real time); resolves false when aborted. */
  sleep?(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** The AWS door type, re-exported so views and wiring can name it without importing src/aws. */
export type { AwsCall, AwsResponse } from '../aws/ops/call.js';

/** A bound entry: callable by the engine, still carrying everything the console shows. */
export type CatalogEntry = RegisteredFunction & Omit<EntrySpec, 'impl'> & { id: string };
