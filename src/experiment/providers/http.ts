// The `http` provider: `url`, `method` (GET), `headers`, `arguments` (query string for GET, JSON or
// form body otherwise), `timeout` (seconds or [connect, read]), `max_retries`. The output is
// chaoslib's `{status, headers, body}`; a 4xx/5xx answer is not a failure, only a warning.
// Known gap: `verify_tls: false` cannot be honoured by fetch and is ignored (with a warning).
import { ActivityFailed, Interrupted } from '../errors.js';
import { pyStr } from '../pyvalue.js';
import { substitute } from '../substitute.js';
import { isObject } from '../types.js';
import type { ProviderFn } from './types.js';

/** Runs an http activity with the global fetch. */
export const runHttp: ProviderFn = async (activity, ctx) => {
  const provider = activity.provider ?? {};
  const sub = (v: unknown) =>
    Object.keys(ctx.configuration).length || Object.keys(ctx.secrets).length
      ? substitute(v, ctx.configuration, ctx.secrets)
      : v;
  const url = String(sub(provider.url));
  const method = String(provider.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  const h = sub(provider.headers);
  if (isObject(h)) for (const [k, v] of Object.entries(h)) headers[k] = pyStr(v);
  const args = sub(provider.arguments);
  const rawTimeout = sub(provider.timeout);
  const timeout = Array.isArray(rawTimeout)
    ? Math.max(...rawTimeout.map(Number))
    : typeof rawTimeout === 'number'
      ? rawTimeout
      : undefined;
  const retries = typeof provider.max_retries === 'number' ? provider.max_retries : 0;
  if (provider.verify_tls === false)
    ctx.warn('verify_tls: false is not supported by gameday; TLS certificates are verified');

  let target = url;
  let body: string | undefined;
  if (isObject(args)) {
    if (method === 'GET') {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        throw new ActivityFailed(`failed to connect to ${url}: Invalid URL`);
      }
      for (const [k, v] of Object.entries(args)) u.searchParams.append(k, pyStr(v));
      target = u.toString();
    } else {
      const ct = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      if (ct === 'application/json') body = JSON.stringify(args);
      else {
        body = new URLSearchParams(
          Object.entries(args).map(([k, v]): [string, string] => [k, pyStr(v)]),
        ).toString();
        if (!ct) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
    }
  }

  for (let attempt = 0; ; attempt++) {
    const signals = [ctx.signal];
    if (timeout !== undefined) signals.push(AbortSignal.timeout(timeout * 1000));
    try {
      const res = await fetch(target, { method, headers, body, signal: AbortSignal.any(signals) });
      const text = await res.text();
      const contentType = res.headers.get('content-type');
      let out: unknown = text;
      if (contentType === 'application/json') {
        try {
          out = JSON.parse(text);
        } catch {
          out = text;
        }
      }
      if (res.status >= 400 && activity.tolerance === undefined)
        ctx.warn(
          'This HTTP call returned a response with a HTTP status code above 400. This may indicate some error and not what you expected. Please have a look at the logs.',
        );
      return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: out };
    } catch (err) {
      if (ctx.signal.aborted) throw new Interrupted('interrupted');
      const name = (err as Error).name;
      if (name === 'TimeoutError') throw new ActivityFailed('activity took too long to complete');
      if (attempt < retries) continue;
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
      throw new ActivityFailed(`failed to connect to ${url}: ${cause}`);
    }
  }
};
