// ECS operations on clusters, services and task definitions.
import type {
  CreateClusterRequest,
  CreateServiceRequest,
  DeleteServiceRequest,
  DescribeClustersRequest,
  DescribeServicesRequest,
  ListClustersRequest,
  ListServicesRequest,
  UpdateServiceRequest,
} from '@aws-sdk/client-ecs';
import { scheduleService } from '../dynamics/ecs-scheduler.js';
import { SandboxError } from '../errors.js';
import type { ServiceRec } from '../model-ecs.js';
import { page } from '../paging.js';
import { clusterName } from '../world.js';
import {
  badEcsToken,
  ecsMaxResults,
  findService,
  requireCluster,
  requireService,
  tasksByService,
  toCluster,
  toService,
} from './ecs-shapes.js';
import { ecsTaskDefHandlers, taskDefOf } from './ecs-taskdefs.js';
import { ecsTaskHandlers } from './ecs-tasks.js';
import type { Ctx, HandlerTable } from './types.js';

function describeClusters({ world }: Ctx, input: DescribeClustersRequest): object {
  const refs = input.clusters?.length ? input.clusters : ['default'];
  if (refs.length > 100)
    throw new SandboxError('InvalidParameterException', 'Clusters cannot have more than 100 elements');
  const clusters = [];
  const failures = [];
  for (const ref of refs) {
    const c = world.clusters.get(clusterName(ref));
    if (c) clusters.push(toCluster(world, c, input.include));
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : world.arn('ecs', `cluster/${ref}`),
        reason: 'MISSING',
      });
  }
  return { clusters, failures };
}

function createCluster({ world, now }: Ctx, input: CreateClusterRequest): object {
  const name = input.clusterName ?? 'default';
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(name))
    throw new SandboxError(
      'InvalidParameterException',
      'Cluster name must be 1-255 characters: letters, numbers, hyphens and underscores.',
    );
  let c = world.clusters.get(name);
  if (!c || c.status === 'INACTIVE') {
    c = {
      name,
      arn: world.arn('ecs', `cluster/${name}`),
      status: 'ACTIVE',
      tags: (input.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
      created: now,
    };
    world.clusters.set(name, c);
  }
  return { cluster: toCluster(world, c, ['TAGS', 'SETTINGS']) };
}

function deleteCluster({ world }: Ctx, input: { cluster?: string }): object {
  const c = requireCluster(world, input.cluster);
  if ([...world.services.values()].some((s) => s.cluster === c.arn && s.status !== 'INACTIVE'))
    throw new SandboxError(
      'ClusterContainsServicesException',
      'The Cluster cannot be deleted while Services are active.',
    );
  if ([...world.containerInstances.values()].some((ci) => ci.cluster === c.arn && ci.status !== 'INACTIVE'))
    throw new SandboxError(
      'ClusterContainsContainerInstancesException',
      'The Cluster cannot be deleted while Container Instances are active or draining.',
    );
  if ([...world.tasks.values()].some((t) => t.cluster === c.arn && t.lastStatus !== 'STOPPED'))
    throw new SandboxError(
      'ClusterContainsTasksException',
      'The Cluster cannot be deleted while Tasks are active.',
    );
  c.status = 'INACTIVE';
  return { cluster: toCluster(world, c) };
}

function listServices({ world }: Ctx, input: ListServicesRequest): object {
  const c = requireCluster(world, input.cluster);
  const size = ecsMaxResults(input.maxResults, 10);
  // Services grouped by cluster once per world version: 100 clusters' pages do not rescan 2,000.
  const byCluster = world.memo('servicesByCluster', () => {
    const out = new Map<string, ServiceRec[]>();
    for (const s of world.services.values()) {
      const list = out.get(s.cluster);
      if (list) list.push(s);
      else out.set(s.cluster, [s]);
    }
    return out;
  });
  const all = (byCluster.get(c.arn) ?? []).filter(
    (s) => s.status !== 'INACTIVE' && (!input.launchType || s.launchType === input.launchType),
  );
  const { items, next } = page(
    all,
    size,
    input.nextToken,
    `ls:${c.arn}:${input.launchType ?? ''}`,
    badEcsToken,
  );
  return { serviceArns: items.map((s) => s.arn), nextToken: next };
}

function describeServices({ world }: Ctx, input: DescribeServicesRequest): object {
  const c = requireCluster(world, input.cluster);
  const refs = input.services ?? [];
  if (!refs.length) throw new SandboxError('InvalidParameterException', 'Services cannot be empty.');
  if (refs.length > 10)
    throw new SandboxError('InvalidParameterException', 'Services cannot have more than 10 elements');
  const services = [];
  const failures = [];
  const byService = world.memo('tasksByService', () => tasksByService(world));
  for (const ref of refs) {
    const s = findService(world, c, ref);
    if (s) services.push(toService(world, s, input.include, byService.get(s.arn) ?? []));
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : world.arn('ecs', `service/${c.name}/${ref}`),
        reason: 'MISSING',
      });
  }
  return { services, failures };
}

