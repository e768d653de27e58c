// Auto Scaling operations on groups: describe (paging, filters), create/update/delete, desired
// capacity, process suspension, tags, launch configurations and activities.
import type {
  AutoScalingGroupNamesType,
  CreateAutoScalingGroupType,
  ScalingProcessQuery,
  SetDesiredCapacityType,
  UpdateAutoScalingGroupType,
} from '@aws-sdk/client-auto-scaling';
import { reconcileAsg, terminateMember } from '../asg-ops.js';
import { SandboxError } from '../errors.js';
import { type AsgRec, SCALING_PROCESSES } from '../model.js';
import { page } from '../paging.js';
import type { World } from '../world.js';
import { autoscalingExtraHandlers } from './autoscaling-extras.js';
import { autoscalingMemberHandlers } from './autoscaling-members.js';
import { asgMaxRecords, badAsgToken, checkBounds, requireGroup, toGroup } from './autoscaling-shapes.js';
import type { Ctx, HandlerTable } from './types.js';

function groupFilter(filters: AutoScalingGroupNamesType['Filters']): (asg: AsgRec) => boolean {
  if (!filters?.length) return () => true;
  const tests = filters.map((f) => {
    const name = f.Name ?? '';
    const values = f.Values ?? [];
    if (name === 'tag-key') return (a: AsgRec) => a.tags.some((t) => values.includes(t.Key));
    if (name === 'tag-value') return (a: AsgRec) => a.tags.some((t) => values.includes(t.Value));
    if (name.startsWith('tag:'))
      return (a: AsgRec) => a.tags.some((t) => t.Key === name.slice(4) && values.includes(t.Value));
    throw new SandboxError(
      'ValidationError',
      `Filter type ${name} is not correct. Allowed Filter types are: tag-key tag-value tag:<key>`,
    );
  });
  return (a) => tests.every((t) => t(a));
}

function describeGroups({ world }: Ctx, input: AutoScalingGroupNamesType): object {
  const size = asgMaxRecords(input.MaxRecords, 100, 50);
  const names = input.AutoScalingGroupNames;
  const match = groupFilter(input.Filters);
  const scope = `dag:${JSON.stringify(names ?? [])}:${JSON.stringify(input.Filters ?? [])}`;
  // A listing of every group selects once per world version, not once per page.
  const all = names?.length
    ? names.flatMap((n) => (world.asgs.has(n) ? [world.asgs.get(n)!] : [])).filter(match)
    : world.memo(scope, () => [...world.asgs.values()].filter(match));
  const { items, next } = page(all, size, input.NextToken, scope, badAsgToken);
  return { AutoScalingGroups: items.map((a) => toGroup(world, a)), NextToken: next };
}

function subnetsOf(
  world: World,
  vpcZoneIdentifier: string | undefined,
): { subnets: string[]; azs: string[] } | undefined {
  if (!vpcZoneIdentifier) return undefined;
  const subnets = vpcZoneIdentifier
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const azs: string[] = [];
  for (const id of subnets) {
    const s = world.subnets.get(id);
    if (!s) throw new SandboxError('ValidationError', `The subnet ID '${id}' does not exist`);
    if (!azs.includes(s.az)) azs.push(s.az);
  }
  return { subnets, azs };
}

function createGroup({ world, now }: Ctx, input: CreateAutoScalingGroupType): object {
  const name = input.AutoScalingGroupName ?? '';
  if (!name)
    throw new SandboxError(
      'ValidationError',
      "1 validation error detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null",
    );
  if (world.asgs.has(name))
    throw new SandboxError(
      'AlreadyExistsFault',
      `AutoScalingGroup by this name already exists - A group with the name ${name} already exists`,
    );
  let launchTemplate: AsgRec['launchTemplate'];
  const ltRef =
    input.LaunchTemplate ?? input.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  if (ltRef) {
    const lt = [...world.launchTemplates.values()].find(
      (t) => t.id === ltRef.LaunchTemplateId || t.name === ltRef.LaunchTemplateName,
    );
    if (!lt)
      throw new SandboxError(
        'ValidationError',
        `You must use a valid fully-formed launch template. The specified launch template, with template ${ltRef.LaunchTemplateId ? `ID ${ltRef.LaunchTemplateId}` : `name ${ltRef.LaunchTemplateName}`}, does not exist.`,
      );
    launchTemplate = { id: lt.id, name: lt.name, version: ltRef.Version ?? '$Default' };
  } else if (input.LaunchConfigurationName) {
    if (!world.launchConfigs.has(input.LaunchConfigurationName))
      throw new SandboxError(
        'ValidationError',
        `Launch configuration name not found - Launch configuration ${input.LaunchConfigurationName} not found`,
      );
  } else {
    throw new SandboxError(
      'ValidationError',
      'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.',
    );
  }
  const min = input.MinSize ?? 0;
  const max = input.MaxSize ?? 0;
  const desired = input.DesiredCapacity ?? min;
  checkBounds(min, max, desired);
  const net = subnetsOf(world, input.VPCZoneIdentifier);
  const azs = net?.azs ?? input.AvailabilityZones ?? [];
  if (!azs.length)
    throw new SandboxError('ValidationError', 'At least one Availability Zone or VPC Subnet is required.');
  for (const az of azs)
    if (!world.azs.includes(az))
      throw new SandboxError('ValidationError', `Invalid Availability Zone: ${az}`);
  const asg: AsgRec = {
    name,
    arn: world.arn('autoscaling', `autoScalingGroup:${world.rng.uuid()}:autoScalingGroupName/${name}`),
    min,
    max,
    desired,
    cooldown: input.DefaultCooldown ?? 300,
    azs,
    subnets: net?.subnets ?? [],
    launchTemplate,
    launchConfig: input.LaunchConfigurationName,
    healthCheckType: input.HealthCheckType === 'ELB' ? 'ELB' : 'EC2',
    grace: input.HealthCheckGracePeriod ?? 0,
    members: [],
    suspended: [],
    tags: (input.Tags ?? []).map((t) => ({
      Key: t.Key ?? '',
      Value: t.Value ?? '',
      PropagateAtLaunch: t.PropagateAtLaunch ?? false,
    })),
    targetGroups: input.TargetGroupARNs ?? [],
    created: now,
    launchDelay: 30,
  };
  world.asgs.set(name, asg);
  reconcileAsg(world, asg, now);
  return {};
}

