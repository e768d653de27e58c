// EC2 security groups: describe, create, delete, and ingress rules (chaosaws can authorize and
// revoke ingress), with EC2's duplicate / not-found errors and DryRun.
import type {
  AuthorizeSecurityGroupIngressRequest,
  CreateSecurityGroupRequest,
  DescribeSecurityGroupsRequest,
  IpPermission,
  RevokeSecurityGroupIngressRequest,
} from '@aws-sdk/client-ec2';
import { SandboxError } from '../errors.js';
import { compileFilters } from '../filters.js';
import type { PermissionRec, SecurityGroupRec } from '../model.js';
import { page } from '../paging.js';
import type { World } from '../world.js';
import { badEc2Token, dryRun, ec2MaxResults } from './ec2-shapes.js';
import type { Ctx, HandlerTable } from './types.js';

function requireGroup(world: World, id: string | undefined, name?: string): SecurityGroupRec {
  const g = id
    ? world.securityGroups.get(id)
    : [...world.securityGroups.values()].find((x) => x.name === name);
  if (!g) {
    if (id) throw new SandboxError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    throw new SandboxError(
      'InvalidGroup.NotFound',
      `The security group '${name}' does not exist in default VPC`,
    );
  }
  return g;
}

function toPermission(p: PermissionRec): IpPermission {
  return {
    IpProtocol: p.IpProtocol,
    FromPort: p.FromPort,
    ToPort: p.ToPort,
    IpRanges: p.IpRanges.map((r) => ({ ...r })),
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: p.UserIdGroupPairs.map((u) => ({ ...u })),
  };
}

function permissionsOf(world: World, input: AuthorizeSecurityGroupIngressRequest): PermissionRec[] {
  if (input.IpPermissions?.length)
    return input.IpPermissions.map((p) => ({
      IpProtocol: p.IpProtocol ?? '-1',
      FromPort: p.FromPort,
      ToPort: p.ToPort,
      IpRanges: (p.IpRanges ?? []).map((r) => ({ CidrIp: r.CidrIp ?? '' })),
      UserIdGroupPairs: (p.UserIdGroupPairs ?? []).map((u) => ({
        GroupId: u.GroupId ?? '',
        UserId: u.UserId ?? world.account,
      })),
    }));
  if (!input.IpProtocol)
    throw new SandboxError('MissingParameter', 'The request must contain the parameter ipPermissions');
  return [
    {
      IpProtocol: input.IpProtocol,
      FromPort: input.FromPort,
      ToPort: input.ToPort,
      IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : [],
      UserIdGroupPairs: [],
    },
  ];
}

/** Splits permissions into one rule per CIDR or group, the unit EC2 matches and reports. */
function rules(perms: PermissionRec[]): { key: string; perm: PermissionRec }[] {
  const out: { key: string; perm: PermissionRec }[] = [];
  for (const p of perms) {
    const base = { IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort };
    for (const r of p.IpRanges)
      out.push({
        key: JSON.stringify([base, r.CidrIp]),
        perm: { ...base, IpRanges: [r], UserIdGroupPairs: [] },
      });
    for (const u of p.UserIdGroupPairs)
      out.push({
        key: JSON.stringify([base, u.GroupId]),
        perm: { ...base, IpRanges: [], UserIdGroupPairs: [u] },
      });
  }
  return out;
}

function describe({ world }: Ctx, input: DescribeSecurityGroupsRequest): object {
  const size = ec2MaxResults(input.MaxResults);
  let base = [...world.securityGroups.values()];
  if (input.GroupIds?.length) base = input.GroupIds.map((id) => requireGroup(world, id));
  if (input.GroupNames?.length) base = input.GroupNames.map((n) => requireGroup(world, undefined, n));
  const match = compileFilters<SecurityGroupRec>(
    input.Filters,
    {
      'group-name': (g) => [g.name],
      'group-id': (g) => [g.id],
      'vpc-id': (g) => [g.vpcId],
      description: (g) => [g.description],
      'owner-id': () => [world.account],
    },
    (g) => g.tags,
  );
  const { items, next } = page(
    base.filter(match),
    size ?? Math.max(1, base.length),
    input.NextToken,
    `dsg:${JSON.stringify(input.Filters ?? [])}`,
    badEc2Token,
  );
  return {
    SecurityGroups: items.map((g) => ({
      GroupId: g.id,
      GroupName: g.name,
      Description: g.description,
      VpcId: g.vpcId,
      OwnerId: world.account,
      SecurityGroupArn: world.arn('ec2', `security-group/${g.id}`),
      IpPermissions: g.ingress.map(toPermission),
      IpPermissionsEgress: g.egress.map(toPermission),
      Tags: g.tags.length ? g.tags.map((t) => ({ ...t })) : undefined,
    })),
    NextToken: next,
  };
}

