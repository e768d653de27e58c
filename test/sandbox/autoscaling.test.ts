// Auto Scaling on the sandbox through the SDK: groups made through the API, paging, capacity
// rules, member operations and activities, with Auto Scaling's own errors.
import {
  AutoScalingServiceException,
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
  DescribeScalingActivitiesCommand,
  DescribeTagsCommand,
  DetachInstancesCommand,
  SetDesiredCapacityCommand,
  SetInstanceHealthCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, permitted, type Rig, rig } from './support.js';

let r: Rig;
afterEach(async () => r?.close());

async function group(x: Rig, name: string) {
  return (await x.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] })))
    .AutoScalingGroups![0]!;
}

async function emptyWithGroups(n: number): Promise<Rig> {
  const x = await rig({ size: 'empty' });
  await permitted(() =>
    x.asg.send(
      new CreateLaunchConfigurationCommand({
        LaunchConfigurationName: 'lc',
        ImageId: 'ami-12c6146b',
        InstanceType: 't3.micro',
      }),
    ),
  );
  for (let i = 0; i < n; i++)
    await permitted(() =>
      x.asg.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: `g${i}`,
          LaunchConfigurationName: 'lc',
          MinSize: 1,
          MaxSize: 3,
          DesiredCapacity: 2,
          AvailabilityZones: ['us-east-1a', 'us-east-1b'],
          Tags: [{ Key: 'team', Value: i % 2 ? 'odd' : 'even', PropagateAtLaunch: true }],
        }),
      ),
    );
  return x;
}

describe('groups', () => {
  it('launches members as Pending, then InService once the instances boot, spread over the AZs', async () => {
    r = await emptyWithGroups(1);
    const fresh = await group(r, 'g0');
    expect(fresh.Instances!.map((i) => i.LifecycleState)).toEqual(['Pending', 'Pending']);
    expect(fresh.Instances!.map((i) => i.AvailabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b']);
    r.step(60);
    const ready = await group(r, 'g0');
    expect(ready.Instances!.map((i) => [i.LifecycleState, i.HealthStatus])).toEqual([
      ['InService', 'Healthy'],
      ['InService', 'Healthy'],
    ]);
    const inst = (
      await r.ec2.send(new DescribeInstancesCommand({ InstanceIds: [ready.Instances![0]!.InstanceId!] }))
    ).Reservations![0]!.Instances![0]!;
    expect(inst.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'even' },
        { Key: 'aws:autoscaling:groupName', Value: 'g0' },
      ]),
    );
  });

  it('pages DescribeAutoScalingGroups at MaxRecords 1, filters by tag, and caps MaxRecords at 100', async () => {
    r = await emptyWithGroups(3);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const out = await r.asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 1, NextToken: token }));
      names.push(...out.AutoScalingGroups!.map((g) => g.AutoScalingGroupName!));
      token = out.NextToken;
    } while (token);
    expect(names).toEqual(['g0', 'g1', 'g2']);
    const odd = await r.asg.send(
      new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'tag:team', Values: ['odd'] }] }),
    );
    expect(odd.AutoScalingGroups!.map((g) => g.AutoScalingGroupName)).toEqual(['g1']);
    const tags = await r.asg.send(
      new DescribeTagsCommand({ Filters: [{ Name: 'value', Values: ['even'] }] }),
    );
    expect(tags.Tags!.map((t) => t.ResourceId)).toEqual(['g0', 'g2']);
    const err = await failure(r.asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 101 })));
    expect(err).toBeInstanceOf(AutoScalingServiceException);
    expect(err.name).toBe('ValidationError');
  });

  it('refuses capacity outside min..max and duplicate names, in Auto Scaling words', async () => {
    r = await emptyWithGroups(1);
    const above = await failure(
      permitted(() =>
        r.asg.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g0', DesiredCapacity: 10 })),
      ),
    );
    expect([above.name, above.message]).toEqual([
      'ValidationError',
      'New SetDesiredCapacity value 10 is above max value 3 for the AutoScalingGroup.',
    ]);
    const bounds = await failure(
      permitted(() =>
        r.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'g0', MinSize: 5 })),
      ),
    );
    expect(bounds.message).toBe('Max bound, 3, must be greater than or equal to min bound, 5');
    const dup = await failure(
      permitted(() =>
        r.asg.send(
          new CreateAutoScalingGroupCommand({
            AutoScalingGroupName: 'g0',
            LaunchConfigurationName: 'lc',
            MinSize: 0,
            MaxSize: 1,
            AvailabilityZones: ['us-east-1a'],
          }),
        ),
      ),
    );
    expect(dup.name).toBe('AlreadyExistsFault');
    const missing = await failure(
      permitted(() =>
        r.asg.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'nope', DesiredCapacity: 1 })),
      ),
    );
    expect(missing.name).toBe('ValidationError');
    await permitted(() =>
      r.asg.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g0', DesiredCapacity: 3 })),
    );
    expect((await group(r, 'g0')).Instances).toHaveLength(3);
  });
});

