// ECS world records to SDK output shapes, and lookups with ECS's own errors.
import type { Cluster, ContainerInstance, Service, Task } from '@aws-sdk/client-ecs';
import { agentConnected, remaining } from '../ecs-ops.js';
import { SandboxError } from '../errors.js';
import type { SubnetRec } from '../model.js';
import type { ClusterRec, ContainerInstanceRec, ServiceRec, TaskRec } from '../model-ecs.js';
import { clusterName, lastSegment, type World } from '../world.js';

/** A cluster by name or ARN, or ClusterNotFoundException. */
export function requireCluster(world: World, ref: string | undefined): ClusterRec {
  const c = world.cluster(ref);
  if (!c) throw new SandboxError('ClusterNotFoundException', 'Cluster not found.');
  return c;
}

/** A service of a cluster by name or ARN (undefined if missing or INACTIVE). */
export function findService(world: World, cluster: ClusterRec, ref: string): ServiceRec | undefined {
  const arn = ref.startsWith('arn:') ? ref : world.arn('ecs', `service/${cluster.name}/${ref}`);
  const s = world.services.get(arn);
  return s && s.cluster === cluster.arn ? s : undefined;
}

/** A service or ServiceNotFoundException. */
export function requireService(world: World, cluster: ClusterRec, ref: string | undefined): ServiceRec {
  const s = ref ? findService(world, cluster, ref) : undefined;
  if (!s || s.status === 'INACTIVE') throw new SandboxError('ServiceNotFoundException', 'Service not found.');
  return s;
}

/** A task of a cluster by id or ARN. */
export function findTask(world: World, cluster: ClusterRec, ref: string): TaskRec | undefined {
  const arn = ref.startsWith('arn:') ? ref : world.arn('ecs', `task/${cluster.name}/${ref}`);
  const t = world.tasks.get(arn);
  return t && t.cluster === cluster.arn ? t : undefined;
}

/** A container instance of a cluster by id or ARN. */
export function findContainerInstance(
  world: World,
  cluster: ClusterRec,
  ref: string,
): ContainerInstanceRec | undefined {
  const arn = ref.startsWith('arn:')
    ? ref
    : world.arn('ecs', `container-instance/${cluster.name}/${lastSegment(ref)}`);
  const c = world.containerInstances.get(arn);
  return c && c.cluster === cluster.arn ? c : undefined;
}

/** ECS's error for a page size out of range. */
export function ecsMaxResults(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 100)
    throw new SandboxError('InvalidParameterException', 'maxResults must be between 1 and 100.');
  return value;
}

/** ECS's error for a NextToken it did not issue. */
export function badEcsToken(): SandboxError {
  return new SandboxError('InvalidParameterException', 'Invalid token');
}

