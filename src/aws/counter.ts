// Counts the API calls the program makes, per service and operation, so `discover --stats` and the
// benchmarks can show that discovery pages and batches at each API's maximum.
import type { ClientPlugin, ServiceName } from './types.js';

/** A running tally of logical API calls (retries are counted separately). */
export class CallCounter {
  readonly calls = new Map<string, number>();
  readonly attempts = new Map<string, number>();
  /** Sum of the calls' own latencies in ms, to compare with wall time (what concurrency saves). */
  latencyMs = 0;

  record(service: ServiceName, operation: string, ms: number): void {
    const key = `${service}:${operation}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    this.latencyMs += ms;
  }

  recordAttempt(service: ServiceName, operation: string): void {
    const key = `${service}:${operation}`;
    this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
  }

  get total(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  /** Calls as a sorted plain object (`{"ec2:DescribeInstances": 3}`) for JSON and tables. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.calls.clear();
    this.attempts.clear();
    this.latencyMs = 0;
  }
}

/** The middleware that feeds a counter: first in the stack, so it sees every logical call. */
export function counterPlugin(counter: CallCounter): ClientPlugin {
  return {
    name: 'call-counter',
    apply(client, service) {
      client.middlewareStack.add(
        // biome-ignore lint/suspicious/noExplicitAny: generic over every client's input/output
        (next: any, context: any) => async (args: any) => {
          const started = performance.now();
          try {
            return await next(args);
          } finally {
            counter.record(
              service,
              String(context.commandName).replace(/Command$/, ''),
              performance.now() - started,
            );
          }
        },
        { step: 'initialize', priority: 'high', name: 'gamedayCallCounter', override: true },
      );
      client.middlewareStack.add(
        // biome-ignore lint/suspicious/noExplicitAny: generic over every client's input/output
        (next: any, context: any) => async (args: any) => {
          counter.recordAttempt(service, String(context.commandName).replace(/Command$/, ''));
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'gamedayAttemptCounter', override: true },
      );
    },
  };
}
