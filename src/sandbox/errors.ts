// Errors the handlers throw, in AWS's own codes and words; the plugin turns each into the SDK's
// service exception class (EC2ServiceException, ClusterNotFoundException, ...) before the caller sees it.
import { sdkOf } from '../aws/sdk/index.js';
import type { ServiceName } from '../aws/types.js';

/** An AWS error as the service would send it: code, message, HTTP status, client or server fault. */
export class SandboxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: 'client' | 'server' = status >= 500 ? 'server' : 'client',
  ) {
    super(message);
    this.name = code;
  }
}

/** A command the sandbox does not implement: loud, naming the command, never an empty success. */
export class UnsupportedCommandError extends Error {
  constructor(
    readonly service: ServiceName,
    readonly command: string,
  ) {
    super(
      `the gameday sandbox does not implement ${service} ${command} (only real AWS or moto can answer it)`,
    );
    this.name = 'SandboxUnsupportedCommand';
  }
}

/** Shorthand for the common 400 validation errors each service words its own way. */
export function validation(service: ServiceName, message: string): SandboxError {
  switch (service) {
    case 'ec2':
      return new SandboxError('InvalidParameterValue', message);
    case 'ecs':
      return new SandboxError('InvalidParameterException', message);
    case 'cloudwatch':
      return new SandboxError('InvalidParameterValueException', message);
    default:
      return new SandboxError('ValidationError', message);
  }
}

/** The throttling error code each service really uses. */
export const THROTTLE_CODE: Record<ServiceName, { code: string; status: number; message: string }> = {
  ec2: { code: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' },
  autoscaling: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  ecs: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  cloudwatch: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  sts: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  iam: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
};

/** The permission error code each service really uses. */
export const DENIED_CODE: Record<ServiceName, { code: string; status: number; message: string }> = {
  ec2: {
    code: 'UnauthorizedOperation',
    status: 403,
    message: 'You are not authorized to perform this operation.',
  },
  autoscaling: {
    code: 'AccessDenied',
    status: 403,
    message: 'User is not authorized to perform this operation',
  },
  ecs: {
    code: 'AccessDeniedException',
    status: 400,
    message: 'User is not authorized to perform this action',
  },
  cloudwatch: {
    code: 'AccessDenied',
    status: 403,
    message: 'User is not authorized to perform this operation',
  },
  sts: {
    code: 'AccessDenied',
    status: 403,
    message: 'User is not authorized to perform sts:GetCallerIdentity',
  },
  iam: {
    code: 'AccessDenied',
    status: 403,
    message: 'User is not authorized to perform iam:ListAccountAliases',
  },
};

type ExceptionClass = new (opts: Record<string, unknown>) => Error;

/** Turns a SandboxError into the SDK's own exception (the specific class when the SDK has one). */
export async function toSdkError(service: ServiceName, err: SandboxError, requestId: string): Promise<Error> {
  const sdk = await sdkOf(service);
  const base = sdk.base as unknown as ExceptionClass;
  const specific = (sdk.exceptions as Record<string, unknown>)[err.code] as ExceptionClass | undefined;
  const $metadata = { httpStatusCode: err.status, requestId, attempts: 1, totalRetryDelay: 0 };
  const opts = { name: err.code, $fault: err.fault, $metadata, message: err.message };
  const useSpecific = typeof specific === 'function' && specific.prototype instanceof base;
  const made = useSpecific ? new specific(opts) : new base(opts);
  // The SDK sets Code/Message on query-protocol errors; callers sometimes read them.
  Object.assign(made, { Code: err.code, Message: err.message });
  return made;
}
