// The ECS service scheduler: keeps each service at its desired count, replaces stopped tasks after
// a short delay, moves tasks off DRAINING container instances and old deployments within the
// service's minimum-healthy / maximum percent, and writes the service events ECS writes.
import { startTask, stopTask } from '../ecs-ops.js';
import type { ServiceRec, TaskRec } from '../model-ecs.js';
import type { World } from '../world.js';

/** How long the scheduler takes to notice a missing task and start a replacement. */
export const RESCHEDULE_DELAY_MS = 10_000;

/** Adds a service event (newest first, at most 100, as DescribeServices shows them). */
export function serviceEvent(world: World, svc: ServiceRec, now: number, message: string): void {
  svc.events.unshift({ id: world.rng.uuid(), createdAt: now, message: `(service ${svc.name}) ${message}` });
  if (svc.events.length > 100) svc.events.length = 100;
}

function retiring(world: World, svc: ServiceRec, task: TaskRec): boolean {
  const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
  if (task.deployment && primary && task.deployment !== primary.id) return true;
  const ci = task.containerInstance ? world.containerInstances.get(task.containerInstance) : undefined;
  return ci?.status === 'DRAINING';
}

/** One scheduler pass over one service. */
export function scheduleService(world: World, svc: ServiceRec, now: number, mine?: TaskRec[]): void {
  const own = mine ?? [...world.tasks.values()].filter((t) => t.service === svc.arn);
  const taskDef = world.taskDefs.get(svc.taskDefinition);
  const live = own.filter((t) => t.desiredStatus === 'RUNNING');
  const old = live.filter((t) => retiring(world, svc, t));
  const keep = live.filter((t) => !old.includes(t));
  const desired = svc.status === 'ACTIVE' ? svc.desired : 0;
  const cap = Math.max(desired, Math.floor((desired * svc.maxPercent) / 100));
  const minHealthy = Math.ceil((desired * svc.minHealthyPercent) / 100);
  const primary = svc.deployments.find((d) => d.status === 'PRIMARY');

  if (keep.length < desired && taskDef && svc.status === 'ACTIVE') {
    svc.deficitSince ??= now;
    if (now - svc.deficitSince >= RESCHEDULE_DELAY_MS || keep.length === 0) {
      const room = Math.max(0, Math.min(desired - keep.length, cap - live.length));
      const started: TaskRec[] = [];
      let failure: string | undefined;
      for (let n = 0; n < room; n++) {
        const r = startTask(
          world,
          {
            cluster: svc.cluster,
            taskDef,
            launchType: svc.launchType,
            group: `service:${svc.name}`,
            startedBy: primary?.id,
            service: svc,
            azs: azsOf(world, svc),
          },
          now,
        );
        if (typeof r === 'string') {
          failure = r;
          break;
        }
        started.push(r);
        keep.push(r);
        live.push(r);
      }
      if (started.length)
        serviceEvent(
          world,
          svc,
          now,
          `has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(' ')}.`,
        );
      if (failure)
        serviceEvent(
          world,
          svc,
          now,
          `was unable to place a task because no container instance met all of its requirements. Reason: ${failure.startsWith('RESOURCE') ? 'No Container Instances in your cluster have enough resources available.' : failure}`,
        );
      if (keep.length >= desired) svc.deficitSince = undefined;
    }
  } else svc.deficitSince = undefined;

  const stopped: TaskRec[] = [];
  if (old.length) {
    let running = live.filter((t) => t.lastStatus === 'RUNNING').length;
    for (const t of old) {
      if (running - (t.lastStatus === 'RUNNING' ? 1 : 0) < minHealthy) continue;
      const draining =
        t.containerInstance && world.containerInstances.get(t.containerInstance)?.status === 'DRAINING';
      stopTask(
        t,
        now,
        draining
          ? 'Service ECS: container instance is in DRAINING state'
          : `Scaling activity initiated by (deployment ${t.deployment})`,
        'ServiceSchedulerInitiated',
      );
      if (t.lastStatus === 'RUNNING') running--;
      stopped.push(t);
    }
  }
  if (keep.length > desired) {
    const extra = [...keep].sort(
      (a, b) =>
        (a.lastStatus === 'RUNNING' ? 1 : 0) - (b.lastStatus === 'RUNNING' ? 1 : 0) || b.created - a.created,
    );
    for (const t of extra.slice(0, keep.length - desired)) {
      stopTask(
        t,
        now,
        `Scaling activity initiated by (deployment ${t.deployment ?? primary?.id})`,
        'ServiceSchedulerInitiated',
      );
      stopped.push(t);
    }
  }
  if (stopped.length)
    serviceEvent(
      world,
      svc,
      now,
      `has stopped ${stopped.length} running tasks: ${stopped.map((t) => `(task ${t.id})`).join(' ')}.`,
    );

  const all = own.concat(keep.filter((t) => !own.includes(t)));
  const serving = all.filter((t) => t.desiredStatus === 'RUNNING' && !retiring(world, svc, t));
  const leftovers = all.some((t) => t.lastStatus !== 'STOPPED' && retiring(world, svc, t));
  for (const d of svc.deployments) if (d.status !== 'PRIMARY' && !leftovers) d.status = 'INACTIVE';
  svc.deployments = svc.deployments.filter((d) => d.status !== 'INACTIVE');
  const steady =
    serving.length === desired &&
    serving.every((t) => t.lastStatus === 'RUNNING') &&
    svc.deployments.length === 1;
  if (primary && steady && primary.rollout !== 'COMPLETED') {
    primary.rollout = 'COMPLETED';
    primary.updated = now;
  }
  if (steady && !svc.steady && svc.status === 'ACTIVE')
    serviceEvent(world, svc, now, 'has reached a steady state.');
  svc.steady = steady;
  if (svc.status === 'DRAINING' && !all.some((t) => t.lastStatus !== 'STOPPED')) svc.status = 'INACTIVE';
}

function azsOf(world: World, svc: ServiceRec): string[] {
  const azs = svc.subnets.map((s) => world.subnets.get(s)?.az).filter((a): a is string => Boolean(a));
  return azs.length ? [...new Set(azs)] : world.azs;
}

/** The dynamics entry: schedule every service that is not INACTIVE. */
export function ecsScheduler(world: World, t: number): void {
  const byService = new Map<string, TaskRec[]>();
  for (const task of world.tasks.values()) {
    if (!task.service) continue;
    const list = byService.get(task.service);
    if (list) list.push(task);
    else byService.set(task.service, [task]);
  }
  for (const svc of world.services.values())
    if (svc.status !== 'INACTIVE') scheduleService(world, svc, t, byService.get(svc.arn) ?? []);
}