/** Task, service and container-instance counts per cluster ARN, in one pass over the world. */
function clusterStats(
  world: World,
): Map<string, { running: number; pending: number; services: number; instances: number }> {
  const out = new Map<string, { running: number; pending: number; services: number; instances: number }>();
  const of = (arn: string) => {
    let s = out.get(arn);
    if (!s) {
      s = { running: 0, pending: 0, services: 0, instances: 0 };
      out.set(arn, s);
    }
    return s;
  };
  for (const t of world.tasks.values()) {
    if (t.lastStatus === 'RUNNING') of(t.cluster).running++;
    else if (t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING' || t.lastStatus === 'ACTIVATING')
      of(t.cluster).pending++;
  }
  for (const s of world.services.values()) if (s.status === 'ACTIVE') of(s.cluster).services++;
  for (const ci of world.containerInstances.values())
    if (ci.status !== 'INACTIVE') of(ci.cluster).instances++;
  return out;
}

/** A cluster as DescribeClusters returns it. */
export function toCluster(world: World, c: ClusterRec, include: string[] = []): Cluster {
  const stats = world.memo('clusterStats', () => clusterStats(world)).get(c.arn) ?? {
    running: 0,
    pending: 0,
    services: 0,
    instances: 0,
  };
  const { running, pending, services, instances } = stats;
  return {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: instances,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: services,
    statistics: [],
    tags: include.includes('TAGS') ? c.tags.map((t) => ({ ...t })) : [],
    settings: include.includes('SETTINGS') ? [{ name: 'containerInsights', value: 'enabled' }] : undefined,
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  };
}

/** A service as DescribeServices / CreateService / UpdateService return it. */
export function toService(world: World, s: ServiceRec, include: string[] = [], tasks?: TaskRec[]): Service {
  const counts = new Map<string, { running: number; pending: number }>();
  let running = 0;
  let pending = 0;
  for (const t of tasks ?? world.tasks.values()) {
    if (t.service !== s.arn || t.desiredStatus !== 'RUNNING') continue;
    const c = counts.get(t.deployment ?? '') ?? { running: 0, pending: 0 };
    if (t.lastStatus === 'RUNNING') {
      running++;
      c.running++;
    } else if (t.lastStatus !== 'STOPPED') {
      pending++;
      c.pending++;
    }
    counts.set(t.deployment ?? '', c);
  }
  const network =
    s.launchType === 'FARGATE' || s.subnets.length
      ? {
          awsvpcConfiguration: {
            subnets: [...s.subnets],
            securityGroups: [...s.securityGroups],
            assignPublicIp: s.assignPublicIp,
          },
        }
      : undefined;
  return {
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: s.cluster,
    loadBalancers: [],
    serviceRegistries: [],
    status: s.status,
    desiredCount: s.desired,
    runningCount: running,
    pendingCount: pending,
    launchType: s.launchType,
    platformVersion: s.launchType === 'FARGATE' ? 'LATEST' : undefined,
    platformFamily: s.launchType === 'FARGATE' ? 'Linux' : undefined,
    taskDefinition: s.taskDefinition,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: s.maxPercent,
      minimumHealthyPercent: s.minHealthyPercent,
    },
    deployments: s.deployments.map((d) => ({
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinition,
      desiredCount: d.status === 'PRIMARY' ? s.desired : 0,
      pendingCount: counts.get(d.id)?.pending ?? 0,
      runningCount: counts.get(d.id)?.running ?? 0,
      failedTasks: 0,
      createdAt: new Date(d.created),
      updatedAt: new Date(d.updated),
      launchType: s.launchType,
      platformVersion: s.launchType === 'FARGATE' ? '1.4.0' : undefined,
      networkConfiguration: network,
      rolloutState: d.rollout,
      rolloutStateReason: d.rollout === 'COMPLETED' ? `ECS deployment ${d.id} completed.` : undefined,
    })),
    events: s.events.map((e) => ({ id: e.id, createdAt: new Date(e.createdAt), message: e.message })),
    createdAt: new Date(s.created),
    placementConstraints: [],
    placementStrategy: s.placementStrategy.map((p) => ({ ...p })) as Service['placementStrategy'],
    networkConfiguration: network,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: `arn:aws:iam::${world.account}:user/gameday-sandbox`,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    tags: include.includes('TAGS') ? s.tags.map((t) => ({ ...t })) : undefined,
  };
}

/** Tasks grouped by service ARN (built once per call when describing many services). */
export function tasksByService(world: World): Map<string, TaskRec[]> {
  const out = new Map<string, TaskRec[]>();
  for (const t of world.tasks.values()) {
    if (!t.service) continue;
    const list = out.get(t.service);
    if (list) list.push(t);
    else out.set(t.service, [t]);
  }
  return out;
}

/** The subnet a task's ENI shows per AZ: the first non-default subnet there, else the default one. */
function taskSubnets(world: World): Map<string, SubnetRec> {
  const out = new Map<string, SubnetRec>();
  for (const s of world.subnets.values()) if (!s.defaultForAz && !out.has(s.az)) out.set(s.az, s);
  for (const s of world.subnets.values()) if (!out.has(s.az)) out.set(s.az, s);
  return out;
}

