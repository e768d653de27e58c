// Python value semantics that Chaos Toolkit relies on without saying so: loose equality
// (True == 1, 200 == 200.0), ordering that refuses mixed types, truthiness, and str()/repr()
// (used when a value is formatted into a string or a process argument).

/** A Python TypeError (e.g. `'<=' not supported between instances of 'str' and 'int'`). */
export class PyTypeError extends Error {
  override name = 'TypeError';
}

/** Python's type name for a JSON-ish value, for error messages. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

const isNum = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';

/** Python `a == b`: bools are ints, ints equal floats, containers compare element-wise. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (isNum(a) && isNum(b)) return Number(a) === Number(b);
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => pyEq(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object);
    const ob = b as Record<string, unknown>;
    if (ka.length !== Object.keys(ob).length) return false;
    return ka.every((k) => Object.hasOwn(ob, k) && pyEq((a as Record<string, unknown>)[k], ob[k]));
  }
  return false;
}

/** Python `a <= b` for numbers, strings and lists; mixed types raise PyTypeError like Python. */
export function pyLe(a: unknown, b: unknown): boolean {
  return pyCmp(a, b, '<=') <= 0;
}

function pyCmp(a: unknown, b: unknown, op: string): number {
  if (isNum(a) && isNum(b)) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyCmp(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  throw new PyTypeError(
    `'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
  );
}

/** Python `x in seq` (membership by loose equality). */
export function pyIn(x: unknown, seq: readonly unknown[]): boolean {
  return seq.some((y) => pyEq(x, y));
}

/** Python truthiness. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** Python `str(v)`: strings as they are, everything else as `repr`. */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** Python `repr(v)` for JSON-ish values (`{'a': [1, True, None]}`). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyFloatOrInt(v);
  if (typeof v === 'string') return reprString(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Uint8Array) return `b${reprString(Buffer.from(v).toString('latin1'))}`;
  const entries = Object.entries(v as Record<string, unknown>).map(
    ([k, x]) => `${reprString(k)}: ${pyRepr(x)}`,
  );
  return `{${entries.join(', ')}}`;
}

function pyFloatOrInt(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** A number as Python prints a float (`1.0`, `2.5`): for seconds given to `--hypothesis-frequency`. */
export function pyFloat(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
      out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}
