// Auto Scaling state changes shared by the API handlers and the reconciler: launching and
// terminating members with their scaling activities, and the reconcile pass itself.
import { launchInstance, targetHealthy, terminateInstance } from './ec2-ops.js';
import type { ActivityRec, AsgMember, AsgRec, SubnetRec } from './model.js';
import type { World } from './world.js';

/** Whether a process (Launch, Terminate, HealthCheck, ReplaceUnhealthy, ...) is suspended on a group. */
export function suspended(asg: AsgRec, process: string): boolean {
  return asg.suspended.some((p) => p.ProcessName === process);
}

/** Members that count towards capacity (not leaving the group). */
export function activeMembers(asg: AsgRec): AsgMember[] {
  return asg.members.filter((m) => m.lifecycle === 'Pending' || m.lifecycle === 'InService');
}

function iso(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Records a scaling activity (newest last in the world's log). */
export function addActivity(
  world: World,
  asg: AsgRec,
  now: number,
  description: string,
  cause: string,
  instanceId?: string,
  done = false,
): ActivityRec {
  const a: ActivityRec = {
    id: world.rng.uuid(),
    asg: asg.name,
    description,
    cause: `At ${iso(now)} ${cause}`,
    start: now,
    end: done ? now : undefined,
    status: done ? 'Successful' : 'InProgress',
    progress: done ? 100 : 0,
    details: JSON.stringify({ 'Subnet ID': '', 'Availability Zone': '' }),
    instanceId,
  };
  world.activities.push(a);
  if (world.activities.length > 5000) world.activities.splice(0, world.activities.length - 5000);
  return a;
}

/** Marks an activity finished. */
export function finishActivity(world: World, id: string | undefined, now: number): void {
  if (!id) return;
  for (let i = world.activities.length - 1; i >= 0; i--) {
    const a = world.activities[i]!;
    if (a.id !== id) continue;
    a.status = 'Successful';
    a.progress = 100;
    a.end = now;
    return;
  }
}

function subnetFor(world: World, asg: AsgRec, az: string): SubnetRec | undefined {
  for (const id of asg.subnets) {
    const s = world.subnets.get(id);
    if (s?.az === az) return s;
  }
  return [...world.subnets.values()].find((s) => s.az === az && s.defaultForAz);
}

/** Launches one member in the zone with the fewest members (AZ balance), as `Pending`. */
export function launchMember(
  world: World,
  asg: AsgRec,
  now: number,
  cause: string,
  running = false,
): AsgMember | undefined {
  const counts = new Map(asg.azs.map((az) => [az, 0]));
  for (const m of activeMembers(asg)) counts.set(m.az, (counts.get(m.az) ?? 0) + 1);
  const az = [...counts.entries()].sort((a, b) => a[1] - b[1])[0]?.[0];
  const subnet = az ? subnetFor(world, asg, az) : undefined;
  if (!subnet) return undefined;
  const lt = asg.launchTemplate ? world.launchTemplates.get(asg.launchTemplate.id) : undefined;
  const lc = asg.launchConfig ? world.launchConfigs.get(asg.launchConfig) : undefined;
  const tags = asg.tags.filter((t) => t.PropagateAtLaunch).map((t) => ({ Key: t.Key, Value: t.Value }));
  tags.push({ Key: 'aws:autoscaling:groupName', Value: asg.name });
  if (lt)
    tags.push(
      { Key: 'aws:ec2launchtemplate:id', Value: lt.id },
      { Key: 'aws:ec2launchtemplate:version', Value: String(lt.version) },
    );
  const inst = launchInstance(
    world,
    {
      imageId: lt?.imageId ?? lc?.imageId ?? 'ami-0abcdef1234567890',
      type: lt?.type ?? lc?.type ?? 't3.micro',
      subnet,
      tags,
      reservationId: world.id('r'),
      asg: asg.name,
      launchTemplate: asg.launchTemplate,
      bootSeconds: asg.launchDelay,
      dataVolume: true,
      running,
    },
    now,
  );
  const activity = running
    ? undefined
    : addActivity(world, asg, now, `Launching a new EC2 instance: ${inst.id}`, cause, inst.id);
  const member: AsgMember = {
    id: inst.id,
    az: inst.az,
    lifecycle: running ? 'InService' : 'Pending',
    health: 'Healthy',
    protectedFromScaleIn: false,
    activityId: activity?.id,
  };
  asg.members.push(member);
  return member;
}

/** Starts terminating one member (the EC2 instance shuts down; the member leaves when it is gone). */
export function terminateMember(
  world: World,
  asg: AsgRec,
  member: AsgMember,
  now: number,
  cause: string,
): ActivityRec {
  member.lifecycle = 'Terminating';
  const inst = world.instances.get(member.id);
  if (inst)
    terminateInstance(inst, now, {
      Code: 'Client.UserInitiatedShutdown',
      Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    });
  const a = addActivity(world, asg, now, `Terminating EC2 instance: ${member.id}`, cause, member.id);
  member.activityId = a.id;
  return a;
}

/** One reconcile pass: health checks, replacing unhealthy members, and closing the gap to desired. */
export function reconcileAsg(world: World, asg: AsgRec, now: number): void {
  for (const m of [...asg.members]) {
    const inst = world.instances.get(m.id);
    if (m.lifecycle === 'Pending' && inst?.state === 'running') {
      m.lifecycle = 'InService';
      finishActivity(world, m.activityId, now);
    }
    if (m.lifecycle === 'Terminating' && (!inst || inst.state === 'terminated')) {
      finishActivity(world, m.activityId, now);
      asg.members.splice(asg.members.indexOf(m), 1);
      continue;
    }
    const gone =
      !inst ||
      inst.state === 'stopped' ||
      inst.state === 'stopping' ||
      inst.state === 'terminated' ||
      inst.state === 'shutting-down';
    // The health-check grace period: a new instance is not health-checked until it has passed.
    const inGrace = inst !== undefined && now - inst.launchTime < asg.grace * 1000;
    if (m.lifecycle === 'InService' && gone && !inGrace && !suspended(asg, 'HealthCheck'))
      m.health = 'Unhealthy';
    // ELB health checks: two failed 30-second target checks in a row make the member Unhealthy.
    const elbFailing =
      asg.healthCheckType === 'ELB' &&
      m.lifecycle === 'InService' &&
      !gone &&
      !targetHealthy(world, inst!, now);
    m.failingSince = elbFailing ? (m.failingSince ?? now) : undefined;
    if (elbFailing && !inGrace && !suspended(asg, 'HealthCheck') && now - m.failingSince! >= 60_000)
      m.health = 'Unhealthy';
    if (m.lifecycle === 'InService' && m.health === 'Unhealthy' && !suspended(asg, 'ReplaceUnhealthy'))
      terminateMember(
        world,
        asg,
        m,
        now,
        `an instance was taken out of service in response to ${gone ? 'an EC2 health check indicating it has been terminated or stopped' : elbFailing ? 'an ELB system health check failure' : 'a user health-check'}.`,
      );
  }
  const active = activeMembers(asg);
  if (active.length < asg.desired && !suspended(asg, 'Launch')) {
    const from = active.length;
    for (let n = from; n < asg.desired; n++)
      if (
        !launchMember(
          world,
          asg,
          now,
          `an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${from} to ${asg.desired}.`,
        )
      )
        break;
  } else if (active.length > asg.desired && !suspended(asg, 'Terminate')) {
    const from = active.length;
    const victims = active
      .filter((m) => !m.protectedFromScaleIn)
      .sort((a, b) => (a.health === b.health ? 0 : a.health === 'Unhealthy' ? -1 : 1));
    for (const m of victims.slice(0, from - asg.desired))
      terminateMember(
        world,
        asg,
        m,
        now,
        `a user request update of AutoScalingGroup constraints to min: ${asg.min}, max: ${asg.max}, desired: ${asg.desired} changing the desired capacity from ${from} to ${asg.desired}.`,
      );
  }
}

/** The dynamics entry: reconcile every group on each tick. */
export function asgReconciler(world: World, t: number): void {
  for (const asg of world.asgs.values()) reconcileAsg(world, asg, t);
}
