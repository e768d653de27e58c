// chaosaws.ec2.actions: stop/terminate/start/restart instances, by ids, AZ or filters, with the
// same argument errors and return shapes as chaostoolkit-aws 0.35.1 (ResponseMetadata dropped).
import { bool, num, optNum, optStr, optStrList, str, tagDict, tagsOf, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { AZ, FILTERS, INSTANCE_IDS, opt, req } from '../params.js';
import type { Args, EntrySpec, Run } from '../types.js';
import {
  byLifecycle,
  findInstances,
  type Instance,
  instanceTarget,
  noMatch,
  rebootAnyType,
  startAnyType,
  stopAnyType,
  terminateAnyType,
} from './ec2-common.js';
import { attachVolume, detachRandomVolume } from './ec2-volumes.js';

const M = 'chaosaws.ec2.actions';
const INSTANCES = ['instances'];
const filtersOf = (a: Args) => (a.filters as unknown[] | null) ?? undefined;

/** Instances for the plural actions, or chaosaws' "No instances found matching filters" error. */
async function pluralTargets(a: Args, run: Run, verb: string): Promise<Map<string, Instance[]>> {
  const ids = optStrList(a, 'instance_ids');
  const az = optStr(a, 'az');
  if (az && !truthy(ids) && !truthy(a.filters))
    run.log(`Based on configuration provided I am going to ${verb} all instances in AZ ${az}!`);
  const { instances, filters } = await findInstances(run, { ids, az, filters: filtersOf(a) });
  if (!ids?.length && instances.length === 0) throw noMatch(filters);
  return byLifecycle(instances);
}

/** One random instance (seeded), for the singular actions. */
async function oneRandom(
  a: Args,
  run: Run,
  onNone: (filters: unknown[]) => Error,
): Promise<Map<string, Instance[]>> {
  const id = optStr(a, 'instance_id');
  const { instances, filters } = await findInstances(run, {
    ids: id ? [id] : undefined,
    az: optStr(a, 'az'),
    filters: filtersOf(a),
  });
  if (id) return byLifecycle(instances);
  if (instances.length === 0) throw onNone(filters);
  const rng = run.rng();
  const pick = rng.choice(instances);
  await run.attack.recordSelection({
    quantity: 'COUNT(1)',
    seed: rng.seed,
    candidates: instances.map((i) => String(i.InstanceId)),
    chosen: [{ id: String(pick.InstanceId), tags: instanceTarget(pick).tags }],
  });
  return byLifecycle([pick]);
}

const requireOne = (a: Args, idName: string, message: string) => {
  if (!truthy(a[idName]) && !truthy(a.az) && !truthy(a.filters)) throw new ActivityFailed(message);
};

/** The chaosaws.ec2.actions entries. */
export const EC2_ACTIONS: EntrySpec[] = [
  {
    module: M,
    func: 'stop_instance',
    kind: 'action',
    title: 'Stop one instance',
    targetKind: 'EC2 instance',
    appliesTo: INSTANCES,
    summary:
      'Stops one EC2 instance: the given id, or one picked at random (seeded) among the AZ/filter matches. Spot instances are terminated instead.',
    undo: 'start the stopped instance (spot: no undo, terminated)',
    dryRun: 'ec2-dry-run',
    params: [
      opt('instance_id', null, 'str', 'the instance to stop'),
      AZ,
      opt('force', false, 'bool', 'force the stop (no clean OS shutdown)'),
      FILTERS,
    ],
    fis: 'aws:ec2:stop-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_id',
        'To stop an EC2 instance, you must specify either the instance id, an AZ to pick a random instance from, or a set of filters.',
      );
      const groups = await oneRandom(
        a,
        run,
        () => new ActivityFailed(`No instances in availability zone: ${a.az ?? 'None'}`),
      );
      return stopAnyType(run, groups, bool(a, 'force'));
    },
  },
  {
    module: M,
    func: 'stop_instances',
    kind: 'action',
    title: 'Stop instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary:
      'Stops the given instances, or every instance matching the AZ/filters (no state filter is added). Spot instances are terminated instead.',
    undo: 'start the stopped instances (spot: no undo, terminated)',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS, opt('force', false, 'bool', 'force the stop')],
    fis: 'aws:ec2:stop-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To stop EC2 instances, you must specify either the instance ids, an AZ to pick random instances from, or a set of filters.',
      );
      const ids = optStrList(a, 'instance_ids');
      const { instances } = await findInstances(run, { ids, az: optStr(a, 'az'), filters: filtersOf(a) });
      if (!ids?.length && instances.length === 0)
        throw new ActivityFailed(`No instances in availability zone: ${a.az ?? 'None'}`);
      return stopAnyType(run, byLifecycle(instances), bool(a, 'force'));
    },
  },
  {
    module: M,
    func: 'terminate_instance',
    kind: 'action',
    title: 'Terminate one instance',
    targetKind: 'EC2 instance',
    appliesTo: INSTANCES,
    summary:
      'Terminates one EC2 instance: the given id or one picked at random (seeded) among the AZ/filter matches.',
    undo: 'no undo: a terminated instance is gone (its ASG or service replaces it)',
    dryRun: 'ec2-dry-run',
    params: [opt('instance_id', null, 'str', 'the instance to terminate'), AZ, FILTERS],
    fis: 'aws:ec2:terminate-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_id',
        'To terminate an EC2, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      return terminateAnyType(run, await oneRandom(a, run, noMatch));
    },
  },
  {
    module: M,
    func: 'terminate_instances',
    kind: 'action',
    title: 'Terminate instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary: 'Terminates the given instances, or every instance matching the AZ/filters.',
    undo: 'no undo: terminated instances are gone',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS],
    fis: 'aws:ec2:terminate-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To terminate instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      return terminateAnyType(run, await pluralTargets(a, run, 'terminate'));
    },
  },
  {
    module: M,
    func: 'start_instances',
    kind: 'action',
    title: 'Start instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary:
      'Starts the given instances, or every instance matching the AZ/filters. Returns the StartingInstances items, flattened.',
    undo: 'stop again the instances that were stopped before',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS],
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To start instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      return startAnyType(run, await pluralTargets(a, run, 'start'));
    },
  },
  {
    module: M,
    func: 'restart_instances',
    kind: 'action',
    title: 'Reboot instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary: 'Reboots the given instances, or every instance matching the AZ/filters.',
    undo: 'nothing to undo: a reboot ends by itself',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS],
    fis: 'aws:ec2:reboot-instances',
    compat:
      'compatible: returns [] like chaosaws (which drops the RebootInstances responses); gameday.actions.reboot_instances returns them',
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To restart instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      const res = await rebootAnyType(run, await pluralTargets(a, run, 'restart'));
      return run.attack.dry ? res : [];
    },
  },
  detachRandomVolume,
  attachVolume,
  {
    module: M,
    func: 'stop_instances_by_incremental_steps',
    kind: 'action',
    title: 'Stop instances in steps',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary:
      'Stops `volume`% of the matching instances, `step_quantity` at a time, waiting `step_duration` seconds between steps.',
    undo: 'start the stopped instances',
    dryRun: 'ec2-dry-run',
    params: [
      req('volume', 'int', 'percentage of the matching instances to stop'),
      req('step_quantity', 'int', 'instances stopped per step'),
      req('step_duration', 'int', 'seconds between steps'),
      AZ,
      opt(
        'tags',
        null,
        'Union[str, Dict[str, Any]]',
        'tags the instances must carry ("k=v,k2=v2" or a dict)',
      ),
      opt('force', false, 'bool', 'force the stops'),
    ],
    compat:
      'fixed: chaosaws adds the tag dict as a raw filter and samples lifecycle groups, so it fails as written; gameday filters on tag:K=V and samples instances (running only)',
    async impl(a, run) {
      const volume = num(a, 'volume');
      const step = Math.max(1, num(a, 'step_quantity'));
      const pause = optNum(a, 'step_duration') ?? 0;
      const tags = tagDict(a.tags) ?? {};
      const filters = [
        { Name: 'instance-state-name', Values: ['running'] },
        ...Object.entries(tags).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] })),
      ];
      const { instances } = await findInstances(run, { az: optStr(a, 'az'), filters });
      if (instances.length === 0) throw noMatch(filters);
      const count = Math.floor((instances.length * volume) / 100);
      const rng = run.rng();
      const chosen = rng.sample(instances, count);
      await run.attack.recordSelection({
        quantity: `PERCENT(${volume})`,
        seed: rng.seed,
        candidates: instances.map((i) => String(i.InstanceId)),
        chosen: chosen.map((i) => instanceTarget(i)),
      });
      await run.attack.admit(chosen.map((i) => instanceTarget(i)));
      const out: unknown[] = [];
      for (let i = 0; i < chosen.length; i += step) {
        if (i > 0 && !(await run.sleep(pause * 1000))) break;
        out.push(...(await stopAnyType(run, byLifecycle(chosen.slice(i, i + step)), bool(a, 'force'))));
      }
      return out;
    },
  },
  {
    module: M,
    func: 'set_tags_on_instances',
    kind: 'action',
    title: 'Tag instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary: 'Sets tags on a random `percentage` of the normal-lifecycle instances matching the AZ/filters.',
    undo: 'restore the previous values of the tags, delete the ones that were new',
    dryRun: 'ec2-dry-run',
    params: [
      req('tags', 'Union[str, List[Dict[str, str]]]', 'tags to set ("k=v,k2=v2" or [{"Key","Value"}])'),
      opt('percentage', 100, 'int', 'percentage of the matching instances to tag'),
      AZ,
      FILTERS,
    ],
    async impl(a, run) {
      const tags = tagDict(a.tags) ?? {};
      const { instances } = await findInstances(run, { az: optStr(a, 'az'), filters: filtersOf(a) });
      const normal = byLifecycle(instances).get('normal') ?? [];
      if (normal.length === 0) throw new ActivityFailed('No instances found to tag');
      const pct = optNum(a, 'percentage') ?? 100;
      const rng = run.rng();
      const chosen = rng.sample(normal, Math.max(1, Math.round((normal.length * pct) / 100)));
      await run.attack.recordSelection({
        quantity: `PERCENT(${pct})`,
        seed: rng.seed,
        candidates: normal.map((i) => String(i.InstanceId)),
        chosen: chosen.map((i) => instanceTarget(i)),
      });
      return setTags(run, chosen, tags);
    },
  },
  {
    module: M,
    func: 'remove_tags_from_instances',
    kind: 'action',
    title: 'Untag instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary: 'Deletes the given tags from the instances carrying them (optionally in one AZ).',
    undo: 'put the removed tags back with their values',
    dryRun: 'ec2-dry-run',
    params: [req('tags', 'Union[str, List[Dict[str, str]]]', 'tags to remove'), AZ],
    async impl(a, run) {
      const tags = tagDict(a.tags) ?? {};
      const filters = Object.entries(tags).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] }));
      const { instances } = await findInstances(run, { az: optStr(a, 'az'), filters });
      const targets = instances.map((i) => instanceTarget(i));
      const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      const Resources = targets.map((t) => t.id);
      return run.attack.mutate({
        targets,
        call: { service: 'ec2', operation: 'DeleteTags', input: { Resources, Tags } },
        undo: Resources.length
          ? [{ service: 'ec2', operation: 'CreateTags', input: { Resources, Tags } }]
          : null,
      });
    },
  },
  ingress(
    'authorize_security_group_ingress',
    'Allow ingress',
    'AuthorizeSecurityGroupIngress',
    'RevokeSecurityGroupIngress',
    'add',
  ),
  ingress(
    'revoke_security_group_ingress',
    'Revoke ingress',
    'RevokeSecurityGroupIngress',
    'AuthorizeSecurityGroupIngress',
    'remove',
  ),
];

