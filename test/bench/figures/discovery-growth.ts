// How discovery's cost grows with the account: the large sandbox world at 1x, 4x and 16x (160,000
// instances), calls and wall time, each against the 1x figure times the factor (linear growth).
// Each size is built and discovered in its own process, so one size's heap never burdens another's.
import { spawnSync } from 'node:child_process';
import { collectGarbage, type Figure, type FigureGroup } from '../figure.js';

const SCALES = [1, 4, 16];

/** What one size's child process prints (one JSON line). */
interface Measured {
  scale: number;
  instances: number;
  tasks: number;
  calls: number;
  minimum: number;
  wallMs: number;
  /** Garbage-collection pauses within the measured discovery (main thread), ms. */
  gcMs: number;
  buildMs: number;
  heapMB: number;
  rssMB: number;
}

/** Runs the measurement for one scale in a child (`tsx test/bench/figures/discovery-growth.ts N`). */
function measureIn(scale: number): Measured | string {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=12000', '--expose-gc', '--import', 'tsx', import.meta.filename, String(scale)],
    { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 1 << 20 },
  );
  if (r.status !== 0)
    return `exited ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`;
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}

/** The growth figures: one row per scale. */
export const discoveryGrowth: FigureGroup = {
  name: 'discovery-growth',
  async measure() {
    const figures: Figure[] = [];
    let base: Measured | undefined;
    for (const scale of SCALES) {
      const m = measureIn(scale);
      if (typeof m === 'string') {
        figures.push({
          figure: `discovery growth ${scale}x large`,
          target: '',
          measured: Number.NaN,
          unit: 'ms',
          note: `not measured: ${m}`,
        });
        continue;
      }
      base ??= m;
      figures.push({
        figure: `discovery growth ${scale}x large (${m.instances.toLocaleString('en')} instances)`,
        target: scale === 1 ? '' : `~${scale}x the 1x time`,
        measured: m.wallMs,
        unit: 'ms',
        note: `${(m.wallMs / base.wallMs).toFixed(1)}x the 1x time (${((m.wallMs - m.gcMs) / (base.wallMs - base.gcMs)).toFixed(1)}x without GC pauses; GC ${m.gcMs.toFixed(0)} ms); ${((m.wallMs / m.instances) * 1000).toFixed(1)} ms per 1,000 instances; calls ${m.calls} (minimum ${m.minimum}, ${(m.calls / base.calls).toFixed(1)}x 1x); heap ${m.heapMB.toFixed(0)} MB, rss ${m.rssMB.toFixed(0)} MB after; world built in ${(m.buildMs / 1000).toFixed(1)} s`,
      });
    }
    return figures;
  },
};

// The child: build the world at the scale given, discover it once to warm the JIT, then measure.
if (process.argv[2] && import.meta.filename === process.argv[1]) {
  const scale = Number(process.argv[2]);
  const [{ discover }, { minimumCalls, totalCalls }, { rig }] = await Promise.all([
    import('../../../src/aws/discovery/index.js'),
    import('../../../src/aws/discovery/minimum.js'),
    import('../../sandbox/support.js'),
  ]);
  const built = performance.now();
  const { sb, ctx } = await rig({ size: 'large', seed: 1, scale });
  const buildMs = performance.now() - built;
  await discover(ctx);
  // The smaller sizes take well under a second, where one pause of the machine moves the figure:
  // each size's time is the median of several discoveries, with the GC pauses inside it.
  const repeats = scale === 1 ? 7 : scale <= 4 ? 5 : 3;
  const runs: { ms: number; gc: number }[] = [];
  let inv!: Awaited<ReturnType<typeof discover>>;
  let calls = 0;
  let gcInRun = 0;
  const { PerformanceObserver } = await import('node:perf_hooks');
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcInRun += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < repeats; i++) {
    ctx.counter.reset();
    collectGarbage();
    await new Promise((r) => setTimeout(r, 20)); // the forced collection's entry lands first
    gcInRun = 0;
    const started = performance.now();
    inv = await discover(ctx);
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, 20)); // and this run's entries, before they are read
    runs.push({ ms, gc: gcInRun });
    calls = ctx.counter.total;
  }
  observer.disconnect();
  const mid = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
  const wallMs = mid.ms;
  const out: Measured = {
    scale,
    instances: inv.instances.length,
    tasks: inv.tasks.length,
    calls,
    minimum: totalCalls(minimumCalls(inv)),
    wallMs,
    gcMs: mid.gc,
    buildMs,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    rssMB: process.memoryUsage().rss / 2 ** 20,
  };
  await ctx.destroy();
  sb.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}
