// chaosaws.asg.actions: terminate/stop random members, suspend/resume processes, detach members,
// change subnets, detach/attach volumes; same arguments, errors and return shapes as chaosaws.
import type { AwsResponse } from '../../aws/ops/call.js';
import { bool, optNum, optStr, truthy } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec, Run } from '../types.js';
import {
  ASG_NAMES,
  ASG_TAGS,
  type Asg,
  actionAsgs,
  actionAsgsByName,
  asgTarget,
  memberTarget,
  VALID_PROCESSES,
  validateAsgs,
  validateProcesses,
} from './asg-common.js';
import { ASG_VOLUME_ACTIONS } from './asg-volumes.js';

const M = 'chaosaws.asg.actions';
const ASGS = ['autoScalingGroups'];
const COUNT = opt('instance_count', null, 'int', 'how many InService instances per group');
const PERCENT = opt(
  'instance_percent',
  null,
  'int',
  'percentage of InService instances per group (rounded down)',
);
const AZ = opt('az', null, 'str', 'every InService instance of the group in this AZ');

/** InService members picked per chaosaws' count / percent / az rules, with the seeded generator. */
async function pickMembers(run: Run, g: Asg, a: Record<string, unknown>, verb: string): Promise<string[]> {
  let members = ((g.Instances ?? []) as AwsResponse[]).filter((i) => i.LifecycleState === 'InService');
  const az = optStr(a, 'az');
  if (az) {
    members = members.filter((i) => i.AvailabilityZone === az);
    if (members.length === 0) throw new ActivityFailed(`No instances found in Availability Zone: ${az}`);
    return members.map((i) => String(i.InstanceId)).sort();
  }
  let count = optNum(a, 'instance_count') ?? 0;
  const pct = optNum(a, 'instance_percent');
  if (pct) count = Math.trunc((members.length * pct) / 100);
  if (members.length < count)
    throw new ActivityFailed(
      `Not enough healthy instances in ${g.AutoScalingGroupName} to satisfy ${verb} count ${count} (${members.length})`,
    );
  const rng = run.rng();
  const chosen = rng.sample(members, count).map((i) => String(i.InstanceId));
  await run.attack.recordSelection({
    quantity: pct ? `PERCENT(${pct})` : `COUNT(${count})`,
    seed: rng.seed,
    candidates: members.map((i) => String(i.InstanceId)),
    chosen: chosen.map((id) => memberTarget(g, id)),
  });
  return chosen.sort();
}

function requireQuantity(a: Record<string, unknown>): void {
  const given = [a.instance_count, a.instance_percent, a.az].map(truthy);
  if (!given.some(Boolean) || given.every(Boolean))
    throw new ActivityFailed('Must specify one of "instance_count", "instance_percent", "az"');
}

/** The EC2 error message, as chaosaws re-raises ClientError messages. */
async function asFailed<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    const e = err as { name?: string; detail?: string };
    if (e.name === 'AwsApiError') throw new ActivityFailed(String(e.detail), { cause: err });
    throw err;
  }
}

