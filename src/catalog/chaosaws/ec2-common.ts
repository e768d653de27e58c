// EC2 pieces the chaosaws.ec2 functions share: finding instances by ids or filters (+ az), grouping
// them by lifecycle as chaosaws does, and the guarded stop/terminate/start/reboot per group.
import type { AwsCall, AwsResponse } from '../../aws/ops/call.js';
import { pyRepr, tagsOf } from '../args.js';
import { ActivityFailed } from '../errors.js';
import type { Target } from '../guard.js';
import type { Run } from '../types.js';

/** An instance as DescribeInstances returns it (the fields the catalogue reads). */
export type Instance = AwsResponse;

/** DescribeInstances with ids or filters, following NextToken; returns the merged response. */
export async function describeInstances(
  aws: AwsCall,
  q: { ids?: string[]; filters?: unknown[] },
): Promise<{ Reservations: AwsResponse[] }> {
  const input: Record<string, unknown> = q.ids?.length
    ? { InstanceIds: q.ids }
    : { Filters: q.filters ?? [] };
  const Reservations: AwsResponse[] = [];
  let token: string | undefined;
  do {
    const page = await aws('ec2', 'DescribeInstances', token ? { ...input, NextToken: token } : input);
    Reservations.push(...(page.Reservations ?? []));
    token = page.NextToken;
  } while (token);
  return { Reservations };
}

/** Every instance of a DescribeInstances response, reservation by reservation. */
export function instancesOf(res: { Reservations: AwsResponse[] }): Instance[] {
  return res.Reservations.flatMap((r) => (r.Instances ?? []) as Instance[]);
}

/** Instance ids by InstanceLifecycle (missing = "normal"), in first-seen order, as chaosaws groups them. */
export function byLifecycle(instances: readonly Instance[]): Map<string, Instance[]> {
  const out = new Map<string, Instance[]>();
  for (const i of instances) {
    const k = (i.InstanceLifecycle as string | undefined) ?? 'normal';
    out.set(k, [...(out.get(k) ?? []), i]);
  }
  return out;
}

/** The guard's view of an instance: its id and tags. */
export function instanceTarget(i: Instance, parentTags: Record<string, string> = {}): Target {
  return { kind: 'instances', id: String(i.InstanceId), tags: { ...parentTags, ...tagsOf(i.Tags) } };
}

/** Filters (copied) plus `availability-zone=<az>` when an az is given, as chaosaws builds them. */
export function withAz(filters: unknown[] | undefined, az: string | undefined): unknown[] {
  const out = [...(filters ?? [])];
  if (az) out.push({ Name: 'availability-zone', Values: [az] });
  return out;
}

/** Instances selected the chaosaws way: by ids, else by filters + az (no state filter added). */
export async function findInstances(
  run: Run,
  q: { ids?: string[]; az?: string; filters?: unknown[] },
): Promise<{ instances: Instance[]; filters: unknown[] }> {
  if (q.ids?.length)
    return { instances: instancesOf(await describeInstances(run.aws, { ids: q.ids })), filters: [] };
  const filters = withAz(q.filters, q.az);
  return { instances: instancesOf(await describeInstances(run.aws, { filters })), filters };
}

/** `No instances found matching filters: [...]` in chaosaws' Python formatting. */
export function noMatch(filters: unknown[]): ActivityFailed {
  return new ActivityFailed(`No instances found matching filters: ${pyRepr(filters)}`);
}

const ids = (list: readonly Instance[]): string[] => list.map((i) => String(i.InstanceId));

/** Stops instances per lifecycle group: normal → StopInstances (undo: start); spot → cancel + terminate. */
export async function stopAnyType(
  run: Run,
  groups: Map<string, Instance[]>,
  force: boolean,
): Promise<unknown[]> {
  if (groups.has('scheduled')) throw new ActivityFailed('Scheduled instances support is not implemented');
  await run.attack.admit([...groups.values()].flat().map((i) => instanceTarget(i)));
  const out: unknown[] = [];
  const normal = groups.get('normal');
  if (normal) {
    const InstanceIds = ids(normal);
    out.push(
      await run.attack.mutate({
        targets: normal.map((i) => instanceTarget(i)),
        call: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds, Force: force } },
        undo: [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds } }],
        undoDescription: `start ${InstanceIds.join(', ')}`,
      }),
    );
  }
  const spot = groups.get('spot');
  if (spot) out.push(...(await terminateSpot(run, spot)));
  return out;
}

async function terminateSpot(run: Run, spot: Instance[]): Promise<unknown[]> {
  const InstanceIds = ids(spot);
  const described = instancesOf(await describeInstances(run.aws, { ids: InstanceIds }));
  const requests = described.map((i) => i.SpotInstanceRequestId).filter(Boolean);
  const targets = spot.map((i) => instanceTarget(i));
  await run.attack.mutate({
    targets,
    call: {
      service: 'ec2',
      operation: 'CancelSpotInstanceRequests',
      input: { SpotInstanceRequestIds: requests },
    },
    undo: null,
  });
  return [
    await run.attack.mutate({
      targets,
      call: { service: 'ec2', operation: 'TerminateInstances', input: { InstanceIds } },
      undo: null,
    }),
  ];
}

/** Terminates per lifecycle group (spot requests cancelled first). No undo: terminated is gone. */
export async function terminateAnyType(run: Run, groups: Map<string, Instance[]>): Promise<unknown[]> {
  await run.attack.admit([...groups.values()].flat().map((i) => instanceTarget(i)));
  const out: unknown[] = [];
  for (const [kind, list] of groups) {
    if (kind === 'spot') {
      out.push(...(await terminateSpot(run, list)));
      continue;
    }
    out.push(
      await run.attack.mutate({
        targets: list.map((i) => instanceTarget(i)),
        call: { service: 'ec2', operation: 'TerminateInstances', input: { InstanceIds: ids(list) } },
        undo: null,
      }),
    );
  }
  return out;
}

/** Starts per group; returns the flattened StartingInstances (undo: stop the ones that were stopped). */
export async function startAnyType(run: Run, groups: Map<string, Instance[]>): Promise<unknown[]> {
  await run.attack.admit([...groups.values()].flat().map((i) => instanceTarget(i)));
  const out: unknown[] = [];
  for (const list of groups.values()) {
    const wasStopped = ids(list.filter((i) => i.State?.Name === 'stopped'));
    const res = (await run.attack.mutate({
      targets: list.map((i) => instanceTarget(i)),
      call: { service: 'ec2', operation: 'StartInstances', input: { InstanceIds: ids(list) } },
      undo: wasStopped.length
        ? [{ service: 'ec2', operation: 'StopInstances', input: { InstanceIds: wasStopped } }]
        : null,
      undoDescription: wasStopped.length ? `stop ${wasStopped.join(', ')} again` : undefined,
    })) as AwsResponse;
    out.push(...(res.dryRun ? [res] : (res.StartingInstances ?? [])));
  }
  return out;
}

/** Reboots per group. Nothing to undo (a reboot ends by itself). Returns the responses. */
export async function rebootAnyType(run: Run, groups: Map<string, Instance[]>): Promise<unknown[]> {
  await run.attack.admit([...groups.values()].flat().map((i) => instanceTarget(i)));
  const out: unknown[] = [];
  for (const list of groups.values())
    out.push(
      await run.attack.mutate({
        targets: list.map((i) => instanceTarget(i)),
        call: { service: 'ec2', operation: 'RebootInstances', input: { InstanceIds: ids(list) } },
        undo: null,
      }),
    );
  return out;
}
