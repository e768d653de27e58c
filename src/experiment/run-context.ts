// The state one run carries through its helpers: injected clock, sleep, providers and signals,
// the resolved configuration, the emitter, and chaoslib's mutable journal status/deviated.
import { Interrupted } from './errors.js';
import type { RunEvent, RunEventInput } from './events.js';
import type { ProviderContext, ProviderSet } from './providers/types.js';
import type { FunctionRegistry } from './registry.js';
import type { DryMode } from './strategy.js';
import type { Configuration, Experiment, RunStatus, Secrets } from './types.js';

/** A clock in epoch milliseconds (tests inject a virtual one). */
export interface Clock {
  now(): number;
}

/** Sleeps `ms`, rejecting with Interrupted when `signal` fires. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Real-time sleep honouring an AbortSignal. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Interrupted('interrupted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Interrupted('interrupted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Wall clock with microsecond-ish resolution. */
export const realClock: Clock = { now: () => performance.timeOrigin + performance.now() };

/** Mutable state of one run. */
export class RunContext {
  status: RunStatus | null = null;
  deviated = false;
  private nextId = 1;
  readonly events: RunEvent[] = [];

  constructor(
    readonly experiment: Experiment,
    readonly registry: FunctionRegistry,
    readonly providers: ProviderSet,
    readonly configuration: Configuration,
    readonly secrets: Secrets,
    readonly clock: Clock,
    readonly sleep: Sleep,
    readonly dry: DryMode | undefined,
    private readonly sink: (e: RunEvent) => void,
  ) {}

  /** Stamps, records and forwards an event. */
  emit(e: RunEventInput): void {
    const ev = { ...e, t: this.clock.now() } as RunEvent;
    this.events.push(ev);
    try {
      this.sink(ev);
    } catch {
      // a listener's bug (a view, a recorder) must not change the run's outcome
    }
  }

  /** A fresh activity id. */
  id(): number {
    return this.nextId++;
  }

  /** What providers get for a call under `signal`. */
  providerContext(signal: AbortSignal): ProviderContext {
    return {
      registry: this.registry,
      configuration: this.configuration,
      secrets: this.secrets,
      signal,
      warn: (message) => this.emit({ type: 'note', level: 'warning', message }),
    };
  }

  /** True once the run is failed, aborted or interrupted (the method stops after its current activity). */
  get stopped(): boolean {
    return this.status === 'failed' || this.status === 'aborted' || this.status === 'interrupted';
  }
}
