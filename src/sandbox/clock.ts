// The sandbox's sense of time: a virtual clock stepped by tests, or real time sped up by --speed.
// The world listens and advances its 10-second ticks whenever the clock moves.

/** Where the virtual clock starts: a fixed instant, so snapshots are byte-identical across runs. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Time for the sandbox; `advance` moves it forward (and runs the dynamics) at once. */
export interface SandboxClock {
  readonly mode: 'real' | 'virtual';
  readonly speed: number;
  now(): number;
  advance(ms: number): void;
  start(): void;
  stop(): void;
  /** Called with the new time whenever the clock moves (the world subscribes). */
  onChange(listener: (now: number) => void): void;
}

/** Builds a clock: virtual (moves only on `advance`) or real (Date.now scaled by `speed`). */
export function createClock(mode: 'real' | 'virtual', speed = 1, startAt?: number): SandboxClock {
  const listeners: ((now: number) => void)[] = [];
  const realStart = Date.now();
  const origin = startAt ?? (mode === 'virtual' ? VIRTUAL_EPOCH : realStart);
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  const now = (): number =>
    mode === 'virtual' ? origin + offset : Math.floor(origin + (Date.now() - realStart) * speed + offset);
  const emit = (): void => {
    const t = now();
    for (const l of listeners) l(t);
  };
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`sandbox speed must be a positive number, got ${speed}`);
  return {
    mode,
    speed,
    now,
    advance(ms: number) {
      if (!(ms >= 0)) throw new Error(`the sandbox clock only moves forward (advance(${ms}))`);
      offset += ms;
      emit();
    },
    start() {
      if (mode !== 'real' || timer) return;
      timer = setInterval(emit, Math.max(50, Math.min(1000, 10_000 / speed)));
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
