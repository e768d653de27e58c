// EC2 volume operations: describe (filters, paging 5..500), detach (root refused while the
// instance runs) and attach (same AZ, free device), each finishing after a short delay.
import type { AttachVolumeRequest, DescribeVolumesRequest, DetachVolumeRequest } from '@aws-sdk/client-ec2';
import { SandboxError } from '../errors.js';
import { compileFilters } from '../filters.js';
import type { VolumeRec } from '../model.js';
import { page } from '../paging.js';
import type { World } from '../world.js';
import { badEc2Token, dryRun, ec2MaxResults, requireInstances, toVolume } from './ec2-shapes.js';
import type { Ctx, HandlerTable } from './types.js';

/** A volume by id, or EC2's malformed / not-found error. */
export function requireVolume(world: World, id: string): VolumeRec {
  if (!/^vol-[0-9a-f]{8,17}$/.test(id))
    throw new SandboxError('InvalidParameterValue', `Invalid id: "${id}" (expecting "vol-...")`);
  const v = world.volumes.get(id);
  if (!v) throw new SandboxError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
  return v;
}

function describeVolumes({ world }: Ctx, input: DescribeVolumesRequest): object {
  const size = ec2MaxResults(input.MaxResults, 5, 500);
  let base = [...world.volumes.values()];
  if (input.VolumeIds?.length) base = input.VolumeIds.map((id) => requireVolume(world, id));
  const match = compileFilters<VolumeRec>(
    input.Filters,
    {
      'volume-id': (v) => [v.id],
      status: (v) => [v.state],
      'availability-zone': (v) => [v.az],
      'volume-type': (v) => [v.type],
      size: (v) => [String(v.size)],
      'attachment.instance-id': (v) => [v.attachment?.instanceId],
      'attachment.device': (v) => [v.attachment?.device],
      'attachment.status': (v) => [v.attachment?.state],
      'attachment.delete-on-termination': (v) => [
        v.attachment ? String(v.attachment.deleteOnTermination) : undefined,
      ],
    },
    (v) => v.tags,
  );
  const { items, next } = page(
    base.filter(match),
    size ?? Math.max(1, base.length),
    input.NextToken,
    `dv:${JSON.stringify(input.Filters ?? [])}`,
    badEc2Token,
  );
  return { Volumes: items.map(toVolume), NextToken: next };
}

function detachVolume({ world, now }: Ctx, input: DetachVolumeRequest): object {
  const v = requireVolume(world, input.VolumeId ?? '');
  const a = v.attachment;
  if (!a || v.state !== 'in-use')
    throw new SandboxError('IncorrectState', `Volume '${v.id}' is in the '${v.state}' state.`);
  if (input.InstanceId && input.InstanceId !== a.instanceId)
    throw new SandboxError(
      'InvalidAttachment.NotFound',
      `Volume '${v.id}' is not attached to instance '${input.InstanceId}'.`,
    );
  const inst = world.instances.get(a.instanceId);
  if (a.device === '/dev/xvda' && inst && inst.state !== 'stopped')
    throw new SandboxError(
      'OperationNotPermitted',
      `Unable to detach root volume '${v.id}' from instance '${a.instanceId}'`,
    );
  dryRun(input);
  a.state = 'detaching';
  v.transitionAt = now + (input.Force ? 5_000 : 10_000);
  return {
    AttachTime: new Date(a.time),
    Device: a.device,
    InstanceId: a.instanceId,
    State: 'detaching',
    VolumeId: v.id,
  };
}

function attachVolume({ world, now }: Ctx, input: AttachVolumeRequest): object {
  const v = requireVolume(world, input.VolumeId ?? '');
  const inst = requireInstances(world, [input.InstanceId ?? ''])[0]!;
  if (v.state !== 'available')
    throw new SandboxError('VolumeInUse', `${v.id} is already attached to an instance`);
  if (v.az !== inst.az)
    throw new SandboxError(
      'InvalidVolume.ZoneMismatch',
      `The volume '${v.id}' is not in the same availability zone as instance '${inst.id}'`,
    );
  const device = input.Device ?? '';
  const taken = [...world.volumes.values()].some(
    (o) => o.attachment?.instanceId === inst.id && o.attachment.device === device,
  );
  if (taken)
    throw new SandboxError(
      'InvalidParameterValue',
      `Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`,
    );
  dryRun(input);
  v.state = 'in-use';
  v.attachment = { instanceId: inst.id, device, state: 'attaching', time: now, deleteOnTermination: false };
  v.transitionAt = now + 10_000;
  return {
    AttachTime: new Date(now),
    Device: device,
    InstanceId: inst.id,
    State: 'attaching',
    VolumeId: v.id,
  };
}

/** The volume operations, by name. */
export const ec2VolumeHandlers: HandlerTable = {
  DescribeVolumes: describeVolumes,
  DetachVolume: detachVolume,
  AttachVolume: attachVolume,
};
