// No credentials or secret values ever leave a session in a file: values under secret-looking keys,
// literal secrets in a Chaos Toolkit `secrets` block, strings shaped like AWS keys or common tokens,
// and every value known to be secret (known-secrets.ts) are replaced before an event is written,
// before a journal is saved, and in every line the CLI prints.
import { knownSecretForms, SECRET_NAME } from './known-secrets.js';

/** What a removed value is replaced with. */
export const REDACTED = '***redacted***';

const SECRET_KEY = SECRET_NAME;
// AWS access key ids, and long base64-ish strings following "secret" style assignments.
const AWS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g;
const INLINE_SECRET = /((?:secret|password|token|api[_-]?key)[\w-]*\s*[=:]\s*)([^\s,;"']{6,})/gi;
// Tokens recognisable by their shape wherever they are pasted: GitHub, Slack, JWTs, PEM private keys.
const TOKEN_SHAPES =
  /\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

/** A deep copy of `value` with secret values replaced (keys kept, so the shape stays readable).
 * `known`: the secret forms, when the caller redacts several values at once (one env scan). */
export function redact<T>(value: T, known: readonly string[] = knownSecretForms()): T {
  return walk(value, undefined, known) as T;
}

/** A line of text with every known secret and secret-shaped string replaced (what the CLI prints). */
export function redactText(text: string, known: readonly string[] = knownSecretForms()): string {
  let out = text;
  for (const form of known) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out
    .replace(AWS_KEY_ID, REDACTED)
    .replace(TOKEN_SHAPES, REDACTED)
    .replace(INLINE_SECRET, `$1${REDACTED}`);
}

function walk(v: unknown, key: string | undefined, known: readonly string[]): unknown {
  if (typeof v === 'string') {
    if (key !== undefined && SECRET_KEY.test(key) && v !== '') return REDACTED;
    return redactText(v, known);
  }
  if (Array.isArray(v)) return v.map((x) => walk(x, key, known));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'secrets' && Array.isArray(x)) out[k] = x.map((s) => walk(s, undefined, known));
      else if (k === 'secrets' && x && typeof x === 'object') out[k] = secretsBlock(x, known);
      else if (SECRET_KEY.test(k) && x !== null && typeof x !== 'object' && typeof x !== 'boolean')
        out[k] = REDACTED;
      else out[k] = walk(x, SECRET_KEY.test(k) ? k : undefined, known);
    }
    return out;
  }
  return v;
}

// A Chaos Toolkit secrets block: {scope: {key: literal | {type: env|vault, ...}}}. References to
// the environment or vault are kept (they name where the secret lives, not the secret); literals go.
function secretsBlock(block: object, known: readonly string[]): Record<string, unknown> {
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
      kept[k] = ref ? walk(x, undefined, known) : REDACTED;
    }
    out[scope] = kept;
  }
  return out;
}
