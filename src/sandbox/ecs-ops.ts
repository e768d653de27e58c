// ECS state changes shared by the API handlers and the service scheduler: placing and starting
// tasks, stopping them, and the task lifecycle tick (PROVISIONING → RUNNING → ... → STOPPED).
import type { ContainerInstanceRec, ServiceRec, TaskDefRec, TaskRec } from './model-ecs.js';
import type { World } from './world.js';

/** Where and how to start a task. */
export interface TaskSpec {
  cluster: string;
  taskDef: TaskDefRec;
  launchType: 'FARGATE' | 'EC2';
  group: string;
  startedBy?: string;
  service?: ServiceRec;
  /** Fargate: the zones the task may run in (from the subnets). */
  azs: string[];
  tags?: { key: string; value: string }[];
  /** Presets start tasks already RUNNING. */
  running?: boolean;
  /** A zone chosen by the caller (presets spread tasks without scanning every task). */
  az?: string;
}

/** CPU/memory a container instance still has free (tasks not yet STOPPED hold their share). */
export function remaining(
  world: World,
  ci: ContainerInstanceRec,
): { cpu: number; memory: number; tasks: number } {
  let cpu = ci.cpu;
  let memory = ci.memory;
  let tasks = 0;
  for (const t of world.tasks.values()) {
    if (t.containerInstance !== ci.arn || t.lastStatus === 'STOPPED') continue;
    cpu -= Number(t.cpu);
    memory -= Number(t.memory);
    tasks++;
  }
  return { cpu, memory, tasks };
}

/** Whether the EC2 instance behind a container instance is up (its agent is connected). */
export function agentConnected(world: World, ci: ContainerInstanceRec): boolean {
  return world.instances.get(ci.ec2InstanceId)?.state === 'running';
}

/** Picks a container instance for an EC2 task: ACTIVE, connected, with room; spread over AZs then hosts. */
export function placeOnInstance(world: World, spec: TaskSpec): ContainerInstanceRec | undefined {
  const cpu = Number(spec.taskDef.cpu);
  const memory = Number(spec.taskDef.memory);
  const perAz = new Map<string, number>();
  const perHost = new Map<string, number>();
  for (const t of world.tasks.values()) {
    if (t.desiredStatus !== 'RUNNING' || t.group !== spec.group || t.cluster !== spec.cluster) continue;
    perAz.set(t.az, (perAz.get(t.az) ?? 0) + 1);
    if (t.containerInstance) perHost.set(t.containerInstance, (perHost.get(t.containerInstance) ?? 0) + 1);
  }
  let best: ContainerInstanceRec | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const ci of world.containerInstances.values()) {
    if (ci.cluster !== spec.cluster || ci.status !== 'ACTIVE' || !agentConnected(world, ci)) continue;
    const free = remaining(world, ci);
    if (free.cpu < cpu || free.memory < memory) continue;
    const score = (perAz.get(ci.az) ?? 0) * 1e6 + (perHost.get(ci.arn) ?? 0) * 1e3 + free.tasks;
    if (score < bestScore) {
      best = ci;
      bestScore = score;
    }
  }
  return best;
}

