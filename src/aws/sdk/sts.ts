// The STS operation gameday uses: who the credentials belong to.
// Named one by one so the bundler keeps only these of the package (see ./index.ts).
import {
  ExpiredTokenException,
  GetCallerIdentityCommand,
  RegionDisabledException,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';

/** The client class. */
export const Client = STSClient;

/** The operations gameday calls, by their API names. */
export const commands = {
  GetCallerIdentity: GetCallerIdentityCommand,
};

/** The service's base exception class, for errors without a class of their own. */
export const base = STSServiceException;

/** The exception classes the sandbox throws by code (real AWS errors find theirs in the SDK). */
export const exceptions: Record<string, unknown> = {
  ExpiredTokenException,
  RegionDisabledException,
};
