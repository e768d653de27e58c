// Native ECS attacks named after AWS FIS: stop a count or percentage of a service's tasks, and
// drain a share of a cluster's container instances for a duration.
import type { AwsResponse } from '../../aws/ops/call.js';
import { optNum, optStr, str, tagsOf } from '../args.js';
import { ecsTarget, listTasks, validateEcs } from '../chaosaws/ecs-common.js';
import { ActivityFailed } from '../errors.js';
import { opt, req } from '../params.js';
import { parseQuantity, select } from '../selection.js';
import type { EntrySpec } from '../types.js';
import { parseDuration, selectionOut, undoAfter } from './common.js';

const M = 'gameday.actions';

/** The native ECS attacks. */
export const NATIVE_ECS: EntrySpec[] = [
  {
    module: M,
    func: 'ecs_stop_tasks',
    kind: 'action',
    title: 'Stop service tasks',
    targetKind: 'ECS tasks of a service',
    appliesTo: ['services'],
    summary:
      "Stops COUNT(n) or PERCENT(n) of a service's RUNNING tasks (the task's group must be service:<name>, so unlike chaosaws it never hits unrelated tasks).",
    undo: 'no undo: stopped tasks are gone (the service starts replacements)',
    dryRun: 'plan',
    params: [
      req('cluster', 'str', 'cluster name or ARN'),
      req('service', 'str', 'service name'),
      opt('selection', 'COUNT(1)', 'str', 'ALL, COUNT(n) or PERCENT(n) of the running tasks'),
      opt('reason', 'gameday: stop-task', 'str', 'stop reason shown in ECS'),
    ],
    fis: 'aws:ecs:stop-task',
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const service = str(a, 'service');
      const scope = await validateEcs(run.aws, cluster, service);
      const arns = await listTasks(run.aws, { cluster, service, running: true });
      const described: AwsResponse[] = [];
      for (let i = 0; i < arns.length; i += 100) {
        const res = await run.aws('ecs', 'DescribeTasks', {
          cluster,
          tasks: arns.slice(i, i + 100),
          include: ['TAGS'],
        });
        described.push(...(res.tasks ?? []));
      }
      const mine = described.filter((t) => t.group === `service:${service}` && t.lastStatus !== 'STOPPED');
      const sel = select(
        mine.map((t) => ({ id: String(t.taskArn), tags: tagsOf(t.tags) })),
        {},
        parseQuantity(String(a.selection ?? 'COUNT(1)')),
        run.rng(),
      );
      if (sel.chosen.length === 0)
        throw new ActivityFailed(`No running tasks found for service ${service} in ${cluster}`);
      await run.attack.recordSelection(sel);
      const targets = sel.chosen.map((c) => ecsTarget('tasks', c.id, scope, c.tags));
      await run.attack.admit(targets);
      const stopped = [];
      for (const t of targets) {
        const res = (await run.attack.mutate({
          targets: [t],
          call: {
            service: 'ecs',
            operation: 'StopTask',
            input: { cluster, task: t.id, reason: optStr(a, 'reason') },
          },
          undo: null,
        })) as AwsResponse;
        stopped.push(
          res.dryRun
            ? res
            : {
                taskArn: res.task?.taskArn,
                lastStatus: res.task?.lastStatus,
                desiredStatus: res.task?.desiredStatus,
              },
        );
      }
      return { selection: selectionOut(sel), stopped };
    },
  },
  {
    module: M,
    func: 'ecs_drain_container_instances',
    kind: 'action',
    title: 'Drain container instances',
    targetKind: 'ECS container instances',
    appliesTo: ['clusters', 'containerInstances'],
    summary:
      "Sets drainage_percentage % of the cluster's ACTIVE container instances (seeded pick) to DRAINING; with a duration, sets them back to ACTIVE at the end.",
    undo: 'set them back to ACTIVE (automatically after the duration, if given)',
    dryRun: 'plan',
    params: [
      req('cluster', 'str', 'cluster name or ARN'),
      opt('drainage_percentage', 100, 'int', 'share of the ACTIVE container instances to drain (1-100)'),
      opt('duration', null, 'str', 'set them back to ACTIVE after this long (seconds, 5m, PT5M)'),
    ],
    fis: 'aws:ecs:drain-container-instances',
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const pct = optNum(a, 'drainage_percentage') ?? 100;
      const duration = parseDuration(a.duration);
      const scope = await validateEcs(run.aws, cluster);
      const list = await run.aws('ecs', 'ListContainerInstances', { cluster, status: 'ACTIVE' });
      const arns: string[] = list.containerInstanceArns ?? [];
      if (arns.length === 0) throw new ActivityFailed(`No container instances in cluster ${cluster}`);
      const desc = await run.aws('ecs', 'DescribeContainerInstances', {
        cluster,
        containerInstances: arns,
        include: ['TAGS'],
      });
      const active = ((desc.containerInstances ?? []) as AwsResponse[]).filter((c) => c.status === 'ACTIVE');
      const sel = select(
        active.map((c) => ({ id: String(c.containerInstanceArn), tags: tagsOf(c.tags) })),
        {},
        parseQuantity(`PERCENT(${pct})`, 'drainage_percentage'),
        run.rng(),
      );
      await run.attack.recordSelection(sel);
      const targets = sel.chosen.map((c) => ecsTarget('containerInstances', c.id, scope, c.tags));
      const ids = targets.map((t) => t.id);
      const res = (await run.attack.mutate({
        targets,
        call: {
          service: 'ecs',
          operation: 'UpdateContainerInstancesState',
          input: { cluster, containerInstances: ids, status: 'DRAINING' },
        },
        undo: [
          {
            service: 'ecs',
            operation: 'UpdateContainerInstancesState',
            input: { cluster, containerInstances: ids, status: 'ACTIVE' },
          },
        ],
        undoDescription: `set ${ids.length} container instance(s) back to ACTIVE`,
      })) as AwsResponse;
      const restored = await undoAfter(run, duration, run.attack.undoRecords);
      return {
        selection: selectionOut(sel),
        draining: res.dryRun
          ? res
          : ((res.containerInstances ?? []) as AwsResponse[]).map((c) => c.containerInstanceArn),
        restored: restored.restored,
      };
    },
  },
];
