// EC2 instance operations: Describe (filters, paging by instance), status, stop/start/reboot/terminate
// (with DryRun and AWS's state rules), and RunInstances.
import type {
  DescribeInstanceStatusRequest,
  DescribeInstancesRequest,
  InstanceStateChange,
  InstanceStatus,
  Reservation,
  RunInstancesRequest,
} from '@aws-sdk/client-ec2';
import {
  launchInstance,
  rebootInstance,
  startInstance,
  stopInstance,
  terminateInstance,
} from '../ec2-ops.js';
import { SandboxError } from '../errors.js';
import { compileFilters, type FilterFields } from '../filters.js';
import type { InstanceRec, SubnetRec, Tag } from '../model.js';
import { page } from '../paging.js';
import type { World } from '../world.js';
import {
  badEc2Token,
  dryRun,
  ec2MaxResults,
  requireInstances,
  stateOf,
  toInstance,
  volumesByInstance,
} from './ec2-shapes.js';
import type { Ctx, HandlerTable } from './types.js';

/** The DescribeInstances filter names the sandbox answers. */
const INSTANCE_FIELDS: FilterFields<InstanceRec> = {
  'instance-id': (i) => [i.id],
  'instance-state-name': (i) => [i.state],
  'instance-state-code': (i) => [String(stateOf(i).Code)],
  'availability-zone': (i) => [i.az],
  'instance-type': (i) => [i.type],
  'image-id': (i) => [i.imageId],
  'subnet-id': (i) => [i.subnetId],
  'vpc-id': (i) => [i.vpcId],
  'private-ip-address': (i) => [i.privateIp],
  'ip-address': (i) => [i.publicIp],
  'reservation-id': (i) => [i.reservationId],
  'key-name': (i) => [i.keyName],
  'instance-lifecycle': () => [],
  'launch-time': (i) => [new Date(i.launchTime).toISOString()],
  'instance.group-id': (i) => i.securityGroups.map((g) => g.GroupId),
};

function selectInstances(
  world: World,
  input: { InstanceIds?: string[]; Filters?: DescribeInstancesRequest['Filters'] },
): InstanceRec[] {
  const match = compileFilters(input.Filters, INSTANCE_FIELDS, (i) => i.tags);
  const base = input.InstanceIds?.length
    ? requireInstances(world, input.InstanceIds)
    : [...world.instances.values()];
  return base.filter(match);
}

function describeInstances({ world }: Ctx, input: DescribeInstancesRequest): object {
  const size = ec2MaxResults(input.MaxResults);
  if (size !== undefined && input.InstanceIds?.length)
    throw new SandboxError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  const scope = `di:${JSON.stringify(input.Filters ?? [])}`;
  // A paginated listing selects once per world version, not once per page (O(n) per page made a
  // 160,000-instance listing quadratic).
  const all = input.InstanceIds?.length
    ? selectInstances(world, input)
    : world.memo(scope, () => selectInstances(world, input));
  const { items, next } = page(all, size ?? Math.max(1, all.length), input.NextToken, scope, badEc2Token);
  const vols = world.memo('volumesByInstance', () => volumesByInstance(world));
  const reservations: Reservation[] = [];
  const byId = new Map<string, Reservation>();
  for (const inst of items) {
    let r = byId.get(inst.reservationId);
    if (!r) {
      r = { ReservationId: inst.reservationId, OwnerId: world.account, Groups: [], Instances: [] };
      byId.set(inst.reservationId, r);
      reservations.push(r);
    }
    r.Instances!.push(toInstance(world, inst, r.Instances!.length, vols));
  }
  return { Reservations: reservations, NextToken: next };
}

