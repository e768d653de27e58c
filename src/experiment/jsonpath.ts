// JSONPath in the jsonpath2 (0.4.5) dialect that Chaos Toolkit's `jsonpath` tolerance uses (C8).
// Supported subset:
//   $ (root), @ (current), .name, .*, ..name, ..*, ..[...], [n] (negative ok), ["key"], [*],
//   [start:end:step], unions [0,1], [$.path] / [@.path] (the matches used as indices),
//   [?(expr)] and length() / .length().
//   Filters test the CURRENT node itself (so `$.a[*][?(@.x="y")]`, not `$.a[?(...)]`).
//   expr: path (exists), path OP literal with OP in = != < <= > >=, not, and, or, parentheses.
//   Literals: double-quoted strings, numbers, true, false, null, JSON arrays/objects.
// Comparisons follow Python (1 == 1.0 == True); ordering across types is false, not an error.
import { children, comparator, descend, index, isDict, pySlice, type Step } from './jsonpath-eval.js';

/** A path jsonpath2 would reject (chaoslib: "JSON path ... is invalid"). */
export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

type Tok = { k: string; v?: unknown; at: number };

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['..', '!=', '<=', '>='].includes(two)) {
      toks.push({ k: two, at: i });
      i += 2;
      continue;
    }
    if ('$@.[]()*,?:=<>{}'.includes(c)) {
      toks.push({ k: c, at: i });
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) throw new JsonPathError(`unterminated string at ${i}`);
      toks.push({ k: 'str', v: JSON.parse(src.slice(i, j + 1)), at: i });
      i = j + 1;
      continue;
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      toks.push({ k: 'num', v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      toks.push({ k: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    throw new JsonPathError(`unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  return toks;
}

type Expr = (root: unknown, cur: unknown) => boolean;
/** A compiled path: all matches for a root (and current) value. */
export type CompiledPath = (root: unknown, cur?: unknown) => unknown[];

/** Parses a jsonpath2 path; throws JsonPathError when jsonpath2 would reject it. */
export function compileJsonPath(src: string): CompiledPath {
  const toks = lex(src);
  let p = 0;
  const peek = (k?: string) => (k ? toks[p]?.k === k : toks[p]);
  const eat = (k: string): Tok => {
    const t = toks[p];
    if (!t || t.k !== k) throw new JsonPathError(`expected '${k}' ${t ? `at ${t.at}` : 'at the end'}`);
    p++;
    return t;
  };

  const path = (): Step[] => {
    const start = toks[p];
    if (!start || (start.k !== '$' && start.k !== '@')) throw new JsonPathError('a path starts with $ or @');
    p++;
    const steps: Step[] = [start.k === '$' ? (root) => [root] : (_r, cur) => [cur]];
    for (;;) {
      if (peek('..')) {
        p++;
        const next = peek('[') ? brackets() : bareword();
        steps.push(descend(next));
      } else if (peek('.')) {
        p++;
        steps.push(bareword());
      } else if (peek('[')) steps.push(brackets());
      else return steps;
    }
  };

  const bareword = (): Step => {
    if (peek('*')) {
      p++;
      return (_r, cur) => children(cur);
    }
    const name = eat('id').v as string;
    if (peek('(')) return callable(name);
    return (_r, cur) => (isDict(cur) && Object.hasOwn(cur, name) ? [cur[name]] : []);
  };

  const callable = (name: string): Step => {
    eat('(');
    eat(')');
    if (name !== 'length') throw new JsonPathError(`unsupported function ${name}()`);
    return (_r, cur) =>
      Array.isArray(cur) || typeof cur === 'string'
        ? [cur.length]
        : isDict(cur)
          ? [Object.keys(cur).length]
          : [];
  };

  const brackets = (): Step => {
    eat('[');
    const parts = [subscriptable()];
    while (peek(',')) {
      p++;
      parts.push(subscriptable());
    }
    eat(']');
    return parts.length === 1 ? parts[0]! : (r, cur) => parts.flatMap((s) => s(r, cur));
  };

  const intTok = (): number => {
    const t = eat('num');
    if (!Number.isInteger(t.v)) throw new JsonPathError(`index must be an integer at ${t.at}`);
    return t.v as number;
  };

  const slice = (start: number | undefined): Step => {
    let end: number | undefined;
    let step: number | undefined;
    eat(':');
    if (peek('num')) end = intTok();
    if (peek(':')) {
      p++;
      if (peek('num')) step = intTok();
    }
    return (_r, cur) => (Array.isArray(cur) ? pySlice(cur, start, end, step) : []);
  };

  const subscriptable = (): Step => {
    const t = toks[p];
    if (!t) throw new JsonPathError('unexpected end of path');
    if (t.k === 'str') {
      p++;
      const key = t.v as string;
      return (_r, cur) => (isDict(cur) && Object.hasOwn(cur, key) ? [cur[key]] : []);
    }
    if (t.k === 'num') {
      const n = intTok();
      if (peek(':')) return slice(n);
      return (_r, cur) => index(cur, n);
    }
    if (t.k === ':') return slice(undefined);
    if (t.k === '*') {
      p++;
      return (_r, cur) => children(cur);
    }
    if (t.k === '?') {
      p++;
      eat('(');
      const e = expression();
      eat(')');
      return (r, cur) => (e(r, cur) ? [cur] : []);
    }
    if (t.k === '$' || t.k === '@') {
      const inner = run(path());
      return (r, cur) =>
        inner(r, cur).flatMap((k) =>
          typeof k === 'string'
            ? isDict(cur) && Object.hasOwn(cur, k)
              ? [cur[k]]
              : []
            : typeof k === 'number' && Number.isInteger(k)
              ? index(cur, k)
              : [],
        );
    }
    if (t.k === 'id') {
      p++;
      return callable(t.v as string);
    }
    throw new JsonPathError(`unexpected '${t.k}' at ${t.at}`);
  };

  const expression = (): Expr => {
    const left = orExpr();
    if (peek('id') && toks[p]!.v === 'and') {
      p++;
      const right = expression();
      return (r, c) => left(r, c) && right(r, c);
    }
    return left;
  };
  const orExpr = (): Expr => {
    const left = notExpr();
    if (peek('id') && toks[p]!.v === 'or') {
      p++;
      const right = orExpr();
      return (r, c) => left(r, c) || right(r, c);
    }
    return left;
  };
  const notExpr = (): Expr => {
    if (peek('id') && toks[p]!.v === 'not') {
      p++;
      const inner = notExpr();
      return (r, c) => !inner(r, c);
    }
    if (peek('(')) {
      p++;
      const e = expression();
      eat(')');
      return e;
    }
    const left = run(path());
    const op = toks[p]?.k;
    if (op && ['=', '!=', '<', '<=', '>', '>='].includes(op)) {
      p++;
      const right = literal();
      const cmp = comparator(op);
      return (r, c) => left(r, c).some((v) => cmp(v, right));
    }
    return (r, c) => left(r, c).length > 0;
  };

  const literal = (): unknown => {
    const t = toks[p];
    if (!t) throw new JsonPathError('expected a value at the end');
    if (t.k === 'str' || t.k === 'num') {
      p++;
      return t.v;
    }
    if (t.k === 'id' && ['true', 'false', 'null'].includes(t.v as string)) {
      p++;
      return t.v === 'true' ? true : t.v === 'false' ? false : null;
    }
    if (t.k === '[' || t.k === '{') {
      const close = t.k === '[' ? ']' : '}';
      const open = t.k;
      let depth = 0;
      let q = p;
      for (; q < toks.length; q++) {
        if (toks[q]!.k === open) depth++;
        else if (toks[q]!.k === close && --depth === 0) break;
      }
      if (q >= toks.length) throw new JsonPathError(`unterminated ${open} at ${t.at}`);
      const text = src.slice(t.at, toks[q]!.at + 1);
      p = q + 1;
      try {
        return JSON.parse(text);
      } catch {
        throw new JsonPathError(`invalid literal ${text}`);
      }
    }
    throw new JsonPathError(`expected a value at ${t.at}`);
  };

  const steps = path();
  if (p < toks.length) throw new JsonPathError(`unexpected '${toks[p]!.k}' at ${toks[p]!.at}`);
  const compiled = run(steps);
  return (root, cur) => compiled(root, cur === undefined ? root : cur);
}

function run(steps: Step[]): (root: unknown, cur: unknown) => unknown[] {
  return (root, cur) => {
    let values: unknown[] = [cur];
    for (const s of steps) values = values.flatMap((v) => s(root, v));
    return values;
  };
}