describe('members', () => {
  it('terminates with and without decrement, detaches, and records the activities', async () => {
    r = await emptyWithGroups(1);
    r.step(60);
    const [a, b] = (await group(r, 'g0')).Instances!.map((i) => i.InstanceId!);
    const out = await permitted(() =>
      r.asg.send(
        new TerminateInstanceInAutoScalingGroupCommand({
          InstanceId: a,
          ShouldDecrementDesiredCapacity: false,
        }),
      ),
    );
    expect(out.Activity).toMatchObject({
      Description: `Terminating EC2 instance: ${a}`,
      StatusCode: 'InProgress',
    });
    r.step(90);
    const replaced = await group(r, 'g0');
    expect(replaced.DesiredCapacity).toBe(2);
    expect(replaced.Instances!.map((i) => i.InstanceId)).not.toContain(a);
    expect(replaced.Instances!.filter((i) => i.LifecycleState === 'InService')).toHaveLength(2);

    const detached = await permitted(() =>
      r.asg.send(
        new DetachInstancesCommand({
          AutoScalingGroupName: 'g0',
          InstanceIds: [b!],
          ShouldDecrementDesiredCapacity: true,
        }),
      ),
    );
    expect(detached.Activities![0]!.Description).toBe(`Detaching EC2 instance: ${b}`);
    const after = await group(r, 'g0');
    expect([after.DesiredCapacity, after.Instances!.map((i) => i.InstanceId).includes(b)]).toEqual([
      1,
      false,
    ]);
    const still = (await r.ec2.send(new DescribeInstancesCommand({ InstanceIds: [b!] }))).Reservations![0]!
      .Instances![0]!;
    expect(still.State!.Name).toBe('running');

    const last = after.Instances![0]!.InstanceId!;
    const belowMin = await failure(
      permitted(() =>
        r.asg.send(
          new TerminateInstanceInAutoScalingGroupCommand({
            InstanceId: last,
            ShouldDecrementDesiredCapacity: true,
          }),
        ),
      ),
    );
    expect(belowMin.message).toMatch(/^Currently, desiredSize equals minSize \(1\)/);
    const unknown = await failure(
      permitted(() =>
        r.asg.send(
          new TerminateInstanceInAutoScalingGroupCommand({
            InstanceId: 'i-0123456789abcdef0',
            ShouldDecrementDesiredCapacity: false,
          }),
        ),
      ),
    );
    expect(unknown.message).toBe(
      'Instance Id not found - No managed instance found for instance ID: i-0123456789abcdef0',
    );

    const acts = (await r.asg.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: 'g0' })))
      .Activities!;
    expect(acts[0]!.Description).toBe(`Detaching EC2 instance: ${b}`);
    expect(acts.map((x) => x.Description)).toContain(`Terminating EC2 instance: ${a}`);
  });

  it('replaces a member marked Unhealthy', async () => {
    r = await emptyWithGroups(1);
    r.step(60);
    const [a] = (await group(r, 'g0')).Instances!.map((i) => i.InstanceId!);
    await permitted(() =>
      r.asg.send(new SetInstanceHealthCommand({ InstanceId: a, HealthStatus: 'Unhealthy' })),
    );
    const marked = await r.asg.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [a!] }));
    expect(marked.AutoScalingInstances![0]!.HealthStatus).toBe('UNHEALTHY');
    r.step(120);
    const healed = await group(r, 'g0');
    expect(healed.Instances!.map((i) => i.InstanceId)).not.toContain(a);
    expect(
      healed.Instances!.filter((i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy'),
    ).toHaveLength(2);
  });
});

describe('health-check grace period', () => {
  it('does not replace a new instance stopped within the grace period until the period has passed', async () => {
    r = await rig({ size: 'empty' });
    await permitted(() =>
      r.asg.send(
        new CreateLaunchConfigurationCommand({ LaunchConfigurationName: 'lc', ImageId: 'ami-12c6146b' }),
      ),
    );
    await permitted(() =>
      r.asg.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: 'g',
          LaunchConfigurationName: 'lc',
          MinSize: 1,
          MaxSize: 1,
          HealthCheckGracePeriod: 300,
          AvailabilityZones: ['us-east-1a'],
        }),
      ),
    );
    r.step(60);
    const [id] = (await group(r, 'g')).Instances!.map((i) => i.InstanceId!);
    await permitted(() => r.ec2.send(new StopInstancesCommand({ InstanceIds: [id!] })));
    r.step(120);
    expect((await group(r, 'g')).Instances!.map((i) => [i.InstanceId, i.HealthStatus])).toEqual([
      [id, 'Healthy'],
    ]);
    r.step(240);
    const after = await group(r, 'g');
    expect(after.Instances!.map((i) => i.InstanceId)).not.toContain(id);
    expect(after.Instances).toHaveLength(1);
  });
});