function processesSpec(func: 'suspend_processes' | 'resume_processes'): EntrySpec {
  const suspend = func === 'suspend_processes';
  return {
    module: M,
    func,
    kind: 'action',
    title: suspend ? 'Suspend ASG processes' : 'Resume ASG processes',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: `${suspend ? 'Suspends' : 'Resumes'} scaling processes (all when none given: ${VALID_PROCESSES.join(', ')}). Returns the groups described after the change.`,
    undo: suspend
      ? 'resume the processes that were not suspended before'
      : 'suspend again the processes that were suspended before',
    dryRun: 'plan',
    params: [ASG_NAMES, ASG_TAGS, opt('process_names', null, 'List[str]', 'processes (all when omitted)')],
    async impl(a, run) {
      validateAsgs(a);
      const names = (a.process_names as string[] | null) ?? undefined;
      if (truthy(names)) validateProcesses(names!);
      const asgs = await actionAsgs(run, a);
      await run.attack.admit(asgs.map(asgTarget));
      for (const g of asgs) {
        const Name = String(g.AutoScalingGroupName);
        const before = new Set(
          ((g.SuspendedProcesses ?? []) as AwsResponse[]).map((p) => p.ProcessName as string),
        );
        const affected = (truthy(names) ? names! : VALID_PROCESSES).filter((p) => before.has(p) !== suspend);
        const input: Record<string, unknown> = { AutoScalingGroupName: Name };
        if (truthy(names)) input.ScalingProcesses = names;
        await run.attack.mutate({
          targets: [asgTarget(g)],
          call: {
            service: 'autoscaling',
            operation: suspend ? 'SuspendProcesses' : 'ResumeProcesses',
            input,
          },
          undo: affected.length
            ? [
                {
                  service: 'autoscaling',
                  operation: suspend ? 'ResumeProcesses' : 'SuspendProcesses',
                  input: { AutoScalingGroupName: Name, ScalingProcesses: affected },
                },
              ]
            : null,
          undoDescription: `${suspend ? 'resume' : 'suspend'} ${affected.join(', ')} on ${Name}`,
        });
      }
      return {
        AutoScalingGroups: await actionAsgsByName(
          run.aws,
          asgs.map((g) => String(g.AutoScalingGroupName)),
        ),
      };
    },
  };
}

function randomInstancesSpec(func: 'terminate_random_instances' | 'stop_random_instances'): EntrySpec {
  const stop = func === 'stop_random_instances';
  return {
    module: M,
    func,
    kind: 'action',
    title: stop ? 'Stop random ASG instances' : 'Terminate random ASG instances',
    targetKind: 'Auto Scaling group members',
    appliesTo: ASGS,
    summary: `${stop ? 'Stops' : 'Terminates'} InService members of each group: a random count or percentage (seeded), or all of them in one AZ.`,
    undo: stop
      ? 'start the stopped instances'
      : 'no undo: terminated instances are gone (the group launches replacements)',
    dryRun: 'ec2-dry-run',
    params: [
      ASG_NAMES,
      ASG_TAGS,
      COUNT,
      PERCENT,
      AZ,
      ...(stop ? [opt('force', false, 'bool', 'force the stop')] : []),
    ],
    fis: stop ? 'aws:ec2:stop-instances' : 'aws:ec2:terminate-instances',
    async impl(a, run) {
      validateAsgs(a);
      requireQuantity(a);
      const out = [];
      for (const g of await actionAsgs(run, a)) {
        const InstanceIds = await pickMembers(run, g, a, stop ? 'stop' : 'termination');
        const targets = InstanceIds.map((id) => memberTarget(g, id));
        await run.attack.admit(targets);
        const res = (await asFailed(
          run.attack.mutate({
            targets,
            call: stop
              ? {
                  service: 'ec2',
                  operation: 'StopInstances',
                  input: { InstanceIds, Force: bool(a, 'force') },
                }
              : { service: 'ec2', operation: 'TerminateInstances', input: { InstanceIds } },
            undo: stop ? [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds } }] : null,
          }),
        )) as AwsResponse;
        const key = stop ? 'StoppingInstances' : 'TerminatingInstances';
        out.push({ AutoScalingGroupName: g.AutoScalingGroupName, [key]: res.dryRun ? res : res[key] });
      }
      return out;
    },
  };
}

