// Auto Scaling operations on group members: describe, terminate, detach, attach, set health.
import type {
  AttachInstancesQuery,
  DescribeAutoScalingInstancesType,
  DetachInstancesQuery,
  SetInstanceHealthQuery,
  TerminateInstanceInAutoScalingGroupType,
} from '@aws-sdk/client-auto-scaling';
import { activeMembers, addActivity, reconcileAsg, terminateMember } from '../asg-ops.js';
import { SandboxError } from '../errors.js';
import type { AsgMember, AsgRec } from '../model.js';
import { page } from '../paging.js';
import type { World } from '../world.js';
import {
  asgMaxRecords,
  badAsgToken,
  launchTemplateOf,
  requireGroup,
  toActivity,
} from './autoscaling-shapes.js';
import type { Ctx, HandlerTable } from './types.js';

function memberOf(world: World, id: string | undefined): { asg: AsgRec; member: AsgMember } | undefined {
  for (const asg of world.asgs.values()) {
    const member = asg.members.find((m) => m.id === id);
    if (member) return { asg, member };
  }
  return undefined;
}

function describeInstances({ world }: Ctx, input: DescribeAutoScalingInstancesType): object {
  const size = asgMaxRecords(input.MaxRecords, 50, 50);
  const rows = [...world.asgs.values()].flatMap((asg) => asg.members.map((m) => ({ asg, m })));
  const all = input.InstanceIds?.length ? rows.filter((r) => input.InstanceIds!.includes(r.m.id)) : rows;
  const { items, next } = page(
    all,
    size,
    input.NextToken,
    `dai:${JSON.stringify(input.InstanceIds ?? [])}`,
    badAsgToken,
  );
  return {
    AutoScalingInstances: items.map(({ asg, m }) => ({
      InstanceId: m.id,
      InstanceType: world.instances.get(m.id)?.type,
      AutoScalingGroupName: asg.name,
      AvailabilityZone: m.az,
      LifecycleState: m.lifecycle,
      HealthStatus: m.health.toUpperCase(),
      LaunchTemplate: launchTemplateOf(asg),
      LaunchConfigurationName: asg.launchConfig,
      ProtectedFromScaleIn: m.protectedFromScaleIn,
    })),
    NextToken: next,
  };
}

function belowMin(asg: AsgRec, n: number): SandboxError {
  return new SandboxError(
    'ValidationError',
    `Currently, desiredSize equals minSize (${asg.min}). ${n > 1 ? 'Detaching instances' : 'Terminating instance'} without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.`,
  );
}

function terminateInAsg({ world, now }: Ctx, input: TerminateInstanceInAutoScalingGroupType): object {
  const found = memberOf(world, input.InstanceId);
  if (!found)
    throw new SandboxError(
      'ValidationError',
      `Instance Id not found - No managed instance found for instance ID: ${input.InstanceId}`,
    );
  const { asg, member } = found;
  if (input.ShouldDecrementDesiredCapacity) {
    if (asg.desired - 1 < asg.min) throw belowMin(asg, 1);
    asg.desired -= 1;
  }
  const cause = input.ShouldDecrementDesiredCapacity
    ? `instance ${member.id} was taken out of service in response to a user request, shrinking the capacity from ${asg.desired + 1} to ${asg.desired}.`
    : `instance ${member.id} was taken out of service in response to a user request.`;
  const activity =
    member.lifecycle === 'Terminating' ? undefined : terminateMember(world, asg, member, now, cause);
  reconcileAsg(world, asg, now);
  const a = activity ?? world.activities.find((x) => x.id === member.activityId);
  return { Activity: a ? toActivity(a) : undefined };
}

