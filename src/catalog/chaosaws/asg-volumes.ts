// chaosaws.asg.actions detach_random_volume / attach_volume: one random non-root EBS volume per
// member, tagged with its device, instance and group so attach_volume (or the undo) puts it back.
import type { AwsResponse } from '../../aws/ops/call.js';
import { bool } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt } from '../params.js';
import type { EntrySpec } from '../types.js';
import { ASG_NAMES, ASG_TAGS, actionAsgs, asgTarget, validateAsgs } from './asg-common.js';
import { attachOne, DETACHED_TAG, detachedVolumes, detachOne, randomVolumes } from './ec2-volumes.js';

const M = 'chaosaws.asg.actions';
const ASGS = ['autoScalingGroups'];

/** The volume entries of chaosaws.asg.actions. */
export const ASG_VOLUME_ACTIONS: EntrySpec[] = [
  {
    module: M,
    func: 'detach_random_volume',
    kind: 'action',
    title: 'Detach a random volume (ASG)',
    targetKind: 'EBS volumes of Auto Scaling group members',
    appliesTo: ASGS,
    summary: `Detaches one random non-root EBS volume from each member and tags it ${DETACHED_TAG}="DeviceName=...;InstanceId=...;ASG=...".`,
    undo: 'attach each volume back to its instance at the same device',
    dryRun: 'ec2-dry-run',
    params: [ASG_NAMES, ASG_TAGS, opt('force', true, 'bool', 'force the detach')],
    async impl(a, run) {
      validateAsgs(a);
      const out = [];
      for (const g of await actionAsgs(run, a)) {
        const ids = ((g.Instances ?? []) as AwsResponse[]).map((i) => String(i.InstanceId));
        if (ids.length === 0)
          throw new ActivityFailed(`no instances found for asg: ${g.AutoScalingGroupName}`);
        const vols = await randomVolumes(run, { ids }, asgTarget(g).tags);
        await run.attack.admit(vols.map((v) => v.target));
        for (const v of vols)
          out.push(
            await detachOne(
              run,
              bool(a, 'force', true),
              v,
              `DeviceName=${v.DeviceName};InstanceId=${v.InstanceId};ASG=${g.AutoScalingGroupName}`,
            ),
          );
      }
      return out;
    },
  },
  {
    module: M,
    func: 'attach_volume',
    kind: 'action',
    title: 'Re-attach detached volumes (ASG)',
    targetKind: 'EBS volumes of Auto Scaling group members',
    appliesTo: ASGS,
    summary: `Attaches volumes tagged ${DETACHED_TAG} with ASG=<group> back to their instance.`,
    undo: 'detach the volumes again',
    dryRun: 'ec2-dry-run',
    params: [ASG_NAMES, ASG_TAGS],
    compat:
      'fixed: chaosaws calls AttachVolume on the autoscaling client (always fails) and mis-paginates; gameday uses EC2 and pages correctly',
    async impl(a, run) {
      validateAsgs(a);
      const asgs = await actionAsgs(run, a);
      const names = new Set(asgs.map((g) => String(g.AutoScalingGroupName)));
      const vols = await detachedVolumes(run);
      if (vols.length === 0) throw new ActivityFailed('No volumes detached by ChaosTookit found');
      const out = [];
      for (const vol of vols) {
        const value = ((vol.Tags ?? []) as AwsResponse[]).find((t) => t.Key === DETACHED_TAG)?.Value as
          | string
          | undefined;
        const parts = value?.split(';') ?? [];
        if (parts.length !== 3) continue;
        const [device, instanceId, asg] = parts.map((p) => p.split('=').at(-1) ?? '');
        if (!names.has(asg!)) continue;
        const g = asgs.find((x) => x.AutoScalingGroupName === asg)!;
        out.push(await attachOne(run, instanceId!, String(vol.VolumeId), device!, asgTarget(g).tags));
      }
      return out;
    },
  },
];
