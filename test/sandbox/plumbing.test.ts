// How the sandbox sits under the SDK: determinism, retries on throttling knobs, error classes,
// unsupported commands, identity, and the large preset.
import { AutoScalingServiceException, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchServiceException, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2ServiceException,
  paginateDescribeInstances,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  ClusterNotFoundException,
  DescribeClustersCommand,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { failure, permitted, type Rig, rig } from './support.js';

let r: Rig;
afterEach(async () => r?.close());

describe('determinism', () => {
  async function run(seed: number): Promise<string> {
    const x = await rig({ seed });
    try {
      const ids = (
        await x.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['web'] }] }))
      ).Reservations!.flatMap((res) => res.Instances!.map((i) => i.InstanceId!));
      await permitted(() => x.ec2.send(new StopInstancesCommand({ InstanceIds: ids.slice(0, 1) })));
      const task = (await x.ecs.send(new ListTasksCommand({ cluster: 'shop' }))).taskArns![0]!;
      await permitted(() => x.ecs.send(new StopTaskCommand({ cluster: 'shop', task })));
      for (let n = 0; n < 30; n++) x.step(10);
      return JSON.stringify(x.sb.world);
    } finally {
      await x.close();
    }
  }

  it('gives a byte-identical world for the same seed and steps, and a different one for another seed', async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a.length).toBeGreaterThan(10_000);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});

describe('SDK plumbing', () => {
  it('throttles through the knob and the SDK retries (attempts exceed calls)', async () => {
    r = await rig();
    r.sb.faults.set({ service: 'ec2', operation: 'DescribeInstances', error: 'throttle', count: 2 });
    const out = await r.ec2.send(new DescribeInstancesCommand({}));
    expect(out.Reservations!.length).toBeGreaterThan(0);
    expect(out.$metadata.attempts).toBe(3);
    expect(r.ctx.counter.calls.get('ec2:DescribeInstances')).toBe(1);
    expect(r.ctx.counter.attempts.get('ec2:DescribeInstances')).toBe(3);
  });

  it('gives up after maxAttempts with the service throttling code and class', async () => {
    r = await rig({}, 2);
    r.sb.faults.set({ service: 'ecs', error: 'throttle' });
    const err = await failure(r.ecs.send(new ListClustersCommand({})));
    expect(err.name).toBe('ThrottlingException');
    expect(r.ctx.counter.attempts.get('ecs:ListClusters')).toBe(2);
    r.sb.faults.clear();
    expect((await r.ecs.send(new ListClustersCommand({}))).clusterArns!.length).toBeGreaterThan(0);
  });

  it('denies through the knob with each service its own code', async () => {
    r = await rig({}, 1);
    r.sb.faults.set({ error: 'denied' });
    const e1 = await failure(r.ec2.send(new DescribeInstancesCommand({})));
    expect(e1).toBeInstanceOf(EC2ServiceException);
    expect(e1.name).toBe('UnauthorizedOperation');
    const e2 = await failure(r.asg.send(new DescribeAutoScalingGroupsCommand({})));
    expect(e2).toBeInstanceOf(AutoScalingServiceException);
    expect(e2.name).toBe('AccessDenied');
    const e3 = await failure(r.cw.send(new DescribeAlarmsCommand({})));
    expect(e3).toBeInstanceOf(CloudWatchServiceException);
    expect(e3.$metadata?.httpStatusCode).toBe(403);
  });

  it('throws the SDK class for a missing cluster', async () => {
    r = await rig();
    const err = await failure(r.ecs.send(new ListServicesCommand({ cluster: 'nope' })));
    expect(err).toBeInstanceOf(ClusterNotFoundException);
    expect(err.message).toBe('Cluster not found.');
  });

  it('refuses an unsupported command loudly, naming it', async () => {
    r = await rig();
    const err = await failure(r.ec2.send(new DescribeImagesCommand({})));
    expect(err.message).toContain('DescribeImages');
    expect(err.message).toContain('sandbox');
  });

  it('answers GetCallerIdentity with the sandbox identity', async () => {
    r = await rig();
    const who = await r.sts.send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe('123456789012');
    expect(who.Arn).toBe('arn:aws:iam::123456789012:user/gameday-sandbox');
  });

  it('lets the paginator walk DescribeInstances', async () => {
    r = await rig();
    const seen: string[] = [];
    for await (const page of paginateDescribeInstances({ client: r.ec2, pageSize: 5 }, {}))
      for (const res of page.Reservations ?? [])
        for (const i of res.Instances ?? []) seen.push(i.InstanceId!);
    expect(seen).toHaveLength(13);
    expect(new Set(seen).size).toBe(13);
  });
});

describe('large preset', () => {
  it('has the benchmark sizes and pages through them at the API maximums', async () => {
    r = await rig({ size: 'large' });
    const w = r.sb.world;
    expect([
      w.instances.size,
      w.asgs.size,
      w.clusters.size,
      w.services.size,
      w.tasks.size,
      w.alarms.size,
    ]).toEqual([10_000, 500, 100, 2_000, 10_000, 2_000]);
    let pages = 0;
    let instances = 0;
    for await (const page of paginateDescribeInstances({ client: r.ec2, pageSize: 1000 }, {})) {
      pages++;
      for (const res of page.Reservations ?? []) instances += res.Instances!.length;
    }
    expect([pages, instances]).toEqual([10, 10_000]);
    const clusters = await r.ecs.send(new ListClustersCommand({ maxResults: 100 }));
    expect(clusters.clusterArns).toHaveLength(100);
    expect(clusters.nextToken).toBeUndefined();
    const described = await r.ecs.send(
      new DescribeClustersCommand({ clusters: clusters.clusterArns, include: ['TAGS'] }),
    );
    expect(described.clusters!.reduce((n, c) => n + c.runningTasksCount!, 0)).toBe(10_000);
    const alarms = await r.cw.send(new DescribeAlarmsCommand({ MaxRecords: 100 }));
    expect(alarms.MetricAlarms).toHaveLength(100);
    expect(alarms.NextToken).toBeDefined();
  });

  it('is built the same for the same seed', () => {
    const a = createSandbox({ size: 'large', clock: 'virtual', seed: 3 });
    const b = createSandbox({ size: 'large', clock: 'virtual', seed: 3 });
    expect([...a.world.instances.keys()].slice(-5)).toEqual([...b.world.instances.keys()].slice(-5));
    a.close();
    b.close();
  });
});
