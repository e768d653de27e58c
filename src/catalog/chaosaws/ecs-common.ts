// ECS pieces the chaosaws.ecs functions share: chaosaws' cluster/service validation (with tags
// asked for in the same calls, for the guard), task listing, and guard targets. The opt-in tag on
// a cluster or a service covers its tasks and container instances.
import type { AwsCall, AwsResponse } from '../../aws/ops/call.js';
import { tagsOf } from '../args.js';
import { ActivityFailed } from '../errors.js';
import type { Target } from '../guard.js';

/** A cluster and (optionally) a service as validated, with the tags the guard checks. */
export interface EcsScope {
  cluster?: AwsResponse;
  service?: AwsResponse;
  tags: Record<string, string>;
}

/** chaosaws' validate(): DescribeClusters / DescribeServices must find them (tags included). */
export async function validateEcs(aws: AwsCall, cluster?: string, service?: string): Promise<EcsScope> {
  const scope: EcsScope = { tags: {} };
  if (cluster) {
    const res = await aws('ecs', 'DescribeClusters', { clusters: [cluster], include: ['TAGS'] });
    scope.cluster = res.clusters?.[0];
    if (!scope.cluster) throw new ActivityFailed(`unable to locate cluster: ${cluster}`);
    scope.tags = { ...tagsOf(scope.cluster.tags) };
  }
  if (service) {
    const res = await aws('ecs', 'DescribeServices', { cluster, services: [service], include: ['TAGS'] });
    scope.service = res.services?.[0];
    if (!scope.service)
      throw new ActivityFailed(`unable to locate service: ${service} on cluster: ${cluster}`);
    scope.tags = { ...scope.tags, ...tagsOf(scope.service.tags) };
  }
  return scope;
}

/** Task ARNs from ListTasks (maxResults 100, paginated), optionally RUNNING only and by service. */
export async function listTasks(
  aws: AwsCall,
  q: { cluster?: string; service?: string; running?: boolean },
): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const input: Record<string, unknown> = { cluster: q.cluster, maxResults: 100 };
    if (q.running) input.desiredStatus = 'RUNNING';
    if (q.service) input.serviceName = q.service;
    if (token) input.nextToken = token;
    const page = await aws('ecs', 'ListTasks', input);
    out.push(...(page.taskArns ?? []));
    token = page.nextToken;
  } while (token);
  return out;
}

/** Service ARNs of a cluster, paginated. */
export async function listServices(aws: AwsCall, cluster?: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await aws('ecs', 'ListServices', { cluster, ...(token ? { nextToken: token } : {}) });
    out.push(...(page.serviceArns ?? []));
    token = page.nextToken;
  } while (token);
  return out;
}

/** The last path segment of an ARN (task id, service name). */
export function arnTail(arn: string): string {
  return arn.split('/').at(-1) ?? arn;
}

/** A guard target under an ECS scope (its cluster's and service's tags). */
export function ecsTarget(
  kind: string,
  id: string,
  scope: EcsScope,
  own: Record<string, string> = {},
): Target {
  return { kind, id, tags: { ...scope.tags, ...own } };
}

/** Re-raises an AWS error as chaosaws does (its message only). */
export async function asFailed<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    const e = err as { name?: string; detail?: string };
    if (e.name === 'AwsApiError') throw new ActivityFailed(String(e.detail), { cause: err });
    throw err;
  }
}
