// No credentials or secret values ever leave a session in a file: values under secret-looking keys,
// literal secrets in a Chaos Toolkit `secrets` block, and strings shaped like AWS keys are replaced
// before an event is written and again before any projection is saved.

/** What a removed value is replaced with. */
export const REDACTED = '***redacted***';

const SECRET_KEY =
  /(secret|password|passwd|token|credential|private[_-]?key|api[_-]?key|access[_-]?key|authorization|session[_-]?key)/i;
// AWS access key ids, and long base64-ish strings following "secret" style assignments.
const AWS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g;
const INLINE_SECRET = /((?:secret|password|token|api[_-]?key)[\w-]*\s*[=:]\s*)([^\s,;"']{6,})/gi;

/** A deep copy of `value` with secret values replaced (keys kept, so the shape stays readable). */
export function redact<T>(value: T): T {
  return walk(value, undefined) as T;
}

function walk(v: unknown, key: string | undefined): unknown {
  if (typeof v === 'string') {
    if (key !== undefined && SECRET_KEY.test(key) && v !== '') return REDACTED;
    return v.replace(AWS_KEY_ID, REDACTED).replace(INLINE_SECRET, `$1${REDACTED}`);
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, key));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'secrets' && Array.isArray(x)) out[k] = x.map((s) => walk(s, undefined));
      else if (k === 'secrets' && x && typeof x === 'object') out[k] = secretsBlock(x);
      else if (SECRET_KEY.test(k) && x !== null && typeof x !== 'object' && typeof x !== 'boolean')
        out[k] = REDACTED;
      else out[k] = walk(x, SECRET_KEY.test(k) ? k : undefined);
    }
    return out;
  }
  return v;
}

// A Chaos Toolkit secrets block: {scope: {key: literal | {type: env|vault, ...}}}. References to
// the environment or vault are kept (they name where the secret lives, not the secret); literals go.
function secretsBlock(block: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [scope, entries] of Object.entries(block)) {
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) {
      out[scope] = REDACTED;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(entries)) {
      const ref =
        x && typeof x === 'object' && ['env', 'vault'].includes(String((x as { type?: unknown }).type));
      kept[k] = ref ? walk(x, undefined) : REDACTED;
    }
    out[scope] = kept;
  }
  return out;
}
