// chaosaws.ec2.actions detach_random_volume / attach_volume: detach one random non-root EBS volume
// per instance and tag it so attach_volume (or the guard's undo) can put it back.
import type { AwsResponse } from '../../aws/ops/call.js';
import { bool, optStrList, pyRepr, tagsOf, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import type { Target } from '../guard.js';
import { FILTERS, INSTANCE_IDS, opt } from '../params.js';
import type { EntrySpec, Run } from '../types.js';
import { describeInstances, instancesOf, instanceTarget } from './ec2-common.js';

const M = 'chaosaws.ec2.actions';
const ROOT_DEVICES = new Set(['/dev/sda1', '/dev/xvda']);
/** The tag chaosaws leaves on a volume it detached, to find it again. */
export const DETACHED_TAG = 'ChaosToolkitDetached';

/** One random non-root volume per instance: `{InstanceId, DeviceName, VolumeId, target}`. */
export async function randomVolumes(
  run: Run,
  q: { ids?: string[]; filters?: unknown[] },
  parentTags: Record<string, string> = {},
): Promise<Array<{ InstanceId: string; DeviceName: string; VolumeId: string; target: Target }>> {
  const res = await describeInstances(run.aws, q.filters?.length ? { filters: q.filters } : { ids: q.ids });
  if (res.Reservations.length === 0)
    throw new ActivityFailed(
      `no instances found matching: ${pyRepr(q.filters?.length ? { Filters: q.filters } : { InstanceIds: q.ids })}`,
    );
  const rng = run.rng();
  const out = [];
  for (const inst of instancesOf(res)) {
    const vols = ((inst.BlockDeviceMappings ?? []) as AwsResponse[]).filter(
      (b) => !ROOT_DEVICES.has(b.DeviceName),
    );
    if (vols.length === 0) continue;
    const b = rng.choice(vols);
    const target = instanceTarget(inst, parentTags);
    out.push({
      InstanceId: String(inst.InstanceId),
      DeviceName: String(b.DeviceName),
      VolumeId: String(b.Ebs?.VolumeId),
      target: { kind: 'volumes', id: String(b.Ebs?.VolumeId), tags: target.tags },
    });
  }
  return out;
}

/** Detaches (guarded) and tags the volume; the undo re-attaches it at the same device. */
export async function detachOne(
  run: Run,
  force: boolean,
  v: { InstanceId: string; DeviceName: string; VolumeId: string; target: Target },
  tagValue: string,
): Promise<unknown> {
  const where = { Device: v.DeviceName, InstanceId: v.InstanceId, VolumeId: v.VolumeId };
  let res: unknown;
  try {
    res = await run.attack.mutate({
      targets: [v.target],
      call: { service: 'ec2', operation: 'DetachVolume', input: { ...where, Force: force } },
      undo: [{ service: 'ec2', operation: 'AttachVolume', input: where }],
      undoDescription: `attach ${v.VolumeId} to ${v.InstanceId} at ${v.DeviceName}`,
    });
  } catch (err) {
    const e = err as { detail?: string; name?: string };
    if (e.name !== 'AwsApiError') throw err;
    throw new ActivityFailed(`unable to detach volume ${v.VolumeId} from ${v.InstanceId}: ${e.detail}`);
  }
  await run.attack.mutate({
    targets: [v.target],
    call: {
      service: 'ec2',
      operation: 'CreateTags',
      input: { Resources: [v.VolumeId], Tags: [{ Key: DETACHED_TAG, Value: tagValue }] },
    },
    undo: null,
  });
  return res;
}

/** Volumes carrying the detached tag (paginated). */
export async function detachedVolumes(run: Run): Promise<AwsResponse[]> {
  const out: AwsResponse[] = [];
  let token: string | undefined;
  do {
    const page = await run.aws('ec2', 'DescribeVolumes', {
      Filters: [{ Name: 'tag-key', Values: [DETACHED_TAG] }],
      ...(token ? { NextToken: token } : {}),
    });
    out.push(...(page.Volumes ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

/** AttachVolume through the guard (undo: detach again), with chaosaws' error wording. */
export async function attachOne(
  run: Run,
  instanceId: string,
  volumeId: string,
  device: string,
  tags: Record<string, string>,
): Promise<unknown> {
  const where = { Device: device, InstanceId: instanceId, VolumeId: volumeId };
  try {
    return await run.attack.mutate({
      targets: [{ kind: 'volumes', id: volumeId, tags }],
      call: { service: 'ec2', operation: 'AttachVolume', input: where },
      undo: [{ service: 'ec2', operation: 'DetachVolume', input: where }],
    });
  } catch (err) {
    const e = err as { detail?: string; name?: string };
    if (e.name !== 'AwsApiError') throw err;
    throw new ActivityFailed(`Unable to attach volume ${volumeId} to instance ${instanceId}: ${e.detail}`);
  }
}

/** chaosaws.ec2.actions.detach_random_volume */
export const detachRandomVolume: EntrySpec = {
  module: M,
  func: 'detach_random_volume',
  kind: 'action',
  title: 'Detach a random volume',
  targetKind: 'EBS volumes of EC2 instances',
  appliesTo: ['instances'],
  summary: `Detaches one random non-root EBS volume from each instance and tags it ${DETACHED_TAG}="DeviceName=...;InstanceId=...".`,
  undo: 'attach the volume back to its instance at the same device',
  dryRun: 'ec2-dry-run',
  params: [INSTANCE_IDS, FILTERS, opt('force', true, 'bool', 'force the detach')],
  async impl(a, run) {
    if (!truthy(a.instance_ids) && !truthy(a.filters))
      throw new ActivityFailed(
        'To detach volumes, you must specify the instance_id or provide a set of filters',
      );
    const vols = await randomVolumes(run, {
      ids: optStrList(a, 'instance_ids'),
      filters: (a.filters as unknown[]) ?? undefined,
    });
    await run.attack.admit(vols.map((v) => v.target));
    const out = [];
    for (const v of vols)
      out.push(
        await detachOne(
          run,
          bool(a, 'force', true),
          v,
          `DeviceName=${v.DeviceName};InstanceId=${v.InstanceId}`,
        ),
      );
    return out;
  },
};

/** chaosaws.ec2.actions.attach_volume */
export const attachVolume: EntrySpec = {
  module: M,
  func: 'attach_volume',
  kind: 'action',
  title: 'Re-attach detached volumes',
  targetKind: 'EBS volumes',
  appliesTo: ['instances'],
  summary: `Attaches volumes tagged ${DETACHED_TAG} back to their instance (only those of the given instances, if any). The tag is left in place.`,
  undo: 'detach the volumes again',
  dryRun: 'ec2-dry-run',
  params: [INSTANCE_IDS, FILTERS],
  async impl(a, run) {
    const ids = optStrList(a, 'instance_ids');
    const filters = (a.filters as unknown[] | null) ?? undefined;
    let only: Set<string> | undefined;
    if (truthy(ids) || truthy(filters)) {
      const res = await describeInstances(run.aws, truthy(filters) ? { filters } : { ids });
      only = new Set(instancesOf(res).map((i) => String(i.InstanceId)));
    }
    const todo = [];
    for (const vol of await detachedVolumes(run)) {
      const tags = tagsOf(vol.Tags);
      const value = tags[DETACHED_TAG];
      if (value === undefined) continue;
      const parts = value.split(';');
      const device = parts[0]?.split('=').at(-1) ?? '';
      const instanceId = parts[1]?.split('=').at(-1) ?? '';
      if (only && only.size > 0 && !only.has(instanceId)) continue;
      todo.push({ vol, tags, device, instanceId });
    }
    // the opt-in tag of the instance a volume goes back to covers the volume
    const owners = new Map<string, Record<string, string>>();
    if (todo.length) {
      const res = await describeInstances(run.aws, { ids: [...new Set(todo.map((t) => t.instanceId))] });
      for (const i of instancesOf(res)) owners.set(String(i.InstanceId), instanceTarget(i).tags);
    }
    const out = [];
    for (const t of todo)
      out.push(
        await attachOne(run, t.instanceId, String(t.vol.VolumeId), t.device, {
          ...owners.get(t.instanceId),
          ...t.tags,
        }),
      );
    return out;
  },
};
