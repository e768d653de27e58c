// A steady-loop clock for tests: fixed time the test advances, timeouts that fire only when the
// test says so, intervals that never fire by themselves.
import type { LoopClock } from '../../src/steady/types.js';

/** A clock whose timeouts fire only when the test says so. */
export function testClock() {
  let now = Date.parse('2026-11-25T12:00:00Z');
  const timeouts = new Map<number, () => void>();
  let next = 1;
  const clock: LoopClock & { fireTimeouts(): void; advance(ms: number): void } = {
    now: () => now,
    setInterval: () => 0,
    clearInterval: () => {},
    setTimeout: (fn) => {
      timeouts.set(next, fn);
      return next++;
    },
    clearTimeout: (h) => void timeouts.delete(h as number),
    fireTimeouts: () => {
      for (const [id, fn] of [...timeouts]) {
        timeouts.delete(id);
        fn();
      }
    },
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}
