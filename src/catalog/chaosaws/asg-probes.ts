// chaosaws.asg.probes: group descriptions, desired-vs-healthy checks (and their waits), scaling in
// progress, suspended processes, subnets and instance counts by health.
import type { AwsResponse } from '../../aws/ops/call.js';
import { bool, optNum, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { Args, EntrySpec, Run } from '../types.js';
import {
  ASG_NAMES,
  ASG_TAGS,
  type Asg,
  describeAsgs,
  desiredEqualsHealthy,
  probeAsgsByName,
  probeAsgsByTags,
  validateAsgs,
} from './asg-common.js';

const M = 'chaosaws.asg.probes';
const ASGS = ['autoScalingGroups'];
const READ = {
  undo: 'nothing to undo (read-only)',
  dryRun: 'read-only' as const,
  kind: 'probe' as const,
  module: M,
};
const TAGS_REQ = req('tags', 'List[Dict[str, str]]', 'group tags [{"Key","Value"}]');
const TIMEOUT = opt(
  'timeout',
  300,
  'Union[int, float]',
  'seconds to wait before giving up (returns sys.maxsize)',
);
/** Python's sys.maxsize (2^63-1), what the wait probes return on timeout: 2^63 is the nearest double. */
export const MAXSIZE = 2 ** 63;

const byNamesOrTags = (run: Run, a: Args): Promise<Asg[]> =>
  truthy(a.asg_names)
    ? probeAsgsByName(run.aws, a.asg_names as string[])
    : probeAsgsByTags(run.aws, a.tags as Array<Record<string, string>>);

/** Polls `check` every 0.1 s until it is true (seconds waited) or the timeout passes (sys.maxsize). */
async function waitFor(run: Run, timeoutS: number, check: () => Promise<boolean>): Promise<number> {
  const start = run.now();
  for (;;) {
    const ok = await check();
    if ((run.now() - start) / 1000 > timeoutS) return MAXSIZE;
    if (ok) return Math.trunc((run.now() - start) / 1000);
    if (!(await run.sleep(100))) return MAXSIZE;
  }
}

function requireTags(a: Args): void {
  if (!truthy(a.tags)) throw new ActivityFailed('Non-empty tags is required');
}

/** The chaosaws.asg.probes entries. */
export const ASG_PROBES: EntrySpec[] = [
  {
    ...READ,
    func: 'describe_auto_scaling_groups',
    title: 'Describe ASGs',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary:
      'The DescribeAutoScalingGroups response for the names, or for every group carrying all the tags.',
    params: [ASG_NAMES, ASG_TAGS],
    async impl(a, run) {
      if (!truthy(a.asg_names) && !truthy(a.tags))
        throw new ActivityFailed('Must specify either "asg_names" or "tags"');
      return { AutoScalingGroups: await byNamesOrTags(run, a) };
    },
  },
  {
    ...READ,
    func: 'desired_equals_healthy',
    title: 'ASG desired = healthy',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: 'True when every group has InService+Healthy members, as many as its DesiredCapacity.',
    params: [req('asg_names', 'List[str]', 'group names')],
    async impl(a, run) {
      if (!truthy(a.asg_names)) throw new ActivityFailed('Non-empty list of auto scaling groups is required');
      return desiredEqualsHealthy(await describeAsgs(run.aws, a.asg_names as string[]));
    },
  },
  {
    ...READ,
    func: 'desired_equals_healthy_tags',
    title: 'ASG desired = healthy (by tags)',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: 'desired_equals_healthy for every group carrying the tags.',
    params: [TAGS_REQ],
    async impl(a, run) {
      requireTags(a);
      return desiredEqualsHealthy(await probeAsgsByTags(run.aws, a.tags as Array<Record<string, string>>));
    },
  },
  {
    ...READ,
    func: 'wait_desired_equals_healthy',
    title: 'Wait until ASG desired = healthy',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary:
      'Polls every 0.1 s; returns the seconds waited, or sys.maxsize (9223372036854775807) on timeout.',
    params: [req('asg_names', 'List[str]', 'group names'), TIMEOUT],
    async impl(a, run) {
      if (!truthy(a.asg_names)) throw new ActivityFailed('Non-empty list of auto scaling groups is required');
      return waitFor(run, optNum(a, 'timeout') ?? 300, async () =>
        desiredEqualsHealthy(await describeAsgs(run.aws, a.asg_names as string[])),
      );
    },
  },
  ...(['wait_desired_equals_healthy_tags', 'wait_desired_not_equals_healthy_tags'] as const).map(
    (func): EntrySpec => ({
      ...READ,
      func,
      title: func.includes('_not_')
        ? 'Wait until ASG desired != healthy'
        : 'Wait until ASG desired = healthy (tags)',
      targetKind: 'Auto Scaling groups',
      appliesTo: ASGS,
      summary: `Polls every 0.1 s until desired ${func.includes('_not_') ? 'differs from' : 'equals'} healthy for the tagged groups; seconds waited or sys.maxsize.`,
      params: [TAGS_REQ, TIMEOUT],
      async impl(a, run) {
        requireTags(a);
        const want = !func.includes('_not_');
        return waitFor(
          run,
          optNum(a, 'timeout') ?? 300,
          async () =>
            desiredEqualsHealthy(await probeAsgsByTags(run.aws, a.tags as Array<Record<string, string>>)) ===
            want,
        );
      },
    }),
  ),
  {
    ...READ,
    func: 'is_scaling_in_progress',
    title: 'ASG scaling in progress',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: 'True when any member of the tagged groups is not InService or not Healthy.',
    params: [TAGS_REQ],
    async impl(a, run) {
      requireTags(a);
      const groups = await probeAsgsByTags(run.aws, a.tags as Array<Record<string, string>>);
      return groups.some((g) =>
        ((g.Instances ?? []) as AwsResponse[]).some(
          (i) => i.LifecycleState !== 'InService' || i.HealthStatus !== 'Healthy',
        ),
      );
    },
  },
  {
    ...READ,
    func: 'process_is_suspended',
    title: 'ASG processes suspended',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: 'True when every named process is suspended on every group.',
    params: [ASG_NAMES, ASG_TAGS, opt('process_names', null, 'List[str]', 'processes to check')],
    async impl(a, run) {
      validateAsgs(a);
      const names = (a.process_names as string[] | null) ?? [];
      return (await byNamesOrTags(run, a)).every((g) => {
        const suspended = new Set(((g.SuspendedProcesses ?? []) as AwsResponse[]).map((p) => p.ProcessName));
        return names.every((p) => suspended.has(p));
      });
    },
  },
  {
    ...READ,
    func: 'has_subnets',
    title: 'ASG has subnets',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: "True when every group's subnets (VPCZoneIdentifier) are exactly the given ones.",
    params: [req('subnets', 'List[str]', 'subnet ids'), ASG_NAMES, ASG_TAGS],
    async impl(a, run) {
      validateAsgs(a);
      const want = [...((a.subnets as string[]) ?? [])].sort().join(',');
      return (await byNamesOrTags(run, a)).every(
        (g) =>
          String(g.VPCZoneIdentifier ?? '')
            .split(',')
            .sort()
            .join(',') === want,
      );
    },
  },
  {
    ...READ,
    func: 'instance_count_by_health',
    title: 'ASG instances by health',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: 'Number of Healthy (or, with count_healthy=false, Unhealthy) members of the groups.',
    params: [
      ASG_NAMES,
      ASG_TAGS,
      opt('count_healthy', true, 'bool', 'count healthy (true) or unhealthy (false)'),
    ],
    compat:
      'fixed: chaosaws looks tags up with a non-standard DescribeTags filter; gameday matches the K=V pairs on the groups',
    async impl(a, run) {
      if (!truthy(a.asg_names) && !truthy(a.tags))
        throw new ActivityFailed('missing one of the required parameters: asg_names or tags');
      const status = bool(a, 'count_healthy', true) ? 'Healthy' : 'Unhealthy';
      const groups = truthy(a.asg_names)
        ? await describeAsgs(run.aws, a.asg_names as string[])
        : await probeAsgsByTags(run.aws, a.tags as Array<Record<string, string>>);
      return groups.reduce(
        (n, g) => n + ((g.Instances ?? []) as AwsResponse[]).filter((i) => i.HealthStatus === status).length,
        0,
      );
    },
  },
];
