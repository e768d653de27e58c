// The catalogue's single door to AWS: call an operation by name with a plain input and get a plain
// output back (no `$metadata`, as chaosaws' returns minus `ResponseMetadata`). The catalogue stays
// free of @aws-sdk imports, and tests can swap in an in-memory implementation of the same type.
import type { AwsContext } from '../clients.js';
import { explainAwsError, isUnreachable } from '../errors.js';
import { isKnownOperation, sdkOf } from '../sdk/index.js';
import type { ServiceName } from '../types.js';

/** A JSON-shaped AWS response (SDK v3 member names, which are boto3's too). */
// biome-ignore lint/suspicious/noExplicitAny: AWS responses are read field by field, as chaosaws does
export type AwsResponse = Record<string, any>;

/** Calls one AWS operation (e.g. `('ec2', 'StopInstances', {InstanceIds})`). */
export type AwsCall = (
  service: ServiceName,
  operation: string,
  input: Record<string, unknown>,
) => Promise<AwsResponse>;

/** An AWS error with botocore's wording, so chaosaws-era messages and tolerances still match. */
export class AwsApiError extends Error {
  override name = 'AwsApiError';
  /** What Chaos Toolkit's journal would name the exception. */
  readonly pythonType = 'botocore.exceptions.ClientError';
  constructor(
    readonly service: ServiceName,
    readonly operation: string,
    readonly code: string,
    readonly detail: string,
    readonly httpStatus?: number,
  ) {
    super(`An error occurred (${code}) when calling the ${operation} operation: ${detail}`);
  }
}

type CommandCtor = new (input: Record<string, unknown>) => unknown;

async function commandClass(service: ServiceName, operation: string): Promise<CommandCtor> {
  const sdk = await sdkOf(service);
  if (!isKnownOperation(sdk, operation)) throw new Error(`gameday does not call ${service} ${operation}`);
  return (sdk.commands as Record<string, CommandCtor>)[operation]!;
}

/** Drops the SDK's `$metadata` from a response (the counterpart of boto3's ResponseMetadata). */
export function plain(out: unknown): AwsResponse {
  if (!out || typeof out !== 'object') return {};
  const { $metadata: _drop, ...rest } = out as Record<string, unknown>;
  return rest;
}

/** An AwsCall over the real SDK clients of a context (their plug-ins, gate and counter included). */
export function sdkCall(ctx: AwsContext): AwsCall {
  return async (service, operation, input) => {
    const Ctor = await commandClass(service, operation);
    const client = (await ctx.client(service)) as unknown as { send(c: unknown): Promise<unknown> };
    try {
      return plain(await client.send(new Ctor(input)));
    } catch (err) {
      const api = toApiError(service, operation, err);
      // No answer at all (refused, reset, timed out): name the call and the endpoint, so the
      // console's --on-error policy and the log treat it as the AWS failure it is.
      if (api === err && isUnreachable(err))
        throw explainAwsError(err, {
          service,
          operation,
          endpoint: ctx.settings.endpoint,
          region: ctx.settings.region,
        });
      throw api;
    }
  };
}

/** Wraps an SDK service error as AwsApiError; other errors (gate, network) pass through unchanged. */
export function toApiError(service: ServiceName, operation: string, err: unknown): unknown {
  const e = err as {
    name?: string;
    message?: string;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
  };
  if (!e || typeof e !== 'object' || !e.$fault || !e.name) return err;
  return new AwsApiError(service, operation, e.name, e.message ?? '', e.$metadata?.httpStatusCode);
}
