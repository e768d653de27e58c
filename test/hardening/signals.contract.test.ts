// The signal subset against moto: `gameday run` stops two instances, and during the pause after the
// last stop it gets SIGINT or SIGTERM; both instances are running again afterwards, and the
// recording has an undone event for each change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { motoTarget } from '../contract/targets.js';
import { instanceStates, launchOptedIn, motoEnv, openMoto, stopOneByOne } from './moto.js';
import { ensureBuilt, onlyRecording, startCli, undoAccount, workdir, writeExperiment } from './support.js';
import { recordTally } from './tally.js';

const moto = motoTarget();
beforeAll(ensureBuilt);

describe.skipIf(moto.skip)('gameday run on moto: a signal during a pause after stop_instances', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    it(`${signal}: the stopped instances are running again`, async () => {
      const ctx = await openMoto();
      const ids = await launchOptedIn(ctx, 2);
      const dir = workdir('sig-moto');
      const file = writeExperiment(dir, 'exp.json', stopOneByOne(ids, 0.1, 600));
      const child = startCli(['run', file, '--record-dir', 'rec', '--journal-path', 'j.json'], {
        cwd: dir,
        env: motoEnv(ctx.settings.endpoint!),
      });
      await child.waitFor('Pausing after activity for 600s');
      expect(await instanceStates(ctx, ids)).toEqual(['stopped', 'stopped']);
      child.proc.kill(signal);
      expect(await child.exit, child.stderr()).toBe(1);
      const states = await instanceStates(ctx, ids);
      const a = undoAccount(onlyRecording(join(dir, 'rec')));
      recordTally(
        'signals',
        'run on moto: during a pause',
        signal,
        states.every((s) => s === 'running'),
      );
      expect(states).toEqual(['running', 'running']);
      expect(a.recorded).toHaveLength(2);
      expect(a.pending).toEqual([]);
      expect([...a.undone].sort()).toEqual([...a.recorded].sort());
      expect(a.events[0]!.event).toMatchObject({
        type: 'session-start',
        accountId: '123456789012',
        region: 'us-east-1',
        sandbox: false,
      });
      // write-ahead: each change's undo is in the log before the change itself
      for (const change of a.events.filter((e) => e.event.type === 'change')) {
        const undo = a.events.find(
          (e) =>
            e.event.type === 'undo-recorded' && (e.event.record as { id: number }).id === change.event.undo,
        );
        expect(undo!.seq).toBeLessThan(change.seq);
      }
      expect(a.events.at(-1)!.event).toMatchObject({ type: 'session-end', reason: 'interrupted' });
      expect(child.stderr()).toMatch(/Recording the run in rec\/\d{8}T\d{6}Z-stop-instances-one-by-one/);
      expect(JSON.parse(readFileSync(join(dir, 'j.json'), 'utf8')).status).toBe('interrupted');
      await ctx.destroy();
    }, 60_000);
});