/** A task as DescribeTasks / RunTask / StopTask return it. */
export function toTask(world: World, t: TaskRec, include: string[] = []): Task {
  const td = world.taskDefs.get(t.taskDefinition);
  const fargate = t.launchType === 'FARGATE';
  const subnet = world.memo('taskSubnetByAz', () => taskSubnets(world)).get(t.az);
  return {
    attachments: fargate
      ? [
          {
            id: `eni-attach-${t.id.slice(0, 8)}`,
            type: 'ElasticNetworkInterface',
            status: t.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
            details: [
              { name: 'subnetId', value: subnet?.id },
              { name: 'privateIPv4Address', value: t.privateIp },
            ],
          },
        ]
      : [],
    availabilityZone: t.az,
    clusterArn: t.cluster,
    connectivity: t.lastStatus === 'PROVISIONING' ? undefined : 'CONNECTED',
    containerInstanceArn: t.containerInstance,
    containers: (td?.containers ?? []).map((c) => ({
      containerArn: world.arn('ecs', `container/${clusterName(t.cluster)}/${t.id}/${c.name}`),
      taskArn: t.arn,
      name: c.name,
      image: c.image,
      lastStatus: t.lastStatus === 'RUNNING' || t.lastStatus === 'STOPPED' ? t.lastStatus : 'PENDING',
      exitCode: t.lastStatus === 'STOPPED' && t.startedAt ? 137 : undefined,
      networkInterfaces: fargate
        ? [{ attachmentId: `eni-attach-${t.id.slice(0, 8)}`, privateIpv4Address: t.privateIp }]
        : [],
      healthStatus: 'UNKNOWN',
      cpu: c.cpu !== undefined ? String(c.cpu) : undefined,
      memory: c.memory !== undefined ? String(c.memory) : undefined,
    })),
    cpu: t.cpu,
    memory: t.memory,
    createdAt: new Date(t.created),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: false,
    group: t.group,
    healthStatus: 'UNKNOWN',
    lastStatus: t.lastStatus,
    launchType: t.launchType,
    platformVersion: fargate ? '1.4.0' : undefined,
    platformFamily: fargate ? 'Linux' : undefined,
    startedAt: t.startedAt !== undefined ? new Date(t.startedAt) : undefined,
    startedBy: t.startedBy,
    stopCode: t.desiredStatus === 'STOPPED' ? (t.stopCode as Task['stopCode']) : undefined,
    stoppedAt: t.stoppedAt !== undefined ? new Date(t.stoppedAt) : undefined,
    stoppedReason: t.stoppedReason,
    stoppingAt: t.stoppingAt !== undefined ? new Date(t.stoppingAt) : undefined,
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinition,
    version: t.version,
    tags: include.includes('TAGS') ? t.tags.map((x) => ({ ...x })) : undefined,
  };
}

/** A container instance as DescribeContainerInstances returns it. */
export function toContainerInstance(
  world: World,
  ci: ContainerInstanceRec,
  include: string[] = [],
): ContainerInstance {
  const free = remaining(world, ci);
  let running = 0;
  let pending = 0;
  for (const t of world.tasks.values()) {
    if (t.containerInstance !== ci.arn) continue;
    if (t.lastStatus === 'RUNNING') running++;
    else if (t.lastStatus === 'PENDING') pending++;
  }
  const inst = world.instances.get(ci.ec2InstanceId);
  const res = (cpu: number, memory: number) => [
    { name: 'CPU', type: 'INTEGER', integerValue: cpu, doubleValue: 0, longValue: 0 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: memory, doubleValue: 0, longValue: 0 },
    {
      name: 'PORTS',
      type: 'STRINGSET',
      stringSetValue: ['22', '2375', '2376', '51678', '51679'],
      doubleValue: 0,
      longValue: 0,
      integerValue: 0,
    },
  ];
  return {
    containerInstanceArn: ci.arn,
    ec2InstanceId: ci.ec2InstanceId,
    version: ci.version,
    versionInfo: { agentVersion: '1.80.0', agentHash: 'a1b2c3d4', dockerVersion: 'DockerVersion: 20.10.25' },
    remainingResources: res(free.cpu, free.memory),
    registeredResources: res(ci.cpu, ci.memory),
    status: ci.status,
    agentConnected: agentConnected(world, ci),
    runningTasksCount: running,
    pendingTasksCount: pending,
    attributes: [
      { name: 'ecs.availability-zone', value: ci.az },
      { name: 'ecs.instance-type', value: inst?.type ?? 't3.medium' },
      { name: 'ecs.os-type', value: 'linux' },
    ],
    registeredAt: new Date(ci.registered),
    tags: include.includes('TAGS') ? ci.tags.map((t) => ({ ...t })) : undefined,
  };
}