function createService({ world, now }: Ctx, input: CreateServiceRequest): object {
  const c = requireCluster(world, input.cluster);
  const name = input.serviceName ?? '';
  const existing = findService(world, c, name);
  if (existing && existing.status !== 'INACTIVE')
    throw new SandboxError('InvalidParameterException', 'Creation of service was not idempotent.');
  const td = taskDefOf(world, input.taskDefinition);
  const launchType = input.launchType === 'EC2' ? 'EC2' : 'FARGATE';
  const vpc = input.networkConfiguration?.awsvpcConfiguration;
  if ((launchType === 'FARGATE' || td.networkMode === 'awsvpc') && !vpc?.subnets?.length)
    throw new SandboxError(
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
  for (const s of vpc?.subnets ?? [])
    if (!world.subnets.has(s))
      throw new SandboxError(
        'InvalidParameterException',
        `Error retrieving subnet information for [${s}]: The subnet ID '${s}' does not exist`,
      );
  const desired = input.desiredCount ?? 0;
  const depId = `ecs-svc/${String(world.rng.u32()).padStart(10, '0')}${String(world.rng.u32()).padStart(9, '0').slice(0, 9)}`;
  const svc: ServiceRec = {
    name,
    arn: world.arn('ecs', `service/${c.name}/${name}`),
    cluster: c.arn,
    taskDefinition: td.arn,
    desired,
    launchType,
    status: 'ACTIVE',
    maxPercent: input.deploymentConfiguration?.maximumPercent ?? 200,
    minHealthyPercent: input.deploymentConfiguration?.minimumHealthyPercent ?? 100,
    placementStrategy: (input.placementStrategy ?? []).map((p) => ({
      type: p.type ?? 'random',
      field: p.field,
    })),
    subnets: vpc?.subnets ?? [],
    securityGroups: vpc?.securityGroups ?? [],
    assignPublicIp: vpc?.assignPublicIp === 'ENABLED' ? 'ENABLED' : 'DISABLED',
    created: now,
    deployments: [
      {
        id: depId,
        status: 'PRIMARY',
        taskDefinition: td.arn,
        created: now,
        updated: now,
        rollout: 'IN_PROGRESS',
      },
    ],
    events: [],
    tags: (input.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
    steady: false,
    capacityPerTask: 25,
  };
  world.services.set(svc.arn, svc);
  scheduleService(world, svc, now);
  return { service: toService(world, svc, ['TAGS']) };
}

function updateService({ world, now }: Ctx, input: UpdateServiceRequest): object {
  const c = requireCluster(world, input.cluster);
  const svc = requireService(world, c, input.service);
  if (svc.status !== 'ACTIVE') throw new SandboxError('ServiceNotActiveException', 'Service was not ACTIVE.');
  if (input.desiredCount !== undefined) {
    if (input.desiredCount < 0)
      throw new SandboxError('InvalidParameterException', 'Desired count cannot be negative.');
    svc.desired = input.desiredCount;
  }
  const dc = input.deploymentConfiguration;
  if (dc?.maximumPercent !== undefined) svc.maxPercent = dc.maximumPercent;
  if (dc?.minimumHealthyPercent !== undefined) svc.minHealthyPercent = dc.minimumHealthyPercent;
  if (svc.minHealthyPercent > svc.maxPercent)
    throw new SandboxError(
      'InvalidParameterException',
      'The minimumHealthyPercent must be less than or equal to the maximumPercent.',
    );
  if (input.placementStrategy)
    svc.placementStrategy = input.placementStrategy.map((p) => ({
      type: p.type ?? 'random',
      field: p.field,
    }));
  const td = input.taskDefinition ? taskDefOf(world, input.taskDefinition) : undefined;
  if (td || input.forceNewDeployment) {
    if (td) svc.taskDefinition = td.arn;
    for (const d of svc.deployments) d.status = 'ACTIVE';
    const id = `ecs-svc/${String(world.rng.u32()).padStart(10, '0')}${String(world.rng.u32()).padStart(9, '0').slice(0, 9)}`;
    svc.deployments.unshift({
      id,
      status: 'PRIMARY',
      taskDefinition: svc.taskDefinition,
      created: now,
      updated: now,
      rollout: 'IN_PROGRESS',
    });
  } else {
    const p = svc.deployments.find((d) => d.status === 'PRIMARY');
    if (p && input.desiredCount !== undefined) {
      p.rollout = 'IN_PROGRESS';
      p.updated = now;
    }
  }
  scheduleService(world, svc, now);
  return { service: toService(world, svc) };
}

function deleteService({ world, now }: Ctx, input: DeleteServiceRequest): object {
  const c = requireCluster(world, input.cluster);
  const svc = requireService(world, c, input.service);
  if (svc.desired > 0 && !input.force)
    throw new SandboxError(
      'InvalidParameterException',
      'The service cannot be stopped while it is scaled above 0.',
    );
  svc.desired = 0;
  svc.status = 'DRAINING';
  scheduleService(world, svc, now);
  return { service: toService(world, svc) };
}

/** Every ECS operation the sandbox answers, by name. */
export const ecsHandlers: HandlerTable = {
  ListClusters: ({ world }, input: ListClustersRequest) => {
    const size = ecsMaxResults(input.maxResults, 100);
    const all = [...world.clusters.values()].filter((c) => c.status !== 'INACTIVE');
    const { items, next } = page(all, size, input.nextToken, 'lc', badEcsToken);
    return { clusterArns: items.map((c) => c.arn), nextToken: next };
  },
  DescribeClusters: describeClusters,
  CreateCluster: createCluster,
  DeleteCluster: deleteCluster,
  ListServices: listServices,
  DescribeServices: describeServices,
  CreateService: createService,
  UpdateService: updateService,
  DeleteService: deleteService,
  ...ecsTaskDefHandlers,
  ...ecsTaskHandlers,
};
