// Hypothesis tolerances with chaoslib's exact evaluation (chaostoolkit.md 1.3, C6-C8): bool, int,
// str, list, range, regex, jsonpath; probe tolerances are run by the runner through `runProbe`.
import type { Issue } from './errors.js';
import { compileJsonPath, JsonPathError } from './jsonpath.js';
import { compilePyRegex, PyRegexError } from './pyregex.js';
import { pyEq, pyIn, pyLe, pyStr } from './pyvalue.js';
import { substitute } from './substitute.js';
import { type Configuration, isObject, type Secrets } from './types.js';

const BAD_TOLERANCE =
  'hypothesis probe tolerance must either be an integer, a string, a boolean or a pair of values for ' +
  'boundaries. It can also be a dictionary which is a probe activity definition that takes an argument ' +
  'called `value` with the value of the probe itself to be validated';

/** Validates a tolerance's form (probe tolerances are validated as activities by the caller). */
export function validateTolerance(tol: unknown, path: string): Issue[] {
  const err = (message: string, p = path): Issue[] => [{ level: 'error', path: p, message }];
  if (typeof tol === 'boolean' || typeof tol === 'string' || Array.isArray(tol)) return [];
  if (typeof tol === 'number')
    return Number.isInteger(tol) ? [] : err(`${BAD_TOLERANCE} (got the float ${tol})`);
  if (!isObject(tol)) return err(BAD_TOLERANCE);
  switch (tol.type) {
    case 'probe':
      return [];
    case 'regex': {
      if (!('pattern' in tol)) return err('hypothesis regex probe tolerance must have a `pattern` key');
      if (typeof tol.pattern !== 'string')
        return err(
          `hypothesis probe tolerance pattern ${pyStr(tol.pattern)} has an invalid type`,
          `${path}.pattern`,
        );
      try {
        compilePyRegex(tol.pattern);
      } catch (e) {
        if (e instanceof PyRegexError)
          return err(
            `hypothesis probe tolerance pattern ${tol.pattern} seems invalid: ${e.message}`,
            `${path}.pattern`,
          );
        throw e;
      }
      return [];
    }
    case 'jsonpath': {
      if (!('path' in tol)) return err('hypothesis jsonpath probe tolerance must have a `path` key');
      if (typeof tol.path !== 'string')
        return err(
          `hypothesis probe tolerance JSON path ${pyStr(tol.path)} has an invalid type`,
          `${path}.path`,
        );
      const p = tol.path.trim();
      if (!p) return err('hypothesis probe tolerance JSON path cannot be empty', `${path}.path`);
      try {
        compileJsonPath(p);
      } catch (e) {
        if (e instanceof JsonPathError)
          return err(`hypothesis probe tolerance JSON path ${p} is invalid (${e.message})`, `${path}.path`);
        throw e;
      }
      return [];
    }
    case 'range': {
      if (!('range' in tol)) return err('hypothesis range probe tolerance must have a `range` key');
      const r = tol.range;
      const rp = `${path}.range`;
      if (!Array.isArray(r)) return err('hypothesis range must be a sequence', rp);
      if (r.length !== 2) return err('hypothesis range sequence must be made of two values', rp);
      if (typeof r[0] !== 'number' && typeof r[0] !== 'boolean')
        return err('hypothesis range lower boundary must be a number', rp);
      if (typeof r[1] !== 'number' && typeof r[1] !== 'boolean')
        return err('hypothesis range upper boundary must be a number', rp);
      return [];
    }
    default:
      return err(
        `hypothesis probe tolerance type '${pyStr(tol.type ?? null)}' is unsupported`,
        `${path}.type`,
      );
  }
}

/** Evaluation context: values for substitution, and how to run a probe tolerance. */
export interface ToleranceContext {
  configuration: Configuration;
  secrets: Secrets;
  /** Runs a `type: probe` tolerance with `value` injected; returns whether it passed. */
  runProbe?: (tolerance: Record<string, unknown>, value: unknown) => Promise<boolean>;
}

const hasStatus = (v: unknown): v is { status: unknown } => isObject(v) && 'status' in v;

function targetOf(tol: Record<string, unknown>, value: unknown): unknown {
  const target = tol.target;
  if (target && isObject(value)) return Object.hasOwn(value, String(target)) ? value[String(target)] : value;
  return value;
}

/** chaoslib's `within_tolerance`: true when `value` is within `tolerance`. */
export async function withinTolerance(
  tolerance: unknown,
  value: unknown,
  ctx: ToleranceContext,
): Promise<boolean> {
  let tol = tolerance;
  if (typeof tol === 'string') tol = substitute(tol, ctx.configuration, ctx.secrets);
  if (typeof tol === 'boolean') return pyEq(value, tol);
  if (typeof tol === 'string') return pyEq(value, tol);
  if (typeof tol === 'number') return hasStatus(value) ? pyEq(value.status, tol) : pyEq(value, tol);
  if (Array.isArray(tol)) {
    if (hasStatus(value)) return pyIn(value.status, tol);
    if (tol.length === 2) return pyLe(tol[0], value) && pyLe(value, tol[1]);
    return pyIn(value, tol);
  }
  if (!isObject(tol)) return false;
  switch (tol.type) {
    case 'probe':
      if (!ctx.runProbe) throw new Error('probe tolerance without a runner');
      return ctx.runProbe(tol, value);
    case 'regex': {
      const pattern = substitute(tol.pattern, ctx.configuration, ctx.secrets);
      const v = targetOf(tol, value);
      if (typeof v !== 'string')
        throw new TypeError(`expected string or bytes-like object, got '${typeof v}'`);
      return compilePyRegex(String(pattern)).test(v);
    }
    case 'jsonpath':
      return jsonPathTolerance(tol, value, ctx);
    case 'range': {
      const v = toDecimal(targetOf(tol, value));
      const r = tol.range as number[];
      if (v === undefined) return false;
      return Number(r[0]) <= v && v <= Number(r[1]);
    }
    default:
      return false;
  }
}

function jsonPathTolerance(tol: Record<string, unknown>, value: unknown, ctx: ToleranceContext): boolean {
  const path = String(substitute(tol.path, ctx.configuration, ctx.secrets));
  let v = targetOf(tol, value);
  if (v instanceof Uint8Array) v = Buffer.from(v).toString('utf8');
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      // kept as a string, like chaoslib
    }
  }
  const values = compileJsonPath(path.trim())(v);
  let result = values.length > 0;
  if (tol.count !== undefined && tol.count !== null) result = values.length === tol.count;
  if ('expect' in tol) {
    const expect = substitute(tol.expect, ctx.configuration, ctx.secrets);
    result = Array.isArray(expect) ? pyEq(values, expect) : pyEq(values, [expect]);
  }
  return result;
}

// Python's Decimal(v): numbers, bools and numeric strings; anything else is "not a number".
function toDecimal(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim().replaceAll('_', '');
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
    if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  }
  return undefined;
}
