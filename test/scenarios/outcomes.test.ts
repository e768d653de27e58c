// Every scenario, end to end on the sandbox on the virtual clock: the engine runs it through the
// catalogue with the runbook headless, and the sandbox ends where the scenario's
// `expected_outcome` says it does (read back through the same SDK clients a console would use).
import { afterEach, describe, expect, it } from 'vitest';
import type { AwsResponse } from '../../src/aws/ops/call.js';
import { fixtureCall } from '../support/fixture-call.js';
import { runScenario, type ScenarioRun } from './support.js';

let run: ScenarioRun | undefined;
afterEach(async () => {
  await run?.close();
  run = undefined;
});

/** Runs a scenario and keeps it for afterEach to close. */
async function start(file: string): Promise<ScenarioRun> {
  run = await runScenario(file);
  return run;
}

// Reads with any operation (DescribeAlarmHistory...), over the same clients a console would use.
const aws = (r: ScenarioRun) => fixtureCall(r.ctx);

async function group(r: ScenarioRun, name = 'web'): Promise<AwsResponse> {
  const out = await aws(r)('autoscaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: [name] });
  return out.AutoScalingGroups[0];
}

function healthy(g: AwsResponse): string[] {
  return (g.Instances as AwsResponse[])
    .filter((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy')
    .map((i) => i.InstanceId);
}

async function instance(r: ScenarioRun, id: string): Promise<AwsResponse> {
  const out = await aws(r)('ec2', 'DescribeInstances', { InstanceIds: [id] });
  return out.Reservations[0].Instances[0];
}

async function service(r: ScenarioRun, cluster: string, name: string): Promise<AwsResponse> {
  const out = await aws(r)('ecs', 'DescribeServices', { cluster, services: [name] });
  return out.services[0];
}

async function alarmState(r: ScenarioRun, name: string): Promise<string> {
  const out = await aws(r)('cloudwatch', 'DescribeAlarms', { AlarmNames: [name] });
  return out.MetricAlarms[0].StateValue;
}

/** The run completed, the hypothesis held before and after, and every gate was logged as passed headless. */
function expectCleanRun(r: ScenarioRun): void {
  expect(r.result.status).toBe('completed');
  expect(r.result.deviated).toBe(false);
  const gates = r.runbook.runbook.steps.filter((s) => s.type === 'gate');
  expect(r.log.filter((l) => l.includes('(passed headless)'))).toHaveLength(gates.length);
  const attacks = r.runbook.records().filter((x) => x.kind === 'attack');
  expect(attacks.every((a) => a.kind === 'attack' && a.status === 'done')).toBe(true);
}

describe('scenarios on the sandbox', () => {
  it('asg-lose-one-instance: one instance terminated, a replacement launched, the group whole again', async () => {
    const r = await start('scenarios/asg-lose-one-instance.json');
    expectCleanRun(r);
    const attack = r.outputs['terminate-one-web-instance'] as {
      selection: { candidates: string[]; chosen: string[] };
    };
    expect(attack.selection.chosen).toHaveLength(1);
    expect(r.outputs['web-capacity-during-loss']).toMatchObject({ desired: 6, healthy: 5 });
    const g = await group(r);
    expect(healthy(g)).toHaveLength(6);
    expect(healthy(g)).not.toContain(attack.selection.chosen[0]);
    expect(healthy(g).filter((id) => !attack.selection.candidates.includes(id))).toHaveLength(1);
    expect(await alarmState(r, 'web-high-5xx')).toBe('OK');
  });

  it('asg-lose-an-az: the zone goes dark, the group refills from the others, AZRebalance is resumed', async () => {
    const r = await start('scenarios/asg-lose-an-az.json');
    expectCleanRun(r);
    const out = r.outputs['stop-web-instances-in-one-az'] as { StoppingInstances: { InstanceId: string }[] };
    expect(out.StoppingInstances).toHaveLength(2);
    expect(r.outputs['web-capacity-during-outage']).toMatchObject({ desired: 6, healthy: 4 });
    const g = await group(r);
    expect(healthy(g)).toHaveLength(6);
    for (const { InstanceId } of out.StoppingInstances) expect(healthy(g)).not.toContain(InstanceId);
    expect(g.SuspendedProcesses).toEqual([]);
    expect(r.statuses['rollback:resume-az-rebalance']).toBe('succeeded');
  });

  it('ec2-stop-and-return: both batch hosts stop, come back after the outage, db-primary untouched', async () => {
    const r = await start('scenarios/ec2-stop-and-return.json');
    expectCleanRun(r);
    const out = r.outputs['stop-batch-hosts-for-a-while'] as {
      selection: { chosen: string[] };
      restarted: boolean;
    };
    expect(out.selection.chosen).toHaveLength(2);
    expect(out.restarted).toBe(true);
    for (const id of out.selection.chosen) expect((await instance(r, id)).State.Name).toBe('running');
    const names = await Promise.all(
      out.selection.chosen.map(
        async (id) => (await instance(r, id)).Tags.find((t: AwsResponse) => t.Key === 'Name').Value,
      ),
    );
    expect(names.sort()).toEqual(['batch-1', 'batch-2']);
    // the stop was undone (a StartInstances) by the attack itself, after the configured outage
    expect(r.guardEvents.filter((e) => e.type === 'undone')).toHaveLength(1);
    expect(r.seconds).toBeGreaterThanOrEqual(180);
    const changed = r.guardEvents.flatMap((e) => (e.type === 'change' ? e.targets : []));
    expect([...new Set(changed)].sort()).toEqual([...out.selection.chosen].sort());
  });

  it('asg-launch-suspended: capacity stays down while Launch is suspended, the rollback resumes it and the group refills', async () => {
    const r = await start('scenarios/asg-launch-suspended.json');
    expectCleanRun(r);
    expect(r.outputs['web-capacity-without-launch']).toMatchObject({ desired: 6, healthy: 4, inService: 4 });
    expect(r.outputs['launch-still-suspended']).toBe(true);
    expect(r.statuses['rollback:resume-launch']).toBe('succeeded');
    const g = await group(r);
    expect(g.SuspendedProcesses).toEqual([]);
    expect(healthy(g)).toHaveLength(6);
    expect(await alarmState(r, 'web-high-5xx')).toBe('OK');
  });

  it('ecs-kill-tasks: half the checkout tasks stop, the service replaces them', async () => {
    const r = await start('scenarios/ecs-kill-tasks.json');
    expectCleanRun(r);
    const out = r.outputs['stop-half-the-checkout-tasks'] as { selection: { chosen: string[] } };
    expect(out.selection.chosen).toHaveLength(2);
    expect(r.outputs['checkout-tasks-right-after']).toMatchObject({ desired: 4, running: 2 });
    const svc = await service(r, 'shop', 'checkout');
    expect(svc).toMatchObject({ desiredCount: 4, runningCount: 4 });
    const tasks = await aws(r)('ecs', 'ListTasks', {
      cluster: 'shop',
      serviceName: 'checkout',
      desiredStatus: 'RUNNING',
    });
    for (const arn of out.selection.chosen) expect(tasks.taskArns).not.toContain(arn);
    const worker = await service(r, 'shop', 'worker');
    expect(worker.runningCount).toBe(worker.desiredCount);
  });

  it('ecs-scale-to-zero: checkout at zero fires checkout-tasks-low, the rollback brings it back to 4', async () => {
    const r = await start('scenarios/ecs-scale-to-zero.json');
    expectCleanRun(r);
    expect(r.outputs['tasks-alarm-before']).toBe('OK');
    expect(r.outputs['checkout-at-zero']).toMatchObject({ desired: 0, running: 0 });
    expect(r.outputs['tasks-alarm-at-zero']).toBe('ALARM');
    expect(r.statuses['rollback:scale-checkout-back']).toBe('succeeded');
    expect(await service(r, 'shop', 'checkout')).toMatchObject({ desiredCount: 4, runningCount: 4 });
    expect(await alarmState(r, 'web-high-5xx')).toBe('OK');
  });

  it('ecs-drain-container-instance: one instance drains, its tasks move, it is ACTIVE again, reporting runs 4 of 4', async () => {
    const r = await start('scenarios/ecs-drain-container-instance.json');
    expectCleanRun(r);
    const out = r.outputs['drain-one-container-instance'] as {
      selection: { chosen: string[] };
      restored: boolean;
    };
    expect(out.selection.chosen).toHaveLength(1);
    expect(out.restored).toBe(true);
    const ci = await aws(r)('ecs', 'DescribeContainerInstances', {
      cluster: 'ops',
      containerInstances: out.selection.chosen,
    });
    expect(ci.containerInstances[0].status).toBe('ACTIVE');
    expect(r.outputs['reporting-after-drain']).toMatchObject({ desired: 4, running: 4 });
    // while it drained, the tasks on it were stopped with the draining reason and replaced elsewhere
    const stopped = await aws(r)('ecs', 'ListTasks', {
      cluster: 'ops',
      serviceName: 'reporting',
      desiredStatus: 'STOPPED',
    });
    const desc = await aws(r)('ecs', 'DescribeTasks', { cluster: 'ops', tasks: stopped.taskArns });
    expect(desc.tasks.some((t: AwsResponse) => /DRAINING/.test(String(t.stoppedReason)))).toBe(true);
    expect(await service(r, 'ops', 'reporting')).toMatchObject({ desiredCount: 4, runningCount: 4 });
  });

  it('alarm-oncall-path: web-high-5xx goes to ALARM by hand, then back to OK at its next evaluation', async () => {
    const r = await start('scenarios/alarm-oncall-path.json');
    expectCleanRun(r);
    expect(r.outputs['set-alarm-to-alarm']).toMatchObject({ previous: 'OK', state: 'ALARM' });
    expect(r.outputs['alarm-state-right-after']).toBe('ALARM');
    expect(await alarmState(r, 'web-high-5xx')).toBe('OK');
    const history = await aws(r)('cloudwatch', 'DescribeAlarmHistory', { AlarmName: 'web-high-5xx' });
    expect(JSON.stringify(history)).toContain('gameday: testing the on-call path');
  });
});
