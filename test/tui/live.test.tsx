// The live view against a real steady loop on a test clock: what an operator sees when a probe
// hangs, when AWS fails mid-run, and when they choose what to graph.
import { describe, expect, it } from 'vitest';
import { SteadyLoop } from '../../src/steady/loop.js';
import type { MetricQuery } from '../../src/steady/types.js';
import { useStore } from '../../src/tui/hooks/store.js';
import { GraphPicker } from '../../src/tui/screens/GraphPicker.js';
import { LiveScreen } from '../../src/tui/screens/LiveScreen.js';
import type { GraphControl, TargetRef } from '../../src/tui/services.js';
import { graphControl } from '../../src/tui/wiring/graph-options.js';
import { alarmSeries } from '../../src/tui/wiring/steady-setup.js';
import { testClock } from '../support/test-clock.js';
import { shopInventory } from './fixtures.js';
import { keys, renderTui } from './render.js';

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

/** The live view subscribed to a loop, as the console mounts it. */
function Live({ loop, graphs, marked }: { loop: SteadyLoop; graphs: GraphControl; marked: TargetRef[] }) {
  const snap = useStore(loop);
  return <LiveScreen snapshot={snap} width={80} height={20} graphs={graphs} marked={marked} />;
}

describe('choosing what to graph', () => {
  const inv = shopInventory();
  const web0: TargetRef = { kind: 'instances', id: 'i-0web0', label: 'web-0', tags: {} };
  const cart: TargetRef = { kind: 'services', id: 'cart', label: 'shop/cart', tags: {}, cluster: 'shop' };

  function setup() {
    const calls: MetricQuery[][] = [];
    const loop = new SteadyLoop({
      clock: testClock(),
      maxProbeFailures: 0,
      probes: [
        {
          id: 'asg:web-asg',
          title: 'ASG web-asg healthy',
          tolerance: '>= desired',
          run: async () => ({ healthy: 6, ok: true }),
          check: () => true,
          measure: (v) => (v as { healthy: number }).healthy,
        },
      ],
      series: alarmSeries(inv),
      fetchMetrics: async (queries) => {
        calls.push(queries);
        return queries.map((q, i) => ({ Id: q.Id, Timestamps: [new Date()], Values: [10 + i] }));
      },
    });
    const graphs = graphControl(
      loop,
      () => inv,
      () => [cart],
    );
    return { loop, graphs, calls };
  }

  it("g lists probes, alarm metrics and the targets' metrics; space and enter graph them at once, one call per tick", async () => {
    const { loop, graphs, calls } = setup();
    await loop.tick();
    const ui = await renderTui(<Live loop={loop} graphs={graphs} marked={[web0]} />);
    expect(ui.frame()).toContain('ASG web-asg healthy (probe >= desired)');
    await ui.press('g');
    let f = ui.frame();
    expect(f).toContain('Graphs  3 chosen, 2 CloudWatch series (max 500, one call per tick)');
    expect(f).toMatch(/❯ \[x\] probe\s+ASG web-asg healthy \(probe\)/);
    expect(f).toMatch(/\[x\] alarm\s+HTTPCode_Target_5XX_Count \(alarm web-5xx\)/);
    expect(f).toMatch(/\[x\] alarm\s+HealthyHostCount \(alarm web-healthy-hosts\)/);
    // cart was attacked, web-0 is marked.
    expect(f).toMatch(
      /\[ \] target\s+CPUUtilization shop\/cart\n.*\[ \] target\s+RunningTaskCount shop\/cart\n.*\[ \] target\s+CPUUtilization web-0/,
    );
    // Drop the probe chart and the first alarm metric, graph cart's running tasks and web-0's CPU.
    await ui.press(keys.space, keys.space, keys.down, keys.down, keys.space, keys.space);
    expect(ui.frame()).toContain('3 chosen, 3 CloudWatch series');
    await ui.press(keys.enter);
    f = ui.frame();
    expect(f).not.toContain('Graphs  ');
    // At once: the log says what is graphed and the first new chart is on screen, waiting for data.
    expect(f).toContain('≈ graphs: + RunningTaskCount shop/cart, CPUUtilization web-0; - ASG we…');
    expect(loop.snapshot().events.at(-1)).toMatchObject({
      kind: 'graphs',
      text: 'graphs: + RunningTaskCount shop/cart, CPUUtilization web-0; - ASG web-asg healthy (probe), HTTPCode_Target_5XX_Count (alarm web-5xx); 3 series, 0 probe chart(s)',
    });
    expect(f).toMatch(/RunningTaskCount \[2\/3\] \(count\)\s+cart –/);
    expect(f).not.toContain('ASG web-asg healthy (probe');
    await ui.act(() => loop.tick());
    expect(calls).toHaveLength(2);
    expect(calls[1]!.map((q) => q.MetricStat.Metric.MetricName)).toEqual([
      'HealthyHostCount',
      'RunningTaskCount',
      'CPUUtilization',
    ]);
    expect(calls[1]![2]!.MetricStat.Metric.Dimensions).toEqual([{ Name: 'InstanceId', Value: 'i-0web0' }]);
    // The kept series keeps its history; the new ones start blank at the tick they were chosen.
    expect(loop.snapshot().series.map((x) => x.points)).toEqual([
      [11, 10],
      [null, 11],
      [null, 12],
    ]);
    expect(ui.frame()).toMatch(/RunningTaskCount \[2\/3\] \(count\)\s+cart 11/);
    await ui.unmount();
  });

  it('esc leaves the graphs as they were', async () => {
    const { loop, graphs } = setup();
    const ui = await renderTui(<Live loop={loop} graphs={graphs} marked={[]} />);
    const before = graphs.chosen();
    await ui.press('g', keys.space, keys.space, keys.escape);
    expect(ui.frame()).not.toContain('Graphs  ');
    expect(graphs.chosen()).toEqual(before);
    expect(loop.snapshot().events).toEqual([]);
    await ui.unmount();
  });
});

