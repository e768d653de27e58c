// Game-day scenarios on the virtual clock, all through the real SDK clients: what a team would see
// in the console when they attack the default world.
import {
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  ResumeProcessesCommand,
  SuspendProcessesCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  AttachVolumeCommand,
  DescribeVolumesCommand,
  DetachVolumeCommand,
  RebootInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  StopTaskCommand,
  UpdateContainerInstancesStateCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { permitted, type Rig, rig } from './support.js';

let r: Rig;
afterEach(async () => r?.close());

async function webGroup(x: Rig) {
  const out = await x.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['web'] }));
  return out.AutoScalingGroups![0]!;
}

async function alarmState(x: Rig, name: string): Promise<string> {
  const out = await x.cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return out.MetricAlarms![0]!.StateValue!;
}

/** The last complete minute of an alarm's own metric, with the alarm's statistic. */
async function lastMinute(x: Rig, alarm: string): Promise<number | undefined> {
  const a = (await x.cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarm] }))).MetricAlarms![0]!;
  const now = x.sb.clock.now();
  const out = await x.cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 120_000),
      EndTime: new Date(now - (now % 60_000)),
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: {
            Metric: { Namespace: a.Namespace, MetricName: a.MetricName, Dimensions: a.Dimensions },
            Period: 60,
            Stat: a.Statistic ?? a.ExtendedStatistic,
          },
        },
      ],
    }),
  );
  return out.MetricDataResults![0]!.Values![0];
}

describe('web ASG loses 2 of 6 instances', () => {
  it('dips healthy hosts, raises latency, fires the low-healthy alarm, replaces both, and recovers', async () => {
    r = await rig();
    const before = await webGroup(r);
    expect(before.Instances!.filter((i) => i.LifecycleState === 'InService')).toHaveLength(6);
    expect(await alarmState(r, 'web-low-healthy-hosts')).toBe('OK');
    const baselineLatency = (await lastMinute(r, 'web-high-latency'))!;
    expect(await lastMinute(r, 'web-low-healthy-hosts')).toBe(6);

    const victims = before.Instances!.slice(0, 2).map((i) => i.InstanceId!);
    await permitted(() => r.ec2.send(new TerminateInstancesCommand({ InstanceIds: victims })));

    const healthySeen: number[] = [];
    const latencySeen: number[] = [];
    const alarmSeen = new Set<string>();
    for (let minute = 0; minute < 8; minute++) {
      r.step(60);
      healthySeen.push((await lastMinute(r, 'web-low-healthy-hosts'))!);
      latencySeen.push((await lastMinute(r, 'web-high-latency'))!);
      alarmSeen.add(await alarmState(r, 'web-low-healthy-hosts'));
    }
    expect(Math.min(...healthySeen)).toBe(4);
    expect(Math.max(...latencySeen)).toBeGreaterThan(baselineLatency * 1.2);
    expect(alarmSeen.has('ALARM')).toBe(true);

    const after = await webGroup(r);
    const ids = after.Instances!.map((i) => i.InstanceId!);
    expect(
      after.Instances!.filter((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy'),
    ).toHaveLength(6);
    expect(ids.filter((id) => victims.includes(id))).toEqual([]);
    expect(await alarmState(r, 'web-low-healthy-hosts')).toBe('OK');
    expect(await lastMinute(r, 'web-low-healthy-hosts')).toBe(6);

    const acts = await r.asg.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'web' }));
    const descriptions = acts.Activities!.map((a) => a.Description);
    for (const v of victims) expect(descriptions).toContain(`Terminating EC2 instance: ${v}`);
    expect(descriptions.filter((d) => d?.startsWith('Launching a new EC2 instance'))).toHaveLength(2);
    expect(acts.Activities!.every((a) => a.StatusCode === 'Successful')).toBe(true);
  });

  it('launches no replacement while Launch is suspended, and replaces once resumed', async () => {
    r = await rig();
    await permitted(() =>
      r.asg.send(new SuspendProcessesCommand({ AutoScalingGroupName: 'web', ScalingProcesses: ['Launch'] })),
    );
    const victims = (await webGroup(r)).Instances!.slice(0, 2).map((i) => i.InstanceId!);
    await permitted(() => r.ec2.send(new TerminateInstancesCommand({ InstanceIds: victims })));
    r.step(300);
    const held = await webGroup(r);
    expect(held.SuspendedProcesses!.map((p) => p.ProcessName)).toEqual(['Launch']);
    expect(held.Instances).toHaveLength(4);
    expect(held.DesiredCapacity).toBe(6);
    expect(await alarmState(r, 'web-low-healthy-hosts')).toBe('ALARM');

    await permitted(() =>
      r.asg.send(new ResumeProcessesCommand({ AutoScalingGroupName: 'web', ScalingProcesses: ['Launch'] })),
    );
    expect((await webGroup(r)).Instances!.filter((i) => i.LifecycleState === 'Pending')).toHaveLength(2);
    r.step(180);
    const healed = await webGroup(r);
    expect(healed.Instances!.filter((i) => i.LifecycleState === 'InService')).toHaveLength(6);
    expect(await alarmState(r, 'web-low-healthy-hosts')).toBe('OK');
  });
});

