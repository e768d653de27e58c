// Where moto (the emulator the contract suite also runs on) is known to differ from AWS
// (../shared/reference/emulator.md), the sandbox follows AWS; these are tested here only.
// Covered elsewhere: DescribeInstances pages by instance (ec2), reboot of a stopped instance is
// refused (ec2), UnauthorizedOperation (plumbing), ASG replaces after a delay and honours
// suspended processes, SetDesiredCapacity above max is refused, Unhealthy members are replaced,
// scaling activities are recorded (autoscaling, scenarios), services run and reschedule tasks,
// activeServicesCount counts, the serviceName filter works, draining moves tasks (ecs,
// scenarios), percentiles, metric math, alarm evaluation, INSUFFICIENT_DATA at creation and
// alarm history (cloudwatch).
import {
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateContainerInstancesStateCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { permitted, type Rig, rig } from './support.js';

let r: Rig;
afterEach(async () => r?.close());

describe('EC2 (moto: status always ok, MaxResults ignored)', () => {
  it('shows a started instance initializing before ok, and pages statuses', async () => {
    r = await rig();
    const first = await r.ec2.send(new DescribeInstanceStatusCommand({ MaxResults: 5 }));
    expect(first.InstanceStatuses).toHaveLength(5);
    expect(first.NextToken).toBeDefined();
    // A standalone instance: an ASG member that is stopped gets replaced, as on AWS.
    const batch = await r.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['batch-1'] }] }),
    );
    const id = batch.Reservations![0]!.Instances![0]!.InstanceId!;
    await permitted(() => r.ec2.send(new StopInstancesCommand({ InstanceIds: [id] })));
    r.step(60);
    await permitted(() => r.ec2.send(new StartInstancesCommand({ InstanceIds: [id] })));
    r.step(40);
    const booting = await r.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(booting.InstanceStatuses![0]!.InstanceStatus!.Status).toBe('initializing');
    r.step(120);
    const ok = await r.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(ok.InstanceStatuses![0]!.InstanceStatus).toEqual({
      Status: 'ok',
      Details: [{ Name: 'reachability', Status: 'passed' }],
    });
  });
});

describe('ECS (moto: HTTP 500 without container instances, status filter ignored)', () => {
  it('answers RunTask on EC2 with no container instances with a failure, not an error', async () => {
    r = await rig({ size: 'empty' });
    await permitted(() => r.ecs.send(new CreateClusterCommand({ clusterName: 'bare' })));
    await permitted(() =>
      r.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'job',
          containerDefinitions: [{ name: 'job', image: 'busybox', cpu: 128, memory: 128 }],
        }),
      ),
    );
    const out = await permitted(() =>
      r.ecs.send(new RunTaskCommand({ cluster: 'bare', taskDefinition: 'job', launchType: 'EC2' })),
    );
    expect(out.tasks).toEqual([]);
    expect(out.failures).toEqual([{ reason: 'No Container Instances were found in your cluster.' }]);
  });

  it('filters container instances by status', async () => {
    r = await rig();
    const all = (await r.ecs.send(new ListContainerInstancesCommand({ cluster: 'ops' })))
      .containerInstanceArns!;
    await permitted(() =>
      r.ecs.send(
        new UpdateContainerInstancesStateCommand({
          cluster: 'ops',
          containerInstances: [all[0]!],
          status: 'DRAINING',
        }),
      ),
    );
    const draining = await r.ecs.send(
      new ListContainerInstancesCommand({ cluster: 'ops', status: 'DRAINING' }),
    );
    const active = await r.ecs.send(new ListContainerInstancesCommand({ cluster: 'ops', status: 'ACTIVE' }));
    expect([draining.containerInstanceArns, active.containerInstanceArns]).toEqual([[all[0]], all.slice(1)]);
  });
});

describe('CloudWatch (moto: unaligned timestamps, empty p99, duplicate metrics, no AWS/EC2 data)', () => {
  it('aligns GetMetricStatistics to the period and fills ExtendedStatistics', async () => {
    r = await rig({ size: 'empty' });
    const t0 = r.sb.clock.now();
    await permitted(() =>
      r.cw.send(
        new PutMetricDataCommand({
          Namespace: 'Shop',
          MetricData: [
            {
              MetricName: 'Latency',
              Timestamp: new Date(t0 + 17_000),
              Values: [1, 2, 3, 100],
              Counts: [1, 1, 1, 1],
              StorageResolution: 1,
            },
          ],
        }),
      ),
    );
    const out = await r.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Shop',
        MetricName: 'Latency',
        StartTime: new Date(t0 + 5_000),
        EndTime: new Date(t0 + 120_000),
        Period: 60,
        ExtendedStatistics: ['p99'],
        Statistics: ['SampleCount'],
      }),
    );
    expect(
      out.Datapoints!.map((d) => [d.Timestamp!.getTime() - t0, d.SampleCount, d.ExtendedStatistics]),
    ).toEqual([[0, 4, { p99: 100 }]]);
    const listed = await r.cw.send(new ListMetricsCommand({ Namespace: 'Shop' }));
    expect(listed.Metrics).toEqual([{ Namespace: 'Shop', MetricName: 'Latency', Dimensions: [] }]);
  });

  it('publishes AWS/EC2 CPUUtilization for running instances', async () => {
    r = await rig();
    const cpu = await r.cw.send(
      new ListMetricsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' }),
    );
    const dims = cpu.Metrics!.map((m) => m.Dimensions![0]!.Name);
    expect(dims.filter((d) => d === 'InstanceId')).toHaveLength(13);
    expect(dims).toContain('AutoScalingGroupName');
  });
});
