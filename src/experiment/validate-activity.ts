// Activity and provider validation (chaoslib's ensure_activity_is_valid and the provider
// validators), reporting every problem with its JSON path.

import { editDistance, suggest } from '../util/suggest.js';
import { bindingErrors } from './bind.js';
import type { Issue } from './errors.js';
import { resolveExecutable } from './providers/which.js';
import { pyStr } from './pyvalue.js';
import type { FunctionRegistry } from './registry.js';
import { isObject } from './types.js';

const ACTIVITY_KEYS = new Set([
  'type',
  'name',
  'provider',
  'tolerance',
  'pauses',
  'background',
  'timeout',
  'controls',
  'configuration',
  'dry',
  'ref',
  'description',
  'title',
  'secrets',
]);
const PROVIDER_KEYS: Record<string, Set<string>> = {
  python: new Set(['type', 'module', 'func', 'arguments', 'secrets']),
  process: new Set(['type', 'path', 'arguments', 'timeout', 'secrets']),
  http: new Set([
    'type',
    'url',
    'method',
    'headers',
    'arguments',
    'timeout',
    'verify_tls',
    'max_retries',
    'secrets',
    'expected_status',
  ]),
};

const isPauseTemplate = (v: unknown) => typeof v === 'string' && /^\$\{[_A-Za-z][_A-Za-z0-9]*\}$/.test(v);

/** Validates one activity (or ref stub) at `path`; returns every issue found. */
export function validateActivity(activity: unknown, path: string, registry: FunctionRegistry): Issue[] {
  const issues: Issue[] = [];
  const err = (message: string, p = path): undefined => {
    issues.push({ level: 'error', path: p, message });
  };
  const warn = (message: string, p = path): undefined => {
    issues.push({ level: 'warning', path: p, message });
  };
  if (!isObject(activity)) {
    if (activity === null || activity === undefined || (isObject(activity) && !Object.keys(activity).length))
      err('empty activity is no activity');
    else err(`an activity must be an object, not ${Array.isArray(activity) ? 'a list' : typeof activity}`);
    return issues;
  }
  if (Object.keys(activity).length === 0) {
    err('empty activity is no activity');
    return issues;
  }
  if (activity.ref !== undefined && activity.ref !== null) {
    if (typeof activity.ref !== 'string' || activity.ref === '')
      err('reference to activity must be non-empty strings', `${path}.ref`);
    return issues;
  }
  const type = activity.type;
  if (!type) err('an activity must have a type', `${path}.type`);
  else if (type !== 'probe' && type !== 'action')
    err(`'${pyStr(type)}' is not a supported activity type`, `${path}.type`);
  if (!activity.name) err('an activity must have a name', `${path}.name`);
  else if (typeof activity.name !== 'string') err('activity name must be a string', `${path}.name`);
  for (const k of Object.keys(activity))
    if (!ACTIVITY_KEYS.has(k))
      warn(`unknown key '${k}' in activity (Chaos Toolkit ignores it)`, `${path}.${k}`);

  if (activity.timeout !== undefined && activity.timeout !== null && typeof activity.timeout !== 'number')
    err('activity timeout must be a number', `${path}.timeout`);
  const pauses = activity.pauses;
  if (pauses !== undefined && pauses !== null) {
    if (!isObject(pauses)) err('activity pauses must be an object with before/after', `${path}.pauses`);
    else
      for (const when of ['before', 'after'] as const) {
        const v = pauses[when];
        if (v !== undefined && v !== null && typeof v !== 'number' && !isPauseTemplate(v))
          err(
            `activity ${when} pause must be a number or a pattern to a variable from the configuration or secrets`,
            `${path}.pauses.${when}`,
          );
      }
  }
  if ('background' in activity && typeof activity.background !== 'boolean')
    err('activity background must be a boolean', `${path}.background`);

  const provider = activity.provider;
  const pp = `${path}.provider`;
  if (!provider) {
    err('an activity requires a provider', pp);
    return issues;
  }
  if (!isObject(provider)) {
    err('an activity provider must be an object', pp);
    return issues;
  }
  const ptype = provider.type;
  if (!ptype) {
    err('a provider must have a type', `${pp}.type`);
    return issues;
  }
  if (ptype !== 'python' && ptype !== 'process' && ptype !== 'http') {
    err(`unknown provider type '${pyStr(ptype)}'`, `${pp}.type`);
    return issues;
  }
  for (const k of Object.keys(provider))
    if (!PROVIDER_KEYS[ptype]!.has(k))
      warn(`unknown key '${k}' in a ${ptype} provider (Chaos Toolkit ignores it)`, `${pp}.${k}`);
  const name = typeof activity.name === 'string' ? activity.name : '';
  if (ptype === 'python') validatePython(provider, pp, name, String(type), registry, err, warn);
  else if (ptype === 'process') validateProcess(provider, pp, name, err, warn);
  else validateHttp(provider, pp, err);
  return issues;
}