describe('a web instance loses its data volume', () => {
  it('drops out of the target group (not replaced: EC2 health checks still pass) until the volume is back', async () => {
    r = await rig();
    const [victim] = (await webGroup(r)).Instances!.map((i) => i.InstanceId!);
    const vols = await r.ec2.send(
      new DescribeVolumesCommand({
        Filters: [
          { Name: 'attachment.instance-id', Values: [victim!] },
          { Name: 'attachment.device', Values: ['/dev/sdf'] },
        ],
      }),
    );
    const volume = vols.Volumes![0]!.VolumeId!;
    await permitted(() => r.ec2.send(new DetachVolumeCommand({ VolumeId: volume, Force: true })));
    r.step(120);
    expect(await lastMinute(r, 'web-low-healthy-hosts')).toBe(5);
    expect((await webGroup(r)).Instances!.map((i) => i.InstanceId)).toContain(victim);
    await permitted(() =>
      r.ec2.send(new AttachVolumeCommand({ VolumeId: volume, InstanceId: victim, Device: '/dev/sdf' })),
    );
    r.step(120);
    expect(await lastMinute(r, 'web-low-healthy-hosts')).toBe(6);
  });
});

describe('web ASG on ELB health checks', () => {
  it('replaces an instance whose app fails its target checks, but rides out a reboot', async () => {
    r = await rig();
    await permitted(() =>
      r.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'web', HealthCheckType: 'ELB' })),
    );
    const [rebooted, broken] = (await webGroup(r)).Instances!.map((i) => i.InstanceId!);
    await permitted(() => r.ec2.send(new RebootInstancesCommand({ InstanceIds: [rebooted!] })));
    const vols = await r.ec2.send(
      new DescribeVolumesCommand({
        Filters: [
          { Name: 'attachment.instance-id', Values: [broken!] },
          { Name: 'attachment.device', Values: ['/dev/sdf'] },
        ],
      }),
    );
    await permitted(() =>
      r.ec2.send(new DetachVolumeCommand({ VolumeId: vols.Volumes![0]!.VolumeId, Force: true })),
    );
    r.step(240);
    const ids = (await webGroup(r)).Instances!.map((i) => i.InstanceId);
    expect(ids).toContain(rebooted);
    expect(ids).not.toContain(broken);
    expect(ids).toHaveLength(6);
    const acts = (await r.asg.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'web' })))
      .Activities!;
    const ended = acts.find((a) => a.Description === `Terminating EC2 instance: ${broken}`)!;
    expect(ended.Cause).toMatch(/in response to an ELB system health check failure\.$/);
  });
});

describe('web ASG halved with Launch suspended', () => {
  it('overloads the survivors: 5xx, latency and CPU alarms fire in turn, checkout is untouched', async () => {
    r = await rig();
    await permitted(() =>
      r.asg.send(new SuspendProcessesCommand({ AutoScalingGroupName: 'web', ScalingProcesses: ['Launch'] })),
    );
    const victims = (await webGroup(r)).Instances!.slice(0, 3).map((i) => i.InstanceId!);
    await permitted(() => r.ec2.send(new TerminateInstancesCommand({ InstanceIds: victims })));
    const firstAlarm = new Map<string, number>();
    for (let minute = 1; minute <= 5; minute++) {
      r.step(60);
      const firing = (await r.cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))).MetricAlarms!;
      for (const a of firing) if (!firstAlarm.has(a.AlarmName!)) firstAlarm.set(a.AlarmName!, minute);
    }
    expect([...firstAlarm.keys()].sort()).toEqual([
      'web-high-5xx',
      'web-high-cpu',
      'web-high-latency',
      'web-low-healthy-hosts',
    ]);
    // CPU needs 3 breaching minutes, latency 2, the others 1: the order a team would see them.
    expect(firstAlarm.get('web-high-5xx')).toBeLessThan(firstAlarm.get('web-high-cpu')!);
    expect(firstAlarm.get('web-high-latency')).toBeLessThan(firstAlarm.get('web-high-cpu')!);
  });
});