function updateGroup({ world, now }: Ctx, input: UpdateAutoScalingGroupType): object {
  const asg = requireGroup(world, input.AutoScalingGroupName);
  const min = input.MinSize ?? asg.min;
  const max = input.MaxSize ?? asg.max;
  let desired = input.DesiredCapacity ?? asg.desired;
  if (input.DesiredCapacity === undefined) desired = Math.min(max, Math.max(min, desired));
  checkBounds(min, max, desired);
  const net = subnetsOf(world, input.VPCZoneIdentifier);
  Object.assign(asg, { min, max, desired });
  if (net) Object.assign(asg, net);
  if (input.HealthCheckGracePeriod !== undefined) asg.grace = input.HealthCheckGracePeriod;
  if (input.HealthCheckType) asg.healthCheckType = input.HealthCheckType === 'ELB' ? 'ELB' : 'EC2';
  if (input.DefaultCooldown !== undefined) asg.cooldown = input.DefaultCooldown;
  reconcileAsg(world, asg, now);
  return {};
}

function setDesired({ world, now }: Ctx, input: SetDesiredCapacityType): object {
  const asg = requireGroup(world, input.AutoScalingGroupName);
  const d = input.DesiredCapacity ?? asg.desired;
  if (d > asg.max)
    throw new SandboxError(
      'ValidationError',
      `New SetDesiredCapacity value ${d} is above max value ${asg.max} for the AutoScalingGroup.`,
    );
  if (d < asg.min)
    throw new SandboxError(
      'ValidationError',
      `New SetDesiredCapacity value ${d} is below min value ${asg.min} for the AutoScalingGroup.`,
    );
  asg.desired = d;
  reconcileAsg(world, asg, now);
  return {};
}

function processes(input: ScalingProcessQuery): string[] {
  const names = input.ScalingProcesses?.length ? input.ScalingProcesses : [...SCALING_PROCESSES];
  for (const p of names)
    if (!(SCALING_PROCESSES as readonly string[]).includes(p))
      throw new SandboxError(
        'ValidationError',
        `Process '${p}' is not a valid scaling process. Valid values: ${SCALING_PROCESSES.join(', ')}`,
      );
  return names;
}

function deleteGroup(
  { world, now }: Ctx,
  input: { AutoScalingGroupName?: string; ForceDelete?: boolean },
): object {
  const asg = requireGroup(world, input.AutoScalingGroupName);
  if (asg.members.length && !input.ForceDelete)
    throw new SandboxError(
      'ResourceInUseFault',
      'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
    );
  for (const m of asg.members)
    if (m.lifecycle !== 'Terminating')
      terminateMember(world, asg, m, now, 'a user request deleted the group.');
  world.asgs.delete(asg.name);
  for (const inst of world.instances.values()) if (inst.asg === asg.name) inst.asg = undefined;
  return {};
}

/** Every Auto Scaling operation the sandbox answers, by name. */
export const autoscalingHandlers: HandlerTable = {
  DescribeAutoScalingGroups: describeGroups,
  CreateAutoScalingGroup: createGroup,
  UpdateAutoScalingGroup: updateGroup,
  DeleteAutoScalingGroup: deleteGroup,
  SetDesiredCapacity: setDesired,
  SuspendProcesses: ({ world, now }, input) => {
    const asg = requireGroup(world, input.AutoScalingGroupName);
    for (const p of processes(input))
      if (!asg.suspended.some((s) => s.ProcessName === p))
        asg.suspended.push({
          ProcessName: p,
          SuspensionReason: `User suspended at ${new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
        });
    return {};
  },
  ResumeProcesses: ({ world, now }, input) => {
    const asg = requireGroup(world, input.AutoScalingGroupName);
    const names = processes(input);
    asg.suspended = asg.suspended.filter((s) => !names.includes(s.ProcessName));
    reconcileAsg(world, asg, now);
    return {};
  },
  ...autoscalingExtraHandlers,
  ...autoscalingMemberHandlers,
};
