// The next start of the console offers to undo what a killed session left behind: a recorded
// `gameday run` against moto is killed with SIGKILL while an instance is stopped; the console, in
// tmux on the same account and recordings, says so before its first frame, undoes it on "y", and
// then opens. The instance is running again and the recording holds the undo.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { motoTarget } from '../contract/targets.js';
import { hasTmux, TmuxSession } from '../tui/tmux.js';
import { instanceStates, launchOptedIn, motoEnv, openMoto, stopOneByOne } from './moto.js';
import { ensureBuilt, onlyRecording, startCli, undoAccount, workdir, writeExperiment } from './support.js';

const moto = motoTarget();
beforeAll(() => ensureBuilt());

describe.skipIf(moto.skip || !hasTmux)('console start after a crash (moto, tmux)', () => {
  let t: TmuxSession | undefined;
  afterAll(() => t?.kill());

  it('offers recovery before the first frame, undoes on y, then opens', async () => {
    const ctx = await openMoto();
    const ids = await launchOptedIn(ctx, 1);
    const dir = workdir('console-recover');
    const env = motoEnv(ctx.settings.endpoint!);
    const file = writeExperiment(dir, 'exp.json', stopOneByOne(ids, 60));
    const child = startCli(['run', file, '--record-dir', 'rec'], { cwd: dir, env });
    await child.waitFor('Pausing after activity');
    child.proc.kill('SIGKILL');
    await child.exit;
    expect(await instanceStates(ctx, ids)).toEqual(['stopped']);
    const rec = onlyRecording(join(dir, 'rec'));
    expect(undoAccount(rec).pending).toHaveLength(1);

    const vars = Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    t = new TmuxSession(
      `cd ${dir} && env ${vars} CI=0 ${process.execPath} ${join(process.cwd(), 'dist/cli.js')} --record-dir rec --no-record; echo EXIT=$?; sleep 30`,
    );
    const offer = await t.waitFor('Undo them now, before the console opens? [y/N]');
    expect(offer).toContain('1 earlier session(s) under rec left 1 change(s) not undone');
    t.keys('y', 'Enter');
    await t.waitFor(/EC2 \(\d+\)/);
    expect(await instanceStates(ctx, ids)).toEqual(['running']);
    const after = undoAccount(rec);
    expect(after.pending).toEqual([]);
    expect(after.undone).toHaveLength(1);
    t.keys('q');
    await t.waitFor('EXIT=0');
    await ctx.destroy();
  }, 120_000);
});
