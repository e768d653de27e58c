// Region, profile and endpoint precedence: as the AWS CLI resolves them.
import { describe, expect, it } from 'vitest';
import { resolveSettings, SettingsError } from '../../src/aws/settings.js';

const profiles = { default: { region: 'eu-west-1' }, dev: { region: 'ap-southeast-2' } };

describe('resolveSettings', () => {
  it('a --region flag beats AWS_REGION, AWS_DEFAULT_REGION and the profile', () => {
    const s = resolveSettings({
      region: 'us-west-2',
      env: { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'eu-north-1', AWS_PROFILE: 'dev' },
      configProfiles: profiles,
    });
    expect(s).toMatchObject({
      region: 'us-west-2',
      regionSource: 'flag',
      profile: 'dev',
      profileSource: 'env',
    });
  });

  it('AWS_REGION beats AWS_DEFAULT_REGION, which beats the profile region', () => {
    expect(
      resolveSettings({
        env: { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'eu-north-1' },
        configProfiles: profiles,
      }).region,
    ).toBe('us-east-2');
    expect(
      resolveSettings({ env: { AWS_DEFAULT_REGION: 'eu-north-1' }, configProfiles: profiles }).region,
    ).toBe('eu-north-1');
  });

  it('the region comes from the chosen profile (flag over AWS_PROFILE), else from [default]', () => {
    expect(
      resolveSettings({ profile: 'dev', env: { AWS_PROFILE: 'default' }, configProfiles: profiles }),
    ).toMatchObject({
      region: 'ap-southeast-2',
      regionSource: 'profile',
      profile: 'dev',
      profileSource: 'flag',
    });
    expect(resolveSettings({ env: {}, configProfiles: profiles }).region).toBe('eu-west-1');
  });

  it('AWS_ENDPOINT_URL is picked up, and an explicit endpoint beats it', () => {
    expect(
      resolveSettings({
        env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:5055', AWS_REGION: 'us-east-1' },
        configProfiles: {},
      }),
    ).toMatchObject({
      endpoint: 'http://127.0.0.1:5055',
      endpointSource: 'env',
    });
    expect(
      resolveSettings({
        endpoint: 'http://x:1',
        env: { AWS_ENDPOINT_URL: 'http://y:2', AWS_REGION: 'us-east-1' },
        configProfiles: {},
      }).endpoint,
    ).toBe('http://x:1');
  });

  it('an unknown region is refused before any call, with the closest real one suggested', () => {
    expect(() => resolveSettings({ region: 'us-eats-1', env: {}, configProfiles: {} })).toThrow(
      /unknown AWS region "us-eats-1" \(from --region\); did you mean us-east-1\?/,
    );
    expect(() => resolveSettings({ env: { AWS_REGION: 'mars-1' }, configProfiles: {} })).toThrow(
      /from AWS_REGION/,
    );
  });

  it('any region name is allowed with a custom endpoint (emulators accept their own)', () => {
    expect(
      resolveSettings({ region: 'local', endpoint: 'http://127.0.0.1:1', env: {}, configProfiles: {} })
        .region,
    ).toBe('local');
  });

  it('no region anywhere says where to set one', () => {
    expect(() => resolveSettings({ env: {}, configProfiles: {} })).toThrow(
      /no AWS region set: pass --region, set AWS_REGION/,
    );
  });

  it('a --profile that is not configured names the file and suggests the closest profile', () => {
    const err = (() => {
      try {
        resolveSettings({ profile: 'dve', env: { AWS_CONFIG_FILE: '/tmp/cfg' }, configProfiles: profiles });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SettingsError);
    expect((err as SettingsError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(
      /profile "dve" \(from --profile\) is not in \/tmp\/cfg; did you mean "dev"\?/,
    );
  });
});
