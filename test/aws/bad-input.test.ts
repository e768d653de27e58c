// Bad input to `gameday discover`: each gets one clear line and a non-zero exit, never a stack.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyAwsEnv, runCli } from '../support/cli.js';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('gameday discover, bad input', () => {
  let blackHole: Server;
  let port = 0;
  beforeAll(async () => {
    // Accepts connections and never answers: an endpoint that hangs.
    blackHole = createServer(() => {});
    await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
    port = (blackHole.address() as { port: number }).port;
  });
  afterAll(() => blackHole.close());

  it('an unknown region is named with a suggestion, exit 2', async () => {
    const r = await runCli(['discover', '--region', 'us-eats-1'], emptyAwsEnv());
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      'gameday: unknown AWS region "us-eats-1" (from --region); did you mean us-east-1?',
    );
  });

  it('missing credentials say how to get some, exit 1', async () => {
    const r = await runCli(['discover', '--region', 'us-east-1'], emptyAwsEnv());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^gameday: sts:GetCallerIdentity: no AWS credentials found .*aws configure.*--sandbox/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an expired SSO session names `aws sso login --profile P`, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-sso-'));
    writeFileSync(
      join(dir, 'config'),
      '[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-west-1\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    const r = await runCli(
      ['discover', '--profile', 'dev'],
      emptyAwsEnv({ AWS_CONFIG_FILE: join(dir, 'config'), HOME: dir }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'gameday: sts:GetCallerIdentity: the SSO session of profile dev has expired or was never started; run `aws sso login --profile dev` and retry',
    );
  });

  it('an unknown --profile lists the configured ones, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-prof-'));
    writeFileSync(join(dir, 'config'), '[profile prod]\nregion = eu-west-1\n');
    const r = await runCli(
      ['discover', '--profile', 'staging'],
      emptyAwsEnv({ AWS_CONFIG_FILE: join(dir, 'config') }),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('profile "staging" (from --profile) is not in');
    expect(r.stderr).toContain('profiles there: prod');
  });

  it('a refused endpoint is named, exit 1', async () => {
    const r = await runCli(
      ['discover'],
      emptyAwsEnv({
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'a',
        AWS_SECRET_ACCESS_KEY: 'b',
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'gameday: sts:GetCallerIdentity: http://127.0.0.1:1 refused the connection (ECONNREFUSED); check AWS_ENDPOINT_URL, the region and the network',
    );
  });

  it('an endpoint that never answers times out with a clear message, exit 1', async () => {
    const r = await runCli(
      ['discover', '--timeout', '0.3'],
      emptyAwsEnv({
        AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'a',
        AWS_SECRET_ACCESS_KEY: 'b',
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^gameday: sts:GetCallerIdentity: http://127\\.0\\.0\\.1:${port} did not answer in time`),
    );
    noStack(r.stderr);
  });

  it('bad flags are usage errors, exit 2', async () => {
    const r = await runCli(['discover', '--jsn'], emptyAwsEnv());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^gameday: discover: Unknown option '--jsn'/);
    const t = await runCli(['discover', '--timeout', 'soon'], emptyAwsEnv({ AWS_REGION: 'us-east-1' }));
    expect(t.status).toBe(2);
    expect(t.stderr.trim()).toBe('gameday: --timeout takes a positive number of seconds, not "soon"');
  });
});
