// A `gameday run` records who it ran as: session-start names the account (STS, asked over the
// run's own connection) and the region, so `gameday recover` can refuse the wrong account later.
// Against moto, whose account is 123456789012.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsContext } from '../../src/aws/clients.js';
import { motoTarget } from '../contract/targets.js';
import { instanceStates, launchOptedIn, motoEnv, openMoto } from '../hardening/moto.js';
import { ensureBuilt, onlyRecording, workdir, writeExperiment } from '../hardening/support.js';
import { runCli } from '../support/cli.js';

const moto = motoTarget();
let ctx: AwsContext;
beforeAll(async () => {
  ensureBuilt();
  if (!moto.skip) ctx = await openMoto();
});
afterAll(async () => ctx?.destroy());

/** Stop then start one instance, with the given experiment configuration. */
function stopStart(id: string, configuration?: Record<string, unknown>): unknown {
  const action = (name: string, func: string) => ({
    type: 'action',
    name,
    provider: { type: 'python', module: 'chaosaws.ec2.actions', func, arguments: { instance_ids: [id] } },
  });
  return {
    title: 'stop and start',
    description: 'identity',
    ...(configuration ? { configuration } : {}),
    method: [action('stop-it', 'stop_instances'), action('start-it', 'start_instances')],
  };
}

/** Runs the experiment recorded under a fresh directory; returns session-start and the exit. */
async function recordedStart(experiment: unknown, extraEnv: NodeJS.ProcessEnv = {}) {
  const dir = workdir('identity');
  const file = writeExperiment(dir, 'exp.json', experiment);
  const root = join(dir, 'rec');
  const env = { ...motoEnv(ctx.settings.endpoint!), ...extraEnv };
  const r = await runCli(['run', file, '--record-dir', root, '--journal-path', join(dir, 'j.json')], env);
  const first = readFileSync(join(onlyRecording(root), 'events.ndjson'), 'utf8').split('\n')[0]!;
  return { status: r.status, stderr: r.stderr, start: JSON.parse(first).event };
}

describe.skipIf(moto.skip)('the account a gameday run records', () => {
  it('a literal region in the configuration: the account and that region', async () => {
    const [id] = await launchOptedIn(ctx, 1);
    const r = await recordedStart(stopStart(id!, { aws_region: 'us-east-1' }));
    expect(r.status, r.stderr).toBe(0);
    expect(r.start).toMatchObject({ type: 'session-start', accountId: '123456789012', region: 'us-east-1' });
    expect(await instanceStates(ctx, [id!])).toEqual(['running']);
  });

  it('no configuration: the account, and the region from the environment', async () => {
    const [id] = await launchOptedIn(ctx, 1);
    const r = await recordedStart(stopStart(id!));
    expect(r.status, r.stderr).toBe(0);
    expect(r.start).toMatchObject({ accountId: '123456789012', region: 'us-east-1' });
  });

  it('a region given as {type: env}: still the account (asked over a connection of its own)', async () => {
    const [id] = await launchOptedIn(ctx, 1);
    const r = await recordedStart(stopStart(id!, { aws_region: { type: 'env', key: 'GD_TEST_REGION' } }), {
      GD_TEST_REGION: 'us-east-1',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.start.accountId).toBe('123456789012');
    expect(await instanceStates(ctx, [id!])).toEqual(['running']);
  });
});