function create({ world }: Ctx, input: CreateSecurityGroupRequest): object {
  const vpcId = input.VpcId ?? world.vpcs.find((v) => v.isDefault)?.id;
  if (!vpcId || !world.vpcs.some((v) => v.id === vpcId))
    throw new SandboxError('InvalidVpcID.NotFound', `The vpc ID '${input.VpcId}' does not exist`);
  if (!input.GroupName || !input.Description)
    throw new SandboxError(
      'MissingParameter',
      `The request must contain the parameter ${input.GroupName ? 'GroupDescription' : 'GroupName'}`,
    );
  if ([...world.securityGroups.values()].some((g) => g.vpcId === vpcId && g.name === input.GroupName))
    throw new SandboxError(
      'InvalidGroup.Duplicate',
      `The security group '${input.GroupName}' already exists for VPC '${vpcId}'`,
    );
  dryRun(input);
  const id = world.id('sg');
  const tags = (input.TagSpecifications ?? []).flatMap((s) =>
    (s.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
  );
  world.securityGroups.set(id, {
    id,
    name: input.GroupName,
    description: input.Description,
    vpcId,
    ingress: [],
    egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], UserIdGroupPairs: [] }],
    tags,
  });
  return { GroupId: id, SecurityGroupArn: world.arn('ec2', `security-group/${id}`) };
}

function authorize({ world }: Ctx, input: AuthorizeSecurityGroupIngressRequest): object {
  const g = requireGroup(world, input.GroupId, input.GroupName);
  const have = new Set(rules(g.ingress).map((r) => r.key));
  const add = rules(permissionsOf(world, input));
  for (const r of add)
    if (have.has(r.key)) {
      const peer = r.perm.IpRanges[0]?.CidrIp ?? r.perm.UserIdGroupPairs[0]?.GroupId;
      throw new SandboxError(
        'InvalidPermission.Duplicate',
        `the specified rule "peer: ${peer}, ${r.perm.IpProtocol.toUpperCase()}, from port: ${r.perm.FromPort}, to port: ${r.perm.ToPort}, ALLOW" already exists`,
      );
    }
  dryRun(input);
  g.ingress.push(...add.map((r) => r.perm));
  return {
    Return: true,
    SecurityGroupRules: add.map((r) => ({
      SecurityGroupRuleId: world.id('sgr'),
      GroupId: g.id,
      GroupOwnerId: world.account,
      IsEgress: false,
      IpProtocol: r.perm.IpProtocol,
      FromPort: r.perm.FromPort,
      ToPort: r.perm.ToPort,
      CidrIpv4: r.perm.IpRanges[0]?.CidrIp,
      ReferencedGroupInfo: r.perm.UserIdGroupPairs[0]
        ? { GroupId: r.perm.UserIdGroupPairs[0].GroupId, UserId: world.account }
        : undefined,
    })),
  };
}

function revoke({ world }: Ctx, input: RevokeSecurityGroupIngressRequest): object {
  const g = requireGroup(world, input.GroupId, input.GroupName);
  const drop = new Set(rules(permissionsOf(world, input)).map((r) => r.key));
  const kept = rules(g.ingress).filter((r) => !drop.has(r.key));
  if (kept.length === rules(g.ingress).length)
    throw new SandboxError(
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );
  dryRun(input);
  g.ingress = kept.map((r) => r.perm);
  return { Return: true };
}

/** The security-group operations, by name. */
export const ec2SecurityHandlers: HandlerTable = {
  DescribeSecurityGroups: describe,
  CreateSecurityGroup: create,
  DeleteSecurityGroup: ({ world }, input) => {
    const g = requireGroup(world, input.GroupId, input.GroupName);
    if (g.name === 'default')
      throw new SandboxError(
        'CannotDelete',
        `the specified group: "${g.id}" name: "default" cannot be deleted by a user`,
      );
    dryRun(input);
    world.securityGroups.delete(g.id);
    return { Return: true, GroupId: g.id };
  },
  AuthorizeSecurityGroupIngress: authorize,
  RevokeSecurityGroupIngress: revoke,
};
