// What every discovery listing shares: the context, the concurrency bound, page sizes and a call
// wrapper that explains failures.
import type { AwsContext } from '../clients.js';
import { awsCall } from '../errors.js';
import type { ServiceName } from '../types.js';

/** Page and batch sizes; defaults are each API's maximum. Tests force them small to exercise paging. */
export interface PageSizes {
  describeInstances: number;
  describeAutoScalingGroups: number;
  listClusters: number;
  describeClusters: number;
  listServices: number;
  describeServices: number;
  listTasks: number;
  describeTasks: number;
  listContainerInstances: number;
  describeContainerInstances: number;
  describeAlarms: number;
}

/** The maxima AWS allows per call, which discovery uses by default. */
export const MAX_PAGE_SIZES: PageSizes = {
  describeInstances: 1000,
  describeAutoScalingGroups: 100,
  listClusters: 100,
  describeClusters: 100,
  listServices: 100,
  describeServices: 10,
  listTasks: 100,
  describeTasks: 100,
  listContainerInstances: 100,
  describeContainerInstances: 100,
  describeAlarms: 100,
};

/** Per-discovery state handed to each listing. */
export interface DiscoveryRun {
  ctx: AwsContext;
  pages: PageSizes;
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Sends one call under the concurrency bound, explaining any failure for its call site. */
export function send<T>(
  run: DiscoveryRun,
  service: ServiceName,
  operation: string,
  fn: () => Promise<T>,
  resource?: string,
): Promise<T> {
  const { settings } = run.ctx;
  return run.limit(() =>
    awsCall(
      {
        service,
        operation,
        resource,
        endpoint: settings.endpoint,
        region: settings.region,
        profile: settings.profile,
      },
      fn,
    ),
  );
}

/** AWS tag lists ({Key, Value} or {key, value}) as a plain record. */
export function tagRecord(
  tags: Array<{ Key?: string; Value?: string; key?: string; value?: string }> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const k = t.Key ?? t.key;
    if (k !== undefined) out[k] = t.Value ?? t.value ?? '';
  }
  return out;
}

/** A Date or string timestamp as ISO text. */
export function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  return d instanceof Date ? d.toISOString() : d;
}
