// EC2 operations on tags, subnets, VPCs, zones, volumes and launch templates.
import type {
  CreateLaunchTemplateRequest,
  CreateTagsRequest,
  DeleteTagsRequest,
  DescribeSubnetsRequest,
  DescribeTagsRequest,
  TagDescription,
} from '@aws-sdk/client-ec2';
import { SandboxError } from '../errors.js';
import { compileFilters, matchesAny } from '../filters.js';
import type { SubnetRec, Tag } from '../model.js';
import { page } from '../paging.js';
import type { World } from '../world.js';
import { badEc2Token, dryRun, ec2MaxResults, requireInstances } from './ec2-shapes.js';
import { requireVolume } from './ec2-volumes.js';
import type { Ctx, HandlerTable } from './types.js';

/** The tag list of any taggable EC2 resource id, with the resource type, or the id's NotFound error. */
function taggable(world: World, id: string): { tags: Tag[]; type: string } {
  if (id.startsWith('i-')) return { tags: requireInstances(world, [id])[0]!.tags, type: 'instance' };
  if (id.startsWith('vol-')) return { tags: requireVolume(world, id).tags, type: 'volume' };
  if (id.startsWith('subnet-')) {
    const s = world.subnets.get(id);
    if (!s) throw new SandboxError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
    return { tags: s.tags, type: 'subnet' };
  }
  if (id.startsWith('lt-')) {
    const t = world.launchTemplates.get(id);
    if (!t)
      throw new SandboxError(
        'InvalidLaunchTemplateId.NotFound',
        `The specified launch template, with template ID ${id}, does not exist.`,
      );
    return { tags: t.tags, type: 'launch-template' };
  }
  throw new SandboxError('InvalidID', `The ID '${id}' is not valid`);
}

function createTags({ world }: Ctx, input: CreateTagsRequest): object {
  if (!input.Resources?.length)
    throw new SandboxError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const targets = input.Resources.map((id) => taggable(world, id));
  for (const t of input.Tags ?? []) {
    if (!t.Key) throw new SandboxError('InvalidParameterValue', 'Tag key must not be empty');
    if (t.Key.startsWith('aws:'))
      throw new SandboxError(
        'InvalidParameterValue',
        "Tag keys starting with 'aws:' are reserved for internal use",
      );
  }
  for (const { tags } of targets) {
    const keys = new Set([...tags.map((t) => t.Key), ...(input.Tags ?? []).map((t) => t.Key!)]);
    if (keys.size > 50)
      throw new SandboxError(
        'TagLimitExceeded',
        'The maximum number of Tags for a resource has been reached.',
      );
  }
  dryRun(input);
  for (const { tags } of targets)
    for (const t of input.Tags ?? []) {
      const existing = tags.find((x) => x.Key === t.Key);
      if (existing) existing.Value = t.Value ?? '';
      else tags.push({ Key: t.Key!, Value: t.Value ?? '' });
    }
  return {};
}

function deleteTags({ world }: Ctx, input: DeleteTagsRequest): object {
  if (!input.Resources?.length)
    throw new SandboxError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const targets = input.Resources.map((id) => taggable(world, id));
  dryRun(input);
  for (const { tags } of targets) {
    const keep = tags.filter((t) => {
      if (!input.Tags?.length) return t.Key.startsWith('aws:');
      return !input.Tags.some((d) => d.Key === t.Key && (d.Value === undefined || d.Value === t.Value));
    });
    tags.splice(0, tags.length, ...keep);
  }
  return {};
}

function describeTags({ world }: Ctx, input: DescribeTagsRequest): object {
  const size = ec2MaxResults(input.MaxResults);
  const all: TagDescription[] = [];
  const add = (id: string, type: string, tags: Tag[]) => {
    for (const t of tags)
      all.push({
        ResourceId: id,
        ResourceType: type as TagDescription['ResourceType'],
        Key: t.Key,
        Value: t.Value,
      });
  };
  for (const i of world.instances.values()) add(i.id, 'instance', i.tags);
  for (const v of world.volumes.values()) add(v.id, 'volume', v.tags);
  for (const s of world.subnets.values()) add(s.id, 'subnet', s.tags);
  for (const t of world.launchTemplates.values()) add(t.id, 'launch-template', t.tags);
  const match = compileFilters<TagDescription>(
    input.Filters,
    {
      'resource-id': (d) => [d.ResourceId],
      'resource-type': (d) => [d.ResourceType],
      key: (d) => [d.Key],
      value: (d) => [d.Value],
    },
    (d) => [{ Key: d.Key!, Value: d.Value! }],
  );
  const { items, next } = page(
    all.filter(match),
    size ?? 1000,
    input.NextToken,
    `dt:${JSON.stringify(input.Filters ?? [])}`,
    badEc2Token,
  );
  return { Tags: items, NextToken: next };
}

