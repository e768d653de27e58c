// Discovery: the whole inventory of one account and region. Independent listings run at once
// under one concurrency bound; a listing that fails (AccessDenied on one service) becomes a named
// gap while the others are still shown.
import { createLimiter } from '../../util/limit.js';
import type { AwsContext } from '../clients.js';
import { AwsCallError } from '../errors.js';
import { callerIdentity } from '../identity.js';
import type { CallerIdentity, Inventory, InventoryGap, ResourceKind } from '../inventory.js';
import { listAutoScalingGroups } from './autoscaling.js';
import { listAlarms } from './cloudwatch.js';
import { type DiscoveryRun, MAX_PAGE_SIZES, type PageSizes } from './common.js';
import { listInstances } from './ec2.js';
import { listEcs } from './ecs.js';

export { MAX_PAGE_SIZES, type PageSizes } from './common.js';

/** Options for one discovery. */
export interface DiscoverOptions {
  /** Calls in flight at most (default 8). */
  concurrency?: number;
  /** Override page/batch sizes (tests force them small). */
  pageSizes?: Partial<PageSizes>;
  /** Skip STS when the caller already knows the identity (the console refreshes). */
  identity?: CallerIdentity;
}

/** Failures that stop discovery outright: nothing else would work either. */
const FATAL = new Set(['no-credentials', 'expired', 'bad-credentials', 'unreachable']);

/** Lists everything in the context's account and region. Throws AwsCallError when nothing can be listed. */
export async function discover(ctx: AwsContext, options: DiscoverOptions = {}): Promise<Inventory> {
  const run: DiscoveryRun = {
    ctx,
    pages: { ...MAX_PAGE_SIZES, ...options.pageSizes },
    limit: createLimiter(options.concurrency ?? 8),
  };
  const identity = options.identity ?? (await callerIdentity(ctx));
  const gaps: InventoryGap[] = [];
  const guarded = async <T>(kinds: ResourceKind[], empty: T, listing: () => Promise<T>): Promise<T> => {
    try {
      return await listing();
    } catch (err) {
      if (!(err instanceof AwsCallError) || FATAL.has(err.kind)) throw err;
      gaps.push({ kinds, operation: `${err.service}:${err.operation}`, message: err.message });
      return empty;
    }
  };
  const [instances, autoScalingGroups, ecs, alarms] = await Promise.all([
    guarded(['instances'], [], () => listInstances(run)),
    guarded(['autoScalingGroups'], [], () => listAutoScalingGroups(run)),
    guarded(
      ['clusters', 'services', 'tasks', 'containerInstances'],
      { clusters: [], services: [], tasks: [], containerInstances: [] },
      () => listEcs(run),
    ),
    guarded(['alarms'], [], () => listAlarms(run)),
  ]);
  return {
    identity,
    region: ctx.settings.region,
    endpoint: ctx.settings.endpoint,
    discoveredAt: new Date().toISOString(),
    instances,
    autoScalingGroups,
    ...ecs,
    alarms,
    gaps,
  };
}
