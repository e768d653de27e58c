// The live view against a real steady loop on a test clock: what an operator sees when a probe
// hangs, when AWS fails mid-run, and when they choose what to graph.
import { describe, expect, it } from 'vitest';
import { SteadyLoop } from '../../src/steady/loop.js';
import type { LoopClock } from '../../src/steady/types.js';
import { LiveScreen } from '../../src/tui/screens/LiveScreen.js';
import { renderTui } from './render.js';

/** A clock whose timeouts fire only when the test says so. */
function testClock() {
  const timeouts = new Map<number, () => void>();
  let next = 1;
  const clock: LoopClock & { fireTimeouts(): void } = {
    now: () => Date.parse('2026-11-25T12:00:00Z'),
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
  };
  return clock;
}

describe('LiveScreen', () => {
  it('a probe that hangs shows failed in its strip and "timed out" in the log', async () => {
    const clock = testClock();
    let answer = true;
    const loop = new SteadyLoop({
      clock,
      maxProbeFailures: 0,
      probes: [
        {
          id: 'web',
          title: 'web answers',
          tolerance: '== true',
          timeoutMs: 3000,
          run: () => (answer ? Promise.resolve(true) : new Promise(() => {})),
          check: (v) => v === true,
        },
      ],
    });
    const ui = await renderTui(<LiveScreen snapshot={loop.snapshot()} width={80} height={20} />);
    const tick = async () => {
      const ticking = loop.tick();
      await new Promise((r) => setImmediate(r));
      clock.fireTimeouts();
      await ticking;
      await ui.rerender(<LiveScreen snapshot={loop.snapshot()} width={80} height={20} />);
    };
    await tick();
    answer = false;
    await tick();
    await tick();
    const f = ui.frame();
    expect(f).toMatch(/✘ web answers\s+== true\s+✔✘✘/);
    expect(f).toContain('✘ web answers: timed out after 3s');
    expect(f).toContain('tick 3 every 1s');
    await ui.unmount();
  });
});
