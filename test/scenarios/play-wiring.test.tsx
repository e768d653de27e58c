// What runbook mode runs on, against the sandbox: the runbook's blast radius caps every attack,
// a stop alarm going to ALARM while the fault is in place halts the run, and the watch panel shows
// the stop alarms and the graphed metrics.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { runPermitted } from '../../src/aws/mutations.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { loadExperimentFile } from '../../src/experiment/load.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { playWiring } from '../../src/scenario/play-wiring.js';
import { parseRunbook } from '../../src/scenario/runbook.js';
import { WatchPanel } from '../../src/tui/screens/runbook/WatchPanel.js';
import { renderTui } from '../tui/render.js';

const FILE = 'scenarios/asg-launch-suspended.json';
let sb: Sandbox | undefined;
let ctx: AwsContext | undefined;
afterEach(async () => {
  await ctx?.destroy();
  sb?.close();
});

async function setup(onStop = vi.fn()) {
  sb = createSandbox({ clock: 'virtual', seed: 3 });
  ctx = await AwsContext.create({
    region: sb.region,
    credentials: sb.credentials,
    plugins: [sb.plugin],
    env: {},
  });
  const aws = sdkCall(ctx);
  const runbook = parseRunbook(loadExperimentFile(FILE), FILE)!;
  const now = () => sb!.clock.now();
  // the sandbox's virtual clock is not the wall clock: ask for the last minutes of its time
  const metricWindow = () => ({ start: new Date(now() - 10 * 60_000), end: new Date(now()) });
  const wiring = playWiring({ aws, runbook, seed: 3, onStop, metricWindow });
  return { aws, runbook, wiring, onStop };
}

const call = (activityName: string) => ({
  configuration: {},
  secrets: {},
  signal: new AbortController().signal,
  dry: false,
  activityName,
});

describe('runbook mode wiring', () => {
  it("caps every attack at the runbook's blast radius", async () => {
    const { wiring, aws } = await setup();
    const terminate = wiring.registry.get('gameday.actions', 'terminate_instances')!;
    const tags = { 'aws:autoscaling:groupName': 'web', 'chaos:allowed': 'true' };
    await expect(terminate.call({ tags, selection: 'COUNT(3)' }, call('too-many'))).rejects.toThrow(
      /blast|cap|at most|max/i,
    );
    const group = await aws('autoscaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['web'] });
    expect(
      group.AutoScalingGroups[0].Instances.filter(
        (i: { LifecycleState: string }) => i.LifecycleState === 'InService',
      ),
    ).toHaveLength(6);
    const ok = (await terminate.call({ tags, selection: 'COUNT(2)' }, call('two'))) as {
      selection: { chosen: string[] };
    };
    expect(ok.selection.chosen).toHaveLength(2);
  });

  it('halts when a stop alarm enters ALARM while an attack is on, and the panel shows it', async () => {
    const { wiring, aws, onStop } = await setup();
    await wiring.configure();
    wiring.loop.attackStarted('Terminate two web instances');
    await wiring.loop.tick();
    expect(onStop).not.toHaveBeenCalled();
    const ui = await renderTui(<WatchPanel source={wiring.loop} />);
    expect(ui.frame()).toContain('Stop conditions: alarm web-high-5xx in ALARM (armed)');
    expect(ui.frame()).toContain('web-high-5xx OK');
    expect(ui.frame()).toMatch(/Web CPU: \d/);
    await runPermitted('test', () =>
      aws('cloudwatch', 'SetAlarmState', {
        AlarmName: 'web-high-5xx',
        StateValue: 'ALARM',
        StateReason: 'test',
      }),
    );
    await ui.act(() => wiring.loop.tick());
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(String(onStop.mock.calls[0]![0])).toContain('web-high-5xx');
    expect(ui.frame()).toContain('web-high-5xx ALARM');
    await ui.act(() => wiring.loop.halted('stop condition: web-high-5xx: undid 0 change(s)'));
    expect(ui.frame()).toContain('HALTED: stop condition: web-high-5xx');
    await ui.unmount();
  });
});
