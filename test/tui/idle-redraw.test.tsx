// An idle console redraws once a minute (its clock and freshness show minutes) and no more: a
// steady-loop tick behind the inventory screen, or a refresh that finds the account unchanged,
// must not redraw the screen.
import { describe, expect, it } from 'vitest';
import type { LoopClock } from '../../src/steady/types.js';
import { App } from '../../src/tui/App.js';
import { InventoryModel } from '../../src/tui/models/inventory-model.js';
import { Ticker } from '../../src/tui/models/ticker.js';
import { fakeServices } from './fake-services.js';
import { shopInventory } from './fixtures.js';
import { renderTui } from './render.js';

/** A clock whose intervals fire only when the test says, each with its own period. */
function manualClock() {
  let now = Date.parse('2026-11-25T12:00:00Z');
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const clock: LoopClock = {
    now: () => now,
    setInterval: (fn, ms) => {
      timers.set(next, { fn, ms });
      return next++;
    },
    clearInterval: (t) => void timers.delete(t as number),
    setTimeout: () => 0,
    clearTimeout: () => {},
  };
  return {
    clock,
    /** Moves the time on and fires the intervals of period `ms`. */
    fire(ms: number) {
      now += ms;
      for (const t of [...timers.values()]) if (t.ms === ms) t.fn();
    },
    live: () => timers.size,
  };
}

/** The console on a manual clock; `loop`: the steady loop's timers too (else the test ticks it). */
async function open(opts: { loop?: boolean } = {}) {
  const time = manualClock();
  const fake = fakeServices(opts.loop ? { clock: time.clock } : {});
  const ui = await renderTui(
    <App
      services={fake.services}
      clock={time.clock}
      inventoryRefreshMs={5_000}
      size={{ width: 80, height: 24 }}
      onExit={() => {}}
    />,
    { bare: true },
  );
  await ui.act(async () => {}); // the first inventory lands
  return { ui, time, ...fake };
}

describe('idle console', () => {
  it('idle, the clock and the freshness show minutes: seconds passing draw nothing, a new minute one frame', async () => {
    const { ui, time, setActive } = await open();
    expect(ui.frame()).toContain('⏱ 0m');
    expect(ui.frame()).toContain('updated <1m ago');
    let before = ui.frames.length;
    await ui.act(() => time.fire(1000));
    for (let i = 0; i < 11; i++) await ui.act(() => time.fire(5000));
    expect(ui.frames.length).toBe(before); // 56 s: the texts never changed
    await ui.act(() => time.fire(5000));
    expect(ui.frame()).toContain('⏱ 1m');
    expect(ui.frames.length - before).toBe(1);
    // The live view brings the seconds back at once, and ticks every second.
    await ui.press('v');
    expect(ui.frame()).toContain('⏱ 00:01:01');
    before = ui.frames.length;
    await ui.act(() => time.fire(1000));
    expect(ui.frame()).toContain('⏱ 00:01:02');
    expect(ui.frames.length - before).toBe(1);
    // Back on the inventory with a change active, the freshness counts seconds.
    setActive(1);
    await ui.press('i');
    await ui.act(() => time.fire(1000));
    expect(ui.frame()).toMatch(/updated \ds ago/);
    await ui.unmount();
  });

  it('a change still active keeps the seconds on the inventory', async () => {
    const { ui, time, setActive } = await open();
    setActive(1);
    await ui.press('v', 'i');
    await ui.act(() => time.fire(1000));
    expect(ui.frame()).toContain('⏱ 00:00:01');
    expect(ui.frame()).toContain('● 1 active');
    await ui.unmount();
  });

  it('a steady-loop tick does not redraw the inventory screen, and shows on the live view', async () => {
    const { ui, steady, setHealthy } = await open();
    const before = ui.frames.length;
    setHealthy(4);
    await ui.act(() => steady.tick());
    expect(ui.frames.length).toBe(before);
    await ui.press('v');
    expect(ui.frame()).toContain('ASG web healthy');
    expect(ui.frame()).toContain('✘');
    await ui.unmount();
  });

  it('a refresh that finds the same account redraws nothing; one that finds a change redraws the rows', async () => {
    const { ui, time, setInventory, inventoryLoads } = await open();
    const before = ui.frames.length;
    // the refresh (every 5 s here) and the idle clock fire together, for 50 s
    for (let i = 0; i < 10; i++) await ui.act(async () => time.fire(5_000));
    expect(inventoryLoads()).toBe(11);
    expect(ui.frames.length).toBe(before);
    const fewer = shopInventory();
    fewer.instances.pop();
    setInventory(fewer);
    await ui.act(async () => time.fire(5_000));
    expect(ui.frame()).toContain('EC2 (7)');
    expect(ui.frame()).toContain('updated <1m ago');
    expect(ui.frames.length - before).toBe(1);
    await ui.unmount();
  });

  it('idle, the steady loop probes every fifth second; the live view probes every second again at once', async () => {
    const { ui, time, calls, steady } = await open({ loop: true });
    const probes = () => calls.filter((c) => c === 'probe').length;
    const first = probes();
    for (let i = 0; i < 4; i++) await ui.act(() => time.fire(1000));
    expect(probes()).toBe(first); // the loop's timer is a 5 s one now
    await ui.act(async () => time.fire(5000));
    expect(probes()).toBe(first + 1);
    expect(steady.snapshot().probes[0]!.strip.slice(-5)).toEqual([null, null, null, null, true]);
    await ui.press('v');
    expect(probes()).toBe(first + 2);
    await ui.act(async () => time.fire(1000));
    expect(probes()).toBe(first + 3);
    await ui.unmount();
  });

  it('the clock stops ticking when the console closes', async () => {
    const { ui, time } = await open();
    expect(time.live()).toBeGreaterThan(0);
    await ui.unmount();
    expect(time.live()).toBe(0);
  });
});

