// Lists ECS clusters, and in each its services (desired/running/pending), tasks and container
// instances, paging List* at 100 and batching Describe* at each API's maximum (services: 10).

import { chunk } from '../../util/limit.js';
import type { EcsCluster, EcsContainerInstance, EcsService, EcsTask } from '../inventory.js';
import { type ServiceSdk, sdkOf } from '../sdk/index.js';
import { type DiscoveryRun, iso, send, tagRecord } from './common.js';

/** What ECS discovery returns. */
export interface EcsListing {
  clusters: EcsCluster[];
  services: EcsService[];
  tasks: EcsTask[];
  containerInstances: EcsContainerInstance[];
}

type Ecs = ServiceSdk<'ecs'>['commands'];

/** Pages through a List* call, collecting its ARNs. */
async function listAll(
  run: DiscoveryRun,
  operation: string,
  resource: string | undefined,
  page: (token: string | undefined) => Promise<{ arns?: string[]; nextToken?: string }>,
): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const r = await send(run, 'ecs', operation, () => page(token), resource);
    out.push(...(r.arns ?? []));
    token = r.nextToken || undefined;
  } while (token);
  return out;
}

/** Every ECS cluster, service, task and container instance in the region. */
export async function listEcs(run: DiscoveryRun): Promise<EcsListing> {
  const ecs = await run.ctx.client('ecs');
  const sdk: Ecs = (await sdkOf('ecs')).commands;
  const clusterArns = await listAll(run, 'ListClusters', undefined, async (nextToken) => {
    const r = await ecs.send(new sdk.ListClusters({ maxResults: run.pages.listClusters, nextToken }));
    return { arns: r.clusterArns, nextToken: r.nextToken };
  });
  const clusters = (
    await Promise.all(
      chunk(clusterArns, run.pages.describeClusters).map(async (batch) => {
        const r = await send(run, 'ecs', 'DescribeClusters', () =>
          ecs.send(new sdk.DescribeClusters({ clusters: batch, include: ['TAGS'] })),
        );
        return (r.clusters ?? []).map(
          (c): EcsCluster => ({
            name: c.clusterName ?? '',
            arn: c.clusterArn ?? '',
            status: c.status,
            activeServices: c.activeServicesCount ?? 0,
            runningTasks: c.runningTasksCount ?? 0,
            pendingTasks: c.pendingTasksCount ?? 0,
            containerInstances: c.registeredContainerInstancesCount ?? 0,
            tags: tagRecord(c.tags),
          }),
        );
      }),
    )
  ).flat();
  const perCluster = await Promise.all(clusters.map((c) => listInCluster(run, ecs, sdk, c)));
  return {
    clusters,
    services: perCluster.flatMap((p) => p.services),
    tasks: perCluster.flatMap((p) => p.tasks),
    containerInstances: perCluster.flatMap((p) => p.containerInstances),
  };
}

async function listInCluster(
  run: DiscoveryRun,
  ecs: import('@aws-sdk/client-ecs').ECSClient,
  sdk: Ecs,
  cluster: EcsCluster,
): Promise<Omit<EcsListing, 'clusters'>> {
  const [services, tasks, containerInstances] = await Promise.all([
    listServices(run, ecs, sdk, cluster),
    listTasks(run, ecs, sdk, cluster),
    listContainerInstances(run, ecs, sdk, cluster),
  ]);
  return { services, tasks, containerInstances };
}

async function listServices(
  run: DiscoveryRun,
  ecs: import('@aws-sdk/client-ecs').ECSClient,
  sdk: Ecs,
  cluster: EcsCluster,
): Promise<EcsService[]> {
  const arns = await listAll(run, 'ListServices', cluster.name, async (nextToken) => {
    const r = await ecs.send(
      new sdk.ListServices({ cluster: cluster.arn, maxResults: run.pages.listServices, nextToken }),
    );
    return { arns: r.serviceArns, nextToken: r.nextToken };
  });
  const batches = await Promise.all(
    chunk(arns, run.pages.describeServices).map(async (batch) => {
      const r = await send(
        run,
        'ecs',
        'DescribeServices',
        () =>
          ecs.send(new sdk.DescribeServices({ cluster: cluster.arn, services: batch, include: ['TAGS'] })),
        cluster.name,
      );
      return (r.services ?? []).map(
        (s): EcsService => ({
          cluster: cluster.name,
          name: s.serviceName ?? '',
          arn: s.serviceArn ?? '',
          status: s.status,
          launchType: s.launchType ?? s.capacityProviderStrategy?.[0]?.capacityProvider,
          desired: s.desiredCount ?? 0,
          running: s.runningCount ?? 0,
          pending: s.pendingCount ?? 0,
          tags: tagRecord(s.tags),
        }),
      );
    }),
  );
  return batches.flat();
}

