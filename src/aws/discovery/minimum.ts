// The fewest API calls that can list a given inventory at each API's page maximum: the yardstick
// for discovery's frugality (`discover --stats`, the benchmarks, the contract tests).
import type { Inventory } from '../inventory.js';
import { MAX_PAGE_SIZES, type PageSizes } from './common.js';

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
const batches = (n: number, size: number) => Math.ceil(n / size);

/** Minimum calls per operation to discover `inv` (List calls need one page even when empty). */
export function minimumCalls(inv: Inventory, sizes: PageSizes = MAX_PAGE_SIZES): Record<string, number> {
  const out: Record<string, number> = {
    'sts:GetCallerIdentity': 1,
    'ec2:DescribeInstances': pages(inv.instances.length, sizes.describeInstances),
    'autoscaling:DescribeAutoScalingGroups': pages(
      inv.autoScalingGroups.length,
      sizes.describeAutoScalingGroups,
    ),
    'ecs:ListClusters': pages(inv.clusters.length, sizes.listClusters),
    'ecs:DescribeClusters': batches(inv.clusters.length, sizes.describeClusters),
    'ecs:ListServices': 0,
    'ecs:DescribeServices': 0,
    'ecs:ListTasks': 0,
    'ecs:DescribeTasks': 0,
    'ecs:ListContainerInstances': 0,
    'ecs:DescribeContainerInstances': 0,
    'cloudwatch:DescribeAlarms': pages(inv.alarms.length, sizes.describeAlarms),
  };
  const count = <T extends { cluster: string }>(items: T[]) => {
    const m = new Map<string, number>();
    for (const i of items) m.set(i.cluster, (m.get(i.cluster) ?? 0) + 1);
    return m;
  };
  const services = count(inv.services);
  const tasks = count(inv.tasks);
  const cis = count(inv.containerInstances);
  for (const c of inv.clusters) {
    const s = services.get(c.name) ?? 0;
    const t = tasks.get(c.name) ?? 0;
    const ci = cis.get(c.name) ?? 0;
    out['ecs:ListServices']! += pages(s, sizes.listServices);
    out['ecs:DescribeServices']! += batches(s, sizes.describeServices);
    out['ecs:ListTasks']! += pages(t, sizes.listTasks);
    out['ecs:DescribeTasks']! += batches(t, sizes.describeTasks);
    out['ecs:ListContainerInstances']! += pages(ci, sizes.listContainerInstances);
    out['ecs:DescribeContainerInstances']! += batches(ci, sizes.describeContainerInstances);
  }
  return Object.fromEntries(
    Object.entries(out)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Sum of a per-operation call count. */
export function totalCalls(calls: Record<string, number>): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}