function describeSubnets({ world }: Ctx, input: DescribeSubnetsRequest): object {
  const size = ec2MaxResults(input.MaxResults);
  let base = [...world.subnets.values()];
  if (input.SubnetIds?.length) {
    const missing = input.SubnetIds.filter((id) => !world.subnets.has(id));
    if (missing.length)
      throw new SandboxError(
        'InvalidSubnetID.NotFound',
        `The subnet ID '${missing.join(', ')}' does not exist`,
      );
    base = input.SubnetIds.map((id) => world.subnets.get(id)!);
  }
  const match = compileFilters<SubnetRec>(
    input.Filters,
    {
      'availability-zone': (s) => [s.az],
      'vpc-id': (s) => [s.vpcId],
      'subnet-id': (s) => [s.id],
      'default-for-az': (s) => [String(s.defaultForAz)],
      'cidr-block': (s) => [s.cidr],
      state: () => ['available'],
    },
    (s) => s.tags,
  );
  const { items, next } = page(
    base.filter(match),
    size ?? Math.max(1, base.length),
    input.NextToken,
    'ds',
    badEc2Token,
  );
  return {
    Subnets: items.map((s) => ({
      SubnetId: s.id,
      SubnetArn: world.arn('ec2', `subnet/${s.id}`),
      VpcId: s.vpcId,
      AvailabilityZone: s.az,
      AvailabilityZoneId: `use1-az${1 + world.azs.indexOf(s.az)}`,
      CidrBlock: s.cidr,
      AvailableIpAddressCount: 4091,
      DefaultForAz: s.defaultForAz,
      MapPublicIpOnLaunch: s.mapPublicIp,
      State: 'available',
      OwnerId: world.account,
      Tags: s.tags.length ? s.tags.map((t) => ({ ...t })) : undefined,
    })),
    NextToken: next,
  };
}

function createLaunchTemplate({ world, now }: Ctx, input: CreateLaunchTemplateRequest): object {
  const name = input.LaunchTemplateName ?? '';
  if (!/^[a-zA-Z0-9().\-/_]{3,128}$/.test(name))
    throw new SandboxError(
      'InvalidLaunchTemplateName.MalformedException',
      'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.',
    );
  if ([...world.launchTemplates.values()].some((t) => t.name === name))
    throw new SandboxError(
      'InvalidLaunchTemplateName.AlreadyExistsException',
      `Launch template name already in use.`,
    );
  dryRun(input);
  const tags: Tag[] = [];
  for (const s of input.TagSpecifications ?? [])
    for (const t of s.Tags ?? []) tags.push({ Key: t.Key ?? '', Value: t.Value ?? '' });
  const rec = {
    id: world.id('lt'),
    name,
    version: 1,
    imageId: input.LaunchTemplateData?.ImageId ?? 'ami-0abcdef1234567890',
    type: input.LaunchTemplateData?.InstanceType ?? 't3.micro',
    created: now,
    tags,
  };
  world.launchTemplates.set(rec.id, rec);
  return { LaunchTemplate: toTemplate(world, rec) };
}

function toTemplate(
  world: World,
  t: { id: string; name: string; version: number; created: number; tags: Tag[] },
) {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    CreateTime: new Date(t.created),
    CreatedBy: `arn:aws:iam::${world.account}:user/gameday-sandbox`,
    DefaultVersionNumber: t.version,
    LatestVersionNumber: t.version,
    Tags: t.tags.length ? t.tags.map((x) => ({ ...x })) : undefined,
  };
}

/** Spot requests: the sandbox runs only on-demand instances, so every request id is unknown. */
function spotRequests(
  input: { SpotInstanceRequestIds?: string[]; DryRun?: boolean },
  verb: 'cancel' | 'describe',
): object {
  const ids = input.SpotInstanceRequestIds ?? [];
  if (!ids.length && verb === 'cancel')
    throw new SandboxError(
      'MissingParameter',
      'The request must contain the parameter SpotInstanceRequestId',
    );
  if (ids.length)
    throw new SandboxError(
      'InvalidSpotInstanceRequestID.NotFound',
      `The spot instance request ID '${ids[0]}' does not exist`,
    );
  dryRun(input);
  return { SpotInstanceRequests: [] };
}

/** The non-instance EC2 operations, by name. */
export const ec2ResourceHandlers: HandlerTable = {
  CancelSpotInstanceRequests: (_ctx, input) => spotRequests(input, 'cancel'),
  DescribeSpotInstanceRequests: (_ctx, input) => spotRequests(input, 'describe'),
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
  DescribeSubnets: describeSubnets,
  CreateLaunchTemplate: createLaunchTemplate,
  DescribeLaunchTemplates: ({ world }, input) => ({
    LaunchTemplates: [...world.launchTemplates.values()]
      .filter(
        (t) =>
          (!input.LaunchTemplateIds?.length || input.LaunchTemplateIds.includes(t.id)) &&
          (!input.LaunchTemplateNames?.length || input.LaunchTemplateNames.includes(t.name)),
      )
      .map((t) => toTemplate(world, t)),
  }),
  DescribeAvailabilityZones: ({ world }, input) => ({
    AvailabilityZones: world.azs
      .filter((az) => !input.ZoneNames?.length || matchesAny(az, input.ZoneNames))
      .map((az, n) => ({
        ZoneName: az,
        ZoneId: `use1-az${n + 1}`,
        State: 'available',
        RegionName: world.region,
        ZoneType: 'availability-zone',
        OptInStatus: 'opt-in-not-required',
        GroupName: world.region,
        NetworkBorderGroup: world.region,
        Messages: [],
      })),
  }),
  DescribeVpcs: ({ world }) => ({
    Vpcs: world.vpcs.map((v) => ({
      VpcId: v.id,
      CidrBlock: v.cidr,
      IsDefault: v.isDefault,
      State: 'available',
      OwnerId: world.account,
      InstanceTenancy: 'default',
    })),
  }),
};
