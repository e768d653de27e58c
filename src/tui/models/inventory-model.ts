// The inventory model: polls discovery on a period and notifies subscribers (k9s's table model).
// Views read its snapshot; a failed refresh keeps the last good inventory and shows the error.
import type { Inventory } from '../../aws/inventory.js';
import { realClock } from '../../steady/loop.js';
import type { LoopClock } from '../../steady/types.js';

/** What the inventory view draws. */
export interface InventorySnapshot {
  inventory?: Inventory;
  /** When the last successful refresh finished (clock ms). */
  updatedAt?: number;
  loading: boolean;
  /** A refresh the operator asked for (`r`) is running: the view says so until it lands. */
  refreshing?: boolean;
  error?: string;
}

/** A periodic refresh waits until the last one took at most this share of the time since it
 * started: its calls spread out (AWS throttles a client that lists too often)... */
const MAX_WALL_SHARE = 0.05;
/** ...and at most this share of one core: listing 10,000 instances and 10,000 tasks costs about
 * half a second to a second of CPU, so such an account refreshes every two to three minutes
 * instead of every period (r, an attack and a halt refresh at once); a small one, every period. */
const MAX_CPU_SHARE = 0.005;

/** The process's CPU time so far, in ms (all threads: the garbage collector's work counts too). */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Options of the model: the period, the clock, and what reads CPU time (tests give their own). */
export interface InventoryModelOptions {
  refreshMs?: number;
  clock?: LoopClock;
  cpuMs?: () => number;
}

/** Polls `load` every `refreshMs` (never two at once), or less often when a refresh is costly. */
export class InventoryModel {
  private snap: InventorySnapshot = { loading: false };
  private readonly listeners = new Set<() => void>();
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastWallMs = 0;
  private lastCpuMs = 0;

  constructor(
    private readonly load: () => Promise<Inventory>,
    private readonly opts: InventoryModelOptions = {},
  ) {}

  /** The current state (a new object after each change). */
  snapshot = (): InventorySnapshot => this.snap;

  /** When the last refresh landed, even one that found nothing new (it does not notify). */
  refreshedAt = (): number | undefined => this.snap.updatedAt;

  /** The earliest time (clock ms) the next periodic refresh may start, given the last one's cost. */
  nextRefreshAt = (): number =>
    this.lastStart + Math.max(this.lastWallMs / MAX_WALL_SHARE, this.lastCpuMs / MAX_CPU_SHARE);

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
      if (clock.now() < this.nextRefreshAt()) return;
      void this.refresh();
    }, this.opts.refreshMs ?? 15_000);
    void this.refresh();
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer !== undefined) (this.opts.clock ?? realClock).clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Refreshes now (joins a refresh already running). `shown`: the operator asked (`r`, or after
   * an attack or a halt), so the view says "refreshing…" until it lands. */
  refresh(opts: { shown?: boolean } = {}): Promise<void> {
    if (opts.shown && this.snap.inventory && !this.snap.refreshing) this.set({ refreshing: true });
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async run(): Promise<void> {
    // Only the first load shows "discovering…"; later refreshes draw nothing until they land.
    if (!this.snap.inventory) this.set({ loading: true });
    const clock = this.opts.clock ?? realClock;
    const cpu = this.opts.cpuMs ?? processCpuMs;
    const started = clock.now();
    const cpuStarted = cpu();
    try {
      const loaded = await this.load();
      const updatedAt = clock.now();
      const shown = this.snap.inventory;
      // An unchanged account changes nothing on screen but the freshness, which reads `updatedAt`
      // on its own tick (refreshedAt): no notification, no redraw of the views. The comparison
      // is part of the refresh's cost (about 15 ms on 10,000 instances).
      const same = shown !== undefined && !this.snap.error && sameResources(shown, loaded);
      this.lastStart = started;
      this.lastWallMs = clock.now() - started;
      this.lastCpuMs = cpu() - cpuStarted;
      if (same && !this.snap.refreshing) {
        this.snap = { ...this.snap, updatedAt };
        return;
      }
      this.set({
        inventory: same ? shown : loaded,
        loading: false,
        refreshing: false,
        error: undefined,
        updatedAt,
      });
    } catch (err) {
      this.set({
        loading: false,
        refreshing: false,
        error: err instanceof Error ? err.message : String(err),
      });
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
  return samePlain(restA, restB);
}

/** Deep equality of plain data (records, arrays, strings, numbers, booleans; a key holding
 * undefined is not a missing key): about 3x faster than util.isDeepStrictEqual on an inventory. */
function samePlain(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!samePlain(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  let keys = 0;
  for (const k in a) {
    keys++;
    if (!(k in b) || !samePlain(a[k], b[k])) return false;
  }
  for (const _ in b) keys--;
  return keys === 0;
}
