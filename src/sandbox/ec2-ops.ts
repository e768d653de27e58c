// EC2 state changes shared by the API handlers, the ASG reconciler and the presets: launching,
// stopping, starting, rebooting and terminating instances, and the lifecycle tick that finishes them.
import type { InstanceRec, InstanceState, SubnetRec, Tag } from './model.js';
import type { World } from './world.js';

/** What a launch needs (from RunInstances, a launch template, or an ASG). */
export interface LaunchSpec {
  imageId: string;
  type: string;
  subnet: SubnetRec;
  tags: Tag[];
  volumeTags?: Tag[];
  reservationId: string;
  asg?: string;
  launchTemplate?: { id: string; name: string; version: string };
  keyName?: string;
  /** Seconds from pending to running. */
  bootSeconds?: number;
  /** Add a data volume on /dev/sdf (the app's data; chaosaws detaches non-root volumes). */
  dataVolume?: boolean;
  /** Start already running (presets build a world that is up). */
  running?: boolean;
}

/** Launches one instance in `pending` (or `running` for presets), with its root volume. */
export function launchInstance(world: World, spec: LaunchSpec, now: number): InstanceRec {
  const id = world.id('i');
  const boot = spec.bootSeconds ?? 25 + world.rng.int(15);
  const inst: InstanceRec = {
    id,
    reservationId: spec.reservationId,
    imageId: spec.imageId,
    type: spec.type,
    az: spec.subnet.az,
    subnetId: spec.subnet.id,
    vpcId: spec.subnet.vpcId,
    privateIp: world.nextIp(),
    publicIp: spec.subnet.mapPublicIp ? world.publicIp() : undefined,
    state: spec.running ? 'running' : 'pending',
    launchTime: now,
    transitionAt: spec.running ? undefined : now + boot * 1000,
    runningSince: spec.running ? now - 3600_000 : undefined,
    transitionReason: '',
    tags: spec.tags.map((t) => ({ ...t })),
    asg: spec.asg,
    launchTemplate: spec.launchTemplate,
    keyName: spec.keyName,
    securityGroups: [world.defaultGroup(spec.subnet.vpcId)],
    dataDevice: spec.dataVolume ? '/dev/sdf' : undefined,
  };
  world.instances.set(id, inst);
  const devices = spec.dataVolume ? ['/dev/xvda', '/dev/sdf'] : ['/dev/xvda'];
  for (const device of devices) {
    const vid = world.id('vol');
    world.volumes.set(vid, {
      id: vid,
      az: inst.az,
      size: device === '/dev/xvda' ? 8 : 100,
      type: 'gp3',
      state: 'in-use',
      createTime: now,
      attachment: {
        instanceId: id,
        device,
        state: 'attached',
        time: now,
        deleteOnTermination: device === '/dev/xvda',
      },
      tags: (spec.volumeTags ?? []).map((t) => ({ ...t })),
    });
  }
  return inst;
}

/** The `User initiated (…)` stamp EC2 writes into StateTransitionReason. */
export function userInitiated(now: number): string {
  return `User initiated (${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} GMT)`;
}

/** Moves an instance to a transitional state that ends after `seconds`. */
function transition(inst: InstanceRec, state: InstanceState, now: number, seconds: number): void {
  inst.state = state;
  inst.transitionAt = now + seconds * 1000;
  inst.rebootUntil = undefined;
}

/** StopInstances on one instance (caller checked the state allows it). */
export function stopInstance(inst: InstanceRec, now: number, force: boolean): void {
  if (inst.state === 'stopped' || inst.state === 'stopping') return;
  transition(inst, 'stopping', now, force ? 10 : 30);
  inst.transitionReason = userInitiated(now);
  inst.stateReason = {
    Code: 'Client.UserInitiatedShutdown',
    Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
  };
}

/** StartInstances on one stopped instance. */
export function startInstance(inst: InstanceRec, now: number, world: World): void {
  if (inst.state !== 'stopped') return;
  transition(inst, 'pending', now, 15 + world.rng.int(10));
  inst.transitionReason = '';
  inst.stateReason = undefined;
}

/** RebootInstances on one running instance: it stays running but is out of service for a while. */
export function rebootInstance(inst: InstanceRec, now: number): void {
  if (inst.state === 'running') inst.rebootUntil = now + 60_000;
}

/** TerminateInstances on one instance (any state but terminated). */
export function terminateInstance(
  inst: InstanceRec,
  now: number,
  reason?: { Code: string; Message: string },
): void {
  if (inst.state === 'terminated' || inst.state === 'shutting-down') return;
  transition(inst, 'shutting-down', now, 20);
  inst.transitionReason = userInitiated(now);
  inst.stateReason = reason ?? {
    Code: 'Client.UserInitiatedShutdown',
    Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
  };
}

/** Whether an instance is serving: running, past its warm-up, not rebooting. */
export function inService(inst: InstanceRec, now: number): boolean {
  return (
    inst.state === 'running' &&
    inst.runningSince !== undefined &&
    now - inst.runningSince >= 20_000 &&
    !(inst.rebootUntil !== undefined && inst.rebootUntil > now)
  );
}

/** Whether the load balancer sees the instance healthy: in service, and its app has its data volume. */
export function targetHealthy(world: World, inst: InstanceRec, now: number): boolean {
  if (!inService(inst, now)) return false;
  if (!inst.dataDevice) return true;
  const attached = world.memo('attachedDevices', () => {
    const out = new Set<string>();
    for (const v of world.volumes.values())
      if (v.attachment?.state === 'attached') out.add(`${v.attachment.instanceId} ${v.attachment.device}`);
    return out;
  });
  return attached.has(`${inst.id} ${inst.dataDevice}`);
}

/** The tick that completes EC2 transitions (pending→running, stopping→stopped, …) and volume moves. */
export function ec2Lifecycle(world: World, t: number): void {
  for (const inst of world.instances.values()) {
    if (inst.purgeAt !== undefined && inst.purgeAt <= t) {
      world.instances.delete(inst.id);
      continue;
    }
    if (inst.rebootUntil !== undefined && inst.rebootUntil <= t) inst.rebootUntil = undefined;
    if (inst.transitionAt === undefined || inst.transitionAt > t) continue;
    inst.transitionAt = undefined;
    if (inst.state === 'pending') {
      inst.state = 'running';
      inst.runningSince = t;
    } else if (inst.state === 'stopping') {
      inst.state = 'stopped';
      inst.runningSince = undefined;
    } else if (inst.state === 'shutting-down') {
      inst.state = 'terminated';
      inst.runningSince = undefined;
      inst.purgeAt = t + 3600_000;
      for (const vol of world.volumes.values()) {
        if (vol.attachment?.instanceId !== inst.id) continue;
        if (vol.attachment.deleteOnTermination) world.volumes.delete(vol.id);
        else {
          vol.attachment = undefined;
          vol.state = 'available';
        }
      }
    }
  }
  for (const vol of world.volumes.values()) {
    if (vol.transitionAt === undefined || vol.transitionAt > t || !vol.attachment) continue;
    vol.transitionAt = undefined;
    if (vol.attachment.state === 'detaching') {
      vol.attachment = undefined;
      vol.state = 'available';
    } else if (vol.attachment.state === 'attaching') vol.attachment.state = 'attached';
  }
}
