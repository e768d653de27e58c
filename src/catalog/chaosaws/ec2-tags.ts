// chaosaws.ec2.actions that change tags and security group rules: set/remove instance tags and
// authorize/revoke one ingress rule, each with an undo that restores what was there.
import { num, optNum, optStr, str, tagDict, tagsOf } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { AZ, FILTERS, opt, req } from '../params.js';
import type { Args, EntrySpec, Run } from '../types.js';
import { byLifecycle, findInstances, type Instance, instanceTarget } from './ec2-common.js';

const M = 'chaosaws.ec2.actions';
const INSTANCES = ['instances'];
const filtersOf = (a: Args) => (a.filters as unknown[] | null) ?? undefined;

/** The tag and ingress entries of chaosaws.ec2.actions. */
export const EC2_TAG_ACTIONS: EntrySpec[] = [
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
