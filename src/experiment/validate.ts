// Experiment validation: every rule `chaos validate` applies (chaostoolkit.md 1.6), all problems
// reported at once with JSON paths, plus warnings for keys Chaos Toolkit would silently ignore.
import { ConfigError, type ExperimentVars, loadConfiguration, loadSecrets } from './configuration.js';
import type { Issue } from './errors.js';
import { pyStr } from './pyvalue.js';
import type { FunctionRegistry } from './registry.js';
import { HYPOTHESIS_STRATEGIES, ROLLBACK_STRATEGIES } from './strategy.js';
import { validateTolerance } from './tolerance.js';
import { type Experiment, isObject } from './types.js';
import { validateActivity } from './validate-activity.js';

const TOP_KEYS = new Set([
  'version',
  'title',
  'description',
  'tags',
  'contributions',
  'configuration',
  'secrets',
  'extensions',
  'controls',
  'steady-state-hypothesis',
  'method',
  'rollbacks',
  'runtime',
  'dry',
]);

/** What validation needs besides the experiment. */
export interface ValidateOptions {
  registry: FunctionRegistry;
  env?: Record<string, string | undefined>;
  vars?: ExperimentVars;
}

/** Validates an experiment and returns every issue (errors and warnings), in document order. */
export function validateExperiment(exp: Experiment, opts: ValidateOptions): Issue[] {
  const issues: Issue[] = [];
  const err = (path: string, message: string): undefined => {
    issues.push({ level: 'error', path, message });
  };
  const warn = (path: string, message: string): undefined => {
    issues.push({ level: 'warning', path, message });
  };
  if (!isObject(exp) || Object.keys(exp).length === 0) {
    err('', 'an empty experiment is not an experiment');
    return issues;
  }
  for (const k of Object.keys(exp))
    if (!TOP_KEYS.has(k))
      warn(k, `unknown key '${k}' (Chaos Toolkit ignores it and keeps it in the journal)`);
  if (!exp.title) err('title', 'experiment requires a title');
  else if (typeof exp.title !== 'string') err('title', 'experiment title must be a string');
  if (!exp.description) err('description', 'experiment requires a description');
  else if (typeof exp.description !== 'string') err('description', 'experiment description must be a string');
  if (exp.tags !== undefined && exp.tags !== null) {
    if (!Array.isArray(exp.tags)) err('tags', 'experiment tags must be a list of non-empty strings');
    else
      for (const [i, t] of exp.tags.entries())
        if (typeof t !== 'string' || t === '')
          err(`tags[${i}]`, 'experiment tags must be a non-empty string');
  }
  if (exp.contributions !== undefined && !isObject(exp.contributions))
    err('contributions', 'contributions must be an object');
  else if (isObject(exp.contributions))
    for (const [k, v] of Object.entries(exp.contributions))
      if (!['high', 'medium', 'low', 'none'].includes(String(v)))
        warn(
          `contributions.${k}`,
          `contribution should be "high", "medium", "low" or "none", not ${pyStr(v)}`,
        );
  if (exp.extensions !== undefined && exp.extensions !== null) {
    if (!Array.isArray(exp.extensions)) err('extensions', 'extensions must be a list');
    else
      for (const [i, x] of exp.extensions.entries())
        if (!isObject(x) || !x.name) err(`extensions[${i}].name`, 'All extensions require a non-empty name');
  }

  checkConfiguration(exp, opts, err);
  checkHypothesis(exp, opts.registry, issues);

  if (exp.method === undefined || exp.method === null)
    err(
      'method',
      'an experiment requires a method, which can be empty for only checking steady state hypothesis',
    );
  else if (!Array.isArray(exp.method)) err('method', 'method must be a list of activities');
  else {
    const known = refTable(exp);
    for (const [i, a] of exp.method.entries()) {
      issues.push(...validateActivity(a, `method[${i}]`, opts.registry));
      if (isObject(a) && typeof a.ref === 'string' && a.ref && !known.has(a.ref))
        err(`method[${i}].ref`, `referenced activity '${a.ref}' could not be found in the experiment`);
    }
  }
  if (exp.rollbacks !== undefined && exp.rollbacks !== null) {
    if (!Array.isArray(exp.rollbacks)) err('rollbacks', 'rollbacks must be a list of activities');
    else
      for (const [i, a] of exp.rollbacks.entries())
        issues.push(...validateActivity(a, `rollbacks[${i}]`, opts.registry));
  }
  checkControls(exp.controls, 'controls', err, warn);
  checkRuntime(exp.runtime, err, warn);
  return issues;
}

/** Name -> activity for `ref` lookups: method then hypothesis probes (the probe wins a clash). */
export function refTable(exp: Experiment): Map<string, Record<string, unknown>> {
  const table = new Map<string, Record<string, unknown>>();
  const add = (list: unknown) => {
    if (Array.isArray(list))
      for (const a of list) if (isObject(a) && typeof a.name === 'string' && a.name) table.set(a.name, a);
  };
  add(exp.method);
  add(exp['steady-state-hypothesis']?.probes);
  return table;
}