describe('the 500-series limit', () => {
  it('the picker refuses a 501st CloudWatch series, so a tick stays one GetMetricData call', async () => {
    const options = Array.from({ length: 501 }, (_, i) => ({
      id: `s${i}`,
      group: 'target' as const,
      label: `CPUUtilization i-${i}`,
      series: {
        id: `s${i}`,
        label: `i-${i}`,
        namespace: 'AWS/EC2',
        metric: 'CPUUtilization',
        dimensions: { InstanceId: `i-${i}` },
        stat: 'Average',
        periodSeconds: 60,
      },
    }));
    const applied: string[][] = [];
    const ui = await renderTui(
      <GraphPicker
        options={options}
        chosen={options.slice(1).map((o) => o.id)}
        width={80}
        height={12}
        onApply={(c) => applied.push(c.map((o) => o.id))}
        onCancel={() => {}}
      />,
    );
    expect(ui.frame()).toContain('500 chosen, 500 CloudWatch series');
    await ui.press(keys.space);
    expect(ui.frame()).toContain('at most 500 series: one GetMetricData call per tick');
    expect(ui.frame()).toMatch(/❯ \[ \] target\s+CPUUtilization i-0\b/);
    await ui.press(keys.down, keys.space, keys.up, keys.up, keys.space, keys.enter);
    expect(applied).toEqual([[...options.map((o) => o.id)].filter((id) => id !== 's1')]);
    await ui.unmount();
  });

  it('the loop refuses more than 500 series outright', () => {
    const loop = new SteadyLoop({ clock: testClock() });
    const spec = (i: number) => ({
      id: `s${i}`,
      label: `${i}`,
      namespace: 'AWS/EC2',
      metric: 'CPUUtilization',
      dimensions: {},
      stat: 'Average',
      periodSeconds: 60,
    });
    expect(() =>
      loop.setGraphs({ series: Array.from({ length: 501 }, (_, i) => spec(i)), probes: [] }),
    ).toThrow('at most 500 series');
  });
});
