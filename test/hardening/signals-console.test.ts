// Undo under signals in the console's live view: the built CLI in tmux (CI=0) on the sandbox at 20x
// speed stops one batch host, opens the live view, then is ended by SIGINT, SIGTERM (sent to the
// process from outside), the `h` key (then q) or `q` (answering "undo them, then quit"). In every
// case the session's recording holds an `undone` event for each change and nothing is pending.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxSession } from '../tui/tmux.js';
import { CLI, ensureBuilt, onlyRecording, undoAccount, workdir } from './support.js';
import { recordTally } from './tally.js';

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());
beforeAll(ensureBuilt);

/** The pid of the console (the node process under the pane's shell). */
function consolePid(t: TmuxSession): number {
  const shell = execFileSync('tmux', ['-L', t.socket, 'display', '-p', '-t', 'x', '#{pane_pid}'], {
    encoding: 'utf8',
  }).trim();
  const pid = execFileSync('pgrep', ['-P', shell, 'node'], { encoding: 'utf8' }).trim().split('\n')[0];
  return Number(pid);
}

/** Starts the console, stops one batch host through the attack flow, and opens the live view. */
async function attackThenLive(dir: string): Promise<TmuxSession> {
  const t = new TmuxSession(
    `cd ${dir} && CI=0 ${process.execPath} ${CLI} --sandbox --speed 20 --seed 1 --max-probe-failures 0 --record-dir rec; echo "EXIT=$?"; sleep 60`,
    { width: 100, height: 30 },
  );
  tmux = t;
  await t.waitFor(/EC2 \(\d+\)/);
  await t.waitFor('updated');
  t.keys('/');
  t.keys('C-u', 'batch', 'Enter');
  await t.waitFor('filter: batch');
  t.keys('Space');
  await t.waitFor('1 marked');
  t.keys('a');
  await t.waitFor('Choose an attack');
  t.keys('Enter'); // Stop one instance (first in the list)
  await t.waitFor('instance_id (str)');
  t.keys('Enter');
  await t.waitFor('Blast radius: Stop one instance');
  t.keys('Enter');
  await t.waitFor('y to run it');
  t.keys('y');
  await t.waitFor('Stop one instance done');
  t.keys('Enter');
  await t.waitFor('Steady state');
  await t.waitFor('● 1 active');
  return t;
}

const ENDINGS: { how: string; end(t: TmuxSession): Promise<void> }[] = [
  { how: 'SIGINT', end: async (t) => void process.kill(consolePid(t), 'SIGINT') },
  { how: 'SIGTERM', end: async (t) => void process.kill(consolePid(t), 'SIGTERM') },
  {
    how: 'h key',
    async end(t) {
      t.keys('h');
      await t.waitFor('undid 1 change(s)', 60_000);
      t.keys('q');
    },
  },
  {
    how: 'q key',
    async end(t) {
      t.keys('q');
      await t.waitFor('undo them, then quit');
      t.keys('y');
    },
  },
];

describe.skipIf(!hasTmux)('the console in the live view: every change undone however it ends', () => {
  for (const e of ENDINGS)
    it(`live view × ${e.how}`, async () => {
      const dir = workdir('console');
      const t = await attackThenLive(dir);
      await e.end(t);
      const screen = await t.waitFor(/EXIT=\d+/, 90_000);
      const a = undoAccount(onlyRecording(join(dir, 'rec')));
      recordTally('signals', 'console: live view', e.how, a.pending.length === 0 && a.ended);
      expect(screen).toContain('EXIT=0');
      expect(screen).not.toContain('left active');
      if (e.how.startsWith('SIG'))
        expect(screen).toContain(`gameday: ${e.how}: halted and undid 1 change(s)`);
      expect(a.recorded).toHaveLength(1);
      expect(a.pending).toEqual([]);
      expect(a.undone).toEqual(a.recorded);
      expect(a.ended).toBe(true);
    }, 150_000);
});
