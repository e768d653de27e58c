// Python `re` patterns run on JS RegExp. The tolerance uses `re.search`, whose `$` also matches
// before a trailing newline (C7: stdout ends with "\n"); this translates the differences that matter:
// `$`, `\Z`, `\A`, `(?P<name>...)`, `(?P=name)`, leading inline flags and `(?#...)` comments.
// Known gap: Python's \w, \d and \s are Unicode-aware; JS's are ASCII.

/** A pattern Python would accept but this translation cannot run, or one JS rejects. */
export class PyRegexError extends Error {
  override name = 'PyRegexError';
}

/** Translates a Python pattern and compiles it. Throws PyRegexError with the reason. */
export function compilePyRegex(pattern: string): RegExp {
  let src = pattern;
  let flags = '';
  // Global inline flags at the very start: (?aiLmsux)
  const lead = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]!) {
      if (f === 'i' || f === 'm' || f === 's') flags += flags.includes(f) ? '' : f;
      else if (f === 'x') throw new PyRegexError('the verbose flag (?x) is not supported');
    }
  }
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new PyRegexError('bad escape (end of pattern)');
      if (!inClass && n === 'Z') out += '(?![\\s\\S])';
      else if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '$') {
      out += multiline ? '$' : '(?=\\n?(?![\\s\\S]))';
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      if (src.startsWith('(?P<', i)) {
        out += '(?<';
        i += 3;
        continue;
      }
      const backref = /^\(\?P=([A-Za-z_]\w*)\)/.exec(src.slice(i));
      if (backref) {
        out += `\\k<${backref[1]}>`;
        i += backref[0].length - 1;
        continue;
      }
      if (src[i + 2] === '#') {
        const end = src.indexOf(')', i);
        if (end < 0) throw new PyRegexError('missing ), unterminated comment');
        i = end;
        continue;
      }
      if (/^\(\?[aiLmsux-]+[:)]/.test(src.slice(i)))
        throw new PyRegexError('inline flags inside the pattern are not supported; put them at the start');
    }
    out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (err) {
    throw new PyRegexError((err as Error).message.replace(/^Invalid regular expression: /, ''));
  }
}