/** Starts one task, or returns the reason it cannot be placed. */
export function startTask(world: World, spec: TaskSpec, now: number): TaskRec | string {
  let ci: ContainerInstanceRec | undefined;
  let az: string;
  if (spec.launchType === 'EC2') {
    const any = [...world.containerInstances.values()].some((c) => c.cluster === spec.cluster);
    ci = placeOnInstance(world, spec);
    if (!ci) return any ? 'RESOURCE:CPU' : 'No Container Instances were found in your cluster.';
    az = ci.az;
  } else if (spec.az) {
    az = spec.az;
  } else {
    const counts = new Map(spec.azs.map((a) => [a, 0]));
    for (const t of world.tasks.values())
      if (
        t.desiredStatus === 'RUNNING' &&
        t.group === spec.group &&
        t.cluster === spec.cluster &&
        counts.has(t.az)
      )
        counts.set(t.az, counts.get(t.az)! + 1);
    az = [...counts.entries()].sort((a, b) => a[1] - b[1])[0]?.[0] ?? world.azs[0]!;
  }
  const id = world.rng.hex(32);
  const clusterName = spec.cluster.slice(spec.cluster.lastIndexOf('/') + 1);
  const task: TaskRec = {
    arn: world.arn('ecs', `task/${clusterName}/${id}`),
    id,
    cluster: spec.cluster,
    taskDefinition: spec.taskDef.arn,
    group: spec.group,
    startedBy: spec.startedBy,
    service: spec.service?.arn,
    deployment: spec.service?.deployments.find((d) => d.status === 'PRIMARY')?.id,
    lastStatus: spec.running ? 'RUNNING' : spec.launchType === 'FARGATE' ? 'PROVISIONING' : 'PENDING',
    desiredStatus: 'RUNNING',
    launchType: spec.launchType,
    az,
    containerInstance: ci?.arn,
    cpu: spec.taskDef.cpu,
    memory: spec.taskDef.memory,
    created: now,
    startedAt: spec.running ? now : undefined,
    transitionAt: spec.running ? undefined : now + 10_000,
    privateIp: world.nextIp(),
    version: 1,
    tags: (spec.tags ?? []).map((t) => ({ ...t })),
  };
  world.tasks.set(task.arn, task);
  return task;
}

/** StopTask (or the scheduler) on one task: desired STOPPED now, the task winds down over ~30 s. */
export function stopTask(task: TaskRec, now: number, reason: string, stopCode = 'UserInitiated'): void {
  if (task.desiredStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.stoppedReason = reason;
  task.stopCode = stopCode;
  task.stoppingAt = now;
  task.transitionAt = now + 10_000;
  task.version++;
}

const NEXT_UP: Partial<Record<TaskRec['lastStatus'], TaskRec['lastStatus']>> = {
  PROVISIONING: 'PENDING',
  PENDING: 'RUNNING',
  ACTIVATING: 'RUNNING',
};
const NEXT_DOWN: Partial<Record<TaskRec['lastStatus'], TaskRec['lastStatus']>> = {
  RUNNING: 'DEACTIVATING',
  DEACTIVATING: 'STOPPING',
  STOPPING: 'DEPROVISIONING',
  DEPROVISIONING: 'STOPPED',
  PROVISIONING: 'STOPPED',
  PENDING: 'STOPPED',
  ACTIVATING: 'STOPPED',
};

/** The tick that moves tasks along their lifecycle and stops tasks whose host went away. */
export function ecsTaskLifecycle(world: World, t: number): void {
  for (const task of world.tasks.values()) {
    if (task.purgeAt !== undefined && task.purgeAt <= t) {
      world.tasks.delete(task.arn);
      continue;
    }
    if (task.containerInstance && task.desiredStatus === 'RUNNING') {
      const ci = world.containerInstances.get(task.containerInstance);
      if (!ci || !agentConnected(world, ci)) {
        const host = ci ? world.instances.get(ci.ec2InstanceId) : undefined;
        stopTask(
          task,
          t,
          `Host EC2 (instance ${ci?.ec2InstanceId ?? 'unknown'}) ${host?.state === 'stopped' || host?.state === 'stopping' ? 'stopped' : 'terminated'}.`,
          'TerminationNotice',
        );
      }
    }
    if (task.transitionAt === undefined || task.transitionAt > t) continue;
    const next = task.desiredStatus === 'STOPPED' ? NEXT_DOWN[task.lastStatus] : NEXT_UP[task.lastStatus];
    if (!next) {
      task.transitionAt = undefined;
      continue;
    }
    task.lastStatus = next === 'DEPROVISIONING' && task.launchType === 'EC2' ? 'STOPPED' : next;
    task.version++;
    if (task.lastStatus === 'RUNNING') {
      task.startedAt = t;
      task.transitionAt = undefined;
    } else if (task.lastStatus === 'STOPPED') {
      task.stoppedAt = t;
      task.transitionAt = undefined;
      task.purgeAt = t + 3600_000;
    } else task.transitionAt = t + 10_000;
  }
}
