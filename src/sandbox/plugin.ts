// The SDK middleware that answers every command from the world: installed at the finalizeRequest
// step with low priority, i.e. inside the retry middleware (so adaptive retries apply to sandbox
// throttling) and after signing, before the deserializer (which never runs: we return the output).
import type { ClientPlugin, ServiceName } from '../aws/types.js';
import { SandboxError, toSdkError, UnsupportedCommandError } from './errors.js';
import type { FaultKnobs } from './faults.js';
import { autoscalingHandlers } from './handlers/autoscaling.js';
import { cloudwatchAlarmHandlers } from './handlers/cloudwatch-alarms.js';
import { cloudwatchMetricHandlers } from './handlers/cloudwatch-metrics.js';
import { cloudwatchTagHandlers } from './handlers/cloudwatch-tags.js';
import { ec2InstanceHandlers } from './handlers/ec2-instances.js';
import { ec2ResourceHandlers } from './handlers/ec2-resources.js';
import { ec2SecurityHandlers } from './handlers/ec2-security.js';
import { ec2VolumeHandlers } from './handlers/ec2-volumes.js';
import { ecsHandlers } from './handlers/ecs.js';
import { iamHandlers, stsHandlers } from './handlers/sts.js';
import type { HandlerTable } from './handlers/types.js';
import type { Rng } from './rng.js';
import type { World } from './world.js';

/** Every operation the sandbox answers, per service. */
export const HANDLERS: Record<ServiceName, HandlerTable> = {
  ec2: { ...ec2InstanceHandlers, ...ec2ResourceHandlers, ...ec2SecurityHandlers, ...ec2VolumeHandlers },
  autoscaling: autoscalingHandlers,
  ecs: ecsHandlers,
  cloudwatch: { ...cloudwatchAlarmHandlers, ...cloudwatchMetricHandlers, ...cloudwatchTagHandlers },
  sts: stsHandlers,
  iam: iamHandlers,
};

/** Operations that only read (their handlers may use the world's per-version indexes). */
const READ_ONLY = /^(Describe|List|Get)/;

/** What the middleware needs from the sandbox. */
export interface PluginDeps {
  world: World;
  faults: FaultKnobs;
  /** Brings the world up to the clock's time and returns it. */
  sync(): number;
  requestIds: Rng;
}

/** Answers one command (exported for tests and tools that want to call the world without a client). */
export async function answer(
  deps: PluginDeps,
  service: ServiceName,
  operation: string,
  input: unknown,
): Promise<Record<string, unknown>> {
  const now = deps.sync();
  const requestId = deps.requestIds.uuid();
  const fault = deps.faults.roll(service, operation);
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault?.error) throw await toSdkError(service, fault.error, requestId);
  const handler = HANDLERS[service][operation];
  if (!handler) throw new UnsupportedCommandError(service, operation);
  let output: object;
  const mutating = !READ_ONLY.test(operation);
  if (mutating) deps.world.version++;
  try {
    output = handler({ world: deps.world, now }, input ?? {});
  } catch (err) {
    if (err instanceof SandboxError) throw await toSdkError(service, err, requestId);
    throw err;
  } finally {
    if (mutating) deps.world.version++;
  }
  return { ...output, $metadata: { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 } };
}

/** The ClientPlugin given to AwsContext: one middleware per client. */
export function sandboxPlugin(deps: PluginDeps): ClientPlugin {
  return {
    name: 'gameday-sandbox',
    apply(client, service) {
      client.middlewareStack.add(
        // biome-ignore lint/suspicious/noExplicitAny: generic over every client's input/output
        (_next: any, context: any) => async (args: any) => {
          const operation = String(context.commandName).replace(/Command$/, '');
          return { output: await answer(deps, service, operation, args.input), response: {} };
        },
        { step: 'finalizeRequest', priority: 'low', name: 'gamedaySandbox', override: true },
      );
    },
  };
}
