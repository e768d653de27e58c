// chaosaws.ecs.actions that change settings: a service's desired count, deployment configuration
// and placement strategy, tags on any ECS resource, and container-instance state. Each records
// the previous value as its undo.
import type { AwsResponse } from '../../aws/ops/call.js';
import { num, optNum, optStr, str, tagsOf, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';
import { asFailed, ecsTarget, validateEcs } from './ecs-common.js';

const M = 'chaosaws.ecs.actions';
const CLUSTER = req('cluster', 'str', 'cluster name or ARN');
const SERVICE = req('service', 'str', 'service name');
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

/** The settings, tags and state entries of chaosaws.ecs.actions. */
export const ECS_SERVICE_ACTIONS: EntrySpec[] = [
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
