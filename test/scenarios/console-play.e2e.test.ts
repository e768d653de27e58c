// `gameday` -> Scenarios -> a scenario: the console hands over to runbook mode on the same sandbox,
// in a real terminal (tmux, the built CLI). The console's own session is closed first and says so.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxSession } from '../tui/tmux.js';

describe.skipIf(!hasTmux)('console -> Scenarios -> runbook mode (tmux)', () => {
  const records = mkdtempSync(join(tmpdir(), 'gd-console-play-'));
  let t: TmuxSession | undefined;
  afterAll(() => {
    t?.kill();
    rmSync(records, { recursive: true, force: true });
  });

  it('opens the chosen scenario briefing from the console', async () => {
    if (!existsSync('dist/cli.js')) execFileSync('node', ['scripts/build.mjs']);
    t = new TmuxSession(
      `CI=0 node dist/cli.js --sandbox --seed 3 --record-dir ${records}; echo "EXIT=$?"; sleep 30`,
    );
    await t.waitFor('updated');
    t.keys('s');
    await t.waitFor('Scenarios (8)');
    for (let i = 0; i < 6; i++) t.keys('j');
    await t.waitFor('scenarios/ecs-kill-tasks.json');
    t.keys('Enter');
    const s = await t.waitFor('Press enter when the team is ready.');
    expect(s).toContain('Briefing');
    expect(s).toMatch(/checkout/);
    t.keys('C-c');
    await t.waitFor('EXIT=');
    const sessions = readdirSync(records).map((d) => readFileSync(join(records, d, 'events.ndjson'), 'utf8'));
    expect(sessions.some((text) => text.includes('opened scenario scenarios/ecs-kill-tasks.json'))).toBe(
      true,
    );
  }, 90_000);
});