function detach({ world, now }: Ctx, input: DetachInstancesQuery): object {
  const asg = requireGroup(world, input.AutoScalingGroupName);
  if (input.ShouldDecrementDesiredCapacity === undefined)
    throw new SandboxError(
      'ValidationError',
      "1 validation error detected: Value null at 'shouldDecrementDesiredCapacity' failed to satisfy constraint: Member must not be null",
    );
  const ids = input.InstanceIds ?? [];
  const members = ids.map((id) => {
    const m = asg.members.find((x) => x.id === id && x.lifecycle !== 'Terminating');
    if (!m)
      throw new SandboxError(
        'ValidationError',
        `The instance ${id} is not part of Auto Scaling group ${asg.name}.`,
      );
    return m;
  });
  if (input.ShouldDecrementDesiredCapacity) {
    if (asg.desired - members.length < asg.min) throw belowMin(asg, members.length);
    asg.desired -= members.length;
  }
  const activities = members.map((m) => {
    asg.members.splice(asg.members.indexOf(m), 1);
    const inst = world.instances.get(m.id);
    if (inst) inst.asg = undefined;
    const cause = input.ShouldDecrementDesiredCapacity
      ? `instance ${m.id} was detached in response to a user request, shrinking the capacity from ${asg.desired + members.length} to ${asg.desired}.`
      : `instance ${m.id} was detached in response to a user request.`;
    return toActivity(addActivity(world, asg, now, `Detaching EC2 instance: ${m.id}`, cause, m.id, true));
  });
  reconcileAsg(world, asg, now);
  return { Activities: activities };
}

function attach({ world, now }: Ctx, input: AttachInstancesQuery): object {
  const asg = requireGroup(world, input.AutoScalingGroupName);
  const ids = input.InstanceIds ?? [];
  const insts = ids.map((id) => {
    const inst = world.instances.get(id);
    if (inst?.state !== 'running')
      throw new SandboxError(
        'ValidationError',
        `Instance ${id} is not in correct state. Expected state: running.`,
      );
    if (memberOf(world, id))
      throw new SandboxError(
        'ValidationError',
        `The instance ${id} is already part of an Auto Scaling group.`,
      );
    if (!asg.azs.includes(inst.az))
      throw new SandboxError(
        'ValidationError',
        `The instance ${id} is not in an Availability Zone of Auto Scaling group ${asg.name}.`,
      );
    return inst;
  });
  if (activeMembers(asg).length + insts.length > asg.max)
    throw new SandboxError(
      'ValidationError',
      `Attaching ${insts.length} instance(s) to ${asg.name} will exceed the maximum size of the group (${asg.max}).`,
    );
  for (const inst of insts) {
    inst.asg = asg.name;
    if (!inst.tags.some((t) => t.Key === 'aws:autoscaling:groupName'))
      inst.tags.push({ Key: 'aws:autoscaling:groupName', Value: asg.name });
    asg.members.push({
      id: inst.id,
      az: inst.az,
      lifecycle: 'InService',
      health: 'Healthy',
      protectedFromScaleIn: false,
    });
    addActivity(
      world,
      asg,
      now,
      `Attaching an existing EC2 instance: ${inst.id}`,
      `an instance was added in response to a user request, increasing the capacity.`,
      inst.id,
      true,
    );
  }
  asg.desired += insts.length;
  return {};
}

function setHealth({ world }: Ctx, input: SetInstanceHealthQuery): object {
  const found = memberOf(world, input.InstanceId);
  if (!found)
    throw new SandboxError(
      'ValidationError',
      `Instance Id not found - No managed instance found for instance ID: ${input.InstanceId}`,
    );
  if (input.HealthStatus !== 'Healthy' && input.HealthStatus !== 'Unhealthy')
    throw new SandboxError(
      'ValidationError',
      `Valid values for HealthStatus are Healthy and Unhealthy (got ${input.HealthStatus}).`,
    );
  found.member.health = input.HealthStatus;
  return {};
}

/** The member operations, by name (merged into the Auto Scaling table). */
export const autoscalingMemberHandlers: HandlerTable = {
  DescribeAutoScalingInstances: describeInstances,
  TerminateInstanceInAutoScalingGroup: terminateInAsg,
  DetachInstances: detach,
  AttachInstances: attach,
  SetInstanceHealth: setHealth,
  SetInstanceProtection: ({ world }, input) => {
    const asg = requireGroup(world, input.AutoScalingGroupName);
    for (const id of input.InstanceIds ?? []) {
      const m = asg.members.find((x) => x.id === id);
      if (!m)
        throw new SandboxError(
          'ValidationError',
          `The instance ${id} is not part of Auto Scaling group ${asg.name}.`,
        );
      m.protectedFromScaleIn = Boolean(input.ProtectedFromScaleIn);
    }
    return {};
  },
};
