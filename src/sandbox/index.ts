// The sandbox: a simulated AWS region answering the real SDK clients through a plugin, with a
// default world to practise on, dynamics on a clock, and fault knobs. See DESIGN.md "Sandbox".
import type { ClientPlugin } from '../aws/types.js';
import { asgReconciler } from './asg-ops.js';
import { createClock, type SandboxClock } from './clock.js';
import { alarmEvaluator } from './dynamics/alarms.js';
import { ecsScheduler } from './dynamics/ecs-scheduler.js';
import { traffic } from './dynamics/traffic.js';
import { ec2Lifecycle } from './ec2-ops.js';
import { ecsTaskLifecycle } from './ecs-ops.js';
import { FaultKnobs } from './faults.js';
import { type PluginDeps, sandboxPlugin } from './plugin.js';
import { seedDefault, seedLarge, seedNetwork } from './presets.js';
import { Rng } from './rng.js';
import { TICK_MS, World } from './world.js';

export type { SandboxClock } from './clock.js';
export { FaultKnobs, type FaultRule } from './faults.js';
export { SANDBOX_ARN } from './handlers/sts.js';
export { SANDBOX_ACCOUNT, World } from './world.js';

/** How to build a sandbox. */
export interface SandboxOptions {
  /** PRNG seed: same seed and same steps give the same world (default 1). */
  seed?: number;
  size?: 'default' | 'large' | 'empty';
  /** Multiplies the large world's counts (benchmarks of how cost grows); a whole number, default 1. */
  scale?: number;
  /** 'real' (default): time passes, `speed` times faster; 'virtual': only `clock.advance` moves it. */
  clock?: 'real' | 'virtual';
  speed?: number;
  region?: string;
  /** How much simulated history the default world starts with, in ms (default 15 minutes). */
  warmupMs?: number;
}

/** A running sandbox: give `plugin` and `credentials` to AwsContext.create. */
export interface Sandbox {
  plugin: ClientPlugin;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  clock: SandboxClock;
  faults: FaultKnobs;
  world: World;
  /** The options it was built with (the UI shows seed, size and speed). */
  options: Required<Omit<SandboxOptions, 'warmupMs'>>;
  close(): void;
}

/** Static fake credentials (never valid anywhere; the SDK only needs something to sign with). */
export const SANDBOX_CREDENTIALS = {
  accessKeyId: 'AKIASANDBOXGAMEDAY00',
  secretAccessKey: 'gameday-sandbox-not-a-real-secret',
};

/** Builds a sandbox: world from the preset, dynamics wired to the clock, the SDK plugin. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const seed = options.seed ?? 1;
  const size = options.size ?? 'default';
  const region = options.region ?? 'us-east-1';
  const mode = options.clock ?? 'real';
  const speed = options.speed ?? 1;
  if (!['default', 'large', 'empty'].includes(size))
    throw new Error(`sandbox size must be default, large or empty (got "${size}")`);
  if (!Number.isInteger(seed)) throw new Error(`sandbox seed must be an integer (got ${seed})`);
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1)
    throw new Error(`sandbox scale must be a whole number from 1 (got ${scale})`);
  const clock = createClock(mode, speed);
  const retention = size === 'large' ? 5 * 60_000 : 3 * 3600_000;
  const world = new World(region, seed, () => clock.now(), retention);
  world.dynamics.push(ec2Lifecycle, asgReconciler, ecsTaskLifecycle, ecsScheduler, traffic, alarmEvaluator);
  const now = clock.now();
  if (size === 'default') {
    const warmup = options.warmupMs ?? 15 * 60_000;
    seedDefault(world, now - warmup);
    world.time = now - warmup - ((now - warmup) % TICK_MS);
    world.advanceTo(now);
  } else if (size === 'large') seedLarge(world, now, scale);
  else seedNetwork(world);
  const sync = (): number => {
    const t = clock.now();
    world.advanceTo(t);
    return t;
  };
  clock.onChange((t) => world.advanceTo(t));
  const faults = new FaultKnobs(seed);
  const deps: PluginDeps = { world, faults, sync, requestIds: new Rng(seed ^ 0x7e57_1d5) };
  if (mode === 'real') clock.start();
  return {
    plugin: sandboxPlugin(deps),
    credentials: { ...SANDBOX_CREDENTIALS },
    region,
    clock,
    faults,
    world,
    options: { seed, size, scale, clock: mode, speed, region },
    close: () => clock.stop(),
  };
}
