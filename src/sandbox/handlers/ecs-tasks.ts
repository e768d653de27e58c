// ECS operations on tasks, container instances and tags.
import type {
  DescribeContainerInstancesRequest,
  DescribeTasksRequest,
  ListContainerInstancesRequest,
  ListTasksRequest,
  RegisterContainerInstanceRequest,
  RunTaskRequest,
  StopTaskRequest,
  UpdateContainerInstancesStateRequest,
} from '@aws-sdk/client-ecs';
import { startTask, stopTask } from '../ecs-ops.js';
import { SandboxError } from '../errors.js';
import type { EcsTag, TaskRec } from '../model-ecs.js';
import { page } from '../paging.js';
import { clusterName, type World } from '../world.js';
import {
  badEcsToken,
  ecsMaxResults,
  findContainerInstance,
  findService,
  findTask,
  requireCluster,
  toContainerInstance,
  toTask,
} from './ecs-shapes.js';
import { taskDefOf } from './ecs-taskdefs.js';
import type { Ctx, HandlerTable } from './types.js';

/** Tasks grouped by cluster ARN (one pass, reused by every ListTasks page of the same version). */
function tasksByCluster(world: World): Map<string, TaskRec[]> {
  const out = new Map<string, TaskRec[]>();
  for (const t of world.tasks.values()) {
    const list = out.get(t.cluster);
    if (list) list.push(t);
    else out.set(t.cluster, [t]);
  }
  return out;
}

function listTasks({ world }: Ctx, input: ListTasksRequest): object {
  const c = requireCluster(world, input.cluster);
  const size = ecsMaxResults(input.maxResults, 100);
  const desired = input.desiredStatus ?? 'RUNNING';
  let svcArn: string | undefined;
  if (input.serviceName) {
    const s = findService(world, c, input.serviceName);
    if (!s) throw new SandboxError('ServiceNotFoundException', 'Service not found.');
    svcArn = s.arn;
  }
  let ciArn: string | undefined;
  if (input.containerInstance) {
    const ci = findContainerInstance(world, c, input.containerInstance);
    if (!ci)
      throw new SandboxError('InvalidParameterException', 'The referenced container instance was not found.');
    ciArn = ci.arn;
  }
  const inCluster = world.memo('tasksByCluster', () => tasksByCluster(world)).get(c.arn) ?? [];
  const all = inCluster.filter(
    (t) =>
      t.desiredStatus === desired &&
      (!svcArn || t.service === svcArn) &&
      (!ciArn || t.containerInstance === ciArn) &&
      (!input.startedBy || t.startedBy === input.startedBy) &&
      (!input.launchType || t.launchType === input.launchType) &&
      (!input.family || world.taskDefs.get(t.taskDefinition)?.family === input.family),
  );
  const scope = `lt:${c.arn}:${desired}:${svcArn ?? ''}:${ciArn ?? ''}:${input.startedBy ?? ''}:${input.family ?? ''}`;
  const { items, next } = page(all, size, input.nextToken, scope, badEcsToken);
  return { taskArns: items.map((t) => t.arn), nextToken: next };
}

function describeTasks({ world }: Ctx, input: DescribeTasksRequest): object {
  const c = requireCluster(world, input.cluster);
  const refs = input.tasks ?? [];
  if (!refs.length) throw new SandboxError('InvalidParameterException', 'Tasks cannot be empty.');
  if (refs.length > 100)
    throw new SandboxError('InvalidParameterException', 'Tasks cannot have more than 100 elements');
  const tasks = [];
  const failures = [];
  for (const ref of refs) {
    const t = findTask(world, c, ref);
    if (t) tasks.push(toTask(world, t, input.include));
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : world.arn('ecs', `task/${c.name}/${ref}`),
        reason: 'MISSING',
      });
  }
  return { tasks, failures };
}

function stop({ world, now }: Ctx, input: StopTaskRequest): object {
  const c = requireCluster(world, input.cluster);
  const t = input.task ? findTask(world, c, input.task) : undefined;
  if (!t) throw new SandboxError('InvalidParameterException', 'The referenced task was not found.');
  stopTask(t, now, input.reason ?? 'Task stopped by user');
  return { task: toTask(world, t) };
}

