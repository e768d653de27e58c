// Turns whatever the SDK throws into one line an operator can act on: which call, which resource,
// what went wrong and what to do (a denied call names the IAM action to grant).
import type { ServiceName } from './types.js';

/** An AWS failure explained for the operator; the CLI prints `message` alone and exits `exitCode`. */
export class AwsCallError extends Error {
  override name = 'AwsCallError';
  readonly exitCode = 1;
  constructor(
    message: string,
    /** What kind of failure, so callers can decide (e.g. a denied listing becomes a gap, not a stop). */
    readonly kind: AwsFailureKind,
    readonly service: ServiceName,
    readonly operation: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The classes of failure the operator has to tell apart. */
export type AwsFailureKind =
  | 'denied'
  | 'no-credentials'
  | 'expired'
  | 'bad-credentials'
  | 'throttled'
  | 'unreachable'
  | 'not-found'
  | 'invalid'
  | 'server'
  | 'other';

/** Where a call went and for what, so the message can name it. */
export interface CallSite {
  service: ServiceName;
  operation: string;
  resource?: string;
  endpoint?: string;
  profile?: string;
  region?: string;
}

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'NotAuthorized',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'SlowDown',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: string;
}

/** True when the endpoint never answered (refused, reset, unknown host, timed out): a network
 * failure, not an error AWS returned. */
export function isUnreachable(err: unknown): boolean {
  if (!err || typeof err !== 'object' || err instanceof AwsCallError) return false;
  const e = err as SdkLikeError & { cause?: { code?: string } };
  const code = e.name === 'Error' || !e.name ? (e.Code ?? e.code) : e.name;
  const netCode = e.code ?? e.cause?.code;
  return (
    code === 'TimeoutError' ||
    (netCode !== undefined && NETWORK_CODES.has(netCode)) ||
    /socket hang up|timed? ?out/i.test(firstLine(e.message ?? ''))
  );
}

/** Explains an SDK error as an AwsCallError (idempotent: an AwsCallError passes through). */
export function explainAwsError(err: unknown, site: CallSite): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (err ?? {}) as SdkLikeError;
  const code = e.name === 'Error' || !e.name ? (e.Code ?? e.code) : e.name;
  const msg = firstLine(e.message ?? String(err));
  const call = `${site.service}:${site.operation}`;
  const on = site.resource ? ` on ${site.resource}` : '';
  const make = (kind: AwsFailureKind, text: string) =>
    new AwsCallError(text, kind, site.service, site.operation, code ?? undefined);

  if (code === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(code ?? '')) {
    if (/sso/i.test(msg) && /expired|refresh|invalid/i.test(msg)) {
      const p = site.profile ? ` --profile ${site.profile}` : '';
      return make(
        'expired',
        `${call}: the SSO session${site.profile ? ` of profile ${site.profile}` : ''} has expired or was never started; run \`aws sso login${p}\` and retry`,
      );
    }
    return make(
      'no-credentials',
      `${call}: no AWS credentials found (${msg}); set AWS_PROFILE or pass --profile, run \`aws configure\` or \`aws sso login\`, or use --sandbox to practise without an account`,
    );
  }
  if (code && DENIED.has(code)) {
    return make('denied', `${call}${on} was denied: grant the IAM action ${call} to the caller (${msg})`);
  }
  if (code && EXPIRED.has(code)) {
    return make(
      'expired',
      `${call}: the AWS session token has expired; refresh the credentials (e.g. \`aws sso login\`) and retry`,
    );
  }
  if (code && BAD_CREDS.has(code)) {
    return make(
      'bad-credentials',
      `${call}: AWS rejected the credentials (${code}: ${msg}); check the access key, profile and region`,
    );
  }
  if (code && THROTTLED.has(code)) {
    const n = e.$metadata?.attempts;
    return make(
      'throttled',
      `${call}${on}: AWS kept throttling the call${n ? ` after ${n} attempts` : ''}; wait a minute and retry, or discover fewer resources at once`,
    );
  }
  const netCode = e.code ?? (e as { cause?: { code?: string } }).cause?.code;
  if (isUnreachable(err)) {
    const where = site.endpoint ?? `the ${site.service} endpoint in ${site.region ?? 'the region'}`;
    const why =
      netCode === 'ECONNREFUSED'
        ? 'refused the connection'
        : netCode === 'ENOTFOUND'
          ? 'has an unknown host name'
          : 'did not answer in time';
    return make(
      'unreachable',
      `${call}: ${where} ${why} (${netCode ?? code}); check AWS_ENDPOINT_URL, the region and the network`,
    );
  }
  if (code && /NotFound|NoSuch|ResourceNotFound|ClusterNotFound|ServiceNotFound/.test(code)) {
    return make('not-found', `${call}${on}: not found (${code}: ${msg})`);
  }
  const status = e.$metadata?.httpStatusCode;
  if (code === 'SyntaxError' || (status && status >= 500)) {
    return make(
      'server',
      `${call}${on}: the endpoint failed (HTTP ${status ?? '?'}: ${msg}); retry, or check the endpoint`,
    );
  }
  if (code && /Validation|InvalidParameter|Invalid|Malformed|MissingParameter/.test(code)) {
    return make('invalid', `${call}${on}: AWS rejected the request (${code}: ${msg})`);
  }
  return make('other', `${call}${on} failed: ${code ? `${code}: ` : ''}${msg}`);
}

function firstLine(s: string): string {
  const line = s.split('\n')[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Runs one SDK call and rethrows any failure explained for its call site. */
export async function awsCall<T>(site: CallSite, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw explainAwsError(err, site);
  }
}
