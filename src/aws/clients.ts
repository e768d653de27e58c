// The one place SDK clients are made: region/profile/endpoint resolution, the credential chain
// (env, profiles, SSO, assume-role), adaptive retries, timeouts, the call counter and plug-ins.
// Each client's package is imported on first use, so the console draws before the SDK loads.
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { CallCounter, counterPlugin } from './counter.js';
import { AwsCallError, explainAwsError } from './errors.js';
import { mutationGatePlugin } from './mutations.js';
import { sdkOf } from './sdk/index.js';
import { type ResolvedSettings, resolveSettings } from './settings.js';
import type { AwsOptions, ClientPlugin, PluggableClient, ServiceName } from './types.js';

// Set before any SDK module loads: the Node 20 support warning would corrupt ink's screen.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The client type for each service name. */
export interface ClientMap {
  ec2: EC2Client;
  autoscaling: AutoScalingClient;
  ecs: ECSClient;
  cloudwatch: CloudWatchClient;
  sts: STSClient;
  iam: IAMClient;
}

/** Reads ~/.aws/config and ~/.aws/credentials profile names and settings (empty if absent). */
export async function loadProfiles(
  env: NodeJS.ProcessEnv,
): Promise<Record<string, Record<string, string | undefined>>> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const files = await loadSharedConfigFiles({
    filepath: env.AWS_SHARED_CREDENTIALS_FILE,
    configFilepath: env.AWS_CONFIG_FILE,
    ignoreCache: true,
  });
  const out: Record<string, Record<string, string | undefined>> = {};
  for (const [name, values] of Object.entries(files.credentialsFile ?? {})) out[name] = { ...values };
  for (const [name, values] of Object.entries(files.configFile ?? {}))
    out[name] = { ...out[name], ...values };
  return out;
}

/** One account + region: lazily created clients sharing settings, credentials and a call counter. */
export class AwsContext {
  readonly counter = new CallCounter();
  private readonly made = new Map<ServiceName, Promise<PluggableClient>>();
  private readonly plugins: ClientPlugin[];

  private constructor(
    readonly settings: ResolvedSettings,
    private readonly options: AwsOptions,
  ) {
    // The mutation gate comes first: a refused command never reaches the counter or the wire.
    this.plugins = [mutationGatePlugin(), counterPlugin(this.counter), ...(options.plugins ?? [])];
  }

  /** Resolves settings (throwing SettingsError on bad input) and returns a context; makes no call. */
  static async create(options: AwsOptions = {}): Promise<AwsContext> {
    const env = options.env ?? process.env;
    const configProfiles = options.credentials ? {} : await loadProfiles(env);
    const settings = resolveSettings({
      region: options.region,
      profile: options.credentials ? undefined : options.profile,
      endpoint: options.endpoint,
      env: options.credentials ? { ...env, AWS_PROFILE: undefined } : env,
      configProfiles,
    });
    return new AwsContext(settings, options);
  }

  /** Adds a plug-in to clients created from now on (and, if already created, to those too). */
  async addPlugin(plugin: ClientPlugin): Promise<void> {
    this.plugins.push(plugin);
    for (const [service, client] of this.made) plugin.apply(await client, service);
  }

  /** The SDK client for a service, created (and its package imported) on first use. */
  client<S extends ServiceName>(service: S): Promise<ClientMap[S]> {
    let made = this.made.get(service);
    if (!made) {
      made = this.build(service);
      this.made.set(service, made);
    }
    return made as Promise<unknown> as Promise<ClientMap[S]>;
  }

  private async build(service: ServiceName): Promise<PluggableClient> {
    const { settings, options } = this;
    const requestTimeout = options.requestTimeoutMs ?? 10_000;
    const { NodeHttpHandler } = await import('@smithy/node-http-handler');
    const config = {
      region: settings.region,
      endpoint: settings.endpoint,
      maxAttempts: options.maxAttempts ?? 5,
      retryMode: 'adaptive',
      credentials: await this.credentialProvider(),
      requestHandler: new NodeHttpHandler({
        connectionTimeout: Math.min(requestTimeout, 5_000),
        requestTimeout,
        // Without this the SDK only warns when an endpoint never answers, and waits forever.
        throwOnRequestTimeout: true,
      }),
    };
    const client = await construct(service, config);
    for (const plugin of this.plugins) plugin.apply(client, service);
    return client;
  }

  private credentialProviderPromise?: Promise<unknown>;
  // The static keys or the provider chain, and on top of them the role to assume, if any.
  private credentialProvider(): Promise<unknown> {
    const { options, settings } = this;
    if (!options.assumeRole && options.credentials) return Promise.resolve(options.credentials);
    this.credentialProviderPromise ??= import('@aws-sdk/credential-providers').then(
      ({ fromNodeProviderChain, fromTemporaryCredentials }) => {
        const base =
          options.credentials ??
          fromNodeProviderChain({
            profile: settings.profileSource === 'flag' ? settings.profile : undefined,
            clientConfig: { region: settings.region },
          });
        if (!options.assumeRole) return base;
        const { roleArn, sessionName = 'ChaosToolkit' } = options.assumeRole;
        const assumed = fromTemporaryCredentials({
          masterCredentials: base,
          params: { RoleArn: roleArn, RoleSessionName: sessionName },
          clientConfig: {
            region: settings.region,
            ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
          },
        });
        return async () => {
          try {
            return await assumed();
          } catch (err) {
            throw assumeRoleError(err, roleArn, settings);
          }
        };
      },
    );
    return this.credentialProviderPromise;
  }

  /** Closes every client's sockets (ink gotcha: an open agent keeps the process alive). */
  async destroy(): Promise<void> {
    for (const client of this.made.values()) ((await client) as unknown as { destroy(): void }).destroy();
    this.made.clear();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: each client takes its own config type
async function construct(service: ServiceName, config: any): Promise<PluggableClient> {
  const { Client } = await sdkOf(service);
  return new Client(config);
}

/** A failed AssumeRole, explained: the role, and what the caller needs (sts:AssumeRole, trust). */
function assumeRoleError(err: unknown, roleArn: string, settings: ResolvedSettings): Error {
  const explained = explainAwsError(err, {
    service: 'sts',
    operation: 'AssumeRole',
    resource: roleArn,
    endpoint: settings.endpoint,
    region: settings.region,
    profile: settings.profile,
  });
  if (explained.kind !== 'denied') return explained;
  return new AwsCallError(
    `sts:AssumeRole of ${roleArn} was denied: grant the caller sts:AssumeRole on that role, and let the role's trust policy name the caller (configuration.aws_assume_role_arn)`,
    'denied',
    'sts',
    'AssumeRole',
    explained.code,
  );
}
