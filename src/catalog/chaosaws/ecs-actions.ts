// chaosaws.ecs.actions: stop tasks, delete services/clusters, deregister or drain container
// instances, change desired count, deployment configuration and placement, tag and untag.
import type { AwsResponse } from '../../aws/ops/call.js';
import { num, optNum, optStr, str, tagsOf, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';
import { arnTail, asFailed, ecsTarget, listServices, listTasks, validateEcs } from './ecs-common.js';

const M = 'chaosaws.ecs.actions';
const CLUSTER = req('cluster', 'str', 'cluster name or ARN');
const SERVICE = req('service', 'str', 'service name');
const REASON = opt('reason', 'Chaos Testing', 'str', 'why the task is stopped (shown in ECS)');
const SERVICES = ['services'];

const serviceUpdate = (
  func: string,
  title: string,
  summary: string,
  params: EntrySpec['params'],
  build: (a: Record<string, unknown>) => Record<string, unknown>,
  previous: (svc: AwsResponse) => Record<string, unknown>,
  check?: (a: Record<string, unknown>) => void,
): EntrySpec => ({
  module: M,
  func,
  kind: 'action',
  title,
  targetKind: 'ECS service',
  appliesTo: SERVICES,
  summary,
  undo: 'set the previous value back (UpdateService)',
  dryRun: 'plan',
  params: [CLUSTER, SERVICE, ...params],
  async impl(a, run) {
    check?.(a);
    const cluster = str(a, 'cluster');
    const service = str(a, 'service');
    const scope = await validateEcs(run.aws, cluster, service);
    return asFailed(
      run.attack.mutate({
        targets: [ecsTarget('services', service, scope)],
        call: { service: 'ecs', operation: 'UpdateService', input: { cluster, service, ...build(a) } },
        undo: [
          {
            service: 'ecs',
            operation: 'UpdateService',
            input: { cluster, service, ...previous(scope.service!) },
          },
        ],
      }),
    );
  },
});

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
  serviceUpdate(
    'update_desired_count',
    'Set desired count',
    'Sets the desired task count of a service. Returns the raw UpdateService response.',
    [req('desired_count', 'int', 'new desired count')],
    (a) => ({ desiredCount: num(a, 'desired_count') }),
    (svc) => ({ desiredCount: svc.desiredCount }),
  ),
  serviceUpdate(
    'set_service_deployment_configuration',
    'Set deployment configuration',
    'Sets maximumPercent / minimumHealthyPercent of a service.',
    [
      opt('maximum_percent', 200, 'int', 'upper limit of RUNNING+PENDING tasks during a deployment (%)'),
      opt('minimum_healthy_percent', 100, 'int', 'lower limit of RUNNING tasks during a deployment (%)'),
    ],
    (a) => ({
      deploymentConfiguration: {
        maximumPercent: optNum(a, 'maximum_percent') ?? 200,
        minimumHealthyPercent: optNum(a, 'minimum_healthy_percent') ?? 100,
      },
    }),
    (svc) => ({
      deploymentConfiguration: {
        maximumPercent: svc.deploymentConfiguration?.maximumPercent ?? 200,
        minimumHealthyPercent: svc.deploymentConfiguration?.minimumHealthyPercent ?? 100,
      },
    }),
    (a) => {
      if ((optNum(a, 'minimum_healthy_percent') ?? 100) > (optNum(a, 'maximum_percent') ?? 200))
        throw new ActivityFailed('minimum_healthy_percent cannot be larger than maximum_percent');
    },
  ),
  serviceUpdate(
    'set_service_placement_strategy',
    'Set placement strategy',
    'Sets the placement strategy of a service (random, spread or binpack on a field).',
    [
      req('placement_type', 'str', 'random, spread or binpack'),
      opt('placement_field', null, 'str', 'field for spread/binpack (e.g. attribute:ecs.availability-zone)'),
    ],
    (a) => {
      const type = str(a, 'placement_type');
      const field = type === 'random' ? undefined : optStr(a, 'placement_field');
      return { placementStrategy: [{ type, ...(field ? { field } : {}) }] };
    },
    (svc) => ({ placementStrategy: svc.placementStrategy ?? [] }),
    (a) => {
      if ((a.placement_type === 'spread' || a.placement_type === 'binpack') && !truthy(a.placement_field))
        throw new ActivityFailed('"placement_field" is required when using "spread" or "binpack"');
    },
  ),
  ...(['tag_resource', 'untag_resource'] as const).map(
    (func): EntrySpec => ({
      module: M,
      func,
      kind: 'action',
      title: func === 'tag_resource' ? 'Tag an ECS resource' : 'Untag an ECS resource',
      targetKind: 'ECS resource (cluster, service, task, container instance)',
      appliesTo: ['clusters', 'services', 'tasks', 'containerInstances'],
      summary: `${func === 'tag_resource' ? 'Adds tags [{"key","value"}] to' : 'Removes tag keys from'} a resource by its long ARN. Returns None.`,
      undo:
        func === 'tag_resource'
          ? 'remove the new keys, restore the previous values'
          : 'put the removed tags back',
      dryRun: 'plan',
      params:
        func === 'tag_resource'
          ? [
              req('tags', 'List[Dict[str, str]]', 'tags [{"key","value"}] (lower-case keys)'),
              req('resource_arn', 'str', 'long-form ARN'),
            ]
          : [req('tag_keys', 'List[str]', 'tag keys to remove'), req('resource_arn', 'str', 'long-form ARN')],
      async impl(a, run) {
        const resourceArn = str(a, 'resource_arn');
        const before = tagsOf((await asFailed(run.aws('ecs', 'ListTagsForResource', { resourceArn }))).tags);
        const keys =
          func === 'tag_resource'
            ? ((a.tags as Array<{ key: string }>) ?? []).map((t) => t.key)
            : ((a.tag_keys as string[]) ?? []);
        const old = keys.filter((k) => k in before).map((key) => ({ key, value: before[key] }));
        const fresh = keys.filter((k) => !(k in before));
        const undo = [];
        if (func === 'tag_resource' && fresh.length)
          undo.push({
            service: 'ecs' as const,
            operation: 'UntagResource',
            input: { resourceArn, tagKeys: fresh },
          });
        if (old.length)
          undo.push({ service: 'ecs' as const, operation: 'TagResource', input: { resourceArn, tags: old } });
        const kind = /:cluster\//.test(resourceArn)
          ? 'clusters'
          : /:service\//.test(resourceArn)
            ? 'services'
            : /:task\//.test(resourceArn)
              ? 'tasks'
              : 'containerInstances';
        await asFailed(
          run.attack.mutate({
            targets: [{ kind, id: resourceArn, tags: before }],
            call:
              func === 'tag_resource'
                ? { service: 'ecs', operation: 'TagResource', input: { resourceArn, tags: a.tags } }
                : { service: 'ecs', operation: 'UntagResource', input: { resourceArn, tagKeys: keys } },
            undo: undo.length ? undo : null,
          }),
        );
        return null;
      },
    }),
  ),
  {
    module: M,
    func: 'update_container_instances_state',
    kind: 'action',
    title: 'Set container instance state',
    targetKind: 'ECS container instances',
    appliesTo: ['containerInstances', 'clusters'],
    summary:
      'Sets container instances to ACTIVE or DRAINING. Returns the raw UpdateContainerInstancesState response.',
    undo: 'set each instance back to its previous status',
    dryRun: 'plan',
    params: [
      CLUSTER,
      req('container_instances', 'List[str]', 'container instance ids or ARNs'),
      req('status', 'str', 'ACTIVE or DRAINING'),
    ],
    fis: 'aws:ecs:drain-container-instances',
    compat:
      'fixed: chaosaws calls a boto3 method that does not exist (update_container_instance_state), so it always fails; gameday calls UpdateContainerInstancesState',
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const ids = (a.container_instances as string[]) ?? [];
      const scope = await validateEcs(run.aws, cluster);
      const desc = await run.aws('ecs', 'DescribeContainerInstances', {
        cluster,
        containerInstances: ids,
        include: ['TAGS'],
      });
      const byStatus = new Map<string, string[]>();
      for (const ci of (desc.containerInstances ?? []) as AwsResponse[])
        byStatus.set(ci.status, [...(byStatus.get(ci.status) ?? []), ci.containerInstanceArn]);
      return asFailed(
        run.attack.mutate({
          targets: ids.map((id) => ecsTarget('containerInstances', id, scope)),
          call: {
            service: 'ecs',
            operation: 'UpdateContainerInstancesState',
            input: { cluster, containerInstances: ids, status: str(a, 'status') },
          },
          undo: [...byStatus].map(([status, arns]) => ({
            service: 'ecs' as const,
            operation: 'UpdateContainerInstancesState',
            input: { cluster, containerInstances: arns, status },
          })),
        }),
      );
    },
  },
];
