// Discovery of the `--sandbox-size large` world in-process: API calls against the minimum the
// page maxima allow, wall time and memory growth.
import { discover } from '../../../src/aws/discovery/index.js';
import { minimumCalls, totalCalls } from '../../../src/aws/discovery/minimum.js';
import { rig } from '../../sandbox/support.js';
import type { FigureGroup } from '../figure.js';

/** The large-sandbox discovery figures. */
export const discoverySandbox: FigureGroup = {
  name: 'discovery-sandbox-large',
  async measure() {
    const { sb: sandbox, ctx } = await rig({ size: 'large', seed: 1 });
    await discover(ctx, { pageSizes: { describeInstances: 5 } }); // warm the SDK and JIT on a first pass
    ctx.counter.reset();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const inv = await discover(ctx);
    const wall = performance.now() - started;
    const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    const calls = ctx.counter.total;
    const minimum = totalCalls(minimumCalls(inv));
    await ctx.destroy();
    sandbox.close();
    const world = `${inv.instances.length} instances, ${inv.autoScalingGroups.length} ASGs, ${inv.clusters.length} clusters, ${inv.services.length} services, ${inv.tasks.length} tasks, ${inv.alarms.length} alarms`;
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
        measured: Math.max(heapGrowth, rssGrowth),
        unit: 'MB',
        better: 'lower',
        note: `heap ${heapGrowth.toFixed(0)} MB, rss ${rssGrowth.toFixed(0)} MB`,
      },
    ];
  },
};
