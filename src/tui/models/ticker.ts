// The console's one-second tick as a store: the header clock and "updated 3s ago" subscribe to it,
// so each second re-renders those two texts (in one frame) and not the whole console tree.
import { useSyncExternalStore } from 'react';
import type { LoopClock } from '../../steady/types.js';
import type { Store } from '../hooks/store.js';

/** The clock's time, refreshed every `periodMs` while anyone listens. */
export class Ticker implements Store<number> {
  private now: number;
  private readonly listeners = new Set<() => void>();
  private timer: unknown;

  constructor(
    private readonly clock: LoopClock,
    private period = 1000,
  ) {
    this.now = clock.now();
  }

  /** How often it ticks now. */
  get periodMs(): number {
    return this.period;
  }

  /** Ticks at another period from now on (the console ticks coarsely while idle); going finer
   * ticks at once, so a clock that starts showing seconds is current. */
  setPeriod(ms: number): void {
    if (ms === this.period) return;
    const finer = ms < this.period;
    this.period = ms;
    if (this.timer === undefined) return;
    this.clock.clearInterval(this.timer);
    this.timer = this.clock.setInterval(this.tick, this.period);
    if (finer) this.tick();
  }

  /** The time at the last tick. */
  snapshot = (): number => this.now;

  /** Ticks while at least one listener is subscribed. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.timer === undefined) this.timer = this.clock.setInterval(this.tick, this.period);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        this.clock.clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  };

  private tick = (): void => {
    this.now = this.clock.now();
    for (const l of [...this.listeners]) l();
  };
}

const still = () => () => {};

/** Whether a time source ticks coarsely (the console idling): re-renders the caller when it changes. */
export function useCoarse(source: number | Store<number>): boolean {
  const ticker = source instanceof Ticker ? source : undefined;
  return useSyncExternalStore(
    ticker ? ticker.subscribe : still,
    () => (ticker ? ticker.periodMs > 1000 : false),
    () => (ticker ? ticker.periodMs > 1000 : false),
  );
}

/** A time that is either fixed (tests, a paused frame) or a ticker's; re-renders only the caller. */
export function useNow(source: number | Store<number>): number {
  const fixed = typeof source === 'number';
  return useSyncExternalStore(
    fixed ? still : source.subscribe,
    fixed ? () => source : source.snapshot,
    fixed ? () => source : source.snapshot,
  );
}

/** A text made from a time source's time (a clock, "updated 5s ago"): re-renders the caller only
 * when the text changes, so an idle console whose texts stand still draws no frame. */
export function useNowText(source: number | Store<number>, format: (now: number) => string): string {
  const text = typeof source === 'number' ? () => format(source) : () => format(source.snapshot());
  return useSyncExternalStore(typeof source === 'number' ? still : source.subscribe, text, text);
}