/** CreateTags on chosen instances; the undo restores previous values and deletes new keys. */
async function setTags(run: Run, chosen: Instance[], tags: Record<string, string>): Promise<unknown> {
  const targets = chosen.map((i) => instanceTarget(i));
  const Resources = targets.map((t) => t.id);
  const undo = [];
  const fresh = Object.keys(tags).filter((k) => targets.some((t) => !(k in t.tags)));
  if (fresh.length)
    undo.push({
      service: 'ec2' as const,
      operation: 'DeleteTags',
      input: { Resources, Tags: fresh.map((Key) => ({ Key })) },
    });
  for (const t of targets) {
    const old = Object.keys(tags)
      .filter((k) => k in t.tags)
      .map((Key) => ({ Key, Value: t.tags[Key] }));
    if (old.length)
      undo.push({
        service: 'ec2' as const,
        operation: 'CreateTags',
        input: { Resources: [t.id], Tags: old },
      });
  }
  return run.attack.mutate({
    targets,
    call: {
      service: 'ec2',
      operation: 'CreateTags',
      input: { Resources, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
    },
    undo,
  });
}

function ingress(
  func: string,
  title: string,
  op: string,
  inverse: string,
  verb: 'add' | 'remove',
): EntrySpec {
  return {
    module: M,
    func,
    kind: 'action',
    title,
    targetKind: 'EC2 security group',
    appliesTo: [],
    summary: `${verb === 'add' ? 'Adds' : 'Removes'} one ingress rule (protocol, port range, CIDR or source group) ${verb === 'add' ? 'to' : 'from'} a security group. Not in chaosaws' __all__ but callable.`,
    undo: `${verb === 'add' ? 'remove' : 'add back'} the same rule`,
    dryRun: 'ec2-dry-run',
    params: [
      req('requested_security_group_id', 'str', 'the security group to change'),
      req('ip_protocol', 'str', 'tcp, udp, icmp, icmpv6 or -1 for all'),
      req('from_port', 'int', 'start of the port range'),
      req('to_port', 'int', 'end of the port range'),
      opt('ingress_security_group_id', null, 'str', 'source security group'),
      opt('cidr_ip', null, 'str', 'source CIDR'),
    ],
    async impl(a, run) {
      const GroupId = str(a, 'requested_security_group_id');
      const perm: Record<string, unknown> = {
        IpProtocol: str(a, 'ip_protocol'),
        FromPort: num(a, 'from_port'),
        ToPort: num(a, 'to_port'),
        IpRanges: [a.cidr_ip != null ? { CidrIp: a.cidr_ip } : {}],
        UserIdGroupPairs: [
          a.ingress_security_group_id != null ? { GroupId: a.ingress_security_group_id } : {},
        ],
      };
      const sg = await run.aws('ec2', 'DescribeSecurityGroups', { GroupIds: [GroupId] });
      const tags = tagsOf(sg.SecurityGroups?.[0]?.Tags);
      const input = { GroupId, IpPermissions: [perm] };
      try {
        return await run.attack.mutate({
          targets: [{ kind: 'securityGroups', id: GroupId, tags }],
          call: { service: 'ec2', operation: op, input },
          undo: [{ service: 'ec2', operation: inverse, input }],
        });
      } catch (err) {
        const e = err as { detail?: string; name?: string };
        if (e.name === 'AwsApiError') throw new ActivityFailed(`Failed to ${verb} ingress rule: ${e.detail}`);
        throw err;
      }
    },
  };
}
