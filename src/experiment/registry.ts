// The contract between the Chaos Toolkit engine and the catalogue: how a `python` provider's
// `module` + `func` resolve to something callable, with a Python-like signature for argument
// binding. The engine defines it (and stays free of AWS); src/catalog/ fills it.

/** One parameter of a registered function, in Python signature order. */
export interface ParamSpec {
  name: string;
  /** True when the Python signature has no default for it. */
  required: boolean;
  /** The Python default (JSON-shaped: null for None). */
  default?: unknown;
  /** Python annotation, for docs and light coercion ("str", "int", "List[str]", "Dict[str, Any]"...). */
  type?: string;
  description?: string;
}

/** What a running activity gets besides its arguments. */
export interface ActivityContext {
  configuration: Record<string, unknown>;
  secrets: Record<string, unknown>;
  /** Aborted on halt / Ctrl-C; long calls should stop waiting when it fires. */
  signal: AbortSignal;
  /** The run is a dry run: functions must not mutate anything. */
  dry: boolean;
  /** Name of the activity being run, for messages and undo records. */
  activityName: string;
}

/** A callable the engine can run for `{"type": "python", "module": m, "func": f}`. */
export interface RegisteredFunction {
  module: string;
  func: string;
  kind: 'action' | 'probe';
  /** Signature without `configuration` / `secrets`, which chaoslib injects when declared. */
  params: ParamSpec[];
  /** Set when the function exists in chaosaws but gameday cannot run it yet: the reason. */
  unsupported?: string;
  call(args: Record<string, unknown>, ctx: ActivityContext): Promise<unknown>;
}

/** Lookup by Chaos Toolkit module path; also lists names for "did you mean" suggestions. */
export interface FunctionRegistry {
  /** Module paths known to the registry (e.g. "chaosaws.ec2.actions"). */
  modules(): string[];
  /** Function names of a module (empty if the module is unknown). */
  functions(module: string): string[];
  get(module: string, func: string): RegisteredFunction | undefined;
}

/** A registry over a fixed list, for tests and for composing catalogue parts. */
export function registryOf(fns: RegisteredFunction[]): FunctionRegistry {
  const byModule = new Map<string, Map<string, RegisteredFunction>>();
  for (const fn of fns) {
    const m = byModule.get(fn.module) ?? new Map<string, RegisteredFunction>();
    byModule.set(fn.module, m);
    m.set(fn.func, fn);
  }
  return {
    modules: () => [...byModule.keys()].sort(),
    functions: (module) => [...(byModule.get(module)?.keys() ?? [])].sort(),
    get: (module, func) => byModule.get(module)?.get(func),
  };
}
