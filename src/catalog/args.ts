// Reading activity arguments the way chaosaws' Python does: truthiness for "was it given",
// light coercion of numbers written as strings, and one clear error for a wrong type.
import { ActivityFailed } from './errors.js';
import type { Args } from './types.js';

/** Python truthiness: None, false, 0, "" and empty lists/dicts are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** A string argument, or undefined when absent/None. */
export function optStr(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new ActivityFailed(`argument "${name}" must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/** A required string argument. */
export function str(args: Args, name: string): string {
  const v = optStr(args, name);
  if (v === undefined) throw new ActivityFailed(`argument "${name}" is required`);
  return v;
}

/** A number argument (a numeric string is accepted), or undefined. */
export function optNum(args: Args, name: string): number | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n))
    throw new ActivityFailed(`argument "${name}" must be a number, got ${JSON.stringify(v)}`);
  return n;
}

/** A required number argument. */
export function num(args: Args, name: string): number {
  const v = optNum(args, name);
  if (v === undefined) throw new ActivityFailed(`argument "${name}" is required`);
  return v;
}

/** A boolean argument ("true"/"false" strings accepted). */
export function bool(args: Args, name: string, dflt = false): boolean {
  const v = args[name];
  if (v === undefined || v === null) return dflt;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return Boolean(v);
}

/** A list argument (a single value becomes a one-item list), or undefined. */
export function optList<T = unknown>(args: Args, name: string): T[] | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : [v]) as T[];
}

/** A list of strings (comma-separated text accepted). */
export function optStrList(args: Args, name: string): string[] | undefined {
  const v = args[name];
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return optList<string>(args, name)?.map(String);
}

/** Tags given as a `{k: v}` dict, `"k=v,k2=v2"` or `[{Key, Value}]`, as a plain dict. */
export function tagDict(v: unknown, name = 'tags'): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    const out: Record<string, string> = {};
    for (const part of v.split(',').filter((p) => p.trim())) {
      const [k, ...rest] = part.split('=');
      if (!k || rest.length === 0) throw new ActivityFailed(`${name}: "${part}" is not key=value`);
      out[k.trim()] = rest.join('=').trim();
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const t of v as Array<Record<string, unknown>>) {
      const k = t.Key ?? t.key;
      if (typeof k !== 'string')
        throw new ActivityFailed(`${name}: each tag needs a Key (got ${JSON.stringify(t)})`);
      out[k] = String(t.Value ?? t.value ?? '');
    }
    return out;
  }
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, String(x)]));
  throw new ActivityFailed(`${name}: expected key=value text, a dict or a list of {Key, Value}`);
}

/** AWS `[{Key, Value}]` tags as a dict (absent = empty). */
export function tagsOf(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of (list as Array<{ Key?: string; Value?: string; key?: string; value?: string }>) ?? []) {
    const k = t.Key ?? t.key;
    if (k !== undefined) out[k] = t.Value ?? t.value ?? '';
  }
  return out;
}

/** Python's `str()` of a list of strings (`['a', 'b']`), for messages chaosaws formats that way. */
export function pyList(items: readonly unknown[]): string {
  return `[${items.map((i) => (typeof i === 'string' ? `'${i}'` : pyRepr(i))).join(', ')}]`;
}

/** A rough Python repr of JSON values (dicts with single quotes), for chaosaws-shaped messages. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return pyList(v);
  if (typeof v === 'object')
    return `{${Object.entries(v as object)
      .map(([k, x]) => `'${k}': ${pyRepr(x)}`)
      .join(', ')}}`;
  return String(v);
}
