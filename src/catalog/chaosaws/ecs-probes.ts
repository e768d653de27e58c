// chaosaws.ecs.probes: deployment in progress, desired == running, and raw describes of a cluster,
// a service and a cluster's tasks (for jsonpath tolerances like `$.services[0].pendingCount`).
import { str } from '../args.js';
import { ActivityFailed } from '../errors.js';
import { req } from '../params.js';
import type { Args, EntrySpec, Run } from '../types.js';
import { listTasks } from './ecs-common.js';

const M = 'chaosaws.ecs.probes';
const READ = {
  undo: 'nothing to undo (read-only)',
  dryRun: 'read-only' as const,
  kind: 'probe' as const,
  module: M,
};
const CLUSTER = req('cluster', 'str', 'cluster name or ARN');
const SERVICE = req('service', 'str', 'service name');

/** The chaosaws.ecs.probes entries. */
/** The service named by the `cluster` and `service` arguments, as chaosaws reads it. */
async function describeService(a: Args, run: Run) {
  const res = await run.aws('ecs', 'DescribeServices', {
    cluster: str(a, 'cluster'),
    services: [str(a, 'service')],
  });
  const svc = res.services?.[0];
  if (!svc) throw new ActivityFailed('Error retrieving service data from AWS');
  return svc;
}

export const ECS_PROBES: EntrySpec[] = [
  {
    ...READ,
    func: 'service_is_deploying',
    title: 'Service is deploying',
    targetKind: 'ECS service',
    appliesTo: ['services'],
    summary: 'True when the service has more than one deployment.',
    params: [CLUSTER, SERVICE],
    async impl(a, run) {
      const svc = await describeService(a, run);
      return (svc.deployments ?? []).length > 1;
    },
  },
  {
    ...READ,
    func: 'are_all_desired_tasks_running',
    title: 'All desired tasks running',
    targetKind: 'ECS service',
    appliesTo: ['services'],
    summary: 'True when the service runningCount equals its desiredCount.',
    params: [CLUSTER, SERVICE],
    async impl(a, run) {
      const svc = await describeService(a, run);
      return svc.desiredCount === svc.runningCount;
    },
  },
  {
    ...READ,
    func: 'describe_cluster',
    title: 'Describe cluster',
    targetKind: 'ECS cluster',
    appliesTo: ['clusters'],
    summary: 'The raw DescribeClusters response (`$.clusters[0].runningTasksCount`).',
    params: [CLUSTER],
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const res = await run.aws('ecs', 'DescribeClusters', { clusters: [cluster] });
      if (!res.clusters?.length)
        throw new ActivityFailed(`Error retrieving information for cluster ${cluster}`);
      return res;
    },
  },
  {
    ...READ,
    func: 'describe_service',
    title: 'Describe service',
    targetKind: 'ECS service',
    appliesTo: ['services'],
    summary: 'The raw DescribeServices response (`$.services[0].pendingCount`).',
    params: [CLUSTER, SERVICE],
    compat: 'compatible: the not-found message swaps cluster and service, as chaosaws does',
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const service = str(a, 'service');
      const res = await run.aws('ecs', 'DescribeServices', { cluster, services: [service] });
      if (!res.services?.length)
        throw new ActivityFailed(`Unable to collect service ${cluster} on cluster ${service}`);
      return res;
    },
  },
  {
    ...READ,
    func: 'describe_tasks',
    title: 'Describe tasks',
    targetKind: 'ECS tasks',
    appliesTo: ['clusters'],
    summary:
      "ListTasks (all pages) then one DescribeTasks of the cluster's tasks (`$.tasks[0].healthStatus`).",
    params: [CLUSTER],
    compat:
      'compatible: one DescribeTasks call, so more than 100 tasks fail as in chaosaws (AWS caps it at 100)',
    async impl(a, run) {
      const cluster = str(a, 'cluster');
      const tasks = await listTasks(run.aws, { cluster });
      if (tasks.length === 0) throw new ActivityFailed(`Unable to find any tasks for cluster ${cluster}`);
      return run.aws('ecs', 'DescribeTasks', { cluster, tasks });
    },
  },
];
