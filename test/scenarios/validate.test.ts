// Every scenario is a valid Chaos Toolkit experiment for the catalogue and carries a complete
// runbook; a broken runbook is refused by `gameday validate` / `gameday run` with the file, the
// JSON path and what to fix; and `gameday run scenarios/x.json --sandbox` logs the manual gates.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Guard } from '../../src/catalog/guard.js';
import { catalogRegistry } from '../../src/catalog/index.js';
import { loadExperimentFile } from '../../src/experiment/load.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { parseRunbook, RunbookError } from '../../src/scenario/runbook.js';

const FILES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => join('scenarios', f));

/** Runs the CLI from source (no build needed) and collects what it printed. */
function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NO_COLOR: '1',
        GAMEDAY_RECORD_DIR: process.env.GAMEDAY_RECORD_DIR,
        ...env,
      },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('the scenario library', () => {
  it('has at least eight scenarios, covering the faults the issue asks for', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(8);
    const funcs = FILES.flatMap((f) =>
      (loadExperimentFile(f).method as { provider?: { func?: string } }[]).map((a) => a.provider?.func),
    );
    for (const f of [
      'terminate_instances',
      'asg_az_outage',
      'stop_instances',
      'suspend_processes',
      'ecs_stop_tasks',
      'update_desired_count',
      'ecs_drain_container_instances',
      'set_alarm_state',
    ])
      expect(funcs).toContain(f);
  });

  it.each(FILES)('%s validates against the catalogue and has a complete runbook', (file) => {
    const experiment = loadExperimentFile(file);
    const registry = catalogRegistry({ guard: new Guard({ seed: 1 }), aws: async () => Promise.reject() });
    const issues = validateExperiment(experiment, {
      registry,
      env: {},
      vars: { configuration: {}, secrets: {} },
    });
    expect(issues.filter((i) => i.level === 'error')).toEqual([]);
    const rb = parseRunbook(experiment, file)!;
    expect(rb.steps.some((s) => s.type === 'gate')).toBe(true);
    expect(rb.steps.some((s) => s.type === 'attack')).toBe(true);
    expect(rb.blastRadius.maxTargets).toBeGreaterThanOrEqual(1);
    expect(rb.expectedOutcome).toMatch(/sandbox/i);
    // names come from configuration with environment overrides, so the same file fits a real account
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/"type": "env", "key": "GAMEDAY_/);
    // attacks target resources through the opt-in tag, or named resources the guard checks for it
    expect(text).toMatch(/chaos:allowed|asg_name|cluster|alarm_name/);
  });

  it('a broken runbook names the file, the JSON path and what to fix', () => {
    const experiment = loadExperimentFile('scenarios/ecs-kill-tasks.json');
    const ext = experiment.extensions as { runbook: Record<string, unknown> }[];
    const rb = ext[0]!.runbook;
    rb.steps = [{ type: 'gate' }, { type: 'attack', activity: 'kill-everything' }, { type: 'wait' }];
    delete rb.closing_questions;
    rb.blast_radius = { max_targets: 0, description: 'x' };
    let error: RunbookError | undefined;
    try {
      parseRunbook(experiment, 'x.json');
    } catch (err) {
      error = err as RunbookError;
    }
    expect(error).toBeInstanceOf(RunbookError);
    const lines = error!.message.split('\n');
    expect(lines).toContain(
      'x.json: extensions[0].runbook.steps[0].title: a gate needs a title (what the team confirms)',
    );
    expect(lines).toContainEqual(
      expect.stringContaining(
        'x.json: extensions[0].runbook.steps[1].activity: no method activity is named "kill-everything" (method activities: "stop-half-the-checkout-tasks"',
      ),
    );
    expect(lines).toContain(
      'x.json: extensions[0].runbook.steps[2].type: must be "gate" or "attack" (got "wait")',
    );
    expect(lines).toContain('x.json: extensions[0].runbook.closing_questions: is missing');
    expect(lines).toContain(
      'x.json: extensions[0].runbook.blast_radius.max_targets: must be a whole number of resources (1 or more)',
    );
  });

  it('gameday validate refuses a scenario whose runbook is broken, exit 2, one line per problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gameday-scenario-'));
    const doc = JSON.parse(readFileSync('scenarios/asg-lose-one-instance.json', 'utf8'));
    doc.extensions[0].runbook.steps[1].activity = 'terminate-everything';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = await cli(['validate', file]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(
      `${file}: extensions[0].runbook.steps[1].activity: no method activity is named "terminate-everything"`,
    );
    expect(out.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('gameday run scenarios/x.json --sandbox runs headless: gates logged as passed, the runbook in the journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gameday-scenario-'));
    const journal = join(dir, 'journal.json');
    // short pauses through the scenario's own environment overrides, so the real-clock run is quick
    const out = await cli(['run', 'scenarios/ecs-kill-tasks.json', '--sandbox', '--journal-path', journal], {
      GAMEDAY_RECOVERY_SECONDS: '1',
    });
    expect(out.stderr).toContain(
      "manual gate: Open the service's events and the checkout dashboard (passed headless)",
    );
    const gate = out.stderr.indexOf('manual gate: Confirm the service events');
    expect(gate).toBeGreaterThan(out.stderr.indexOf('Action: stop-half-the-checkout-tasks'));
    const j = JSON.parse(readFileSync(journal, 'utf8'));
    const record = j.experiment.extensions.find((e: { runbook_run?: unknown }) => e.runbook_run).runbook_run;
    expect(record.mode).toBe('headless');
    expect(record.records.filter((r: { kind: string }) => r.kind === 'gate')).toHaveLength(2);
    expect([0, 1]).toContain(out.status);
  });

  it("gameday run caps each attack at the runbook's blast radius", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gameday-scenario-'));
    const journal = join(dir, 'journal.json');
    // all four checkout tasks, against a runbook cap of 2
    const out = await cli(['run', 'scenarios/ecs-kill-tasks.json', '--sandbox', '--journal-path', journal], {
      GAMEDAY_RECOVERY_SECONDS: '1',
      GAMEDAY_TASK_SHARE: 'PERCENT(100)',
    });
    expect(out.stderr).toContain('over the per-attack cap of 2');
    const j = JSON.parse(readFileSync(journal, 'utf8'));
    const attack = j.run.find(
      (r: { activity: { name: string } }) => r.activity.name === 'stop-half-the-checkout-tasks',
    );
    expect(attack.status).toBe('failed');
    expect(attack.exception.join('')).toContain('it would change 4 resources, over the per-attack cap of 2');
    const after = j.run.find(
      (r: { activity: { name: string } }) => r.activity.name === 'checkout-tasks-right-after',
    );
    expect(after.output).toMatchObject({ desired: 4, running: 4 });
  });
});
