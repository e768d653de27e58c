// Evaluation helpers for the jsonpath2 dialect (jsonpath.ts): recursive descent, Python-style
// comparisons and slices, child enumeration.
import { pyEq, pyLe } from './pyvalue.js';

/** One step of a compiled path: the values it yields for a node. */
export type Step = (root: unknown, cur: unknown) => unknown[];

/** `..X`: X applied to the node and every descendant, depth first. */
export function descend(next: Step): Step {
  return (root, cur) => {
    const out: unknown[] = [];
    const stack: unknown[] = [cur];
    while (stack.length) {
      const v = stack.pop();
      out.push(...next(root, v));
      stack.push(...children(v).reverse());
    }
    return out;
  };
}

/** A filter comparison operator with Python semantics (ordering across types is false). */
export function comparator(op: string): (a: unknown, b: unknown) => boolean {
  const safe = (f: () => boolean) => {
    try {
      return f();
    } catch {
      return false;
    }
  };
  switch (op) {
    case '=':
      return pyEq;
    case '!=':
      return (a, b) => !pyEq(a, b);
    case '<':
      return (a, b) => safe(() => pyLe(a, b) && !pyEq(a, b));
    case '<=':
      return (a, b) => safe(() => pyLe(a, b));
    case '>':
      return (a, b) => safe(() => !pyLe(a, b));
    default:
      return (a, b) => safe(() => pyLe(b, a));
  }
}

/** A JSON object. */
export const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values of an object or items of a list. */
export function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return [...v];
  if (isDict(v)) return Object.values(v);
  return [];
}

/** `[n]` with negative indices counted from the end. */
export function index(cur: unknown, n: number): unknown[] {
  if (!Array.isArray(cur)) return [];
  const i = n < 0 ? n + cur.length : n;
  return i >= 0 && i < cur.length ? [cur[i]] : [];
}

/** Python list slicing `[start:end:step]`. */
export function pySlice(a: unknown[], start?: number, end?: number, step = 1): unknown[] {
  if (step === 0) return [];
  const len = a.length;
  const norm = (x: number | undefined, dflt: number) => {
    if (x === undefined) return dflt;
    if (x < 0) return Math.max(x + len, step < 0 ? -1 : 0);
    return Math.min(x, step < 0 ? len - 1 : len);
  };
  const s = norm(start, step > 0 ? 0 : len - 1);
  const e = norm(end, step > 0 ? len : -1);
  const out: unknown[] = [];
  if (step > 0) for (let i = s; i < e; i += step) out.push(a[i]);
  else for (let i = s; i > e; i += step) out.push(a[i]);
  return out;
}
