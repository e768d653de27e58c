// Secret values this process knows by value, so they can be scrubbed wherever they turn up (a
// process activity echoing a token, an operator pasting the AWS secret key into a note): values an
// experiment resolves from its secrets blocks and secret-named configuration, and the values of
// secret-named environment variables (AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, *_PASSWORD ...).

/** Key and variable names that hold secrets. */
export const SECRET_NAME =
  /(secret|password|passwd|token|credential|private[_-]?key|api[_-]?key|access[_-]?key|authorization|session[_-]?key)/i;

// Shorter values are too likely to be ordinary words ("testing", "true") to be scrubbed everywhere.
const MIN_REMEMBERED = 6;
const MIN_FROM_ENV = 8;
const remembered = new Set<string>();

/** Adds a secret value (strings and numbers of at least 6 characters; others are ignored). */
export function rememberSecret(value: unknown): void {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string' && text.length >= MIN_REMEMBERED) remembered.add(text);
}

/**
 * Every form in which a known secret could be written, longest first: as is, JSON-escaped, and
 * base64 (with and without padding).
 */
export function knownSecretForms(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = new Set(remembered);
  for (const [name, value] of Object.entries(env))
    if (value && value.length >= MIN_FROM_ENV && SECRET_NAME.test(name)) values.add(value);
  // Every write to stdout asks (three per console frame): reuse the forms while the values stand.
  const key = [...values].join('\u0000');
  if (cache && cache.key === key) return cache.forms;
  const forms = new Set<string>();
  for (const v of values) {
    const b64 = Buffer.from(v).toString('base64');
    for (const f of [v, JSON.stringify(v).slice(1, -1), b64, b64.replace(/=+$/, '')]) forms.add(f);
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  cache = { key, forms: sorted };
  return sorted;
}

let cache: { key: string; forms: string[] } | undefined;

/** Forgets remembered values (tests). */
export function forgetSecrets(): void {
  remembered.clear();
}
