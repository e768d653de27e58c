// The client-layer half of the safety guard: which SDK commands change the world, and a plug-in
// on every client that refuses them unless they are sent from inside the guard (src/catalog/guard.ts),
// which marks its own calls with an AsyncLocalStorage permit. Nothing else can mutate AWS.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientPlugin, ServiceName } from './types.js';

/** The mutating commands the catalogue sends, per service: documented, tested, shown in the catalogue. */
export const MUTATING_COMMANDS: Record<ServiceName, readonly string[]> = {
  ec2: [
    'StopInstances',
    'StartInstances',
    'RebootInstances',
    'TerminateInstances',
    'CancelSpotInstanceRequests',
    'DetachVolume',
    'AttachVolume',
    'CreateTags',
    'DeleteTags',
    'AuthorizeSecurityGroupIngress',
    'RevokeSecurityGroupIngress',
  ],
  autoscaling: [
    'SuspendProcesses',
    'ResumeProcesses',
    'DetachInstances',
    'AttachInstances',
    'UpdateAutoScalingGroup',
    'SetDesiredCapacity',
    'TerminateInstanceInAutoScalingGroup',
  ],
  ecs: [
    'StopTask',
    'UpdateService',
    'DeleteService',
    'DeleteCluster',
    'DeregisterContainerInstance',
    'UpdateContainerInstancesState',
    'TagResource',
    'UntagResource',
  ],
  cloudwatch: ['PutMetricData', 'SetAlarmState'],
  sts: [],
  iam: [],
};

// Operations that only read: everything else counts as mutating, so a command nobody listed is
// refused too (deny by default). AssumeRole/GetCallerIdentity only mint or read credentials.
const READ_ONLY = /^(Describe|List|Get|Search|Lookup|BatchGet|Check|Preview|Test|Validate|Simulate)/;
const READ_ONLY_EXTRA = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity', 'GetCallerIdentity']);

/** True when an operation (without the `Command` suffix) changes state and so needs the guard. */
export function isMutating(operation: string): boolean {
  const op = operation.replace(/Command$/, '');
  return !(READ_ONLY.test(op) || READ_ONLY_EXTRA.has(op));
}

/** Thrown by the gate: a mutating command reached a client without the guard's permit. */
export class MutationRefusedError extends Error {
  override name = 'MutationRefusedError';
  readonly exitCode = 1;
  constructor(
    readonly service: ServiceName,
    readonly operation: string,
  ) {
    super(
      `${service}:${operation} refused: mutating AWS calls must go through the safety guard (src/catalog/guard.ts)`,
    );
  }
}

const permit = new AsyncLocalStorage<{ by: string }>();

/**
 * Runs `fn` with the permit to send mutating commands. Only the guard calls this (a test checks
 * that no other file imports it); everything the guard checks happens before.
 */
export function runPermitted<T>(by: string, fn: () => Promise<T>): Promise<T> {
  return permit.run({ by }, fn);
}

/** The gate plug-in, installed first on every client of every AwsContext. */
export function mutationGatePlugin(): ClientPlugin {
  return {
    name: 'mutation-gate',
    apply(client, service) {
      client.middlewareStack.add(
        // biome-ignore lint/suspicious/noExplicitAny: generic over every client's input/output
        (next: any, context: any) => async (args: any) => {
          const operation = String(context.commandName ?? '').replace(/Command$/, '');
          if (isMutating(operation) && permit.getStore() === undefined)
            throw new MutationRefusedError(service, operation);
          return next(args);
        },
        { step: 'initialize', priority: 'high', name: 'gamedayMutationGate', override: true },
      );
    },
  };
}