function runTask({ world, now }: Ctx, input: RunTaskRequest): object {
  const c = requireCluster(world, input.cluster);
  const td = taskDefOf(world, input.taskDefinition);
  const count = input.count ?? 1;
  if (count < 1 || count > 10)
    throw new SandboxError('InvalidParameterException', 'Count must be between 1 and 10.');
  const launchType =
    input.launchType === 'FARGATE' ||
    (!input.launchType && td.compat.includes('FARGATE') && !td.compat.includes('EC2'))
      ? 'FARGATE'
      : 'EC2';
  const subnets = input.networkConfiguration?.awsvpcConfiguration?.subnets ?? [];
  if (launchType === 'FARGATE' && !subnets.length)
    throw new SandboxError(
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
  const azs = subnets.map((s) => world.subnets.get(s)?.az).filter((a): a is string => Boolean(a));
  const tasks = [];
  const failures = [];
  for (let n = 0; n < count; n++) {
    const r = startTask(
      world,
      {
        cluster: c.arn,
        taskDef: td,
        launchType,
        group: input.group ?? `family:${td.family}`,
        startedBy: input.startedBy,
        azs: azs.length ? azs : world.azs,
        tags: input.tags?.map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
      },
      now,
    );
    if (typeof r === 'string') failures.push({ reason: r });
    else tasks.push(toTask(world, r, ['TAGS']));
  }
  return { tasks, failures };
}

function listContainerInstances({ world }: Ctx, input: ListContainerInstancesRequest): object {
  const c = requireCluster(world, input.cluster);
  const size = ecsMaxResults(input.maxResults, 100);
  const all = [...world.containerInstances.values()].filter(
    (ci) => ci.cluster === c.arn && (input.status ? ci.status === input.status : ci.status !== 'INACTIVE'),
  );
  const { items, next } = page(all, size, input.nextToken, `lci:${c.arn}:${input.status ?? ''}`, badEcsToken);
  return { containerInstanceArns: items.map((ci) => ci.arn), nextToken: next };
}

function describeContainerInstances({ world }: Ctx, input: DescribeContainerInstancesRequest): object {
  const c = requireCluster(world, input.cluster);
  const refs = input.containerInstances ?? [];
  if (!refs.length)
    throw new SandboxError('InvalidParameterException', 'Container instances cannot be empty.');
  if (refs.length > 100)
    throw new SandboxError(
      'InvalidParameterException',
      'Container instances cannot have more than 100 elements',
    );
  const containerInstances = [];
  const failures = [];
  for (const ref of refs) {
    const ci = findContainerInstance(world, c, ref);
    if (ci) containerInstances.push(toContainerInstance(world, ci, input.include));
    else failures.push({ arn: ref, reason: 'MISSING' });
  }
  return { containerInstances, failures };
}

function updateState({ world }: Ctx, input: UpdateContainerInstancesStateRequest): object {
  const c = requireCluster(world, input.cluster);
  if (input.status !== 'ACTIVE' && input.status !== 'DRAINING')
    throw new SandboxError(
      'InvalidParameterException',
      'Container instance status must be ACTIVE or DRAINING.',
    );
  const refs = input.containerInstances ?? [];
  if (refs.length > 10)
    throw new SandboxError(
      'InvalidParameterException',
      'Container instances cannot have more than 10 elements',
    );
  const containerInstances = [];
  const failures = [];
  for (const ref of refs) {
    const ci = findContainerInstance(world, c, ref);
    if (!ci) {
      failures.push({ arn: ref, reason: 'MISSING' });
      continue;
    }
    if (ci.status !== input.status) {
      ci.status = input.status;
      ci.version++;
    }
    containerInstances.push(toContainerInstance(world, ci));
  }
  return { containerInstances, failures };
}

function registerContainerInstance({ world, now }: Ctx, input: RegisterContainerInstanceRequest): object {
  const c = requireCluster(world, input.cluster);
  let instanceId: string | undefined;
  try {
    instanceId = (JSON.parse(input.instanceIdentityDocument ?? '{}') as { instanceId?: string }).instanceId;
  } catch {
    throw new SandboxError('ClientException', 'instanceIdentityDocument is not valid JSON.');
  }
  const inst = instanceId ? world.instances.get(instanceId) : undefined;
  if (!inst)
    throw new SandboxError(
      'ClientException',
      `EC2 instance ${instanceId ?? '(none)'} was not found for the identity document.`,
    );
  const id = world.rng.hex(32);
  const ci = {
    arn: world.arn('ecs', `container-instance/${c.name}/${id}`),
    id,
    cluster: c.arn,
    ec2InstanceId: inst.id,
    status: 'ACTIVE' as const,
    cpu: 2048,
    memory: 3904,
    az: inst.az,
    registered: now,
    version: 1,
    tags: (input.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
  };
  world.containerInstances.set(ci.arn, ci);
  return { containerInstance: toContainerInstance(world, ci) };
}

function deregisterContainerInstance(
  { world, now }: Ctx,
  input: { cluster?: string; containerInstance?: string; force?: boolean },
): object {
  const c = requireCluster(world, input.cluster);
  const ci = input.containerInstance ? findContainerInstance(world, c, input.containerInstance) : undefined;
  if (!ci)
    throw new SandboxError('InvalidParameterException', 'The referenced container instance was not found.');
  const onIt = [...world.tasks.values()].filter(
    (t) => t.containerInstance === ci.arn && t.desiredStatus === 'RUNNING',
  );
  if (onIt.length && !input.force)
    throw new SandboxError('InvalidParameterException', 'Found running tasks on the instance.');
  for (const t of onIt) stopTask(t, now, 'Container instance deregistration forced by user', 'UserInitiated');
  ci.status = 'INACTIVE';
  ci.version++;
  const out = toContainerInstance(world, ci);
  world.containerInstances.delete(ci.arn);
  return { containerInstance: out };
}

/** The tag list behind an ECS ARN (cluster, service, task, container instance, task definition). */
function tagsOf(world: World, arn: string | undefined): EcsTag[] {
  const ref = arn ?? '';
  const kind = /^arn:aws:ecs:[^:]+:\d+:([a-z-]+)\//.exec(ref)?.[1];
  const found =
    kind === 'cluster'
      ? world.clusters.get(clusterName(ref))
      : kind === 'service'
        ? world.services.get(ref)
        : kind === 'task'
          ? world.tasks.get(ref)
          : kind === 'container-instance'
            ? world.containerInstances.get(ref)
            : kind === 'task-definition'
              ? world.taskDefs.get(ref)
              : undefined;
  if (!found)
    throw new SandboxError('InvalidParameterException', 'The specified resource could not be found.');
  return found.tags;
}

/** The task, container instance and tag operations (merged into the ECS table). */
export const ecsTaskHandlers: HandlerTable = {
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  StopTask: stop,
  RunTask: runTask,
  ListContainerInstances: listContainerInstances,
  DescribeContainerInstances: describeContainerInstances,
  UpdateContainerInstancesState: updateState,
  RegisterContainerInstance: registerContainerInstance,
  DeregisterContainerInstance: deregisterContainerInstance,
  ListTagsForResource: ({ world }, input) => ({
    tags: tagsOf(world, input.resourceArn).map((t) => ({ ...t })),
  }),
  TagResource: ({ world }, input) => {
    const tags = tagsOf(world, input.resourceArn);
    for (const t of input.tags ?? []) {
      const e = tags.find((x) => x.key === t.key);
      if (e) e.value = t.value ?? '';
      else tags.push({ key: t.key ?? '', value: t.value ?? '' });
    }
    return {};
  },
  UntagResource: ({ world }, input) => {
    const tags = tagsOf(world, input.resourceArn);
    const keep = tags.filter((t) => !(input.tagKeys ?? []).includes(t.key));
    tags.splice(0, tags.length, ...keep);
    return {};
  },
};