type Report = (message: string, path?: string) => undefined;

function validatePython(
  provider: Record<string, unknown>,
  pp: string,
  name: string,
  type: string,
  registry: FunctionRegistry,
  err: Report,
  warn: Report,
): undefined {
  const mod = provider.module;
  const func = provider.func;
  if (!mod) return err('a Python activity must have a module path', `${pp}.module`);
  if (!func) return err('a Python activity must have a function name', `${pp}.func`);
  if (typeof mod !== 'string') return err('a Python activity module must be a string', `${pp}.module`);
  if (typeof func !== 'string') return err('a Python activity function name must be a string', `${pp}.func`);
  const args = provider.arguments ?? {};
  if (!isObject(args))
    return err('python provider arguments must be an object of keyword arguments', `${pp}.arguments`);
  if (provider.secrets !== undefined && !Array.isArray(provider.secrets))
    err('provider secrets must be a list of secret scope names', `${pp}.secrets`);
  if (!registry.modules().includes(mod)) {
    // only suggest within the same package: chaosk8s is not a typo of chaosaws
    const pkg = mod.split('.')[0];
    const hint = suggest(
      mod,
      registry.modules().filter((m) => m.split('.')[0] === pkg),
    );
    return err(
      `could not find Python module '${mod}' in activity '${name}'${hint ? `; did you mean ${hint}?` : ''}`,
      `${pp}.module`,
    );
  }
  const fn = registry.get(mod, func);
  if (!fn) {
    const hint = closest(func, registry.functions(mod));
    return err(
      `${mod} has no function "${func}"${hint ? `; did you mean ${hint}?` : ` (${type} '${name}')`}`,
      `${pp}.func`,
    );
  }
  for (const m of bindingErrors(fn, args)) err(m, `${pp}.arguments`);
  if (fn.unsupported)
    warn(
      fn.unsupported.includes(func)
        ? fn.unsupported
        : `${mod}.${func} cannot be run by gameday yet: ${fn.unsupported}`,
      `${pp}.func`,
    );
}

function validateProcess(
  provider: Record<string, unknown>,
  pp: string,
  name: string,
  err: Report,
  warn: Report,
): undefined {
  const path = provider.path;
  if (!path) return err('a process activity must have a path', `${pp}.path`);
  if (typeof path !== 'string') return err('a process activity path must be a string', `${pp}.path`);
  const found = resolveExecutable(path);
  if (found === 'missing') err(`path '${path}' cannot be found, in activity '${name}'`, `${pp}.path`);
  else if (found === 'denied') err(`no access permission to '${path}', in activity '${name}'`, `${pp}.path`);
  const args = provider.arguments;
  if (isObject(args)) warn('process arguments as an object are deprecated; use a list', `${pp}.arguments`);
  else if (args !== undefined && args !== null && typeof args !== 'string' && !Array.isArray(args))
    err('process arguments must be a string or a list', `${pp}.arguments`);
  if (provider.timeout !== undefined && provider.timeout !== null && typeof provider.timeout !== 'number')
    err('process timeout must be a number of seconds', `${pp}.timeout`);
}

function validateHttp(provider: Record<string, unknown>, pp: string, err: Report): undefined {
  if (!provider.url) return err('a HTTP activity must have a URL', `${pp}.url`);
  if (typeof provider.url !== 'string') err('a HTTP activity URL must be a string', `${pp}.url`);
  if (provider.headers !== undefined && !isObject(provider.headers))
    err('HTTP headers must be an object', `${pp}.headers`);
  const t = provider.timeout;
  if (
    t !== undefined &&
    t !== null &&
    typeof t !== 'number' &&
    !(typeof t === 'string' && t.startsWith('$')) &&
    !(Array.isArray(t) && t.length === 2 && t.every((x) => typeof x === 'number'))
  )
    err('HTTP timeout must be a number of seconds or a [connect, read] pair', `${pp}.timeout`);
}

// suggest(), with ties broken toward a name of the same length (a typo, not a missing letter):
// "stop_instancez" -> stop_instances rather than stop_instance.
function closest(word: string, candidates: string[]): string | undefined {
  const best = suggest(word, candidates);
  if (!best) return undefined;
  const d = editDistance(word, best);
  return candidates.find((c) => c.length === word.length && editDistance(word, c) === d) ?? best;
}
