// Native EC2 attacks named after AWS FIS: stop (and start again after a duration), reboot and
// terminate instances chosen by ids, tags, AZ and state with ALL / COUNT(n) / PERCENT(n).
import type { AwsResponse } from '../../aws/ops/call.js';
import { bool } from '../args.js';
import { instanceTarget } from '../chaosaws/ec2-common.js';
import { opt } from '../params.js';
import type { EntrySpec } from '../types.js';
import { parseDuration, selectInstances, selectionOut, TARGET_PARAMS, undoAfter } from './common.js';

const M = 'gameday.actions';

/** The native EC2 attacks. */
export const NATIVE_EC2: EntrySpec[] = [
  {
    module: M,
    func: 'stop_instances',
    kind: 'action',
    title: 'Stop instances (then start them)',
    targetKind: 'EC2 instances',
    appliesTo: ['instances', 'autoScalingGroups'],
    summary:
      'Stops the selected instances; with start_instances_after_duration it waits that long and starts them again (the FIS post action). Halting early leaves the start to the halt.',
    undo: 'start the stopped instances (automatically after the duration, if given)',
    dryRun: 'ec2-dry-run',
    params: [
      ...TARGET_PARAMS,
      opt(
        'start_instances_after_duration',
        null,
        'str',
        'start them again after this long (seconds, 5m, PT5M)',
      ),
      opt(
        'complete_if_instances_terminated',
        false,
        'bool',
        'succeed even if the restart finds them terminated (an ASG replaced them)',
      ),
      opt('force', false, 'bool', 'force the stop'),
    ],
    fis: 'aws:ec2:stop-instances',
    async impl(a, run) {
      const after = parseDuration(a.start_instances_after_duration, 'start_instances_after_duration');
      const sel = await selectInstances(a, run);
      const targets = sel.chosen.map((c) => instanceTarget(c.instance));
      await run.attack.admit(targets);
      const InstanceIds = targets.map((t) => t.id);
      const res = (await run.attack.mutate({
        targets,
        call: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds, Force: bool(a, 'force') } },
        undo: [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds } }],
        undoDescription: `start ${InstanceIds.join(', ')}`,
      })) as AwsResponse;
      const tolerate = bool(a, 'complete_if_instances_terminated');
      const restart = await undoAfter(run, after, run.attack.undoRecords, () => tolerate);
      return {
        selection: selectionOut(sel),
        StoppingInstances: res.dryRun ? res : res.StoppingInstances,
        restarted: restart.restored,
      };
    },
  },
  {
    module: M,
    func: 'reboot_instances',
    kind: 'action',
    title: 'Reboot instances',
    targetKind: 'EC2 instances',
    appliesTo: ['instances', 'autoScalingGroups'],
    summary: 'Reboots the selected instances (unlike chaosaws.restart_instances, returns what was rebooted).',
    undo: 'nothing to undo: a reboot ends by itself',
    dryRun: 'ec2-dry-run',
    params: TARGET_PARAMS,
    fis: 'aws:ec2:reboot-instances',
    async impl(a, run) {
      const sel = await selectInstances(a, run);
      const targets = sel.chosen.map((c) => instanceTarget(c.instance));
      const res = await run.attack.mutate({
        targets,
        call: {
          service: 'ec2',
          operation: 'RebootInstances',
          input: { InstanceIds: targets.map((t) => t.id) },
        },
        undo: null,
      });
      return {
        selection: selectionOut(sel),
        rebooted: targets.map((t) => t.id),
        ...(res.dryRun ? { dryRun: res } : {}),
      };
    },
  },
  {
    module: M,
    func: 'terminate_instances',
    kind: 'action',
    title: 'Terminate instances',
    targetKind: 'EC2 instances',
    appliesTo: ['instances', 'autoScalingGroups'],
    summary: 'Terminates the selected instances. Recovery is the job of their Auto Scaling group or service.',
    undo: 'no undo: terminated instances are gone',
    dryRun: 'ec2-dry-run',
    params: TARGET_PARAMS,
    fis: 'aws:ec2:terminate-instances',
    async impl(a, run) {
      const sel = await selectInstances(a, run);
      const targets = sel.chosen.map((c) => instanceTarget(c.instance));
      const res = (await run.attack.mutate({
        targets,
        call: {
          service: 'ec2',
          operation: 'TerminateInstances',
          input: { InstanceIds: targets.map((t) => t.id) },
        },
        undo: null,
      })) as AwsResponse;
      return {
        selection: selectionOut(sel),
        TerminatingInstances: res.dryRun ? res : res.TerminatingInstances,
      };
    },
  },
];
