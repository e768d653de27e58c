// "AZ outage" for an Auto Scaling group: suspend AZRebalance/Launch (optional) and stop every
// InService member in one AZ, so the team sees the group run on the other AZs. Undo (after the
// duration, or on halt) starts the instances and resumes what it suspended, in reverse order.
import type { AwsResponse } from '../../aws/ops/call.js';
import { optStrList, str, truthy } from '../args.js';
import { actionAsgsByName, asgTarget, memberTarget, validateProcesses } from '../chaosaws/asg-common.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import type { EntrySpec } from '../types.js';
import { parseDuration, undoAfter } from './common.js';

/** gameday.actions.asg_az_outage */
export const ASG_AZ_OUTAGE: EntrySpec = {
  module: 'gameday.actions',
  func: 'asg_az_outage',
  kind: 'action',
  title: 'AZ outage for an ASG',
  targetKind: 'Auto Scaling group',
  appliesTo: ['autoScalingGroups'],
  summary:
    'Stops every InService member of the group in one AZ, after suspending the given processes (default AZRebalance and Launch, so the group cannot simply relaunch there). With a duration, everything is put back at the end.',
  undo: 'start the stopped instances, then resume the processes it suspended',
  dryRun: 'ec2-dry-run',
  params: [
    req('asg_name', 'str', 'the Auto Scaling group'),
    req('az', 'str', 'the availability zone that "goes down"'),
    opt(
      'suspend_processes',
      ['AZRebalance', 'Launch'],
      'List[str]',
      'processes to suspend first ([] for none)',
    ),
    opt('duration', null, 'str', 'put everything back after this long (seconds, 5m, PT5M)'),
  ],
  fis: 'none (cf. the FIS "AZ Availability: Power Interruption" scenario)',
  async impl(a, run) {
    const name = str(a, 'asg_name');
    const az = str(a, 'az');
    const duration = parseDuration(a.duration);
    const processes = optStrList(a, 'suspend_processes') ?? [];
    if (processes.length) validateProcesses(processes);
    const [g] = await actionAsgsByName(run.aws, [name]);
    const members = ((g!.Instances ?? []) as AwsResponse[]).filter(
      (i) => i.LifecycleState === 'InService' && i.AvailabilityZone === az,
    );
    if (members.length === 0) throw new ActivityFailed(`No instances found in Availability Zone: ${az}`);
    const InstanceIds = members.map((i) => String(i.InstanceId)).sort();
    const targets = InstanceIds.map((id) => memberTarget(g!, id));
    await run.attack.admit([asgTarget(g!), ...targets]);
    const already = new Set(
      ((g!.SuspendedProcesses ?? []) as AwsResponse[]).map((p) => p.ProcessName as string),
    );
    const newly = processes.filter((p) => !already.has(p));
    if (truthy(processes))
      await run.attack.mutate({
        targets: [asgTarget(g!)],
        call: {
          service: 'autoscaling',
          operation: 'SuspendProcesses',
          input: { AutoScalingGroupName: name, ScalingProcesses: processes },
        },
        undo: newly.length
          ? [
              {
                service: 'autoscaling',
                operation: 'ResumeProcesses',
                input: { AutoScalingGroupName: name, ScalingProcesses: newly },
              },
            ]
          : null,
        undoDescription: `resume ${newly.join(', ')} on ${name}`,
      });
    const res = (await run.attack.mutate({
      targets,
      call: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds } },
      undo: [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds } }],
      undoDescription: `start ${InstanceIds.join(', ')}`,
    })) as AwsResponse;
    const restored = await undoAfter(run, duration, run.attack.undoRecords);
    return {
      AutoScalingGroupName: name,
      AvailabilityZone: az,
      SuspendedProcesses: newly,
      StoppingInstances: res.dryRun ? res : res.StoppingInstances,
      restored: restored.restored,
    };
  },
};
