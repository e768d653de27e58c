// Merges single-resource reads made at the same moment into one call: the steady loop's probes ask
// for one Auto Scaling group or one ECS service each, every tick, and AWS throttles accounts that
// call too often. Calls started in the same turn of the event loop share a batch; each caller gets
// the response it would have had alone (its own groups or services, its own failures).
import type { AwsCall, AwsResponse } from './call.js';

/** How one operation batches: the list member that names resources, and its per-call maximum. */
interface Batchable {
  /** Inputs that may share a call (same cluster, same options). */
  key: string;
  names: string[];
  /** The merged input for a chunk of names. */
  input(names: string[]): Record<string, unknown>;
  /** The part of a merged response that belongs to the given names. */
  pick(out: AwsResponse, names: string[]): AwsResponse;
  max: number;
}

function batchable(
  service: string,
  operation: string,
  input: Record<string, unknown>,
): Batchable | undefined {
  const keys = Object.keys(input).sort().join(',');
  if (
    service === 'autoscaling' &&
    operation === 'DescribeAutoScalingGroups' &&
    keys === 'AutoScalingGroupNames'
  ) {
    const names = input.AutoScalingGroupNames;
    if (!Array.isArray(names) || names.length === 0) return undefined;
    return {
      key: 'asg',
      names: names.map(String),
      max: 50,
      input: (chunk) => ({ AutoScalingGroupNames: chunk, MaxRecords: 100 }),
      pick: (out, mine) => ({
        ...out,
        AutoScalingGroups: (out.AutoScalingGroups ?? []).filter((g: AwsResponse) =>
          mine.includes(g.AutoScalingGroupName),
        ),
      }),
    };
  }
  if (
    service === 'ecs' &&
    operation === 'DescribeServices' &&
    (keys === 'cluster,services' || keys === 'cluster,include,services')
  ) {
    const names = input.services;
    if (!Array.isArray(names) || names.length === 0 || typeof input.cluster !== 'string') return undefined;
    const include = input.include;
    const isMine = (mine: string[], name: unknown, arn: unknown) =>
      mine.some((m) => m === name || m === arn || (typeof arn === 'string' && arn.endsWith(`/${m}`)));
    return {
      key: `ecs|${input.cluster}|${JSON.stringify(include ?? null)}`,
      names: names.map(String),
      max: 10,
      input: (chunk) => ({ cluster: input.cluster, services: chunk, ...(include ? { include } : {}) }),
      pick: (out, mine) => ({
        ...out,
        services: (out.services ?? []).filter((s: AwsResponse) => isMine(mine, s.serviceName, s.serviceArn)),
        failures: (out.failures ?? []).filter((f: AwsResponse) => isMine(mine, undefined, f.arn)),
      }),
    };
  }
  return undefined;
}

interface Waiter {
  names: string[];
  input: Record<string, unknown>;
  resolve(out: AwsResponse): void;
  reject(err: unknown): void;
}

/** An AwsCall that batches concurrent single-resource reads; every other call passes through. */
export function coalesceReads(aws: AwsCall): AwsCall {
  const queues = new Map<
    string,
    { spec: Batchable; service: string; operation: string; waiters: Waiter[] }
  >();
  let scheduled = false;

  const send = async (q: { spec: Batchable; service: string; operation: string; waiters: Waiter[] }) => {
    const names = [...new Set(q.waiters.flatMap((w) => w.names))];
    try {
      const outs: AwsResponse[] = [];
      for (let i = 0; i < names.length; i += q.spec.max)
        outs.push(await aws(q.service as never, q.operation, q.spec.input(names.slice(i, i + q.spec.max))));
      const merged: AwsResponse = { ...outs[0] };
      for (const k of ['AutoScalingGroups', 'services', 'failures'])
        if (outs.some((o) => o[k])) merged[k] = outs.flatMap((o) => o[k] ?? []);
      delete merged.NextToken;
      for (const w of q.waiters) w.resolve(q.spec.pick(merged, w.names));
    } catch (err) {
      for (const w of q.waiters) w.reject(err);
    }
  };

  const flush = () => {
    scheduled = false;
    const batch = [...queues.values()];
    queues.clear();
    for (const q of batch) {
      const only = q.waiters.length === 1 ? q.waiters[0] : undefined;
      // A lone caller keeps its exact input (and its own NextToken handling).
      if (only) aws(q.service as never, q.operation, only.input).then(only.resolve, only.reject);
      else void send(q);
    }
  };

  return (service, operation, input) => {
    const spec = batchable(service, operation, input);
    if (!spec) return aws(service, operation, input);
    return new Promise<AwsResponse>((resolve, reject) => {
      let q = queues.get(spec.key);
      if (!q) {
        q = { spec, service, operation, waiters: [] };
        queues.set(spec.key, q);
      }
      q.waiters.push({ names: spec.names, input, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // nextTick queued from a promise job runs once every pending promise job has run: all the
        // probes a tick started have made their call by then.
        process.nextTick(flush);
      }
    });
  };
}
