// End to end: `gameday replay` of the committed example recording on the sandbox, in the live view
// of the built CLI in tmux (CI=0): the diff, k keeps the recorded ids, the run with its probes and
// attack markers, everything undone at the end, the replay recorded beside the original. And the
// terminal path under SIGTERM and SIGINT (kill, not a key): halted and undone, the run interrupted, nothing left to recover.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readRecordingLog } from '../../src/session/recorder.js';
import { loadRecording } from '../../src/session/recording.js';
import { pendingUndos } from '../../src/session/recover.js';
import { recordTally } from '../hardening/tally.js';
import { hasTmux, TmuxSession } from './tmux.js';

const EXAMPLE = '20260105T090000Z-stop-one-web-instance';

if (!hasTmux) console.warn('e2e replay test skipped: tmux is not installed');

describe.skipIf(!hasTmux)('gameday replay --sandbox in tmux (80x24)', () => {
  let t: TmuxSession | undefined;
  let root = '';
  beforeAll(() => {
    if (!existsSync('dist/cli.js')) execFileSync('node', ['scripts/build.mjs']);
  });
  afterEach(() => {
    t?.kill();
    rmSync(root, { recursive: true, force: true });
  });
  const start = (speed: number) => {
    root = mkdtempSync(join(tmpdir(), 'gd-replay-e2e-'));
    cpSync(join('recordings', EXAMPLE), join(root, EXAMPLE), { recursive: true });
    t = new TmuxSession(
      `CI=0 node dist/cli.js replay ${join(root, EXAMPLE)} --sandbox --speed ${speed}; echo "EXIT=$?"; sleep 30`,
    );
    return t;
  };
  const replayDir = () => {
    const made = readdirSync(root).filter((d) => d !== EXAMPLE);
    expect(made).toHaveLength(1);
    return join(root, made[0]!);
  };

  it('shows the diff, keeps the ids, runs in the live view and ends with everything undone', async () => {
    const t = start(40);
    let s = await t.waitFor('targets recorded vs now');
    expect(s).toContain('[SANDBOX]');
    expect(s).toContain('No changes: the selectors resolve to the recorded targets.');
    expect(s).toContain('recorded: i-f1cfa7813c136362d');
    t.keys('k');
    s = await t.waitFor('▲ stop-instances-then-start-them');
    expect(s).toContain('Steady state');
    expect(s).toContain('web-asg-healthy');
    expect(s).toMatch(/● \d active/);
    s = await t.waitFor('ended: completed', 60_000);
    await t.waitFor(/replay ended: undid \d change\(s\) left in place|experiment ended: completed/);
    expect(t.screen()).not.toMatch(/● \d active/);
    t.keys('q');
    s = await t.waitFor('EXIT=0');
    expect(s).toContain(`replay recorded in ${root}`);
    const dir = replayDir();
    expect(pendingUndos(readRecordingLog(dir).events)).toEqual([]);
    const rec = loadRecording(dir);
    expect(rec.start.title).toBe('Replay of Stop one web instance');
    expect(rec.run.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
    const stopped = rec.guard.flatMap((e) =>
      e.type === 'change' && e.call.operation === 'StopInstances' ? e.targets : [],
    );
    expect(stopped).toEqual(['i-f1cfa7813c136362d']);
  }, 120_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    it(`${signal} during the replayed pause halts, undoes and records the halt`, async () => {
      const t = start(5);
      await t.waitFor('targets recorded vs now');
      t.keys('k');
      await t.waitFor('pausing 110s after stop-instances-then-start-them', 40_000);
      expect(t.screen()).toMatch(/● 2 active/);
      const pid = spawnSync('pgrep', ['-P', String(t.panePid()), '-f', 'dist/cli.js'], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')[0];
      expect(Number(pid)).toBeGreaterThan(0);
      process.kill(Number(pid), signal);
      const s = await t.waitFor('EXIT=', 30_000);
      expect(s).toContain('EXIT=1');
      expect(s).toContain(`${signal}: halted and undid`);
      const dir = replayDir();
      const left = pendingUndos(readRecordingLog(dir).events);
      recordTally('signals', 'replay: live view', signal, left.length === 0);
      expect(left).toEqual([]);
      const rec = loadRecording(dir);
      expect(rec.run.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted' });
      const halt = rec.session.find((e) => e.type === 'halt');
      expect(halt).toMatchObject({ reason: `interrupted by ${signal}`, undone: 2, failed: [] });
    }, 120_000);
});
