// What a provider (python / process / http) gets to run one activity, and its signature, so tests
// and the console can swap providers without touching the runner.
import type { FunctionRegistry } from '../registry.js';
import type { Activity, Configuration, Secrets } from '../types.js';

/** Everything a provider may use while running one activity. */
export interface ProviderContext {
  registry: FunctionRegistry;
  configuration: Configuration;
  secrets: Secrets;
  /** Fires on interruption; providers stop waiting and the runner reports "interrupted". */
  signal: AbortSignal;
  /** Reports a warning line (e.g. a non-zero exit code) into the run's events. */
  warn(message: string): void;
}

/** Runs one activity's provider and returns its output; throws ActivityFailed on failure. */
export type ProviderFn = (activity: Activity, ctx: ProviderContext) => Promise<unknown>;

/** The three provider kinds chaoslib knows. */
export type ProviderSet = Record<'python' | 'process' | 'http', ProviderFn>;
