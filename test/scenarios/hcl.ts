// A small HCL 2 reader for the practice-target Terraform (scenarios/infra): blocks with labels,
// attributes, and values (strings, numbers, bools, lists, objects; anything else kept as its raw
// expression text). Enough to check what the files declare without an HCL package from npm.

/** A parsed value: literals and collections, or the raw text of an expression. */
export type HclValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'list'; items: HclValue[] }
  | { kind: 'object'; entries: Record<string, HclValue> }
  | { kind: 'raw'; text: string };

/** A block (`resource "aws_ecs_cluster" "shop" { ... }`) and its body. */
export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
}

/** Attributes and nested blocks of a body. */
export interface HclBody {
  attributes: Record<string, HclValue>;
  blocks: HclBlock[];
}

/** Thrown for text the reader does not understand, with the line number. */
export class HclError extends Error {}

/** Parses a whole file. */
export function parseHcl(text: string): HclBody {
  const r = new Reader(stripComments(text));
  const body = r.body();
  r.skipSpace();
  if (!r.done()) r.fail('unexpected text');
  return body;
}

class Reader {
  pos = 0;
  constructor(readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }

  fail(message: string): never {
    const line = this.s.slice(0, this.pos).split('\n').length;
    throw new HclError(
      `line ${line}: ${message} near ${JSON.stringify(this.s.slice(this.pos, this.pos + 30))}`,
    );
  }

  skipSpace(newlines = true): void {
    while (!this.done() && (newlines ? /[\s,]/ : /[ \t\r]/).test(this.s[this.pos]!)) this.pos++;
  }

  ident(): string {
    const m = /^[A-Za-z_][\w-]*/.exec(this.s.slice(this.pos));
    if (!m) this.fail('expected a name');
    this.pos += m[0].length;
    return m[0];
  }

  quoted(): string {
    const raw = this.rawString();
    return unquote(raw);
  }

  // A "..." string with escapes and ${...} interpolations, returned with its quotes.
  rawString(): string {
    const start = this.pos;
    this.pos++;
    let depth = 0;
    while (!this.done()) {
      const c = this.s[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (c === '$' && this.s[this.pos + 1] === '{') {
        depth++;
        this.pos += 2;
      } else if (c === '}' && depth > 0) {
        depth--;
        this.pos++;
      } else if (c === '"' && depth === 0) {
        this.pos++;
        return this.s.slice(start, this.pos);
      } else this.pos++;
    }
    return this.fail('unterminated string');
  }

  body(end?: string): HclBody {
    const out: HclBody = { attributes: {}, blocks: [] };
    for (;;) {
      this.skipSpace();
      if (this.done()) {
        if (end) this.fail(`missing "${end}"`);
        return out;
      }
      if (end && this.s[this.pos] === end) {
        this.pos++;
        return out;
      }
      const name = this.s[this.pos] === '"' ? this.quoted() : this.ident();
      this.skipSpace(false);
      if (this.s[this.pos] === '=' || this.s[this.pos] === ':') {
        this.pos++;
        out.attributes[name] = value(this.expression());
        continue;
      }
      const labels: string[] = [];
      while (this.s[this.pos] !== '{') {
        if (this.done()) this.fail('expected "{"');
        labels.push(this.s[this.pos] === '"' ? this.quoted() : this.ident());
        this.skipSpace(false);
      }
      this.pos++;
      out.blocks.push({ type: name, labels, body: this.body('}') });
    }
  }

  // The raw text of one expression: up to a newline, comma or closer at bracket depth 0.
  expression(): string {
    this.skipSpace(false);
    const start = this.pos;
    let depth = 0;
    while (!this.done()) {
      const c = this.s[this.pos]!;
      if (c === '"') {
        this.rawString();
        continue;
      }
      if (c === '<' && this.s.startsWith('<<', this.pos)) {
        const m = /^<<-?([A-Z_]+)\n/.exec(this.s.slice(this.pos));
        if (m) {
          const close = new RegExp(`\\n\\s*${m[1]}\\b`).exec(this.s.slice(this.pos + m[0].length));
          if (!close) this.fail(`heredoc ${m[1]} is not closed`);
          this.pos += m[0].length + close.index + close[0].length;
          continue;
        }
      }
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if ((c === '\n' || c === ',') && depth === 0) break;
      this.pos++;
    }
    const text = this.s.slice(start, this.pos).trim();
    if (!text) this.fail('expected a value');
    return text;
  }
}

/** The value of an expression's text: a literal or collection when it is one, raw otherwise. */
export function value(text: string): HclValue {
  const t = text.trim();
  if (/^"([^"\\$]|\\.|\$(?!\{))*"$/.test(t)) return { kind: 'string', value: unquote(t) };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'number', value: Number(t) };
  if (t === 'true' || t === 'false') return { kind: 'bool', value: t === 'true' };
  if (t.startsWith('{') && closes(t)) {
    const r = new Reader(t.slice(1));
    return { kind: 'object', entries: r.body('}').attributes };
  }
  if (t.startsWith('[') && closes(t)) {
    const r = new Reader(t.slice(1, -1));
    const items: HclValue[] = [];
    for (r.skipSpace(); !r.done(); r.skipSpace()) items.push(value(r.expression()));
    return { kind: 'list', items };
  }
  return { kind: 'raw', text: t };
}

// True when the bracket opening `t` is the one closing it at the end.
function closes(t: string): boolean {
  const r = new Reader(t);
  r.expression();
  return r.pos === t.length;
}

function unquote(raw: string): string {
  return raw.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

// Removes #, // and /* */ comments outside strings and heredocs (keeps line numbers).
function stripComments(text: string): string {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      i++;
    } else if (c === '"') {
      inString = true;
      out += c;
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const skipped = text.slice(i, end < 0 ? text.length : end + 2);
      out += skipped.replace(/[^\n]/g, '');
      i += skipped.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
