// The Chaos Toolkit experiment and journal shapes as gameday reads and writes them. Experiments are
// user JSON, so every field is optional here: validation decides what is missing.

/** Any JSON value (what a loaded experiment file is made of). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** A provider block: python (module/func), process (path) or http (url). */
export interface Provider {
  type?: string;
  module?: string;
  func?: string;
  arguments?: unknown;
  secrets?: unknown;
  path?: string;
  timeout?: unknown;
  url?: string;
  method?: string;
  headers?: unknown;
  verify_tls?: unknown;
  max_retries?: unknown;
  [key: string]: unknown;
}

/** A probe or action as declared, or a `{"ref": name}` stub. */
export interface Activity {
  type?: string;
  name?: string;
  ref?: string;
  provider?: Provider;
  tolerance?: unknown;
  pauses?: { before?: unknown; after?: unknown; [key: string]: unknown };
  background?: unknown;
  timeout?: unknown;
  controls?: unknown;
  [key: string]: unknown;
}

/** The `steady-state-hypothesis` block. */
export interface Hypothesis {
  title?: string;
  probes?: Activity[];
  [key: string]: unknown;
}

/** A whole experiment. Unknown keys are kept (and copied into the journal). */
export interface Experiment {
  version?: string;
  title?: string;
  description?: string;
  tags?: unknown;
  contributions?: unknown;
  configuration?: JsonObject;
  secrets?: JsonObject;
  extensions?: unknown;
  controls?: unknown;
  'steady-state-hypothesis'?: Hypothesis;
  method?: Activity[];
  rollbacks?: Activity[];
  runtime?: unknown;
  dry?: unknown;
  [key: string]: unknown;
}

/** Resolved configuration (key -> typed value). */
export type Configuration = Record<string, unknown>;

/** Resolved secrets: scope -> key -> value. */
export type Secrets = Record<string, Record<string, unknown>>;

/** One journal entry for an activity run, keys in chaoslib's order (C14). */
export interface RunEntry {
  activity: Activity;
  output: unknown;
  start: string;
  status: 'succeeded' | 'failed';
  exception?: string[];
  end: string;
  duration: number;
  /** Only for hypothesis probes. */
  tolerance_met?: boolean;
}

/** A steady-state hypothesis result. */
export interface SteadyState {
  steady_state_met: boolean | null;
  probes: RunEntry[];
}

/** Run statuses the journal allows. */
export type RunStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';

/** The journal written after a run (`journal.json`), keys in chaoslib's order (2.1). */
export interface Journal {
  'chaoslib-version': string;
  platform: string;
  node: string;
  experiment: Experiment;
  start: string;
  status: RunStatus;
  deviated: boolean;
  steady_states: { before: SteadyState | null; after: SteadyState | null; during: SteadyState[] };
  run: RunEntry[];
  rollbacks: RunEntry[];
  end: string;
  duration: number;
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
