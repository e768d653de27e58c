// Auto Scaling pieces the chaosaws.asg functions share: asg_names XOR tags validation, the two
// ways chaosaws finds groups (actions by DescribeTags, probes by listing all), and guard targets.
import type { AwsCall, AwsResponse } from '../../aws/ops/call.js';
import { pyList, pyRepr, tagsOf, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import type { Target } from '../guard.js';
import { opt } from '../params.js';
import type { Args, Run } from '../types.js';

/** An Auto Scaling group as DescribeAutoScalingGroups returns it. */
export type Asg = AwsResponse;

/** The processes SuspendProcesses accepts (chaosaws validates against this list). */
export const VALID_PROCESSES = [
  'Launch',
  'Terminate',
  'HealthCheck',
  'AZRebalance',
  'AlarmNotification',
  'ScheduledActions',
  'AddToLoadBalancer',
  'ReplaceUnhealthy',
];

export const ASG_NAMES = opt('asg_names', null, 'List[str]', 'Auto Scaling group names (or give tags)');
export const ASG_TAGS = opt(
  'tags',
  null,
  'List[Dict[str, str]]',
  'find the groups by tags [{"Key","Value"}] (or give asg_names)',
);

/** chaosaws' validate_asgs: exactly one of asg_names / tags. */
export function validateAsgs(a: Args): void {
  if (!truthy(a.asg_names) && !truthy(a.tags))
    throw new ActivityFailed('one of the following arguments are required: asg_names or tags');
  if (truthy(a.asg_names) && truthy(a.tags))
    throw new ActivityFailed('only one of the following arguments are allowed: asg_names/tags');
}

/** chaosaws' validate_processes. */
export function validateProcesses(names: string[]): void {
  const bad = names.filter((p) => !VALID_PROCESSES.includes(p));
  if (bad.length)
    throw new ActivityFailed(`invalid process(es): ${pyList(bad)} not in ${pyList(VALID_PROCESSES)}.`);
}

/** DescribeAutoScalingGroups over names (batches of 50, the API's limit), paginated. */
export async function describeAsgs(aws: AwsCall, names?: string[]): Promise<Asg[]> {
  if (names && names.length > 50) {
    const out: Asg[] = [];
    for (let i = 0; i < names.length; i += 50) out.push(...(await describeAsgs(aws, names.slice(i, i + 50))));
    return out;
  }
  const out: Asg[] = [];
  let token: string | undefined;
  do {
    const input: Record<string, unknown> = names ? { AutoScalingGroupNames: names } : { MaxRecords: 100 };
    const page = await aws(
      'autoscaling',
      'DescribeAutoScalingGroups',
      token ? { ...input, NextToken: token } : input,
    );
    out.push(...(page.AutoScalingGroups ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

/** The actions' lookup by name: every name must exist. */
export async function actionAsgsByName(aws: AwsCall, names: string[]): Promise<Asg[]> {
  const asgs = await describeAsgs(aws, names);
  if (asgs.length === 0) throw new ActivityFailed(`Unable to locate ASG(s): ${pyList(names)}`);
  const found = new Set(asgs.map((g) => g.AutoScalingGroupName));
  const missing = names.filter((n) => !found.has(n));
  if (missing.length) throw new ActivityFailed(`No ASG(s) found with name(s): ${pyList(missing)}`);
  return asgs;
}

/** The actions' lookup by tags: DescribeTags (key/value filters), groups only, then by name. */
export async function actionAsgsByTags(aws: AwsCall, tags: Array<Record<string, string>>): Promise<Asg[]> {
  const Filters = tags.flatMap((t) => [
    { Name: 'key', Values: [t.Key] },
    { Name: 'value', Values: [t.Value] },
  ]);
  const names = new Set<string>();
  let token: string | undefined;
  do {
    const page = await aws(
      'autoscaling',
      'DescribeTags',
      token ? { Filters, NextToken: token } : { Filters },
    );
    for (const t of page.Tags ?? []) if (t.ResourceType === 'auto-scaling-group') names.add(t.ResourceId);
    token = page.NextToken;
  } while (token);
  if (names.size === 0) throw new ActivityFailed(`No ASG(s) found with matching tag(s): ${pyRepr(tags)}.`);
  return actionAsgsByName(aws, [...names]);
}

/** The groups an action targets (asg_names XOR tags already validated). */
export async function actionAsgs(run: Run, a: Args): Promise<Asg[]> {
  return truthy(a.asg_names)
    ? actionAsgsByName(run.aws, a.asg_names as string[])
    : actionAsgsByTags(run.aws, a.tags as Array<Record<string, string>>);
}

/** The probes' lookup by name: paginated, every name must exist. */
export async function probeAsgsByName(aws: AwsCall, names: string[]): Promise<Asg[]> {
  const asgs = await describeAsgs(aws, names);
  const found = new Set(asgs.map((g) => g.AutoScalingGroupName));
  const missing = names.filter((n) => !found.has(n));
  if (missing.length) throw new ActivityFailed(`No ASG(s) found matching: ${pyList(missing)}`);
  return asgs;
}

/** The probes' lookup by tags: list every group, keep those carrying all the K=V pairs. */
export async function probeAsgsByTags(aws: AwsCall, tags: Array<Record<string, string>>): Promise<Asg[]> {
  const want = tags.map((t) => `${t.Key}=${t.Value}`);
  const all = await describeAsgs(aws);
  const names = all
    .filter((g) => {
      const have = new Set(((g.Tags ?? []) as AwsResponse[]).map((t) => `${t.Key}=${t.Value}`));
      return want.every((w) => have.has(w));
    })
    .map((g) => g.AutoScalingGroupName as string);
  if (names.length === 0) throw new ActivityFailed('No auto-scaling groups matched the tags provided');
  return describeAsgs(aws, names);
}

/** The guard's view of a group. */
export function asgTarget(g: Asg): Target {
  return { kind: 'autoScalingGroups', id: String(g.AutoScalingGroupName), tags: tagsOf(g.Tags) };
}

/** The guard's view of a member instance: the group's tags cover its members. */
export function memberTarget(g: Asg, instanceId: string): Target {
  return { kind: 'instances', id: instanceId, tags: tagsOf(g.Tags) };
}

/** chaosaws' is_desired_equals_healthy: every group has >0 healthy InService and desired == healthy. */
export function desiredEqualsHealthy(groups: readonly Asg[]): boolean {
  let result = false;
  for (const g of groups) {
    const healthy = ((g.Instances ?? []) as AwsResponse[]).filter(
      (i) => i.LifecycleState === 'InService' && i.HealthStatus === 'Healthy',
    ).length;
    if (healthy > 0 && g.DesiredCapacity === healthy) {
      result = true;
      continue;
    }
    return false;
  }
  return result;
}
