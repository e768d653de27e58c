// Stop conditions end to end on the sandbox's virtual clock: the batch hosts are stopped through
// the guard, the SteadyLoop watches; an alarm entering ALARM, or a probe failing N times in a row,
// halts on that very tick (within one probe period) and the halt undoes every change: the hosts
// are running again. The loop's own tests (test/steady/loop.test.ts) prove the halt decision;
// these prove the undo that follows it against the simulated region.
import { afterEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { runPermitted } from '../../src/aws/mutations.js';
import { type AwsCall, sdkCall } from '../../src/aws/ops/call.js';
import { Guard } from '../../src/catalog/guard.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { realClock, SteadyLoop } from '../../src/steady/loop.js';
import { recordTally } from './tally.js';

let sandbox: Sandbox;
let ctx: AwsContext;
afterEach(async () => {
  await ctx?.destroy();
  sandbox?.close();
});

/** Opens the sandbox, stops the batch hosts through a guard, and lets the stop finish. */
async function stoppedBatchHosts() {
  sandbox = createSandbox({ seed: 5, clock: 'virtual' });
  ctx = await AwsContext.create({
    region: sandbox.region,
    credentials: sandbox.credentials,
    plugins: [sandbox.plugin],
    env: {},
  });
  const aws = sdkCall(ctx);
  const guard = new Guard({ sleep: async (ms) => sandbox.clock.advance(ms) });
  const hosts = [...sandbox.world.instances.values()].filter(
    (i) =>
      i.state === 'running' &&
      i.tags.some((t) => t.Key === 'team' && t.Value === 'data') &&
      i.tags.some((t) => t.Key === 'chaos:allowed' && t.Value === 'true'),
  );
  expect(hosts.length).toBe(2);
  const attack = guard.attack('stop batch hosts', aws);
  for (const h of hosts)
    await attack.mutate({
      targets: [{ kind: 'instances', id: h.id, tags: { 'chaos:allowed': 'true' } }],
      call: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds: [h.id] } },
      undo: [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds: [h.id] } }],
    });
  sandbox.clock.advance(60_000);
  const ids = hosts.map((h) => h.id);
  const states = () => ids.map((id) => sandbox.world.instances.get(id)?.state);
  expect(states()).toEqual(['stopped', 'stopped']);
  return { aws, guard, states };
}

const clock = () => ({ ...realClock, now: () => sandbox.clock.now() });

async function alarmStates(aws: AwsCall, names: string[]): Promise<Record<string, string>> {
  const r = await aws('cloudwatch', 'DescribeAlarms', { AlarmNames: names });
  const alarms = (r.MetricAlarms ?? []) as { AlarmName: string; StateValue: string }[];
  return Object.fromEntries(alarms.map((a) => [a.AlarmName, a.StateValue]));
}

describe('stop conditions halt and undo on the sandbox', () => {
  it('an alarm entering ALARM halts on the next tick and every change is undone', async () => {
    const { aws, guard, states } = await stoppedBatchHosts();
    const alarm = [...sandbox.world.alarms.keys()][0]!;
    const setState = (StateValue: string) =>
      runPermitted('test-seed', () =>
        aws('cloudwatch', 'SetAlarmState', { AlarmName: alarm, StateValue, StateReason: 'test' }),
      );
    await setState('OK');
    let halt: { undone: number } | undefined;
    const loop = new SteadyLoop({
      stopOnAlarms: [alarm],
      alarmStates: (names) => alarmStates(aws, names),
      clock: clock(),
      onStop: async () => {
        halt = await guard.undoAll();
      },
    });
    loop.attackStarted('stop batch hosts');
    await loop.tick();
    expect(loop.snapshot().halted).toBe(false);
    await setState('ALARM'); // the world breaks (set by the test, not by an attack)
    await loop.tick(); // one probe period
    expect(loop.snapshot().halted).toBe(true);
    expect(loop.snapshot().events.at(-1)!.text).toBe(`alarm ${alarm} entered ALARM: halting and undoing`);
    expect(halt).toMatchObject({ undone: 2, failed: [] });
    expect(guard.active()).toEqual([]);
    sandbox.clock.advance(60_000);
    expect(states()).toEqual(['running', 'running']);
    recordTally('stop', 'alarm entered ALARM', 'halted and undone', true);
  });

  it('a probe failing N times in a row halts on the Nth failure and every change is undone', async () => {
    const { aws, guard, states } = await stoppedBatchHosts();
    let halt: { undone: number } | undefined;
    const loop = new SteadyLoop({
      probes: [
        {
          id: 'batch',
          title: 'batch hosts running',
          tolerance: '>= 2',
          run: async () => {
            const r = await aws('ec2', 'DescribeInstances', {
              Filters: [
                { Name: 'tag:team', Values: ['data'] },
                { Name: 'instance-state-name', Values: ['running'] },
              ],
            });
            return ((r.Reservations ?? []) as { Instances: unknown[] }[]).flatMap((x) => x.Instances).length;
          },
          check: (v) => typeof v === 'number' && v >= 2,
        },
      ],
      maxProbeFailures: 3,
      clock: clock(),
      onStop: async () => {
        halt = await guard.undoAll();
      },
    });
    loop.attackStarted('stop batch hosts');
    await loop.tick();
    await loop.tick();
    expect(loop.snapshot().halted).toBe(false);
    expect(guard.active()).toHaveLength(2);
    await loop.tick(); // the third failure: halt within this probe period
    expect(loop.snapshot().halted).toBe(true);
    expect(halt).toMatchObject({ undone: 2, failed: [] });
    expect(guard.active()).toEqual([]);
    sandbox.clock.advance(60_000);
    expect(states()).toEqual(['running', 'running']);
    await loop.tick();
    expect(loop.snapshot().probes[0]!.last?.ok).toBe(true);
    recordTally('stop', 'probe failed 3 times', 'halted and undone', true);
  });
});
