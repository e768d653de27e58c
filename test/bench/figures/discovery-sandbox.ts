// Discovery of the `--sandbox-size large` world in-process: API calls against the minimum the
// page maxima allow, wall time and memory growth.
import { discover } from '../../../src/aws/discovery/index.js';
import { minimumCalls, totalCalls } from '../../../src/aws/discovery/minimum.js';
import { rig } from '../../sandbox/support.js';
import { collectGarbage, type FigureGroup } from '../figure.js';

/** The large-sandbox discovery figures. */
export const discoverySandbox: FigureGroup = {
  name: 'discovery-sandbox-large',
  async measure() {
    const { sb: sandbox, ctx } = await rig({ size: 'large', seed: 1 });
    await discover(ctx, { pageSizes: { describeInstances: 5 } }); // warm the SDK and JIT on a first pass
    ctx.counter.reset();
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    // The peak, sampled while discovery runs, over a collected heap: garbage included, so an upper
    // bound. (What the inventory retains cannot be told apart here: the in-process sandbox's
    // answers share objects with its world.)
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 5);
    const started = performance.now();
    const inv = await discover(ctx);
    const wall = performance.now() - started;
    clearInterval(sampler);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    const peakGrowth = (heapPeak - heapBefore) / 2 ** 20;
    const calls = ctx.counter.total;
    const minimum = totalCalls(minimumCalls(inv));
    const world = `${inv.instances.length} instances, ${inv.autoScalingGroups.length} ASGs, ${inv.clusters.length} clusters, ${inv.services.length} services, ${inv.tasks.length} tasks, ${inv.alarms.length} alarms`;
    await ctx.destroy();
    sandbox.close();
    return [
      {
        figure: 'large sandbox discovery API calls',
        target: '<= 1.05x minimum',
        targetValue: minimum * 1.05,
        measured: calls,
        unit: 'calls',
        better: 'lower',
        note: `minimum ${minimum}; ${world}`,
      },
      {
        figure: 'large sandbox discovery wall time',
        target: '< 1500 ms',
        targetValue: 1500,
        measured: wall,
        unit: 'ms',
        better: 'lower',
      },
      {
        figure: 'large sandbox discovery memory growth',
        target: '< 300 MB',
        targetValue: 300,
        measured: Math.max(peakGrowth, rssGrowth),
        unit: 'MB',
        better: 'lower',
        note: `the larger of the heap's peak during discovery (${peakGrowth.toFixed(0)} MB over a collected heap, garbage included) and the rss growth (${rssGrowth.toFixed(0)} MB)`,
      },
    ];
  },
};
