// How often the console lists the account: never more than 5% of the time nor 0.5% of a core goes to
// refreshing (a large account is frugal with AWS's throttles and the operator's CPU), and what the
// operator did (r, an attack, a halt) is shown at once instead of waiting for the next period.
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/aws/inventory.js';
import type { LoopClock } from '../../src/steady/types.js';
import { App } from '../../src/tui/App.js';
import { AttackFlow } from '../../src/tui/models/attack-flow.js';
import { InventoryModel } from '../../src/tui/models/inventory-model.js';
import { fakeServices, stillClock } from './fake-services.js';
import { STOP, shopInventory } from './fixtures.js';
import { renderTui } from './render.js';

/** A clock whose one interval the test fires, and a load whose wall and CPU cost the test sets. */
function costlyRefresh(cost: { wallMs: number; cpuMs: number }) {
  let now = 0;
  let cpu = 0;
  const ticks: (() => void)[] = [];
  const clock: LoopClock = {
    now: () => now,
    setInterval: (fn) => ticks.push(fn),
    clearInterval: () => {},
    setTimeout: () => 0,
    clearTimeout: () => {},
  };
  const starts: number[] = [];
  const model = new InventoryModel(
    async () => {
      starts.push(now);
      now += cost.wallMs;
      cpu += cost.cpuMs;
      return shopInventory();
    },
    { refreshMs: 5_000, clock, cpuMs: () => cpu },
  );
  const flush = () => new Promise((r) => setImmediate(r));
  return {
    model,
    starts,
    /** Runs the console for `ms` of clock time, period by period. */
    async run(ms: number) {
      model.start();
      await flush();
      for (let t = 0; t < ms; t += 5_000) {
        now += 5_000;
        ticks[0]!();
        await flush();
      }
      model.stop();
    },
  };
}

const gaps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]!);

describe('InventoryModel refresh period', () => {
  it('a slow listing (1 s, little CPU) refreshes every ~20 s: at most 5% of the time', async () => {
    const r = costlyRefresh({ wallMs: 1_000, cpuMs: 5 });
    await r.run(60_000);
    expect(r.starts).toHaveLength(4);
    for (const g of gaps(r.starts)) expect(g).toBeGreaterThanOrEqual(20_000);
  });

  it('a CPU-heavy listing (0.6 s of CPU, 10,000 instances) refreshes every two minutes: at most 0.5% of a core', async () => {
    const r = costlyRefresh({ wallMs: 300, cpuMs: 600 });
    await r.run(360_000);
    // at 0 s, ~120 s, ~240 s and ~360 s: 4 listings in six minutes instead of 73
    expect(r.starts).toHaveLength(4);
    for (const g of gaps(r.starts)) expect(g).toBeGreaterThanOrEqual(120_000);
    expect(r.model.nextRefreshAt()).toBe(r.starts.at(-1)! + 120_000);
  });

  it('a cheap listing refreshes every period', async () => {
    const r = costlyRefresh({ wallMs: 50, cpuMs: 10 });
    await r.run(30_000);
    // every period (5 s; the test's clock also moves 50 ms while each listing runs)
    expect(gaps(r.starts)).toEqual(Array(6).fill(5_050));
  });
});

describe('InventoryModel refresh asked for', () => {
  it('says "refreshing" until the listing lands, even when it finds nothing new, and keeps the same inventory', async () => {
    const model = new InventoryModel(async () => shopInventory());
    await model.refresh();
    const first = model.snapshot().inventory;
    const seen: (boolean | undefined)[] = [];
    model.subscribe(() => seen.push(model.snapshot().refreshing));
    await model.refresh({ shown: true });
    expect(seen).toEqual([true, false]);
    expect(model.snapshot().inventory).toBe(first);
  });

  it('a periodic refresh that finds nothing new still notifies nobody', async () => {
    const model = new InventoryModel(async () => shopInventory());
    await model.refresh();
    let notified = 0;
    model.subscribe(() => notified++);
    await model.refresh();
    expect(notified).toBe(0);
  });
});

describe('sameResources', () => {
  it('tells apart a change deep in a resource, a missing key and a reordered list', async () => {
    const { sameResources } = await import('../../src/tui/models/inventory-model.js');
    const a = shopInventory();
    expect(sameResources(a, { ...shopInventory(), discoveredAt: 'later' })).toBe(true);
    const tag = shopInventory();
    tag.instances[1]!.tags.team = 'other';
    expect(sameResources(a, tag)).toBe(false);
    const gone = shopInventory();
    delete gone.instances[0]!.az;
    expect(sameResources(a, gone)).toBe(false);
    const order = shopInventory();
    order.instances.reverse();
    expect(sameResources(a, order)).toBe(false);
    const member = shopInventory();
    member.autoScalingGroups[0]!.instances[0]!.health = 'Unhealthy';
    expect(sameResources(a, member)).toBe(false);
  });
});

describe('AttackFlow', () => {
  it('tells the console after a real run (the account changed), not after a dry run', async () => {
    const fake = fakeServices();
    let ran = 0;
    const flow = new AttackFlow(
      {
        ...fake.services,
        attacksFor: () => [STOP],
      },
      () => ran++,
    );
    for (const dry of [true, false]) {
      flow.open([{ kind: 'instances', id: 'i-0web0', label: 'web-0', tags: {} }]);
      flow.choose(flow.snapshot().options[0]!);
      await flow.submit({ instance_ids: ['i-0web0'] });
      await flow.run(dry);
      expect(flow.snapshot().stage).toBe('done');
    }
    expect(ran).toBe(1);
  });
});

describe('Console refresh', () => {
  async function open() {
    const fake = fakeServices();
    let release: (() => void) | undefined;
    let hold = false;
    const services = {
      ...fake.services,
      inventory: async (): Promise<Inventory> => {
        const inv = await fake.services.inventory();
        if (hold) await new Promise<void>((r) => (release = r));
        return inv;
      },
    };
    const ui = await renderTui(
      <App services={services} clock={stillClock} size={{ width: 80, height: 24 }} onExit={() => {}} />,
      { bare: true },
    );
    await ui.act(async () => {});
    return {
      ui,
      ...fake,
      hold: () => {
        hold = true;
      },
      release: async () => ui.act(async () => release?.()),
    };
  }

  it('r lists the account again and says "refreshing…" until it lands', async () => {
    const { ui, inventoryLoads, hold, release, setInventory } = await open();
    expect(inventoryLoads()).toBe(1);
    expect(ui.frame()).toContain('EC2 (8)');
    hold();
    const fewer = shopInventory();
    fewer.instances.pop();
    setInventory(fewer);
    await ui.press('r');
    expect(inventoryLoads()).toBe(2);
    expect(ui.frame()).toContain('refreshing…');
    expect(ui.frame()).toContain('EC2 (8)');
    await release();
    expect(ui.frame()).not.toContain('refreshing…');
    expect(ui.frame()).toContain('EC2 (7)');
    await ui.unmount();
  });

  it('a halt that undid something lists the account again at once', async () => {
    const { ui, inventoryLoads, setActive } = await open();
    await ui.press('h');
    expect(inventoryLoads()).toBe(1); // nothing was active: nothing changed
    setActive(2);
    await ui.press('h');
    expect(ui.frame()).toContain('halted: undid 2 change(s)');
    expect(inventoryLoads()).toBe(2);
    await ui.unmount();
  });
});
