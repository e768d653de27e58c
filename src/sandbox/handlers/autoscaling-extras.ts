// Auto Scaling operations around groups: tags, scaling activities and launch configurations.
import type {
  CreateLaunchConfigurationType,
  DescribeScalingActivitiesType,
  DescribeTagsType,
} from '@aws-sdk/client-auto-scaling';
import { SandboxError } from '../errors.js';
import { matchesAny } from '../filters.js';
import { page } from '../paging.js';
import { asgMaxRecords, badAsgToken, requireGroup, toActivity } from './autoscaling-shapes.js';
import type { Ctx, HandlerTable } from './types.js';

function describeTags({ world }: Ctx, input: DescribeTagsType): object {
  const size = asgMaxRecords(input.MaxRecords, 100, 50);
  const rows = [...world.asgs.values()].flatMap((a) =>
    a.tags.map((t) => ({ ResourceId: a.name, ResourceType: 'auto-scaling-group', ...t })),
  );
  const tests = (input.Filters ?? []).map((f) => {
    const v = f.Values ?? [];
    switch (f.Name) {
      case 'auto-scaling-group':
        return (r: (typeof rows)[number]) => v.includes(r.ResourceId);
      case 'key':
        return (r: (typeof rows)[number]) => v.includes(r.Key);
      case 'value':
        return (r: (typeof rows)[number]) => v.includes(r.Value);
      case 'propagate-at-launch':
        return (r: (typeof rows)[number]) => v.includes(String(r.PropagateAtLaunch));
      default:
        throw new SandboxError(
          'ValidationError',
          `Filter type ${f.Name} is not correct. Allowed Filter types are: auto-scaling-group key value propagate-at-launch`,
        );
    }
  });
  const all = rows.filter((r) => tests.every((t) => t(r)));
  const { items, next } = page(
    all,
    size,
    input.NextToken,
    `dtg:${JSON.stringify(input.Filters ?? [])}`,
    badAsgToken,
  );
  return { Tags: items, NextToken: next };
}

function createOrUpdateTags(
  { world }: Ctx,
  input: { Tags?: { ResourceId?: string; Key?: string; Value?: string; PropagateAtLaunch?: boolean }[] },
): object {
  for (const t of input.Tags ?? []) {
    const asg = requireGroup(world, t.ResourceId);
    const existing = asg.tags.find((x) => x.Key === t.Key);
    if (existing)
      Object.assign(existing, { Value: t.Value ?? '', PropagateAtLaunch: t.PropagateAtLaunch ?? false });
    else
      asg.tags.push({
        Key: t.Key ?? '',
        Value: t.Value ?? '',
        PropagateAtLaunch: t.PropagateAtLaunch ?? false,
      });
  }
  return {};
}

function describeActivities({ world }: Ctx, input: DescribeScalingActivitiesType): object {
  const size = asgMaxRecords(input.MaxRecords, 100, 100);
  let all = input.AutoScalingGroupName
    ? world.activitiesOf(input.AutoScalingGroupName)
    : [...world.activities].reverse();
  if (input.ActivityIds?.length) all = all.filter((a) => input.ActivityIds!.includes(a.id));
  const { items, next } = page(
    all,
    size,
    input.NextToken,
    `dsa:${input.AutoScalingGroupName ?? ''}`,
    badAsgToken,
  );
  return { Activities: items.map(toActivity), NextToken: next };
}

function createLaunchConfiguration({ world, now }: Ctx, input: CreateLaunchConfigurationType): object {
  const name = input.LaunchConfigurationName ?? '';
  if (world.launchConfigs.has(name))
    throw new SandboxError(
      'AlreadyExistsFault',
      `Launch Configuration by this name already exists - A launch configuration already exists with the name ${name}`,
    );
  if (!input.ImageId && !input.InstanceId)
    throw new SandboxError(
      'ValidationError',
      'Valid requests must contain either the ImageId or the InstanceId parameter.',
    );
  world.launchConfigs.set(name, {
    name,
    arn: world.arn('autoscaling', `launchConfiguration:${world.rng.uuid()}:launchConfigurationName/${name}`),
    imageId: input.ImageId ?? 'ami-0abcdef1234567890',
    type: input.InstanceType ?? 'm1.small',
    created: now,
  });
  return {};
}

/** Tag, activity and launch-configuration operations (merged into the Auto Scaling table). */
export const autoscalingExtraHandlers: HandlerTable = {
  DescribeTags: describeTags,
  CreateOrUpdateTags: createOrUpdateTags,
  DeleteTags: ({ world }, input) => {
    for (const t of input.Tags ?? []) {
      const asg = requireGroup(world, t.ResourceId);
      asg.tags = asg.tags.filter(
        (x) => !(x.Key === t.Key && (t.Value === undefined || matchesAny(x.Value, [t.Value]))),
      );
    }
    return {};
  },
  DescribeScalingActivities: describeActivities,
  CreateLaunchConfiguration: createLaunchConfiguration,
  DescribeLaunchConfigurations: ({ world }, input) => ({
    LaunchConfigurations: [...world.launchConfigs.values()]
      .filter(
        (c) => !input.LaunchConfigurationNames?.length || input.LaunchConfigurationNames.includes(c.name),
      )
      .map((c) => ({
        LaunchConfigurationName: c.name,
        LaunchConfigurationARN: c.arn,
        ImageId: c.imageId,
        InstanceType: c.type,
        CreatedTime: new Date(c.created),
        SecurityGroups: [],
        BlockDeviceMappings: [],
      })),
  }),
};
