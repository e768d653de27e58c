// The client factory: settings from flags, environment and shared config reach every SDK client.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';

function configDir(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'gd-cfg-'));
  writeFileSync(
    join(dir, 'config'),
    '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = ap-southeast-2\n\n[sso-session corp]\nsso_region = eu-west-1\n',
  );
  writeFileSync(join(dir, 'credentials'), '[ci]\naws_access_key_id = AKIA\naws_secret_access_key = x\n');
  return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

describe('AwsContext', () => {
  it("clients get the profile's region from the shared config file", async () => {
    const ctx = await AwsContext.create({ profile: 'dev', env: configDir() });
    const ec2 = await ctx.client('ec2');
    expect(await ec2.config.region()).toBe('ap-southeast-2');
    expect(ctx.settings).toMatchObject({
      region: 'ap-southeast-2',
      regionSource: 'profile',
      profileSource: 'flag',
    });
    await ctx.destroy();
  });

  it('profiles that exist only in the credentials file are accepted; sso-session sections are not profiles', async () => {
    const env = configDir();
    await expect(AwsContext.create({ profile: 'ci', region: 'us-east-1', env })).resolves.toBeInstanceOf(
      AwsContext,
    );
    await expect(AwsContext.create({ profile: 'corp', env })).rejects.toThrow(
      /profiles there: ci, default, dev/,
    );
  });

  it('AWS_ENDPOINT_URL points every client at the emulator', async () => {
    const ctx = await AwsContext.create({
      env: { ...configDir(), AWS_ENDPOINT_URL: 'http://127.0.0.1:5999', AWS_REGION: 'us-east-1' },
    });
    for (const service of ['ec2', 'autoscaling', 'ecs', 'cloudwatch', 'sts'] as const) {
      const client = await ctx.client(service);
      const endpoint = await (
        client.config as { endpoint?: () => Promise<{ hostname: string; port?: number }> }
      ).endpoint?.();
      expect(`${endpoint?.hostname}:${endpoint?.port}`, service).toBe('127.0.0.1:5999');
    }
    await ctx.destroy();
  });

  it('clients use adaptive retries', async () => {
    const ctx = await AwsContext.create({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const ecs = await ctx.client('ecs');
    expect(await ecs.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    await ctx.destroy();
  });

  it('the same client is returned for repeated requests (one per service)', async () => {
    const ctx = await AwsContext.create({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    expect(await ctx.client('ec2')).toBe(await ctx.client('ec2'));
    await ctx.destroy();
  });
});
