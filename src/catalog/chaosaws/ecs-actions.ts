// chaosaws.ecs.actions: stop tasks, delete services and clusters, deregister container instances;
// the service settings, tags and container-instance state are in ecs-service.ts.
import type { AwsResponse } from '../../aws/ops/call.js';
import { optNum, optStr, str, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';
import { arnTail, ecsTarget, listServices, listTasks, validateEcs } from './ecs-common.js';
import { ECS_SERVICE_ACTIONS } from './ecs-service.js';

const M = 'chaosaws.ecs.actions';
const CLUSTER = req('cluster', 'str', 'cluster name or ARN');
const _SERVICE = req('service', 'str', 'service name');
const REASON = opt('reason', 'Chaos Testing', 'str', 'why the task is stopped (shown in ECS)');
const SERVICES = ['services'];

/** The chaosaws.ecs.actions entries. */
export const ECS_ACTIONS: EntrySpec[] = [
  {
    module: M,
    func: 'stop_random_tasks',
    kind: 'action',
    title: 'Stop random tasks',
    targetKind: 'ECS tasks',
    appliesTo: ['clusters', 'services'],
    summary:
      'Stops a random count or percentage (seeded) of RUNNING tasks of the cluster (optionally filtered by service). Returns [{"Task_Id", "Desired_Status"}].',
    undo: 'no undo: a stopped task is gone (the service scheduler starts a replacement)',
    dryRun: 'plan',
    params: [
      CLUSTER,
      opt('task_count', null, 'int', 'how many tasks'),
      opt('task_percent', null, 'int', 'percentage of the running tasks (rounded down)'),
      opt('service', null, 'str', 'only tasks of this service (a ListTasks filter)'),
      REASON,
    ],
    fis: 'aws:ecs:stop-task',
    compat:
      'compatible: service is only a ListTasks filter (A4), so on moto it can stop unrelated tasks; gameday.actions.ecs_stop_tasks stops only tasks whose group is service:<name>',
    async impl(a, run) {
      if (truthy(a.task_count) === truthy(a.task_percent))
        throw new ActivityFailed('Must specify one of "task_count", "task_percent"');
      const cluster = str(a, 'cluster');
      const service = optStr(a, 'service');
      const scope = await validateEcs(run.aws, cluster, service);
      const tasks = await listTasks(run.aws, { cluster, service, running: true });
      let count = optNum(a, 'task_count') ?? 0;
      const pct = optNum(a, 'task_percent');
      if (pct) count = Math.trunc((tasks.length * pct) / 100);
      if (tasks.length < count)
        throw new ActivityFailed(
          `Not enough running tasks in ${cluster} to satisfy stop count ${count} (${tasks.length})`,
        );
      const rng = run.rng();
      const chosen = rng.sample(tasks, count);
      const targets = chosen.map((t) => ecsTarget('tasks', t, scope));
      await run.attack.recordSelection({
        quantity: pct ? `PERCENT(${pct})` : `COUNT(${count})`,
        seed: rng.seed,
        candidates: tasks,
        chosen: targets,
      });
      await run.attack.admit(targets);
      const out = [];
      for (const task of chosen) {
        const res = (await run.attack.mutate({
          targets: [ecsTarget('tasks', task, scope)],
          call: {
            service: 'ecs',
            operation: 'StopTask',
            input: { cluster, task, reason: a.reason ?? 'Chaos Testing' },
          },
          undo: null,
        })) as AwsResponse;
        out.push(res.dryRun ? res : { Task_Id: res.task?.taskArn, Desired_Status: res.task?.desiredStatus });
      }
      return out;
    },
  },
  {
    module: M,
    func: 'stop_task',
    kind: 'action',
    title: 'Stop a task',
    targetKind: 'ECS task',
    appliesTo: ['tasks', 'services'],
    summary:
      'Stops the given task, or a random (seeded) task of the service. Returns the raw StopTask response.',
    undo: 'no undo: a stopped task is gone (the service scheduler starts a replacement)',
    dryRun: 'plan',
    params: [
      opt('cluster', null, 'str', 'cluster (the default cluster when omitted)'),
      opt('task_id', null, 'str', 'the task to stop'),
      opt('service', null, 'str', 'pick a random task of this service'),
      REASON,
    ],
    fis: 'aws:ecs:stop-task',
    async impl(a, run) {
      const cluster = optStr(a, 'cluster');
      const service = optStr(a, 'service');
      let task = optStr(a, 'task_id');
      const scope = await validateEcs(run.aws, cluster ?? 'default', task ? undefined : service);
      if (!task && service) {
        const tasks = await listTasks(run.aws, { cluster, service });
        if (tasks.length === 0) throw new ActivityFailed(`No ECS tasks found for service: ${service}`);
        const rng = run.rng();
        const arn = rng.choice(tasks);
        await run.attack.recordSelection({
          quantity: 'COUNT(1)',
          seed: rng.seed,
          candidates: tasks,
          chosen: [ecsTarget('tasks', arn, scope)],
        });
        task = arnTail(arn);
      }
      return run.attack.mutate({
        targets: [ecsTarget('tasks', String(task), scope)],
        call: {
          service: 'ecs',
          operation: 'StopTask',
          input: { cluster, task, reason: a.reason ?? 'Chaos Testing' },
        },
        undo: null,
      });
    },
  },
  {
    module: M,
    func: 'delete_service',
    kind: 'action',
    title: 'Delete a service',
    targetKind: 'ECS service',
    appliesTo: SERVICES,
    summary:
      'Scales the service to 0 and deletes it; without a service, picks a random (seeded) one matching service_pattern.',
    undo: 'no undo: a deleted service is gone',
    dryRun: 'plan',
    params: [
      opt('service', null, 'str', 'the service (random when omitted)'),
      opt('cluster', null, 'str', 'cluster (default when omitted)'),
      opt('service_pattern', null, 'str', 'regex the random pick must match'),
    ],
    async impl(a, run) {
      const cluster = optStr(a, 'cluster');
      let service = optStr(a, 'service');
      if (!service) {
        let arns = await listServices(run.aws, cluster);
        if (arns.length === 0)
          throw new ActivityFailed(`No ECS services found in cluster: ${cluster ?? 'None'}`);
        const pattern = optStr(a, 'service_pattern');
        if (pattern) {
          const re = new RegExp(pattern);
          arns = arns.filter((s) => re.test(s));
          if (arns.length === 0) throw new ActivityFailed(`No ECS services matching pattern: ${pattern}`);
        }
        const rng = run.rng();
        service = arnTail(rng.choice(arns));
      }
      const scope = await validateEcs(run.aws, cluster ?? 'default', service);
      const targets = [ecsTarget('services', service, scope)];
      await run.attack.admit(targets);
      await run.attack.mutate({
        targets,
        call: {
          service: 'ecs',
          operation: 'UpdateService',
          input: {
            cluster,
            service,
            desiredCount: 0,
            deploymentConfiguration: { maximumPercent: 100, minimumHealthyPercent: 0 },
          },
        },
        undo: null,
      });
      return run.attack.mutate({
        targets,
        call: { service: 'ecs', operation: 'DeleteService', input: { cluster, service } },
        undo: null,
      });
    },
  },
  {
    module: M,
    func: 'delete_cluster',
    kind: 'action',
    title: 'Delete a cluster',
    targetKind: 'ECS cluster',
    appliesTo: ['clusters'],
    summary: 'Deletes the cluster (AWS refuses while it has services or container instances).',
    undo: 'no undo: a deleted cluster is gone',
    dryRun: 'plan',
    params: [CLUSTER],
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const scope = await validateEcs(run.aws, cluster);
      return run.attack.mutate({
        targets: [ecsTarget('clusters', cluster, scope)],
        call: { service: 'ecs', operation: 'DeleteCluster', input: { cluster } },
        undo: null,
      });
    },
  },
  {
    module: M,
    func: 'deregister_container_instance',
    kind: 'action',
    title: 'Deregister a container instance',
    targetKind: 'ECS container instance',
    appliesTo: ['containerInstances'],
    summary:
      'Deregisters a container instance from the cluster (force: even with tasks, which are orphaned).',
    undo: "no undo: the instance's ECS agent must register it again",
    dryRun: 'plan',
    params: [
      CLUSTER,
      req('instance_id', 'str', 'container instance id or ARN'),
      opt('force', false, 'bool', 'deregister even with tasks'),
    ],
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const id = str(a, 'instance_id');
      const scope = await validateEcs(run.aws, cluster);
      return run.attack.mutate({
        targets: [ecsTarget('containerInstances', id, scope)],
        call: {
          service: 'ecs',
          operation: 'DeregisterContainerInstance',
          input: { cluster, containerInstance: id, force: Boolean(a.force) },
        },
        undo: null,
      });
    },
  },
  ...ECS_SERVICE_ACTIONS,
];
