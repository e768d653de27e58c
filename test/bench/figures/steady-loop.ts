// The steady-state loop: GetMetricData calls per tick (one per 500 series) and CPU per tick, with
// the series answered by the sandbox through the real CloudWatch client.
import { sdkCall } from '../../../src/aws/ops/call.js';
import { SteadyLoop } from '../../../src/steady/loop.js';
import type { FetchMetrics, MetricResult, MetricSpec } from '../../../src/steady/types.js';
import { rig } from '../../sandbox/support.js';
import { type Figure, type FigureGroup, median } from '../figure.js';

function series(n: number): MetricSpec[] {
  const metrics = ['CPUUtilization', 'HealthyHostCount', 'TargetResponseTime', 'RequestCount'];
  return Array.from(
    { length: n },
    (_, i): MetricSpec => ({
      id: `s${i}`,
      label: `series ${i}`,
      namespace: i % 2 ? 'AWS/EC2' : 'AWS/ApplicationELB',
      metric: metrics[i % metrics.length]!,
      dimensions:
        i % 2 ? { AutoScalingGroupName: 'web' } : ({ LoadBalancer: 'app/web/1' } as Record<string, string>),
      stat: 'Average',
      periodSeconds: 10,
    }),
  );
}

/** Ticks run before measuring (not counted), and ticks measured. */
const WARM_UP_TICKS = 30;
const TICKS = 50;

async function measure(
  n: number,
  ticks: number,
): Promise<{ callsPerTick: number; cpuMsPerTick: number; fetchMsPerTick: number; coldMs: number }> {
  const { sb: sandbox, ctx } = await rig({ seed: 3 });
  const aws = sdkCall(ctx);
  // CPU spent fetching (SDK call path + the in-process sandbox answering), to tell it apart from
  // the loop's own work (building queries, folding results, the snapshot).
  let fetchCpu = 0;
  const fetchMetrics: FetchMetrics = async (queries) => {
    const before = process.cpuUsage();
    const end = new Date(sandbox.clock.now());
    const start = new Date(end.getTime() - 10 * 60_000);
    const out: MetricResult[] = [];
    let NextToken: string | undefined;
    do {
      const r = await aws('cloudwatch', 'GetMetricData', {
        MetricDataQueries: queries,
        StartTime: start,
        EndTime: end,
        NextToken,
      });
      out.push(...(r.MetricDataResults as MetricResult[]));
      NextToken = r.NextToken;
    } while (NextToken);
    const used = process.cpuUsage(before);
    fetchCpu += (used.user + used.system) / 1000;
    return out;
  };
  const loop = new SteadyLoop({ series: series(n), fetchMetrics, periodMs: 10_000 });
  // A console ticks every period for as long as it runs: measure it warm. The first tick (SDK and
  // JIT cold) is reported beside the figure; the rest of the warm-up is not counted.
  const cold = process.cpuUsage();
  await loop.tick();
  const coldUsed = process.cpuUsage(cold);
  for (let t = 0; t < WARM_UP_TICKS; t++) {
    sandbox.clock.advance(10_000);
    await loop.tick();
  }
  ctx.counter.reset();
  const cpu: number[] = [];
  const fetchCpuPerTick: number[] = [];
  for (let t = 0; t < ticks; t++) {
    sandbox.clock.advance(10_000);
    fetchCpu = 0;
    const before = process.cpuUsage();
    await loop.tick();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    fetchCpuPerTick.push(fetchCpu);
  }
  const calls = ctx.counter.toJSON()['cloudwatch:GetMetricData'] ?? 0;
  await ctx.destroy();
  sandbox.close();
  return {
    callsPerTick: calls / ticks,
    cpuMsPerTick: median(cpu),
    fetchMsPerTick: median(fetchCpuPerTick),
    coldMs: (coldUsed.user + coldUsed.system) / 1000,
  };
}

/** Steady-state loop figures. */
export const steadyLoop: FigureGroup = {
  name: 'steady-loop',
  async measure() {
    const out: Figure[] = [];
    for (const n of [50, 500, 501, 1200]) {
      const r = await measure(n, TICKS);
      const expected = Math.ceil(n / 500);
      out.push({
        figure: `GetMetricData calls per tick, ${n} series`,
        target: `= ${expected}`,
        targetValue: expected,
        measured: r.callsPerTick,
        unit: 'calls',
        better: 'lower',
      });
      if (n === 50) {
        const own = Math.max(0, r.cpuMsPerTick - r.fetchMsPerTick);
        out.push({
          figure: "CPU per tick, 50 series: the loop's own",
          target: '< 5 ms',
          targetValue: 5,
          measured: own,
          unit: 'ms',
          better: 'lower',
          note: `tick CPU minus the GetMetricData call (median of ${TICKS} ticks after ${WARM_UP_TICKS} of warm-up)`,
        });
        out.push({
          figure: 'CPU per tick, 50 series: SDK call + in-process sandbox',
          target: '',
          measured: r.fetchMsPerTick,
          unit: 'ms',
          note: 'what a real account costs instead is one HTTPS request',
        });
        out.push({
          figure: 'CPU per tick, 50 series (loop + SDK + sandbox)',
          target: '< 5 ms',
          targetValue: 5,
          measured: r.cpuMsPerTick,
          unit: 'ms',
          better: 'lower',
          note: `median of ${TICKS} ticks after ${WARM_UP_TICKS} of warm-up; includes the in-process sandbox answering; the very first tick (SDK and JIT cold) ${r.coldMs.toFixed(1)} ms`,
        });
      }
    }
    return out;
  },
};
