// Auto Scaling world records to SDK output shapes, and the lookups with AWS's error words.
import type { Activity, AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { SandboxError } from '../errors.js';
import type { ActivityRec, AsgRec } from '../model.js';
import type { World } from '../world.js';

/** A group's launch template as the Auto Scaling API names it (groups and their members). */
export function launchTemplateOf(asg: AsgRec): AutoScalingGroup['LaunchTemplate'] {
  const lt = asg.launchTemplate;
  return lt ? { LaunchTemplateId: lt.id, LaunchTemplateName: lt.name, Version: lt.version } : undefined;
}

/** A group as DescribeAutoScalingGroups returns it. */
export function toGroup(world: World, asg: AsgRec): AutoScalingGroup {
  return {
    AutoScalingGroupName: asg.name,
    AutoScalingGroupARN: asg.arn,
    LaunchTemplate: launchTemplateOf(asg),
    LaunchConfigurationName: asg.launchConfig,
    MinSize: asg.min,
    MaxSize: asg.max,
    DesiredCapacity: asg.desired,
    DefaultCooldown: asg.cooldown,
    AvailabilityZones: [...asg.azs],
    LoadBalancerNames: [],
    TargetGroupARNs: [...asg.targetGroups],
    HealthCheckType: asg.healthCheckType,
    HealthCheckGracePeriod: asg.grace,
    Instances: asg.members.map((m) => ({
      InstanceId: m.id,
      InstanceType: world.instances.get(m.id)?.type,
      AvailabilityZone: m.az,
      LifecycleState: m.lifecycle,
      HealthStatus: m.health,
      LaunchTemplate: launchTemplateOf(asg),
      LaunchConfigurationName: asg.launchConfig,
      ProtectedFromScaleIn: m.protectedFromScaleIn,
    })),
    CreatedTime: new Date(asg.created),
    SuspendedProcesses: asg.suspended.map((p) => ({ ...p })),
    VPCZoneIdentifier: asg.subnets.join(','),
    EnabledMetrics: [],
    Tags: asg.tags.map((t) => ({ ResourceId: asg.name, ResourceType: 'auto-scaling-group', ...t })),
    TerminationPolicies: ['Default'],
    NewInstancesProtectedFromScaleIn: false,
    ServiceLinkedRoleARN: `arn:aws:iam::${world.account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: false,
  };
}

/** An activity as the Auto Scaling API returns it. */
export function toActivity(a: ActivityRec): Activity {
  return {
    ActivityId: a.id,
    AutoScalingGroupName: a.asg,
    Description: a.description,
    Cause: a.cause,
    StartTime: new Date(a.start),
    EndTime: a.end !== undefined ? new Date(a.end) : undefined,
    StatusCode: a.status,
    Progress: a.progress,
    Details: a.details,
    AutoScalingGroupARN: undefined,
  };
}

/** A group by name, or AWS's ValidationError. */
export function requireGroup(world: World, name: string | undefined): AsgRec {
  const asg = name ? world.asgs.get(name) : undefined;
  if (!asg)
    throw new SandboxError(
      'ValidationError',
      `AutoScalingGroup name not found - AutoScalingGroup '${name}' not found`,
    );
  return asg;
}

/** Auto Scaling's error for a NextToken it did not issue. */
export function badAsgToken(): SandboxError {
  return new SandboxError('InvalidNextToken', 'The token provided is invalid or has expired.');
}

/** Checks min <= desired <= max with Auto Scaling's own messages. */
export function checkBounds(min: number, max: number, desired: number): void {
  if (min < 0)
    throw new SandboxError(
      'ValidationError',
      `Value ${min} at 'minSize' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  if (max < min)
    throw new SandboxError(
      'ValidationError',
      `Max bound, ${max}, must be greater than or equal to min bound, ${min}`,
    );
  if (desired < min || desired > max)
    throw new SandboxError(
      'ValidationError',
      `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
    );
}

/** The MaxRecords check of Auto Scaling's Describe calls. */
export function asgMaxRecords(value: number | undefined, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new SandboxError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  return value;
}
