// The catalogue behind `gameday run --sandbox`: python activities resolve to catalogue entries,
// the opt-in tag applies to experiment files, --allow-untagged is logged and lands in the journal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadFunctionRegistry } from '../../src/commands/functions.js';
import { run } from '../../src/commands/run.js';
import { motoEndpoint } from '../support/moto.js';

const dir = mkdtempSync(join(tmpdir(), 'gameday-catalog-run-'));

function experiment(name: string, method: unknown[]): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      title: name,
      description: 'catalogue test',
      configuration: { aws_region: 'us-east-1' },
      method,
    }),
  );
  return file;
}

const stop = (nameTag: string) => ({
  type: 'action',
  name: `stop-${nameTag}`,
  provider: {
    type: 'python',
    module: 'chaosaws.ec2.actions',
    func: 'stop_instances',
    arguments: { filters: [{ Name: 'tag:Name', Values: [nameTag] }] },
  },
});

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

async function runCaptured(argv: string[]): Promise<{ code: number; log: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
    lines.push(String(c));
    return true;
  });
  try {
    const code = await run(argv);
    return { code, log: lines.join('').replace(ANSI, '') };
  } finally {
    spy.mockRestore();
  }
}

describe('gameday run --sandbox with the catalogue', () => {
  it('stops an opted-in instance and refuses an untagged one', async () => {
    const journal = join(dir, 'j1.json');
    const file = experiment('optin', [stop('batch-1'), stop('bastion')]);
    const { code, log } = await runCaptured([file, '--sandbox', '--journal-path', journal]);
    expect(code).toBe(0);
    const j = JSON.parse(readFileSync(journal, 'utf8'));
    expect(j.run.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'failed']);
    expect(j.run[0].output[0].StoppingInstances).toHaveLength(1);
    expect(log).toContain('is not tagged chaos:allowed=true');
    const ext = j.experiment.extensions.find((e: { name: string }) => e.name === 'gameday');
    expect(ext.changes[0]).toMatchObject({
      attack: 'stop-batch-1',
      status: 'active',
      change: { operation: 'StopInstances' },
    });
  });

  it('--allow-untagged is logged, recorded in the journal, and still honours chaos:allowed=false', async () => {
    const journal = join(dir, 'j2.json');
    const file = experiment('widen', [stop('bastion'), stop('db-primary')]);
    const { log } = await runCaptured([file, '--sandbox', '--allow-untagged', '--journal-path', journal]);
    expect(log).toContain(
      '--allow-untagged: resources without the opt-in tag chaos:allowed=true may be changed in this run',
    );
    const j = JSON.parse(readFileSync(journal, 'utf8'));
    expect(j.run.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'failed']);
    expect(log).toContain('(chaos:allowed=false) opted out');
    const ext = j.experiment.extensions.find((e: { name: string }) => e.name === 'gameday');
    expect(ext.guard.widened).toBe('--allow-untagged');
  });

  it('bad cap flags are usage errors', async () => {
    const file = experiment('caps', [stop('batch-1')]);
    await expect(run([file, '--sandbox', '--max-targets', 'lots'])).rejects.toThrow(
      'run: --max-targets takes a whole number of resources, not "lots"',
    );
  });

  it('loadFunctionRegistry: the whole catalogue, bound to one guard that records what was changed', async () => {
    const fns = await loadFunctionRegistry({ sandbox: true });
    expect(fns.registry.modules()).toContain('chaosaws.ec2.actions');
    expect(fns.registry.get('chaosaws.elbv2.actions', 'deregister_target')?.unsupported).toMatch(
      /not supported yet/,
    );
    const ctx = {
      configuration: {},
      secrets: {},
      signal: new AbortController().signal,
      dry: false,
      activityName: 'stop',
    };
    const stopFn = fns.registry.get('gameday.actions', 'stop_instances')!;
    const out = (await stopFn.call({ tags: { Name: 'batch-2' } }, ctx)) as {
      selection: { chosen: string[] };
    };
    expect(out.selection.chosen).toHaveLength(1);
    expect((fns.summary().changes as Array<{ status: string }>)[0]!.status).toBe('active');
    const probe = fns.registry.get('gameday.probes', 'instance_count')!;
    expect(await probe.call({ tags: { Name: 'batch-2' }, states: ['stopping', 'stopped'] }, ctx)).toBe(1);
    await fns.close();
  });
});

describe.skipIf(!motoEndpoint())('loadFunctionRegistry against moto', () => {
  it("uses chaosaws' explicit keys from the activity's secrets scope", async () => {
    const endpoint = motoEndpoint();
    const saved = { ...process.env };
    process.env.AWS_ENDPOINT_URL = endpoint;
    process.env.AWS_ACCESS_KEY_ID = '';
    process.env.AWS_SECRET_ACCESS_KEY = '';
    try {
      const fns = await loadFunctionRegistry({ region: 'us-east-1' });
      const probe = fns.registry.get('chaosaws.ec2.probes', 'describe_instances')!;
      const out = await probe.call(
        { filters: [] },
        {
          configuration: { aws_region: 'us-east-1' },
          secrets: { aws_access_key_id: 'testing', aws_secret_access_key: 'testing' },
          signal: new AbortController().signal,
          dry: false,
          activityName: 'describe',
        },
      );
      expect(out).toHaveProperty('Reservations');
      await fns.close();
    } finally {
      process.env = saved;
    }
  });
});
