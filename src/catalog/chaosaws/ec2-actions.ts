// chaosaws.ec2.actions: stop/terminate/start/restart instances, by ids, AZ or filters, with the
// same argument errors and return shapes as chaostoolkit-aws 0.35.1 (ResponseMetadata dropped).
import { bool, num, optNum, optStr, optStrList, tagDict, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { AZ, FILTERS, INSTANCE_IDS, opt, req } from '../params.js';
import type { Args, EntrySpec, Run } from '../types.js';
import {
  byLifecycle,
  findInstances,
  type Instance,
  instanceTarget,
  noMatch,
  rebootAnyType,
  startAnyType,
  stopAnyType,
  terminateAnyType,
} from './ec2-common.js';
import { EC2_TAG_ACTIONS } from './ec2-tags.js';
import { attachVolume, detachRandomVolume } from './ec2-volumes.js';

const M = 'chaosaws.ec2.actions';
const INSTANCES = ['instances'];
const filtersOf = (a: Args) => (a.filters as unknown[] | null) ?? undefined;

/** Instances for the plural actions, or chaosaws' "No instances found matching filters" error. */
async function pluralTargets(a: Args, run: Run, verb: string): Promise<Map<string, Instance[]>> {
  const ids = optStrList(a, 'instance_ids');
  const az = optStr(a, 'az');
  if (az && !truthy(ids) && !truthy(a.filters))
    run.log(`Based on configuration provided I am going to ${verb} all instances in AZ ${az}!`);
  const { instances, filters } = await findInstances(run, { ids, az, filters: filtersOf(a) });
  if (!ids?.length && instances.length === 0) throw noMatch(filters);
  return byLifecycle(instances);
}

/** One random instance (seeded), for the singular actions. */
async function oneRandom(
  a: Args,
  run: Run,
  onNone: (filters: unknown[]) => Error,
): Promise<Map<string, Instance[]>> {
  const id = optStr(a, 'instance_id');
  const { instances, filters } = await findInstances(run, {
    ids: id ? [id] : undefined,
    az: optStr(a, 'az'),
    filters: filtersOf(a),
  });
  if (id) return byLifecycle(instances);
  if (instances.length === 0) throw onNone(filters);
  const rng = run.rng();
  const pick = rng.choice(instances);
  await run.attack.recordSelection({
    quantity: 'COUNT(1)',
    seed: rng.seed,
    candidates: instances.map((i) => String(i.InstanceId)),
    chosen: [{ id: String(pick.InstanceId), tags: instanceTarget(pick).tags }],
  });
  return byLifecycle([pick]);
}

const requireOne = (a: Args, idName: string, message: string) => {
  if (!truthy(a[idName]) && !truthy(a.az) && !truthy(a.filters)) throw new ActivityFailed(message);
};

/** The chaosaws.ec2.actions entries. */
export const EC2_ACTIONS: EntrySpec[] = [
  {
    module: M,
    func: 'stop_instance',
    kind: 'action',
    title: 'Stop one instance',
    targetKind: 'EC2 instance',
    appliesTo: INSTANCES,
    summary:
      'Stops one EC2 instance: the given id, or one picked at random (seeded) among the AZ/filter matches. Spot instances are terminated instead.',
    undo: 'start the stopped instance (spot: no undo, terminated)',
    dryRun: 'ec2-dry-run',
    params: [
      opt('instance_id', null, 'str', 'the instance to stop'),
      AZ,
      opt('force', false, 'bool', 'force the stop (no clean OS shutdown)'),
      FILTERS,
    ],
    fis: 'aws:ec2:stop-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_id',
        'To stop an EC2 instance, you must specify either the instance id, an AZ to pick a random instance from, or a set of filters.',
      );
      const groups = await oneRandom(
        a,
        run,
        () => new ActivityFailed(`No instances in availability zone: ${a.az ?? 'None'}`),
      );
      return stopAnyType(run, groups, bool(a, 'force'));
    },
  },
  {
    module: M,
    func: 'stop_instances',
    kind: 'action',
    title: 'Stop instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary:
      'Stops the given instances, or every instance matching the AZ/filters (no state filter is added). Spot instances are terminated instead.',
    undo: 'start the stopped instances (spot: no undo, terminated)',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS, opt('force', false, 'bool', 'force the stop')],
    fis: 'aws:ec2:stop-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To stop EC2 instances, you must specify either the instance ids, an AZ to pick random instances from, or a set of filters.',
      );
      const ids = optStrList(a, 'instance_ids');
      const az = optStr(a, 'az');
      if (az && !truthy(ids) && !truthy(a.filters))
        run.log(`Based on configuration provided I am going to stop all instances in AZ ${az}!`);
      const { instances } = await findInstances(run, { ids, az, filters: filtersOf(a) });
      if (!ids?.length && instances.length === 0)
        throw new ActivityFailed(`No instances in availability zone: ${a.az ?? 'None'}`);
      return stopAnyType(run, byLifecycle(instances), bool(a, 'force'));
    },
  },
  {
    module: M,
    func: 'terminate_instance',
    kind: 'action',
    title: 'Terminate one instance',
    targetKind: 'EC2 instance',
    appliesTo: INSTANCES,
    summary:
      'Terminates one EC2 instance: the given id or one picked at random (seeded) among the AZ/filter matches.',
    undo: 'no undo: a terminated instance is gone (its ASG or service replaces it)',
    dryRun: 'ec2-dry-run',
    params: [opt('instance_id', null, 'str', 'the instance to terminate'), AZ, FILTERS],
    fis: 'aws:ec2:terminate-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_id',
        'To terminate an EC2, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      return terminateAnyType(run, await oneRandom(a, run, noMatch));
    },
  },
  {
    module: M,
    func: 'terminate_instances',
    kind: 'action',
    title: 'Terminate instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary: 'Terminates the given instances, or every instance matching the AZ/filters.',
    undo: 'no undo: terminated instances are gone',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS],
    fis: 'aws:ec2:terminate-instances',
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To terminate instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      return terminateAnyType(run, await pluralTargets(a, run, 'terminate'));
    },
  },
  {
    module: M,
    func: 'start_instances',
    kind: 'action',
    title: 'Start instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary:
      'Starts the given instances, or every instance matching the AZ/filters. Returns the StartingInstances items, flattened.',
    undo: 'stop again the instances that were stopped before',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS],
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To start instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      return startAnyType(run, await pluralTargets(a, run, 'start'));
    },
  },
  {
    module: M,
    func: 'restart_instances',
    kind: 'action',
    title: 'Reboot instances',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary: 'Reboots the given instances, or every instance matching the AZ/filters.',
    undo: 'nothing to undo: a reboot ends by itself',
    dryRun: 'ec2-dry-run',
    params: [INSTANCE_IDS, AZ, FILTERS],
    fis: 'aws:ec2:reboot-instances',
    compat:
      'compatible: returns [] like chaosaws (which drops the RebootInstances responses); gameday.actions.reboot_instances returns them',
    async impl(a, run) {
      requireOne(
        a,
        'instance_ids',
        'To restart instances, you must specify the instance-id, an Availability Zone, or provide a set of filters',
      );
      const res = await rebootAnyType(run, await pluralTargets(a, run, 'restart'));
      return run.attack.dry ? res : [];
    },
  },
  detachRandomVolume,
  attachVolume,
  {
    module: M,
    func: 'stop_instances_by_incremental_steps',
    kind: 'action',
    title: 'Stop instances in steps',
    targetKind: 'EC2 instances',
    appliesTo: INSTANCES,
    summary:
      'Stops `volume`% of the matching instances, `step_quantity` at a time, waiting `step_duration` seconds between steps.',
    undo: 'start the stopped instances',
    dryRun: 'ec2-dry-run',
    params: [
      req('volume', 'int', 'percentage of the matching instances to stop'),
      req('step_quantity', 'int', 'instances stopped per step'),
      req('step_duration', 'int', 'seconds between steps'),
      AZ,
      opt(
        'tags',
        null,
        'Union[str, Dict[str, Any]]',
        'tags the instances must carry ("k=v,k2=v2" or a dict)',
      ),
      opt('force', false, 'bool', 'force the stops'),
    ],
    compat:
      'fixed: chaosaws adds the tag dict as a raw filter and samples lifecycle groups, so it fails as written; gameday filters on tag:K=V and samples instances (running only)',
    async impl(a, run) {
      const volume = num(a, 'volume');
      const step = Math.max(1, num(a, 'step_quantity'));
      const pause = optNum(a, 'step_duration') ?? 0;
      const tags = tagDict(a.tags) ?? {};
      const filters = [
        { Name: 'instance-state-name', Values: ['running'] },
        ...Object.entries(tags).map(([k, v]) => ({ Name: `tag:${k}`, Values: [v] })),
      ];
      const { instances } = await findInstances(run, { az: optStr(a, 'az'), filters });
      if (instances.length === 0) throw noMatch(filters);
      const count = Math.floor((instances.length * volume) / 100);
      const rng = run.rng();
      const chosen = rng.sample(instances, count);
      await run.attack.recordSelection({
        quantity: `PERCENT(${volume})`,
        seed: rng.seed,
        candidates: instances.map((i) => String(i.InstanceId)),
        chosen: chosen.map((i) => instanceTarget(i)),
      });
      await run.attack.admit(chosen.map((i) => instanceTarget(i)));
      const out: unknown[] = [];
      for (let i = 0; i < chosen.length; i += step) {
        if (i > 0 && !(await run.sleep(pause * 1000))) break;
        out.push(...(await stopAnyType(run, byLifecycle(chosen.slice(i, i + step)), bool(a, 'force'))));
      }
      return out;
    },
  },
  ...EC2_TAG_ACTIONS,
];
