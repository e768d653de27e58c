// Two processes on one moto account and one recordings directory: session A (`gameday run`) stops
// instances and pauses; `gameday recover` in another process while A runs leaves A's changes alone
// (A still holds running.lock); after A is killed with SIGKILL, recover undoes each of A's changes
// exactly once; and two recovers started together on a killed session undo each change once
// between them (recover.claim is created with O_EXCL).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { motoTarget } from '../contract/targets.js';
import { runCli } from '../support/cli.js';
import { instanceStates, launchOptedIn, motoEnv, openMoto, stopOneByOne } from './moto.js';
import { ensureBuilt, onlyRecording, startCli, undoAccount, workdir, writeExperiment } from './support.js';
import { recordTally } from './tally.js';

const moto = motoTarget();
beforeAll(ensureBuilt);

/** Starts a run stopping `n` fresh instances, and waits until it pauses with all of them stopped. */
async function pausedRun(n: number) {
  const ctx = await openMoto();
  const ids = await launchOptedIn(ctx, n);
  const dir = workdir('conc-moto');
  const env = motoEnv(ctx.settings.endpoint!);
  const file = writeExperiment(dir, 'exp.json', stopOneByOne(ids, 0.05, 600));
  const child = startCli(['run', file, '--record-dir', 'rec', '--journal-path', 'j.json'], { cwd: dir, env });
  await child.waitFor('Pausing after activity for 600s');
  const root = join(dir, 'rec');
  return { ctx, ids, env, child, root, recording: onlyRecording(root) };
}

/** How many times each recorded undo was played (by `undone` events) in the recording. */
function playedCounts(recording: string): number[] {
  const a = undoAccount(recording);
  return a.recorded.map((id) => a.undone.filter((u) => u === id).length);
}

describe.skipIf(moto.skip)('two sessions on one account and one recordings directory', () => {
  it('recover while A runs leaves A alone; after kill -9 of A, recover undoes each change once', async () => {
    const a = await pausedRun(2);
    try {
      expect(await instanceStates(a.ctx, a.ids)).toEqual(['stopped', 'stopped']);
      const b = await runCli(['recover', '--record-dir', a.root, '--yes'], a.env);
      expect(b.stdout).toContain(`running in pid ${a.child.proc.pid}, skipped`);
      expect(b.status, b.stdout + b.stderr).toBe(0);
      const untouched = (await instanceStates(a.ctx, a.ids)).every((s) => s === 'stopped');
      expect(untouched).toBe(true);
      expect(undoAccount(a.recording).undone).toEqual([]);
      recordTally('concurrency', 'recover while the other session runs', 'its changes untouched', untouched);

      a.child.proc.kill('SIGKILL');
      await a.child.exit;
      const after = await runCli(['recover', '--record-dir', a.root, '--yes'], a.env);
      expect(after.status, after.stdout + after.stderr).toBe(0);
      const states = await instanceStates(a.ctx, a.ids);
      const counts = playedCounts(a.recording);
      const once =
        states.every((s) => s === 'running') && counts.length === 2 && counts.every((c) => c === 1);
      recordTally('concurrency', 'other session killed -9, then recover', 'each change undone once', once);
      expect(states).toEqual(['running', 'running']);
      expect(counts).toEqual([1, 1]);
      const again = await runCli(['recover', '--record-dir', a.root, '--yes'], a.env);
      expect(again.stdout).toContain('nothing to undo');
    } finally {
      if (a.child.proc.exitCode === null) a.child.proc.kill('SIGKILL');
      await a.ctx.destroy();
    }
  }, 120_000);

  it('two recovers at once on a killed session undo each change once between them', async () => {
    for (let round = 1; round <= 3; round++) {
      const a = await pausedRun(3);
      try {
        a.child.proc.kill('SIGKILL');
        await a.child.exit;
        const [r1, r2] = await Promise.all([
          runCli(['recover', '--record-dir', a.root, '--yes'], a.env),
          runCli(['recover', '--record-dir', a.root, '--yes'], a.env),
        ]);
        const states = await instanceStates(a.ctx, a.ids);
        const counts = playedCounts(a.recording);
        const said = (r1.stdout + r2.stdout).match(/ {2}undone #\d+/g) ?? [];
        const once =
          states.every((s) => s === 'running') && counts.every((c) => c === 1) && said.length === 3;
        recordTally('concurrency', 'two recovers at once', 'each change undone once', once);
        expect([r1.status, r2.status], r1.stdout + r1.stderr + r2.stdout + r2.stderr).toEqual([0, 0]);
        expect(states).toEqual(['running', 'running', 'running']);
        expect(counts).toEqual([1, 1, 1]);
        expect(said).toHaveLength(3);
        expect(undoAccount(a.recording).pending).toEqual([]);
      } finally {
        if (a.child.proc.exitCode === null) a.child.proc.kill('SIGKILL');
        await a.ctx.destroy();
      }
    }
  }, 180_000);
});
