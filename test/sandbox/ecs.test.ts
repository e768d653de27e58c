// ECS on the sandbox through the SDK: listing and paging, batch limits, failures for missing
// things, services made through the API that run their tasks, deployments, and ECS's errors.

import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  ClusterContainsServicesException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopTaskCommand,
  TagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, permitted, type Rig, rig } from './support.js';

let r: Rig;
afterEach(async () => r?.close());

describe('listing', () => {
  it('pages ListTasks at maxResults 1 and filters by service and desired status', async () => {
    r = await rig();
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const out = await r.ecs.send(
        new ListTasksCommand({ cluster: 'shop', maxResults: 1, nextToken: token }),
      );
      expect(out.taskArns!.length).toBeLessThanOrEqual(1);
      seen.push(...out.taskArns!);
      token = out.nextToken;
    } while (token);
    expect(seen).toHaveLength(6);
    expect(
      (await r.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'worker' }))).taskArns,
    ).toHaveLength(2);
    await permitted(() => r.ecs.send(new StopTaskCommand({ cluster: 'shop', task: seen[0]! })));
    const stopped = await r.ecs.send(new ListTasksCommand({ cluster: 'shop', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toEqual([seen[0]]);
    const err = await failure(r.ecs.send(new ListTasksCommand({ cluster: 'shop', maxResults: 101 })));
    expect(err).toBeInstanceOf(InvalidParameterException);
  });

  it('reports missing services and clusters as failures, and enforces batch sizes', async () => {
    r = await rig();
    const out = await r.ecs.send(
      new DescribeServicesCommand({ cluster: 'shop', services: ['checkout', 'ghost'] }),
    );
    expect(out.services!.map((s) => s.serviceName)).toEqual(['checkout']);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/shop/ghost', reason: 'MISSING' },
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => `s${i}`);
    const err = await failure(r.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: eleven })));
    expect(err.name).toBe('InvalidParameterException');
    const clusters = await r.ecs.send(
      new DescribeClustersCommand({ clusters: ['shop', 'nowhere'], include: ['TAGS'] }),
    );
    expect(
      clusters.clusters!.map((c) => [c.clusterName, c.runningTasksCount, c.activeServicesCount, c.tags]),
    ).toEqual([['shop', 6, 2, [{ key: 'chaos:allowed', value: 'true' }]]]);
    expect(clusters.failures![0]!.reason).toBe('MISSING');
    const stop = await failure(
      permitted(() => r.ecs.send(new StopTaskCommand({ cluster: 'shop', task: 'deadbeef' }))),
    );
    expect([stop.name, stop.message]).toEqual([
      'InvalidParameterException',
      'The referenced task was not found.',
    ]);
  });

  it('pages ListServices (default page 10) and tags resources', async () => {
    r = await rig();
    const first = await r.ecs.send(new ListServicesCommand({ cluster: 'shop', maxResults: 1 }));
    expect(first.serviceArns).toHaveLength(1);
    const second = await r.ecs.send(
      new ListServicesCommand({ cluster: 'shop', maxResults: 1, nextToken: first.nextToken }),
    );
    expect(second.nextToken).toBeUndefined();
    const arn = second.serviceArns![0]!;
    await permitted(() =>
      r.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'drill', value: 'yes' }] })),
    );
    expect((await r.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toContainEqual({
      key: 'drill',
      value: 'yes',
    });
  });
});

describe('services', () => {
  async function fargateService(x: Rig, desired: number) {
    await permitted(() => x.ecs.send(new CreateClusterCommand({ clusterName: 'c1' })));
    await permitted(() =>
      x.ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'api',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: 'nginx', memory: 512 }],
        }),
      ),
    );
    const subnets = (await x.ec2.send(new DescribeSubnetsCommand({}))).Subnets!.map((s) => s.SubnetId!);
    return permitted(() =>
      x.ecs.send(
        new CreateServiceCommand({
          cluster: 'c1',
          serviceName: 'api',
          taskDefinition: 'api',
          desiredCount: desired,
          launchType: 'FARGATE',
          networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups: [] } },
        }),
      ),
    );
  }

  async function api(x: Rig) {
    return (await x.ecs.send(new DescribeServicesCommand({ cluster: 'c1', services: ['api'] })))
      .services![0]!;
  }

  it('runs the desired tasks, scales with UpdateService, and rolls a forced deployment', async () => {
    r = await rig({ size: 'empty' });
    const created = await fargateService(r, 3);
    expect([
      created.service!.desiredCount,
      created.service!.pendingCount,
      created.service!.runningCount,
    ]).toEqual([3, 3, 0]);
    r.step(60);
    let svc = await api(r);
    expect([svc.runningCount, svc.deployments!.length, svc.deployments![0]!.rolloutState]).toEqual([
      3,
      1,
      'COMPLETED',
    ]);
    expect(svc.events![0]!.message).toBe('(service api) has reached a steady state.');
    const tasks = (
      await r.ecs.send(
        new DescribeTasksCommand({
          cluster: 'c1',
          tasks: (await r.ecs.send(new ListTasksCommand({ cluster: 'c1' }))).taskArns!,
        }),
      )
    ).tasks!;
    expect(new Set(tasks.map((t) => t.availabilityZone)).size).toBe(3);
    expect(tasks.every((t) => t.group === 'service:api' && t.lastStatus === 'RUNNING')).toBe(true);

    await permitted(() =>
      r.ecs.send(new UpdateServiceCommand({ cluster: 'c1', service: 'api', desiredCount: 1 })),
    );
    r.step(60);
    expect((await api(r)).runningCount).toBe(1);

    await permitted(() =>
      r.ecs.send(new UpdateServiceCommand({ cluster: 'c1', service: 'api', forceNewDeployment: true })),
    );
    svc = await api(r);
    expect(svc.deployments!.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE']);
    r.step(120);
    svc = await api(r);
    expect([svc.deployments!.length, svc.runningCount]).toEqual([1, 1]);
  });

  it('refuses to delete a scaled service or a cluster with services, then deletes both', async () => {
    r = await rig({ size: 'empty' });
    await fargateService(r, 1);
    const scaled = await failure(
      permitted(() => r.ecs.send(new DeleteServiceCommand({ cluster: 'c1', service: 'api' }))),
    );
    expect(scaled.message).toBe('The service cannot be stopped while it is scaled above 0.');
    const busy = await failure(permitted(() => r.ecs.send(new DeleteClusterCommand({ cluster: 'c1' }))));
    expect(busy).toBeInstanceOf(ClusterContainsServicesException);
    const deleted = await permitted(() =>
      r.ecs.send(new DeleteServiceCommand({ cluster: 'c1', service: 'api', force: true })),
    );
    expect(deleted.service!.status).toBe('DRAINING');
    r.step(90);
    expect((await r.ecs.send(new ListServicesCommand({ cluster: 'c1' }))).serviceArns).toEqual([]);
    const gone = await permitted(() => r.ecs.send(new DeleteClusterCommand({ cluster: 'c1' })));
    expect(gone.cluster!.status).toBe('INACTIVE');
  });
});