type Err = (path: string, message: string) => undefined;

function checkConfiguration(exp: Experiment, opts: ValidateOptions, err: Err): undefined {
  if (exp.configuration !== undefined && !isObject(exp.configuration))
    return err('configuration', 'configuration must be an object');
  if (exp.secrets !== undefined && !isObject(exp.secrets))
    return err('secrets', 'secrets must be an object of scopes');
  const env = opts.env ?? process.env;
  for (const [key, value] of Object.entries(exp.configuration ?? {})) {
    try {
      loadConfiguration({ [key]: value }, opts.vars?.configuration ?? {}, env);
    } catch (e) {
      if (e instanceof ConfigError) err(e.path, e.message);
      else throw e;
    }
  }
  for (const [scope, keys] of Object.entries(exp.secrets ?? {})) {
    try {
      loadSecrets({ [scope]: keys }, opts.vars?.secrets ?? {}, env);
    } catch (e) {
      if (e instanceof ConfigError) err(e.path, e.message);
      else throw e;
    }
  }
}

function checkHypothesis(exp: Experiment, registry: FunctionRegistry, issues: Issue[]): undefined {
  const hypo = exp['steady-state-hypothesis'];
  if (hypo === undefined || hypo === null) return;
  const err = (path: string, message: string): undefined => {
    issues.push({ level: 'error', path, message });
  };
  const base = 'steady-state-hypothesis';
  if (!isObject(hypo))
    return err(base, 'the steady-state hypothesis must be an object with a title and probes');
  if (!hypo.title) err(`${base}.title`, 'hypothesis requires a title');
  for (const k of Object.keys(hypo))
    if (!['title', 'probes', 'controls'].includes(k))
      issues.push({
        level: 'warning',
        path: `${base}.${k}`,
        message: `unknown key '${k}' in the hypothesis (Chaos Toolkit ignores it)`,
      });
  const probes = hypo.probes;
  if (probes === undefined || probes === null) return;
  if (!Array.isArray(probes)) return err(`${base}.probes`, 'hypothesis probes must be a list');
  for (const [i, probe] of probes.entries()) {
    const p = `${base}.probes[${i}]`;
    issues.push(...validateActivity(probe, p, registry));
    if (!isObject(probe) || probe.ref !== undefined) continue;
    if (!('tolerance' in probe)) {
      err(p, 'hypothesis probe must have a tolerance entry');
      continue;
    }
    issues.push(...validateTolerance(probe.tolerance, `${p}.tolerance`));
    if (isObject(probe.tolerance) && probe.tolerance.type === 'probe')
      issues.push(...validateActivity(probe.tolerance, `${p}.tolerance`, registry));
  }
  checkControls(
    hypo.controls,
    `${base}.controls`,
    (path, m) => err(path, m),
    () => undefined,
  );
}

function checkControls(controls: unknown, path: string, err: Err, warn: Err): undefined {
  if (controls === undefined || controls === null) return;
  if (!Array.isArray(controls)) return err(path, 'controls must be a list');
  const names = new Set(controls.filter(isObject).map((c) => c.name));
  for (const [i, c] of controls.entries()) {
    const p = `${path}[${i}]`;
    if (!isObject(c)) {
      err(p, 'a control must be an object');
      continue;
    }
    if (!c.name) err(`${p}.name`, 'A control must have a `name` property');
    if (c.ref !== undefined) {
      if (!names.has(c.ref))
        err(`${p}.ref`, `Control reference '${pyStr(c.ref)}' declaration cannot be found`);
      continue;
    }
    if (!c.provider) err(`${p}.provider`, 'A control must have a `provider` property');
    if (c.scope !== undefined && c.scope !== 'before' && c.scope !== 'after')
      err(`${p}.scope`, 'A control scope can only be one of: before, after');
    if (c.provider) warn(p, 'gameday does not run Python controls; the control is kept but ignored');
  }
}

function checkRuntime(runtime: unknown, err: Err, warn: Err): undefined {
  if (runtime === undefined || runtime === null) return;
  if (!isObject(runtime)) return err('runtime', 'runtime must be an object');
  const h = isObject(runtime.hypothesis) ? runtime.hypothesis.strategy : undefined;
  if (h !== undefined && !HYPOTHESIS_STRATEGIES.includes(String(h)) && h !== 'skip' && h !== 'continously')
    err(
      'runtime.hypothesis.strategy',
      `Unknown strategy ${pyStr(h)}; use one of ${HYPOTHESIS_STRATEGIES.join(', ')}`,
    );
  const r = isObject(runtime.rollbacks) ? runtime.rollbacks.strategy : undefined;
  if (r !== undefined && !ROLLBACK_STRATEGIES.includes(String(r)))
    warn(
      'runtime.rollbacks.strategy',
      `unknown rollback strategy ${pyStr(r)}: Chaos Toolkit would never play the rollbacks`,
    );
}
