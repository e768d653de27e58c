// Shared shapes of the AWS layer: what the factory takes, and how plug-ins (the call counter,
// the sandbox) attach beneath every SDK client.

/** The services gameday talks to; a name per SDK client, used in counters and error messages. */
export type ServiceName = 'ec2' | 'autoscaling' | 'ecs' | 'cloudwatch' | 'sts' | 'iam';

/** The subset of an SDK client a plug-in needs: its middleware stack (typed loosely on purpose). */
export interface PluggableClient {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's stack types differ per client
  middlewareStack: { add: (mw: any, opts: any) => void; addRelativeTo?: (mw: any, opts: any) => void };
}

/** Something that installs middleware on each client as it is created (sandbox, counter, fault proxy). */
export interface ClientPlugin {
  name: string;
  apply(client: PluggableClient, service: ServiceName): void;
}

/** Where the settings of an AWS context came from, so the header and errors can say it. */
export type SettingSource = 'flag' | 'env' | 'profile' | 'default' | 'sandbox';

/** A role an AwsContext acts as, and the session name its calls carry (CloudTrail shows it). */
export interface AssumeRole {
  roleArn: string;
  /** chaosaws' default is "ChaosToolkit". */
  sessionName?: string;
}

/** Options for one AWS context: one account, one region, one set of clients. */
export interface AwsOptions {
  region?: string;
  profile?: string;
  /** Overrides AWS_ENDPOINT_URL (mostly for tests). */
  endpoint?: string;
  /** Extra plug-ins applied to every client after the call counter (the sandbox is one). */
  plugins?: ClientPlugin[];
  /** Static credentials instead of the provider chain (the sandbox uses these). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A role to act as (chaosaws' `aws_assume_role_arn`): STS AssumeRole with the credentials
   * above (or the chain's), refreshed before they expire. */
  assumeRole?: AssumeRole;
  /** SDK attempts per call, including the first (adaptive retry mode). */
  maxAttempts?: number;
  /** Per-request timeout in ms, socket and connection (an endpoint that does not answer). */
  requestTimeoutMs?: number;
  /** Environment to read (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}
