// Paging helpers: opaque NextTokens (base64 of an offset and a fingerprint of the query) and
// page-size validation with each API's own limits and words.
import type { SandboxError } from './errors.js';

/** One page of `items` from a token, and the token for the next page (undefined at the end). */
export function page<T>(
  items: readonly T[],
  size: number,
  token: string | undefined,
  scope: string,
  badToken: () => SandboxError,
): { items: T[]; next?: string } {
  const start = token ? decodeToken(token, scope, badToken) : 0;
  if (start > items.length) throw badToken();
  const end = Math.min(items.length, start + size);
  return { items: items.slice(start, end), next: end < items.length ? encodeToken(end, scope) : undefined };
}

/** A token that only works for the same kind of query it came from. */
export function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: fingerprint(scope) })).toString('base64url');
}

/** The offset inside a token, or the API's invalid-token error. */
export function decodeToken(token: string, scope: string, badToken: () => SandboxError): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      s?: unknown;
    };
    if (typeof parsed.o === 'number' && parsed.o >= 0 && parsed.s === fingerprint(scope)) return parsed.o;
  } catch {
    // fall through
  }
  throw badToken();
}

function fingerprint(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/** Checks a page size against [min, max] (undefined gives the default). */
export function pageSize(
  value: number | undefined,
  min: number,
  max: number,
  fallback: number,
  error: (value: number) => SandboxError,
): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw error(value);
  return value;
}
