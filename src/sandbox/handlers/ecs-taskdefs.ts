// ECS task definitions: register (revisions increment), describe, list, deregister.
import type { RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { SandboxError } from '../errors.js';
import type { TaskDefRec } from '../model-ecs.js';
import type { World } from '../world.js';
import type { Ctx, HandlerTable } from './types.js';

/** The task definition a reference names (family, family:revision or ARN), or ClientException. */
export function taskDefOf(world: World, ref: string | undefined): TaskDefRec {
  if (!ref) throw new SandboxError('InvalidParameterException', 'TaskDefinition can not be blank.');
  const tail = ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  const [family, rev] = tail.split(':');
  let found: TaskDefRec | undefined;
  for (const td of world.taskDefs.values())
    if (
      td.family === family &&
      td.status === 'ACTIVE' &&
      (rev ? td.revision === Number(rev) : !found || td.revision > found.revision)
    )
      found = td;
  if (!found) throw new SandboxError('ClientException', 'TaskDefinition not found.');
  return found;
}

function registerTaskDefinition({ world, now }: Ctx, input: RegisterTaskDefinitionRequest): object {
  const family = input.family ?? '';
  if (!/^[a-zA-Z0-9_-]{1,255}$/.test(family))
    throw new SandboxError('ClientException', 'Family contains invalid characters.');
  if (!input.containerDefinitions?.length)
    throw new SandboxError('ClientException', 'Container list cannot be empty.');
  const compat = input.requiresCompatibilities ?? ['EC2'];
  if (compat.includes('FARGATE') && (!input.cpu || !input.memory))
    throw new SandboxError('ClientException', "Fargate requires that 'cpu' be defined at the task level.");
  let revision = 1;
  for (const td of world.taskDefs.values())
    if (td.family === family) revision = Math.max(revision, td.revision + 1);
  const containers = input.containerDefinitions.map((c) => ({
    name: c.name ?? 'app',
    image: c.image ?? 'nginx',
    cpu: c.cpu,
    memory: c.memory,
    essential: c.essential ?? true,
  }));
  const rec: TaskDefRec = {
    family,
    revision,
    arn: world.arn('ecs', `task-definition/${family}:${revision}`),
    cpu: input.cpu ?? String(containers.reduce((n, c) => n + (c.cpu ?? 0), 0) || 256),
    memory: input.memory ?? String(containers.reduce((n, c) => n + (c.memory ?? 0), 0) || 512),
    networkMode: input.networkMode ?? (compat.includes('FARGATE') ? 'awsvpc' : 'bridge'),
    compat,
    containers,
    status: 'ACTIVE',
    registered: now,
    tags: (input.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
  };
  world.taskDefs.set(rec.arn, rec);
  return { taskDefinition: toTaskDef(rec), tags: rec.tags };
}

function toTaskDef(td: TaskDefRec) {
  return {
    taskDefinitionArn: td.arn,
    family: td.family,
    revision: td.revision,
    status: td.status,
    cpu: td.cpu,
    memory: td.memory,
    networkMode: td.networkMode,
    requiresCompatibilities: td.compat,
    compatibilities: td.compat,
    containerDefinitions: td.containers.map((c) => ({
      ...c,
      portMappings: [],
      environment: [],
      mountPoints: [],
      volumesFrom: [],
    })),
    registeredAt: new Date(td.registered),
    volumes: [],
    placementConstraints: [],
  };
}

/** The task-definition operations (merged into the ECS table). */
export const ecsTaskDefHandlers: HandlerTable = {
  RegisterTaskDefinition: registerTaskDefinition,
  DescribeTaskDefinition: ({ world }, input) => {
    const td = taskDefOf(world, input.taskDefinition);
    return { taskDefinition: toTaskDef(td), tags: input.include?.includes('TAGS') ? td.tags : undefined };
  },
  ListTaskDefinitions: ({ world }, input) => ({
    taskDefinitionArns: [...world.taskDefs.values()]
      .filter(
        (t) =>
          (!input.familyPrefix || t.family.startsWith(input.familyPrefix)) &&
          t.status === (input.status ?? 'ACTIVE'),
      )
      .map((t) => t.arn),
  }),
  DeregisterTaskDefinition: ({ world }, input) => {
    const td = taskDefOf(world, input.taskDefinition);
    td.status = 'INACTIVE';
    return { taskDefinition: toTaskDef(td) };
  },
};
