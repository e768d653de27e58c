// The inventory model: polls discovery on a period and notifies subscribers (k9s's table model).
// Views read its snapshot; a failed refresh keeps the last good inventory and shows the error.
import { isDeepStrictEqual } from 'node:util';
import type { Inventory } from '../../aws/inventory.js';
import { realClock } from '../../steady/loop.js';
import type { LoopClock } from '../../steady/types.js';

/** What the inventory view draws. */
export interface InventorySnapshot {
  inventory?: Inventory;
  /** When the last successful refresh finished (clock ms). */
  updatedAt?: number;
  loading: boolean;
  error?: string;
}

/** At most this share of the time goes to refreshing: a large account (10,000 instances, a second
 * to discover) refreshes every 20 s instead of every period, and its API calls slow down alike. */
const MAX_REFRESH_SHARE = 0.05;

/** Polls `load` every `refreshMs` (never two at once), or less often when a refresh is costly. */
export class InventoryModel {
  private snap: InventorySnapshot = { loading: false };
  private readonly listeners = new Set<() => void>();
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastCostMs = 0;

  constructor(
    private readonly load: () => Promise<Inventory>,
    private readonly opts: { refreshMs?: number; clock?: LoopClock } = {},
  ) {}

  /** The current state (a new object after each change). */
  snapshot = (): InventorySnapshot => this.snap;

  /** When the last refresh landed, even one that found nothing new (it does not notify). */
  refreshedAt = (): number | undefined => this.snap.updatedAt;

  /** Calls `listener` after every change (not after a refresh that found the same resources);
   * returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Loads now and then on the period. */
  start(): void {
    if (this.timer !== undefined) return;
    const clock = this.opts.clock ?? realClock;
    this.timer = clock.setInterval(() => {
      if (clock.now() - this.lastStart < this.lastCostMs / MAX_REFRESH_SHARE) return;
      void this.refresh();
    }, this.opts.refreshMs ?? 15_000);
    void this.refresh();
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer !== undefined) (this.opts.clock ?? realClock).clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Refreshes now (joins a refresh already running). */
  refresh(): Promise<void> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async run(): Promise<void> {
    // Only the first load shows "discovering…"; later refreshes draw nothing until they land.
    const shown = this.snap.inventory;
    if (!shown) this.set({ loading: true });
    const clock = this.opts.clock ?? realClock;
    const started = clock.now();
    try {
      const loaded = await this.load();
      const updatedAt = clock.now();
      this.lastStart = started;
      // An unchanged account changes nothing on screen but the freshness, which reads `updatedAt`
      // on its own tick (refreshedAt): no notification, no redraw of the views.
      // the comparison is part of the refresh's cost (tens of ms on 10,000 instances)
      const same = shown && !this.snap.error && sameResources(shown, loaded);
      this.lastCostMs = clock.now() - started;
      if (same) {
        this.snap = { ...this.snap, updatedAt };
        return;
      }
      this.set({ inventory: loaded, loading: false, error: undefined, updatedAt });
    } catch (err) {
      this.set({ loading: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private set(patch: Partial<InventorySnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

/** True when two discoveries found the same resources in the same states (their times aside). */
export function sameResources(a: Inventory, b: Inventory): boolean {
  if (a === b) return true;
  const { discoveredAt: _a, ...restA } = a;
  const { discoveredAt: _b, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}
