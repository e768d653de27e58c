// What the large sandbox's simulation costs on its own: one simulated hour of the large world on a
// virtual clock (every instance's CPU, every service's tasks, 2,000 alarms, ~21,500 metric series),
// its CPU per simulated 10 s and the garbage collection it causes. The whole-process idle figure
// of `--sandbox-size large` includes this; a console on a real account has none of it.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { createSandbox } from '../../../src/sandbox/index.js';
import { type Figure, type FigureGroup, median, percentile } from '../figure.js';

const TICK_MS = 10_000;

/** The simulation figures. */
export const sandboxSimulation: FigureGroup = {
  name: 'sandbox-simulation',
  async measure() {
    const sb = createSandbox({ size: 'large', clock: 'virtual', seed: 1 });
    // Fill the 5-minute retention window first, so the hour measured is a steady one.
    for (let i = 0; i < 36; i++) sb.clock.advance(TICK_MS);
    const gc = { minor: 0, major: 0 };
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major += e.duration;
        else gc.minor += e.duration;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    const ticks = 360;
    const each: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < ticks; i++) {
      const c = process.cpuUsage();
      sb.clock.advance(TICK_MS);
      const d = process.cpuUsage(c);
      each.push((d.user + d.system) / 1000);
    }
    const cpu = process.cpuUsage(cpu0);
    await new Promise((r) => setTimeout(r, 50)); // let the observer deliver the last entries
    observer.disconnect();
    let points = 0;
    for (const s of sb.world.metrics.series.values()) points += s.points.length;
    const series = sb.world.metrics.series.size;
    sb.close();
    const perTick = (cpu.user + cpu.system) / 1000 / ticks;
    const figures: Figure[] = [
      {
        figure: 'large sandbox simulation: CPU per simulated 10 s (1 simulated hour)',
        target: '',
        measured: perTick,
        unit: 'ms',
        note: `${((perTick / TICK_MS) * 100).toFixed(2)} % of a core at real speed; tick median ${median(each).toFixed(1)} ms, p95 ${percentile(each, 95).toFixed(1)} ms (the minute ticks: instance detail, alarms), max ${Math.max(...each).toFixed(1)} ms; GC pauses ${gc.minor.toFixed(0)} ms young + ${gc.major.toFixed(0)} ms full in the hour; ${series} series holding ${points} points`,
      },
    ];
    return figures;
  },
};