async function listTasks(
  run: DiscoveryRun,
  ecs: import('@aws-sdk/client-ecs').ECSClient,
  sdk: Ecs,
  cluster: EcsCluster,
): Promise<EcsTask[]> {
  // One listing per cluster, not per service: fewer calls, and tasks started outside a service
  // (cron, RunTask) are targets too. A task's service comes from its group "service:NAME".
  const arns = await listAll(run, 'ListTasks', cluster.name, async (nextToken) => {
    const r = await ecs.send(
      new sdk.ListTasks({ cluster: cluster.arn, maxResults: run.pages.listTasks, nextToken }),
    );
    return { arns: r.taskArns, nextToken: r.nextToken };
  });
  const batches = await Promise.all(
    chunk(arns, run.pages.describeTasks).map(async (batch) => {
      const r = await send(
        run,
        'ecs',
        'DescribeTasks',
        () => ecs.send(new sdk.DescribeTasks({ cluster: cluster.arn, tasks: batch, include: ['TAGS'] })),
        cluster.name,
      );
      return (r.tasks ?? []).map((t): EcsTask => {
        const arn = t.taskArn ?? '';
        const group = t.group;
        return {
          cluster: cluster.name,
          arn,
          id: arn.split('/').pop() ?? arn,
          service: group?.startsWith('service:') ? group.slice('service:'.length) : undefined,
          group,
          lastStatus: t.lastStatus,
          desiredStatus: t.desiredStatus,
          launchType: t.launchType,
          az: t.availabilityZone,
          containerInstance: t.containerInstanceArn,
          taskDefinition: t.taskDefinitionArn?.split('/').pop(),
          startedAt: iso(t.startedAt),
          tags: tagRecord(t.tags),
        };
      });
    }),
  );
  return batches.flat();
}

async function listContainerInstances(
  run: DiscoveryRun,
  ecs: import('@aws-sdk/client-ecs').ECSClient,
  sdk: Ecs,
  cluster: EcsCluster,
): Promise<EcsContainerInstance[]> {
  const arns = await listAll(run, 'ListContainerInstances', cluster.name, async (nextToken) => {
    const r = await ecs.send(
      new sdk.ListContainerInstances({
        cluster: cluster.arn,
        maxResults: run.pages.listContainerInstances,
        nextToken,
      }),
    );
    return { arns: r.containerInstanceArns, nextToken: r.nextToken };
  });
  const batches = await Promise.all(
    chunk(arns, run.pages.describeContainerInstances).map(async (batch) => {
      const r = await send(
        run,
        'ecs',
        'DescribeContainerInstances',
        () =>
          ecs.send(new sdk.DescribeContainerInstances({ cluster: cluster.arn, containerInstances: batch })),
        cluster.name,
      );
      return (r.containerInstances ?? []).map((ci): EcsContainerInstance => {
        const arn = ci.containerInstanceArn ?? '';
        const attr = (name: string) => ci.attributes?.find((a) => a.name === name)?.value;
        return {
          cluster: cluster.name,
          arn,
          id: arn.split('/').pop() ?? arn,
          ec2InstanceId: ci.ec2InstanceId,
          status: ci.status,
          runningTasks: ci.runningTasksCount ?? 0,
          pendingTasks: ci.pendingTasksCount ?? 0,
          agentConnected: ci.agentConnected,
          az: attr('ecs.availability-zone'),
          instanceType: attr('ecs.instance-type'),
        };
      });
    }),
  );
  return batches.flat();
}