function describeInstanceStatus({ world, now }: Ctx, input: DescribeInstanceStatusRequest): object {
  const size = ec2MaxResults(input.MaxResults);
  if (size !== undefined && input.InstanceIds?.length)
    throw new SandboxError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  const match = compileFilters<InstanceRec>(
    input.Filters,
    {
      'availability-zone': (i) => [i.az],
      'instance-state-name': (i) => [i.state],
      'instance-state-code': (i) => [String(stateOf(i).Code)],
      'instance-status.status': (i) => [status(i, now).status],
      'system-status.status': (i) => [status(i, now).status],
    },
    (i) => i.tags,
  );
  const base = input.InstanceIds?.length
    ? requireInstances(world, input.InstanceIds)
    : [...world.instances.values()];
  const all = base.filter((i) => (input.IncludeAllInstances || i.state === 'running') && match(i));
  const { items, next } = page(all, size ?? Math.max(1, all.length), input.NextToken, 'dis', badEc2Token);
  const out: InstanceStatus[] = items.map((i) => {
    const s = status(i, now);
    const block = {
      Status: s.status,
      Details: s.detail ? [{ Name: 'reachability' as const, Status: s.detail }] : undefined,
    };
    return {
      InstanceId: i.id,
      AvailabilityZone: i.az,
      InstanceState: stateOf(i),
      InstanceStatus: { ...block },
      SystemStatus: { ...block },
      AttachedEbsStatus: { ...block },
    };
  });
  return { InstanceStatuses: out, NextToken: next };
}

function status(
  i: InstanceRec,
  now: number,
): {
  status: 'ok' | 'initializing' | 'impaired' | 'not-applicable';
  detail?: 'passed' | 'initializing' | 'failed';
} {
  if (i.state !== 'running') return { status: 'not-applicable' };
  if (i.rebootUntil !== undefined && i.rebootUntil > now)
    return { status: 'initializing', detail: 'initializing' };
  if (i.runningSince === undefined || now - i.runningSince < 60_000)
    return { status: 'initializing', detail: 'initializing' };
  return { status: 'ok', detail: 'passed' };
}

type Verb = 'stopped' | 'started' | 'rebooted' | 'terminated';

function change(
  world: World,
  input: { InstanceIds?: string[]; DryRun?: boolean },
  verb: Verb,
  act: (i: InstanceRec) => void,
): InstanceStateChange[] {
  const targets = requireInstances(world, input.InstanceIds);
  for (const i of targets) {
    const bad =
      (verb === 'stopped' && (i.state === 'terminated' || i.state === 'shutting-down')) ||
      (verb === 'started' && i.state !== 'stopped' && i.state !== 'running' && i.state !== 'pending') ||
      (verb === 'rebooted' && i.state !== 'running' && i.state !== 'pending');
    if (bad) {
      if (verb === 'stopped' && i.state === 'terminated')
        throw new SandboxError(
          'IncorrectInstanceState',
          `This instance '${i.id}' is not in a state from which it can be stopped.`,
        );
      throw new SandboxError(
        'IncorrectInstanceState',
        `The instance '${i.id}' is not in a state from which it can be ${verb}.`,
      );
    }
  }
  dryRun(input);
  return targets.map((i) => {
    const previous = stateOf(i);
    act(i);
    return { InstanceId: i.id, PreviousState: previous, CurrentState: stateOf(i) };
  });
}

function pickSubnet(world: World, input: RunInstancesRequest): SubnetRec {
  if (input.SubnetId) {
    const s = world.subnets.get(input.SubnetId);
    if (!s)
      throw new SandboxError('InvalidSubnetID.NotFound', `The subnet ID '${input.SubnetId}' does not exist`);
    return s;
  }
  const az = input.Placement?.AvailabilityZone;
  const defaults = [...world.subnets.values()].filter((s) => s.defaultForAz && (!az || s.az === az));
  if (!defaults.length) {
    if (az) throw new SandboxError('InvalidParameterValue', `Invalid availability zone: [${az}]`);
    throw new SandboxError('MissingInput', 'No subnets found for the default VPC. Please specify a subnet.');
  }
  return defaults[0]!;
}

