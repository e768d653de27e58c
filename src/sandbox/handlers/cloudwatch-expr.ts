// A small metric-math evaluator for GetMetricData expressions: numbers, query ids, + - * / and
// parentheses, aligned by timestamp. Anything else is refused loudly (never a silent empty series).
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { SandboxError } from '../errors.js';

type Series = { ts: number[]; vs: number[] };
type Val = number | Map<number, number>;

/** Evaluates an expression over the already-computed queries. */
export function evalExpression(expr: string, done: Map<string, { q: MetricDataQuery } & Series>): Series {
  const tokens =
    expr.match(/\s*([A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|[-+*/()])/g)?.map((t) => t.trim()) ?? [];
  if (tokens.join('') !== expr.replace(/\s+/g, ''))
    throw new SandboxError(
      'ValidationError',
      `The gameday sandbox cannot evaluate the expression "${expr}" (it supports query ids, numbers, + - * / and parentheses).`,
    );
  let pos = 0;
  const peek = () => tokens[pos];
  const bad = (why: string) =>
    new SandboxError('ValidationError', `Invalid metric math expression "${expr}": ${why}.`);
  const combine = (a: Val, b: Val, op: (x: number, y: number) => number): Val => {
    if (typeof a === 'number' && typeof b === 'number') return op(a, b);
    const out = new Map<number, number>();
    const keys = typeof a === 'number' ? [...(b as Map<number, number>).keys()] : [...a.keys()];
    for (const k of keys) {
      const x = typeof a === 'number' ? a : a.get(k);
      const y = typeof b === 'number' ? b : b.get(k);
      if (x !== undefined && y !== undefined) out.set(k, op(x, y));
    }
    return out;
  };
  const primary = (): Val => {
    const t = tokens[pos++];
    if (t === undefined) throw bad('unexpected end');
    if (t === '(') {
      const v = sum();
      if (tokens[pos++] !== ')') throw bad('missing )');
      return v;
    }
    if (t === '-') return combine(0, primary(), (x, y) => x - y);
    if (/^\d/.test(t)) return Number(t);
    const ref = done.get(t);
    if (!ref) throw bad(`unknown id or function "${t}"`);
    return new Map(ref.ts.map((ts, i) => [ts, ref.vs[i]!]));
  };
  const product = (): Val => {
    let v = primary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[pos++];
      v = combine(v, primary(), op === '*' ? (x, y) => x * y : (x, y) => x / y);
    }
    return v;
  };
  const sum = (): Val => {
    let v = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[pos++];
      v = combine(v, product(), op === '+' ? (x, y) => x + y : (x, y) => x - y);
    }
    return v;
  };
  const result = sum();
  if (pos !== tokens.length) throw bad(`unexpected "${tokens[pos]}"`);
  if (typeof result === 'number') throw bad('a constant expression has no timestamps');
  const ts = [...result.keys()].sort((a, b) => a - b);
  return { ts, vs: ts.map((k) => result.get(k)!) };
}
