// Resolves region, profile and endpoint the way the AWS CLI does, and says where each came from,
// so the header can name them and an unknown region is caught before any call is made.

import { UserError } from '../util/errors.js';
import { suggest } from '../util/suggest.js';
import type { SettingSource } from './types.js';

/** Regions AWS publishes (commercial, China, GovCloud); used to catch typos before a DNS timeout. */
export const KNOWN_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
] as const;

/** Resolved connection settings with their provenance. */
export interface ResolvedSettings {
  region: string;
  regionSource: SettingSource;
  profile?: string;
  profileSource?: SettingSource;
  endpoint?: string;
  endpointSource?: SettingSource;
}

/** What settings resolution reads: flags, environment and the shared config file's profiles. */
export interface SettingsInput {
  region?: string;
  profile?: string;
  endpoint?: string;
  env: NodeJS.ProcessEnv;
  /** Profiles from ~/.aws/config and ~/.aws/credentials merged, keyed by name ("default" for [default]). */
  configProfiles: Record<string, Record<string, string | undefined>>;
}

/** A settings problem the user can fix; its message says what, where and what to do. */
export class SettingsError extends UserError {
  override name = 'SettingsError';
}

/** Precedence as in the AWS CLI: flag, then env (AWS_REGION, AWS_DEFAULT_REGION), then profile. */
export function resolveSettings(input: SettingsInput): ResolvedSettings {
  const { env } = input;
  const profile = input.profile ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE;
  const profileSource: SettingSource | undefined = input.profile ? 'flag' : profile ? 'env' : undefined;
  if (profile && input.profile && !input.configProfiles[profile]) {
    const names = Object.keys(input.configProfiles);
    const hint = suggest(profile, names);
    throw new SettingsError(
      `profile "${profile}" (from --profile) is not in ${configPath(env)}` +
        (hint ? `; did you mean "${hint}"?` : names.length ? `; profiles there: ${names.join(', ')}` : '') +
        ' (run `aws configure --profile NAME` or `aws configure sso` to create it)',
    );
  }
  const profileRegion = input.configProfiles[profile ?? 'default']?.region;
  let region: string | undefined;
  let regionSource: SettingSource = 'default';
  if (input.region) [region, regionSource] = [input.region, 'flag'];
  else if (env.AWS_REGION) [region, regionSource] = [env.AWS_REGION, 'env'];
  else if (env.AWS_DEFAULT_REGION) [region, regionSource] = [env.AWS_DEFAULT_REGION, 'env'];
  else if (profileRegion) [region, regionSource] = [profileRegion, 'profile'];
  const endpoint = input.endpoint ?? env.AWS_ENDPOINT_URL ?? undefined;
  const endpointSource: SettingSource | undefined = input.endpoint ? 'flag' : endpoint ? 'env' : undefined;
  if (!region) {
    throw new SettingsError(
      'no AWS region set: pass --region, set AWS_REGION, or add `region = ...` to the profile in ' +
        configPath(env),
    );
  }
  if (!endpoint && !(KNOWN_REGIONS as readonly string[]).includes(region)) {
    const where =
      regionSource === 'flag'
        ? '--region'
        : regionSource === 'env'
          ? 'AWS_REGION'
          : `profile ${profile ?? 'default'}`;
    const hint = suggest(region, KNOWN_REGIONS);
    throw new SettingsError(
      `unknown AWS region "${region}" (from ${where})` +
        (hint ? `; did you mean ${hint}?` : '; use a region such as us-east-1'),
    );
  }
  return { region, regionSource, profile, profileSource, endpoint, endpointSource };
}

/** The shared config file's path, honouring AWS_CONFIG_FILE. */
export function configPath(env: NodeJS.ProcessEnv): string {
  return env.AWS_CONFIG_FILE ?? '~/.aws/config';
}