function tagsFor(input: RunInstancesRequest, type: string): Tag[] {
  const out: Tag[] = [];
  for (const spec of input.TagSpecifications ?? [])
    if (spec.ResourceType === type)
      for (const t of spec.Tags ?? []) out.push({ Key: t.Key ?? '', Value: t.Value ?? '' });
  return out;
}

function runInstances({ world, now }: Ctx, input: RunInstancesRequest): object {
  const min = input.MinCount;
  const max = input.MaxCount;
  if (min === undefined || max === undefined)
    throw new SandboxError(
      'MissingParameter',
      `The request must contain the parameter ${min === undefined ? 'MinCount' : 'MaxCount'}`,
    );
  if (min < 1 || max < min)
    throw new SandboxError(
      'InvalidParameterValue',
      `Invalid value '${min < 1 ? min : max}' for ${min < 1 ? 'minCount' : 'maxCount'}. Must be greater than or equal to ${min < 1 ? 1 : 'minCount'}.`,
    );
  let imageId = input.ImageId;
  let type = input.InstanceType as string | undefined;
  let lt: { id: string; name: string; version: string } | undefined;
  if (input.LaunchTemplate) {
    const ref = input.LaunchTemplate;
    const found = [...world.launchTemplates.values()].find(
      (t) => t.id === ref.LaunchTemplateId || t.name === ref.LaunchTemplateName,
    );
    if (!found) {
      if (ref.LaunchTemplateId)
        throw new SandboxError(
          'InvalidLaunchTemplateId.NotFound',
          `The specified launch template, with template ID ${ref.LaunchTemplateId}, does not exist.`,
        );
      throw new SandboxError(
        'InvalidLaunchTemplateName.NotFoundException',
        `The specified launch template, with template name ${ref.LaunchTemplateName}, does not exist.`,
      );
    }
    imageId ??= found.imageId;
    type ??= found.type;
    lt = { id: found.id, name: found.name, version: String(found.version) };
  }
  if (!imageId) throw new SandboxError('MissingParameter', 'The request must contain the parameter ImageId');
  if (!/^ami-[0-9a-f]{8,17}$/.test(imageId))
    throw new SandboxError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  if (input.InstanceMarketOptions?.MarketType === 'spot')
    throw new SandboxError(
      'Unsupported',
      'The gameday sandbox runs on-demand instances only; it does not simulate spot instances.',
    );
  const subnet = pickSubnet(world, input);
  dryRun(input);
  const reservationId = world.id('r');
  const tags = tagsFor(input, 'instance');
  if (lt)
    tags.push(
      { Key: 'aws:ec2launchtemplate:id', Value: lt.id },
      { Key: 'aws:ec2launchtemplate:version', Value: lt.version },
    );
  const made: InstanceRec[] = Array.from({ length: max }, () =>
    launchInstance(
      world,
      {
        imageId: imageId!,
        type: type ?? 'm1.small',
        subnet,
        tags,
        volumeTags: tagsFor(input, 'volume'),
        reservationId,
        launchTemplate: lt,
        keyName: input.KeyName,
      },
      now,
    ),
  );
  const vols = volumesByInstance(world);
  return {
    ReservationId: reservationId,
    OwnerId: world.account,
    Groups: [],
    Instances: made.map((i, n) => toInstance(world, i, n, vols)),
  };
}

/** The instance operations, by name. */
export const ec2InstanceHandlers: HandlerTable = {
  DescribeInstances: describeInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  StopInstances: ({ world, now }, input) => ({
    StoppingInstances: change(world, input, 'stopped', (i) => stopInstance(i, now, Boolean(input.Force))),
  }),
  StartInstances: ({ world, now }, input) => ({
    StartingInstances: change(world, input, 'started', (i) => startInstance(i, now, world)),
  }),
  RebootInstances: ({ world, now }, input) => {
    change(world, input, 'rebooted', (i) => rebootInstance(i, now));
    return {};
  },
  TerminateInstances: ({ world, now }, input) => ({
    TerminatingInstances: change(world, input, 'terminated', (i) => terminateInstance(i, now)),
  }),
  RunInstances: runInstances,
};
