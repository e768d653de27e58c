// Crash recovery against moto: a change whose undo was recorded but never played (the process
// died) is undone by `gameday recover`, exactly once.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import type { AwsContext } from '../../src/aws/clients.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { Guard } from '../../src/catalog/guard.js';
import { Recorder, readRecordingLog } from '../../src/session/recorder.js';
import { pendingUndos, recoverSession, unfinishedSessions } from '../../src/session/recover.js';
import { motoTarget } from '../contract/targets.js';
import { launchOptedIn } from '../hardening/moto.js';
import { runCli } from '../support/cli.js';

const moto = motoTarget();

async function states(ctx: AwsContext, ids: string[]): Promise<string[]> {
  const ec2 = await ctx.client('ec2');
  const r = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
  const byId = new Map(
    r.Reservations!.flatMap((x) => x.Instances!).map((i) => [i.InstanceId!, i.State!.Name!]),
  );
  return ids.map((id) => byId.get(id)!);
}

/** A session that stops instances through the guard, recording, then "dies" without undoing. */
async function crashedSession(ctx: AwsContext, root: string, ids: string[]): Promise<string> {
  const recorder = Recorder.create(root, 'stop then crash');
  recorder.append('session', {
    type: 'session-start',
    title: 'stop then crash',
    account: '123456789012',
    region: 'us-east-1',
    sandbox: false,
  });
  const guard = new Guard({ recorder: (e) => void recorder.append('guard', e as never), seed: 1 });
  const attack = guard.attack('stop instances', sdkCall(ctx));
  for (const id of ids) {
    await attack.mutate({
      targets: [{ kind: 'instances', id, tags: { 'chaos:allowed': 'true' } }],
      call: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds: [id] } },
      undo: [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds: [id] } }],
    });
  }
  recorder.close(); // no undo, no session-end: as after kill -9
  return recorder.dir;
}

describe.skipIf(moto.skip)('crash recovery', () => {
  it('finds the changes without their undo and undoes each exactly once', async () => {
    const ctx = await moto.open();
    const root = mkdtempSync(join(tmpdir(), 'gd-recover-'));
    const ids = await launchOptedIn(ctx, 3);
    const dir = await crashedSession(ctx, root, ids.slice(0, 2));
    expect(await states(ctx, ids)).toEqual(['stopped', 'stopped', 'running']);

    const [session] = unfinishedSessions(root);
    expect(session!.pending.map((p) => p.id)).toEqual([1, 2]);
    expect(session!.origin).toMatchObject({ account: '123456789012', region: 'us-east-1' });
    const outcome = await recoverSession(session!, sdkCall(ctx));
    expect(outcome.undone.map((u) => u.id)).toEqual([2, 1]);
    expect(outcome.failed).toEqual([]);
    expect(await states(ctx, ids)).toEqual(['running', 'running', 'running']);

    const log = readRecordingLog(dir).events;
    expect(pendingUndos(log)).toEqual([]);
    expect(log.filter((e) => e.event.type === 'undone')).toHaveLength(2);
    expect(unfinishedSessions(root)).toEqual([]);
    await ctx.destroy();
  });

  it('`gameday recover --yes` undoes through the CLI; a second run finds nothing', async () => {
    const ctx = await moto.open();
    const root = mkdtempSync(join(tmpdir(), 'gd-recover-'));
    const ids = await launchOptedIn(ctx, 1);
    await crashedSession(ctx, root, ids);
    const env = {
      AWS_ENDPOINT_URL: ctx.settings.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
      AWS_CONFIG_FILE: '/nonexistent',
    };
    const list = await runCli(['recover', '--record-dir', root, '--list'], env);
    expect(list.status).toBe(1);
    expect(list.stdout).toMatch(/1 change\(s\) not undone\n {2}#1 stop instances: undo = /);
    const noTty = await runCli(['recover', '--record-dir', root], env);
    expect(noTty.status).toBe(1);
    expect(noTty.stderr).toContain('run `gameday recover --yes`');
    const r = await runCli(['recover', '--record-dir', root, '--yes'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/undone #1/);
    expect(await states(ctx, ids)).toEqual(['running']);
    const again = await runCli(['recover', '--record-dir', root, '--yes'], env);
    expect(again.stdout.trim()).toBe('gameday recover: nothing to undo');
    await ctx.destroy();
  });

  it('refuses to undo in another account than the one recorded', async () => {
    const ctx = await moto.open();
    const root = mkdtempSync(join(tmpdir(), 'gd-recover-'));
    const ids = await launchOptedIn(ctx, 1);
    const dir = await crashedSession(ctx, root, ids);
    const { writeFileSync, readFileSync } = await import('node:fs');
    const path = join(dir, 'events.ndjson');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('"account":"123456789012"', '"account":"999999999999"'),
    );
    const env = {
      AWS_ENDPOINT_URL: ctx.settings.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
      AWS_CONFIG_FILE: '/nonexistent',
    };
    const r = await runCli(['recover', '--record-dir', root, '--yes'], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'refused: recorded in account 999999999999, but the credentials are for 123456789012',
    );
    expect(await states(ctx, ids)).toEqual(['stopped']);
    await ctx.destroy();
  });
});
