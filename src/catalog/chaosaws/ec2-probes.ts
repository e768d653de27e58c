// chaosaws.ec2.probes: describe_instances, count_instances, instance_state, count_min_instances,
// with chaosaws' known bugs kept by default (each entry says which and how to get the fixed form).
import { bool, optStrList, str, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';
import { describeInstances, instancesOf } from './ec2-common.js';

const M = 'chaosaws.ec2.probes';
const FILTERS_REQ = req('filters', 'List[Dict[str, Any]]', 'DescribeInstances filters [{"Name", "Values"}]');
const FIXED = opt(
  'count_all_instances',
  false,
  'bool',
  'gameday extension: true counts instances instead of reservations (the chaosaws bug)',
);

/** The chaosaws.ec2.probes entries. */
export const EC2_PROBES: EntrySpec[] = [
  {
    module: M,
    func: 'describe_instances',
    kind: 'probe',
    title: 'Describe instances',
    targetKind: 'EC2 instances',
    appliesTo: ['instances'],
    summary: 'The raw DescribeInstances response for the filters (`$.Reservations[*].Instances[*]...`).',
    undo: 'nothing to undo (read-only)',
    dryRun: 'read-only',
    params: [FILTERS_REQ],
    async impl(a, run) {
      return describeInstances(run.aws, { filters: (a.filters as unknown[]) ?? [] });
    },
  },
  {
    module: M,
    func: 'count_instances',
    kind: 'probe',
    title: 'Count reservations (chaosaws)',
    targetKind: 'EC2 instances',
    appliesTo: ['instances'],
    summary: 'Number of Reservations matching the filters: chaosaws counts reservations, not instances.',
    undo: 'nothing to undo (read-only)',
    dryRun: 'read-only',
    params: [FILTERS_REQ, FIXED],
    compat:
      'compatible: counts reservations like chaosaws (issue #134); pass count_all_instances=true, or use gameday.probes.instance_count, to count instances',
    async impl(a, run) {
      const res = await describeInstances(run.aws, { filters: (a.filters as unknown[]) ?? [] });
      return bool(a, 'count_all_instances') ? instancesOf(res).length : res.Reservations.length;
    },
  },
  {
    module: M,
    func: 'instance_state',
    kind: 'probe',
    title: 'Instances are in state',
    targetKind: 'EC2 instances',
    appliesTo: ['instances'],
    summary: 'True when the matching instances are all in `state` (e.g. "running").',
    undo: 'nothing to undo (read-only)',
    dryRun: 'read-only',
    params: [
      req(
        'state',
        'str',
        'instance state name: pending, running, stopping, stopped, shutting-down, terminated',
      ),
      opt('instance_ids', null, 'List[str]', 'instance ids'),
      opt('filters', null, 'List[Dict[str, Any]]', 'DescribeInstances filters'),
      opt(
        'all_reservations',
        false,
        'bool',
        'gameday extension: true checks every reservation, not just the first',
      ),
    ],
    compat:
      'compatible: like chaosaws it looks at the first reservation only and fails when nothing matches; all_reservations=true checks every instance',
    async impl(a, run) {
      const state = str(a, 'state');
      const ids = optStrList(a, 'instance_ids');
      if (!truthy(ids) && !truthy(a.filters))
        throw new ActivityFailed(
          'Probe "instance_state" missing required parameter "instance_ids" or "filters"',
        );
      const res = await describeInstances(
        run.aws,
        truthy(ids) ? { ids } : { filters: a.filters as unknown[] },
      );
      const pool = bool(a, 'all_reservations') ? instancesOf(res) : res.Reservations[0]?.Instances;
      if (!pool || pool.length === 0) throw new ActivityFailed('IndexError: list index out of range');
      return pool.every((i: { State?: { Name?: string } }) => i.State?.Name === state);
    },
  },
  {
    module: M,
    func: 'count_min_instances',
    kind: 'probe',
    title: 'At least N reservations (chaosaws)',
    targetKind: 'EC2 instances',
    appliesTo: ['instances'],
    summary: 'True when count_instances(filters) >= min_count.',
    undo: 'nothing to undo (read-only)',
    dryRun: 'read-only',
    params: [FILTERS_REQ, opt('min_count', 0, 'int', 'minimum count'), FIXED],
    compat: 'compatible: built on count_instances, so it counts reservations unless count_all_instances=true',
    async impl(a, run) {
      const res = await describeInstances(run.aws, { filters: (a.filters as unknown[]) ?? [] });
      const n = bool(a, 'count_all_instances') ? instancesOf(res).length : res.Reservations.length;
      return n >= Number(a.min_count ?? 0);
    },
  },
];
