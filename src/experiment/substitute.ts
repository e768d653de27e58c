// `${name}` / `$name` substitution with chaoslib's exact semantics (chaostoolkit.md 1.4): Python's
// string.Template.safe_substitute, a chained lookup of configuration then every secret scope, and
// a whole-string `${name}` keeping the value's type.
import { pyStr } from './pyvalue.js';
import type { Configuration, Secrets } from './types.js';

/** The lookup chain: configuration first, then each secret scope's inner map, in scope order. */
export type Mapping = (name: string) => { found: boolean; value?: unknown };

/** Builds the chained lookup chaoslib uses (`ChainMap(configuration, *secrets.values())`). */
export function chainMapping(
  configuration: Configuration | undefined,
  secrets: Secrets | undefined,
): Mapping {
  const maps: Record<string, unknown>[] = [configuration ?? {}, ...Object.values(secrets ?? {})];
  return (name) => {
    for (const m of maps) if (m && Object.hasOwn(m, name)) return { found: true, value: m[name] };
    return { found: false };
  };
}

// Python's Template pattern: `$$`, `$identifier`, `${identifier}`, or an invalid `$`.
const ID = '[_A-Za-z][_A-Za-z0-9]*';
const PLACEHOLDER = new RegExp(`\\$(?:(\\$)|(${ID})|\\{(${ID})\\}|)`, 'g');
const WHOLE_BRACED = new RegExp(`^\\$\\{(${ID})\\}$`);

/**
 * Substitutes one string. A string that is exactly `${name}` with a known name returns the value
 * itself (any type); otherwise unknown names stay as written, `$$` becomes `$`, and known values
 * are formatted with Python's str().
 */
export function substituteString(s: string, lookup: Mapping): unknown {
  if (!s) return s;
  const whole = WHOLE_BRACED.exec(s);
  if (whole) {
    const hit = lookup(whole[1]!);
    if (hit.found) return hit.value;
  }
  return s.replace(PLACEHOLDER, (m, escaped: string | undefined, named?: string, braced?: string) => {
    if (escaped) return '$';
    const name = named ?? braced;
    if (!name) return m;
    const hit = lookup(name);
    return hit.found ? pyStr(hit.value) : m;
  });
}

/** Recursively substitutes strings inside dicts and lists; other values are returned as they are. */
export function substituteValue(data: unknown, lookup: Mapping): unknown {
  if (typeof data === 'string') return substituteString(data, lookup);
  if (Array.isArray(data)) return data.map((v) => substituteValue(v, lookup));
  if (data && typeof data === 'object' && !(data instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = substituteValue(v, lookup);
    return out;
  }
  return data;
}

/** chaoslib's `substitute(data, configuration, secrets)`: empty/falsy data is returned untouched. */
export function substitute(data: unknown, configuration?: Configuration, secrets?: Secrets): unknown {
  if (!data) return data;
  return substituteValue(data, chainMapping(configuration, secrets));
}
