// An in-memory EC2 (just what the instance attacks use) for property tests: instances with tags,
// states and AZs; DescribeInstances filters; Stop/Start/Reboot/Terminate with DryRun. It records
// every call it receives, so tests can see exactly what would have reached AWS.
import { AwsApiError, type AwsCall } from '../../src/aws/ops/call.js';

export interface FakeInstance {
  id: string;
  az: string;
  state: 'running' | 'stopped' | 'terminated';
  tags: Record<string, string>;
  /** A spot instance, with its request id. */
  spotRequest?: string;
}

export interface FakeAws {
  aws: AwsCall;
  instances: Map<string, FakeInstance>;
  calls: Array<{ operation: string; input: Record<string, unknown> }>;
  /** Operations that fail the next N times (to test undo retries). */
  failNext: Map<string, number>;
}

const STATE_CODES = { running: 16, stopped: 80, terminated: 48 } as const;

export function fakeAws(list: FakeInstance[]): FakeAws {
  const instances = new Map(list.map((i) => [i.id, { ...i, tags: { ...i.tags } }]));
  const calls: FakeAws['calls'] = [];
  const failNext = new Map<string, number>();
  const describe = (i: FakeInstance) => ({
    InstanceId: i.id,
    State: { Name: i.state, Code: STATE_CODES[i.state] },
    Placement: { AvailabilityZone: i.az },
    Tags: Object.entries(i.tags).map(([Key, Value]) => ({ Key, Value })),
    ...(i.spotRequest ? { InstanceLifecycle: 'spot', SpotInstanceRequestId: i.spotRequest } : {}),
  });
  const change = (ids: string[], to: FakeInstance['state'], op: string) => {
    const out = [];
    for (const id of ids) {
      const i = instances.get(id);
      if (!i)
        throw new AwsApiError(
          'ec2',
          op,
          'InvalidInstanceID.NotFound',
          `The instance ID '${id}' does not exist`,
        );
      if (i.state === 'terminated' && to === 'running')
        throw new AwsApiError(
          'ec2',
          op,
          'IncorrectInstanceState',
          `The instance '${id}' is not in a state from which it can be started.`,
        );
      out.push({ InstanceId: id, PreviousState: { Name: i.state }, CurrentState: { Name: to } });
      if (i.state !== 'terminated') i.state = to;
    }
    return out;
  };
  const aws: AwsCall = async (service, operation, input) => {
    calls.push({ operation, input });
    const left = failNext.get(operation) ?? 0;
    if (left > 0) {
      failNext.set(operation, left - 1);
      throw new AwsApiError('ec2', operation, 'RequestLimitExceeded', 'Request limit exceeded.');
    }
    if (service !== 'ec2') throw new Error(`fake AWS has no ${service}`);
    if (operation !== 'DescribeInstances' && input.DryRun)
      throw new AwsApiError(
        'ec2',
        operation,
        'DryRunOperation',
        'Request would have succeeded, but DryRun flag is set.',
      );
    const ids = (input.InstanceIds as string[]) ?? [];
    switch (operation) {
      case 'DescribeInstances': {
        let found = [...instances.values()];
        if (ids.length) found = found.filter((i) => ids.includes(i.id));
        for (const f of (input.Filters as Array<{ Name: string; Values: string[] }>) ?? []) {
          if (f.Name === 'instance-state-name') found = found.filter((i) => f.Values.includes(i.state));
          else if (f.Name === 'availability-zone') found = found.filter((i) => f.Values.includes(i.az));
          else if (f.Name.startsWith('tag:'))
            found = found.filter((i) => f.Values.includes(i.tags[f.Name.slice(4)]!));
        }
        return { Reservations: found.length ? [{ Instances: found.map(describe) }] : [] };
      }
      case 'StopInstances':
        return { StoppingInstances: change(ids, 'stopped', operation) };
      case 'StartInstances':
        return { StartingInstances: change(ids, 'running', operation) };
      case 'TerminateInstances':
        return { TerminatingInstances: change(ids, 'terminated', operation) };
      case 'CancelSpotInstanceRequests':
        return {
          CancelledSpotInstanceRequests: ((input.SpotInstanceRequestIds as string[]) ?? []).map((id) => ({
            SpotInstanceRequestId: id,
            State: 'cancelled',
          })),
        };
      case 'RebootInstances':
        change(ids, 'running', operation);
        return {};
      default:
        throw new Error(`fake AWS has no ec2:${operation}`);
    }
  };
  return { aws, instances, calls, failNext };
}