describe('ECS', () => {
  async function checkout(x: Rig) {
    const out = await x.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['checkout'] }));
    return out.services![0]!;
  }

  it('reschedules 2 stopped checkout tasks', async () => {
    r = await rig();
    const listed = await r.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'checkout' }));
    expect(listed.taskArns).toHaveLength(4);
    const victims = listed.taskArns!.slice(0, 2);
    for (const task of victims)
      await permitted(() => r.ecs.send(new StopTaskCommand({ cluster: 'shop', task, reason: 'game day' })));
    const stopping = await r.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: victims }));
    expect(stopping.tasks!.map((t) => t.desiredStatus)).toEqual(['STOPPED', 'STOPPED']);

    const running: number[] = [];
    for (let s = 0; s < 18; s++) {
      r.step(10);
      running.push((await checkout(r)).runningCount!);
    }
    expect(Math.min(...running)).toBeLessThan(4);
    const svc = await checkout(r);
    expect(svc.runningCount).toBe(4);
    expect(svc.events!.some((e) => /has started 2 tasks/.test(e.message!))).toBe(true);
    const now = await r.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'checkout' }));
    expect(now.taskArns).toHaveLength(4);
    expect(now.taskArns!.filter((a) => victims.includes(a))).toEqual([]);
    const gone = await r.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: victims }));
    expect(gone.tasks!.map((t) => [t.lastStatus, t.stoppedReason])).toEqual([
      ['STOPPED', 'game day'],
      ['STOPPED', 'game day'],
    ]);
  });

  it('moves tasks off a DRAINING container instance without dropping below desired', async () => {
    r = await rig();
    const arns = (await r.ecs.send(new ListContainerInstancesCommand({ cluster: 'ops' })))
      .containerInstanceArns!;
    const cis = (
      await r.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'ops', containerInstances: arns }))
    ).containerInstances!;
    const busiest = [...cis].sort((a, b) => b.runningTasksCount! - a.runningTasksCount!)[0]!;
    expect(busiest.runningTasksCount).toBeGreaterThan(0);
    await permitted(() =>
      r.ecs.send(
        new UpdateContainerInstancesStateCommand({
          cluster: 'ops',
          containerInstances: [busiest.containerInstanceArn!],
          status: 'DRAINING',
        }),
      ),
    );
    const runningSeen: number[] = [];
    for (let s = 0; s < 18; s++) {
      r.step(10);
      const svc = (await r.ecs.send(new DescribeServicesCommand({ cluster: 'ops', services: ['reporting'] })))
        .services![0]!;
      runningSeen.push(svc.runningCount!);
    }
    expect(Math.min(...runningSeen)).toBeGreaterThanOrEqual(4);
    const left = await r.ecs.send(
      new ListTasksCommand({ cluster: 'ops', containerInstance: busiest.containerInstanceArn }),
    );
    expect(left.taskArns).toEqual([]);
    const all = await r.ecs.send(new ListTasksCommand({ cluster: 'ops', serviceName: 'reporting' }));
    const tasks = (await r.ecs.send(new DescribeTasksCommand({ cluster: 'ops', tasks: all.taskArns! })))
      .tasks!;
    expect(tasks).toHaveLength(4);
    expect(
      tasks.every(
        (t) => t.lastStatus === 'RUNNING' && t.containerInstanceArn !== busiest.containerInstanceArn,
      ),
    ).toBe(true);
    const after = (
      await r.ecs.send(
        new DescribeContainerInstancesCommand({
          cluster: 'ops',
          containerInstances: [busiest.containerInstanceArn!],
        }),
      )
    ).containerInstances![0]!;
    expect(after.status).toBe('DRAINING');
    expect(after.runningTasksCount).toBe(0);
  });
});