/** The chaosaws.asg.actions entries. */
export const ASG_ACTIONS: EntrySpec[] = [
  randomInstancesSpec('terminate_random_instances'),
  randomInstancesSpec('stop_random_instances'),
  processesSpec('suspend_processes'),
  processesSpec('resume_processes'),
  {
    module: M,
    func: 'detach_random_instances',
    kind: 'action',
    title: 'Detach random ASG instances',
    targetKind: 'Auto Scaling group members',
    appliesTo: ASGS,
    summary:
      'Detaches a random count or percentage (seeded) of InService members; they keep running outside the group.',
    undo: 'with decrement_capacity: attach them back (restores the desired count); without: no undo, the group already replaced them',
    dryRun: 'plan',
    params: [
      ASG_NAMES,
      ASG_TAGS,
      COUNT,
      PERCENT,
      opt('decrement_capacity', false, 'bool', 'lower the desired capacity too'),
    ],
    async impl(a, run) {
      validateAsgs(a);
      if (!truthy(a.instance_count) && !truthy(a.instance_percent))
        throw new ActivityFailed('You must specify either "instance_count" or "instance_percent"');
      const decrement = bool(a, 'decrement_capacity');
      const results: { Activities?: unknown[]; DetachingInstances?: unknown[] } = {};
      for (const g of await actionAsgs(run, a)) {
        const Name = String(g.AutoScalingGroupName);
        const members = ((g.Instances ?? []) as AwsResponse[]).filter(
          (i) => i.LifecycleState === 'InService',
        );
        let count = optNum(a, 'instance_count') ?? 0;
        const pct = optNum(a, 'instance_percent');
        if (pct) count = Math.trunc((members.length * pct) / 100);
        if (count > members.length)
          throw new ActivityFailed(`You are attempting to detach more instances than exist on asg ${Name}`);
        const rng = run.rng();
        const InstanceIds = rng
          .sample(members, count)
          .map((i) => String(i.InstanceId))
          .sort();
        const targets = InstanceIds.map((id) => memberTarget(g, id));
        await run.attack.recordSelection({
          quantity: pct ? `PERCENT(${pct})` : `COUNT(${count})`,
          seed: rng.seed,
          candidates: members.map((i) => String(i.InstanceId)),
          chosen: targets,
        });
        const res = (await run.attack.mutate({
          targets,
          call: {
            service: 'autoscaling',
            operation: 'DetachInstances',
            input: { AutoScalingGroupName: Name, InstanceIds, ShouldDecrementDesiredCapacity: decrement },
          },
          undo: decrement
            ? [
                {
                  service: 'autoscaling',
                  operation: 'AttachInstances',
                  input: { AutoScalingGroupName: Name, InstanceIds },
                },
              ]
            : null,
        })) as AwsResponse;
        results.Activities = [
          ...(results.Activities ?? []),
          ...(res.Activities ?? (res.dryRun ? [res] : [])),
        ];
        results.DetachingInstances = [
          ...(results.DetachingInstances ?? []),
          { AutoScalingGroupName: Name, InstanceIds },
        ];
      }
      return results;
    },
  },
  {
    module: M,
    func: 'change_subnets',
    kind: 'action',
    title: 'Change ASG subnets',
    targetKind: 'Auto Scaling groups',
    appliesTo: ASGS,
    summary: 'Sets the subnets (VPCZoneIdentifier) of the groups. Returns None.',
    undo: 'set the previous subnets back',
    dryRun: 'plan',
    params: [req('subnets', 'List[str]', 'subnet ids'), ASG_NAMES, ASG_TAGS],
    async impl(a, run) {
      validateAsgs(a);
      const subnets = (a.subnets as string[]) ?? [];
      for (const g of await actionAsgs(run, a)) {
        const Name = String(g.AutoScalingGroupName);
        await run.attack.mutate({
          targets: [asgTarget(g)],
          call: {
            service: 'autoscaling',
            operation: 'UpdateAutoScalingGroup',
            input: { AutoScalingGroupName: Name, VPCZoneIdentifier: subnets.join(',') },
          },
          undo: [
            {
              service: 'autoscaling',
              operation: 'UpdateAutoScalingGroup',
              input: { AutoScalingGroupName: Name, VPCZoneIdentifier: g.VPCZoneIdentifier ?? '' },
            },
          ],
        });
      }
      return null;
    },
  },
  ...ASG_VOLUME_ACTIONS,
];