describe('InventoryModel', () => {
  it('keeps the inventory object when a refresh finds the same resources, replaces it when one changed', async () => {
    let inv = shopInventory();
    const model = new InventoryModel(async () => inv);
    let notified = 0;
    model.subscribe(() => notified++);
    await model.refresh();
    const first = model.snapshot().inventory;
    notified = 0;
    inv = { ...shopInventory(), discoveredAt: '2099-01-01T00:00:00Z' };
    await model.refresh();
    expect(model.snapshot().inventory).toBe(first);
    expect(model.snapshot().loading).toBe(false);
    expect(notified).toBe(0);
    const changed = shopInventory();
    changed.instances[0] = { ...changed.instances[0]!, state: 'stopped' };
    inv = changed;
    await model.refresh();
    expect(model.snapshot().inventory).toBe(changed);
  });

  it('shows "loading" only until the first inventory, and an unchanged refresh notifies nobody', async () => {
    const model = new InventoryModel(async () => shopInventory());
    const seen: boolean[] = [];
    model.subscribe(() => seen.push(model.snapshot().loading));
    await model.refresh();
    await model.refresh();
    expect(seen).toEqual([true, false]);
  });
});

describe('InventoryModel after a failed refresh', () => {
  it('a refresh that finds the same resources again clears the error and tells the views', async () => {
    let fail = false;
    const model = new InventoryModel(async () => {
      if (fail) throw new Error('Throttling: Rate exceeded');
      return shopInventory();
    });
    await model.refresh();
    fail = true;
    await model.refresh();
    expect(model.snapshot().error).toBe('Throttling: Rate exceeded');
    fail = false;
    let notified = 0;
    model.subscribe(() => notified++);
    await model.refresh();
    expect(model.snapshot().error).toBeUndefined();
    expect(notified).toBe(1);
  });
});

describe('Ticker', () => {
  it('ticks only while someone listens, with the clock time', () => {
    const time = manualClock();
    const ticker = new Ticker(time.clock);
    expect(time.live()).toBe(0);
    const seen: number[] = [];
    const off = ticker.subscribe(() => seen.push(ticker.snapshot()));
    time.fire(1000);
    time.fire(1000);
    expect(seen).toEqual([time.clock.now() - 1000, time.clock.now()]);
    off();
    expect(time.live()).toBe(0);
  });
});
