// `gameday play` in a real terminal (tmux): briefing, hypothesis typed, a gate held until enter,
// the checklist and the closing answers, then the recording on disk holds all of it. Also the
// one-line refusals when there is no terminal or no runbook.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SESSION = `gameday-play-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

const screen = () => tmux('capture-pane', '-p', '-t', SESSION);

/** Waits until the screen shows `text` (fails with the screen after about 30 s). */
async function waitFor(text: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const s = screen();
    if (s.includes(text)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${text}" never appeared; the screen shows:\n${screen()}`);
}

function cli(args: string[]) {
  return new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.stdin.end();
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

afterEach(() => {
  if (hasTmux) spawnSync('tmux', ['kill-session', '-t', SESSION]);
});

describe('gameday play', () => {
  it.skipIf(!hasTmux)(
    'leads a game day in the terminal and records it',
    async () => {
      const rec = mkdtempSync(join(tmpdir(), 'gameday-play-'));
      const cmd = `cd ${process.cwd()} && CI=0 GAMEDAY_RECOVERY_SECONDS=1 ${process.execPath} --import tsx src/cli.ts play scenarios/ecs-kill-tasks.json --sandbox --record-dir ${rec}; echo EXIT=$?; sleep 60`;
      tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '32', cmd);
      await waitFor('Press enter when the team is ready.');
      tmux('send-keys', '-t', SESSION, 'Enter');
      await waitFor('Your hypothesis, before the fault goes in');
      tmux('send-keys', '-t', SESSION, '-l', 'Two tasks die, both back within a minute');
      tmux('send-keys', '-t', SESSION, 'Enter');
      let s = await waitFor("Waiting for the team: Open the service's events");
      expect(s).toContain('· attack:  Stop half of the running checkout tasks');
      tmux('send-keys', '-t', SESSION, 'Enter');
      s = await waitFor('Waiting for the team: Confirm the service events show the replacement tasks');
      expect(s).toContain('✓ attack:  Stop half of the running checkout tasks');
      tmux('send-keys', '-t', SESSION, 'Enter');
      await waitFor('Tick what the team confirms');
      tmux('send-keys', '-t', SESSION, 'Space');
      tmux('send-keys', '-t', SESSION, 'Enter');
      for (const [i, answer] of [
        'Slower checkouts for a minute',
        'Yes',
        'Alert on task churn (Ana)',
      ].entries()) {
        await waitFor(`Closing question ${i + 1} of 3`);
        tmux('send-keys', '-t', SESSION, '-l', answer);
        tmux('send-keys', '-t', SESSION, 'Enter');
      }
      s = await waitFor('Game day recorded');
      expect(s).toContain('Observations confirmed: 1 of 3');
      tmux('send-keys', '-t', SESSION, 'Enter');
      s = await waitFor('EXIT=');
      expect(s).toMatch(/gameday: recorded in /);

      const [dir] = readdirSync(rec);
      const events = readFileSync(join(rec, dir!, 'events.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).event);
      expect(events.find((e) => e.type === 'hypothesis')?.text).toBe(
        'Two tasks die, both back within a minute',
      );
      const notes = events.filter((e) => e.type === 'note' && typeof e.text === 'string').map((e) => e.text);
      expect(notes).toContain("manual gate passed: Open the service's events and the checkout dashboard");
      expect(notes).toContain(
        'observation confirmed: Running tasks dropped to half, then came back to the desired count without help',
      );
      expect(notes).toContain(
        'closing: Follow-ups: what will we change, and who owns each change? Alert on task churn (Ana)',
      );
      expect(
        events.some(
          (e) => e.type === 'activity-end' && e.entry?.activity?.name === 'stop-half-the-checkout-tasks',
        ),
      ).toBe(true);
      expect(readdirSync(join(rec, dir!))).toEqual(
        expect.arrayContaining(['journal.json', 'experiment.json']),
      );
    },
    120_000,
  );

  it('refuses without a terminal, and names the headless alternative', async () => {
    const out = await cli(['play', 'scenarios/ecs-kill-tasks.json', '--sandbox']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('play needs an interactive terminal');
    expect(out.stderr).toContain('gameday run scenarios/ecs-kill-tasks.json --sandbox');
  });

  it('refuses an experiment without a runbook, pointing at gameday run', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gameday-play-')), 'plain.json');
    writeFileSync(file, JSON.stringify({ title: 't', description: 'd', method: [] }));
    const out = await cli(['play', file]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`${file} has no runbook`);
    expect(out.stderr).toContain(`gameday run ${file}`);
  });
});
