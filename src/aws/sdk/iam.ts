// The IAM operation gameday uses: the account's alias for the header.
// Named one by one so the bundler keeps only these of the package (see ./index.ts).
import {
  IAMClient,
  IAMServiceException,
  ListAccountAliasesCommand,
  NoSuchEntityException,
  ServiceFailureException,
} from '@aws-sdk/client-iam';

/** The client class. */
export const Client = IAMClient;

/** The operations gameday calls, by their API names. */
export const commands = {
  ListAccountAliases: ListAccountAliasesCommand,
};

/** The service's base exception class, for errors without a class of their own. */
export const base = IAMServiceException;

/** The exception classes the sandbox throws by code (real AWS errors find theirs in the SDK). */
export const exceptions: Record<string, unknown> = {
  NoSuchEntityException,
  ServiceFailureException,
};
