// A console's services without AWS, for component tests: a fixed inventory, one probe whose health
// the test sets, an attack that leaves two changes active, and a halt that undoes them.
import { SteadyLoop } from '../../src/steady/loop.js';
import type { LoopClock } from '../../src/steady/types.js';
import type { ConsoleServices } from '../../src/tui/services.js';
import { shopInventory } from './fixtures.js';

/** Timers that never fire by themselves: the test ticks the loop. */
export const stillClock: LoopClock = {
  now: () => Date.parse('2026-11-25T12:00:00Z'),
  setInterval: () => 0,
  clearInterval: () => {},
  setTimeout: () => 0,
  clearTimeout: () => {},
};

/** Fake services and the knobs a test turns. */
export function fakeServices(opts: { sandbox?: boolean; readOnly?: boolean; clock?: LoopClock } = {}) {
  let active = 0;
  const calls: string[] = [];
  let healthy = 6;
  let inventoryLoads = 0;
  let inventory = shopInventory();
  const steady = new SteadyLoop({
    clock: opts.clock ?? stillClock,
    maxProbeFailures: 0,
    probes: [
      {
        id: 'asg:web',
        title: 'ASG web healthy',
        tolerance: '>= desired',
        run: async () => {
          calls.push('probe');
          return { healthy, ok: healthy >= 6 };
        },
        check: (v) => (v as { ok: boolean }).ok,
        measure: (v) => (v as { healthy: number }).healthy,
      },
    ],
  });
  const services: ConsoleServices = {
    info: {
      account: '123456789012',
      caller: 'arn:aws:sts::123456789012:assumed-role/GameDay/alice',
      region: 'eu-west-1',
      sandbox: opts.sandbox ?? true,
      readOnly: opts.readOnly ?? false,
      dryRun: false,
    },
    steady,
    inventory: async () => {
      inventoryLoads++;
      return structuredClone(inventory);
    },
    attacksFor: () => [],
    preview: async () => ({ resources: [], calls: [], undo: '', refused: [], notes: [] }),
    execute: async () => {
      active = 2;
      return { ok: true, message: 'done' };
    },
    haltAndUndo: async () => {
      calls.push('halt');
      const undone = active;
      active = 0;
      steady.halted(`halted by the operator: undid ${undone} change(s)`);
      return { undone, failed: [] };
    },
    activeChanges: () => active,
    close: async () => {},
  };
  return {
    services,
    calls,
    steady,
    setActive: (n: number) => {
      active = n;
    },
    setHealthy: (n: number) => {
      healthy = n;
    },
    /** How many times the console listed the account. */
    inventoryLoads: () => inventoryLoads,
    /** What the next listings find. */
    setInventory: (inv: ReturnType<typeof shopInventory>) => {
      inventory = inv;
    },
  };
}
