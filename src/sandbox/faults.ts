// Fault knobs for tests and drills: throttle, fail or slow down a given operation at a given rate
// (or for the next N calls). Rolls come from their own seeded PRNG so a run is repeatable.
import type { ServiceName } from '../aws/types.js';
import { DENIED_CODE, SandboxError, THROTTLE_CODE } from './errors.js';
import { Rng } from './rng.js';

/** One fault: which calls it hits, what error (or delay) they get, and how often. */
export interface FaultRule {
  service?: ServiceName;
  /** Operation name without "Command" (e.g. "DescribeInstances"); all operations when omitted. */
  operation?: string;
  /** An AWS error code, or 'throttle' / 'denied' for the service's own throttling / permission code. */
  error?: string;
  /** Real milliseconds to wait before answering (or failing): a slow API for spinners and timeouts. */
  delayMs?: number;
  /** Probability per attempt (default 1). */
  rate?: number;
  /** Only the next `count` matching attempts fail (default: unlimited). */
  count?: number;
  message?: string;
  status?: number;
}

/** What a fault does to one attempt. */
export interface FaultHit {
  error?: SandboxError;
  delayMs?: number;
}

/** The knobs: add rules, clear them, and (used by the plugin) roll for an attempt. */
export class FaultKnobs {
  private rules: (FaultRule & { left: number })[] = [];
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed ^ 0x5eed_fa17);
  }

  /** Adds a rule (rules are checked in the order added; the first that fires wins). */
  set(rule: FaultRule): void {
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1))
      throw new Error(`fault rate must be between 0 and 1, got ${rule.rate}`);
    if (!rule.error && !(rule.delayMs && rule.delayMs > 0))
      throw new Error('a fault rule needs an error code or a positive delayMs');
    this.rules.push({ ...rule, left: rule.count ?? Number.POSITIVE_INFINITY });
  }

  /** Removes every rule (or those for one service). */
  clear(service?: ServiceName): void {
    this.rules = service ? this.rules.filter((r) => r.service !== service) : [];
  }

  /** The active rules, for display. */
  list(): FaultRule[] {
    return this.rules.map(({ left: _left, ...r }) => r);
  }

  /** What happens to an attempt: a delay and/or an error, or undefined to let it through untouched. */
  roll(service: ServiceName, operation: string): FaultHit | undefined {
    for (const rule of this.rules) {
      if (rule.left <= 0) continue;
      if (rule.service && rule.service !== service) continue;
      if (rule.operation && rule.operation !== operation) continue;
      if (rule.rate !== undefined && rule.rate < 1 && this.rng.next() >= rule.rate) continue;
      rule.left--;
      if (!rule.error) return { delayMs: rule.delayMs };
      const named =
        rule.error === 'throttle'
          ? THROTTLE_CODE[service]
          : rule.error === 'denied'
            ? DENIED_CODE[service]
            : undefined;
      const code = named?.code ?? rule.error;
      const status = rule.status ?? named?.status ?? defaultStatus(code);
      const error = new SandboxError(
        code,
        rule.message ?? named?.message ?? `${code} (injected by a sandbox fault knob)`,
        status,
      );
      return { error, delayMs: rule.delayMs };
    }
    return undefined;
  }
}

function defaultStatus(code: string): number {
  if (/Throttl|RequestLimitExceeded|TooManyRequests/.test(code))
    return code === 'RequestLimitExceeded' ? 503 : 400;
  if (/AccessDenied|Unauthorized/.test(code)) return 403;
  if (/Internal|ServiceUnavailable|ServerException|Unavailable/.test(code))
    return code.includes('Unavailable') ? 503 : 500;
  return 400;
}
