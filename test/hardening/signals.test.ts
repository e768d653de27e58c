// Undo under signals, table-driven on the sandbox: for each stage of `gameday run` (before the
// first action, during an action, during a pause, during rollback) and of `gameday replay`, and
// for SIGINT and SIGTERM, the built CLI is interrupted as a child process; afterwards every change
// the recording says was made has its `undone` event, nothing is pending (pendingUndos), the run
// ended "interrupted" and the session was closed. The console's stages are in signals-console.test.ts.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Child,
  ensureBuilt,
  onlyRecording,
  startCli,
  undoAccount,
  workdir,
  writeExperiment,
} from './support.js';
import { recordTally } from './tally.js';

const stopBatch = (extra: Record<string, unknown> = {}, args: Record<string, unknown> = {}) => ({
  type: 'action',
  name: 'stop-batch',
  provider: {
    type: 'python',
    module: 'gameday.actions',
    func: 'stop_instances',
    arguments: { tags: { team: 'data', 'chaos:allowed': 'true' }, selection: 'ALL', ...args },
  },
  ...extra,
});
const sleeper = (name: string) => ({
  type: 'action',
  name,
  provider: { type: 'process', path: 'sleep', arguments: '600' },
});
const experiment = (title: string, method: unknown[], rollbacks: unknown[] = []) => ({
  version: '1.0.0',
  title,
  description: 'hardening: interrupted on purpose',
  method,
  rollbacks,
});

/** One stage of a run: the experiment, the line that says the stage is reached, changes expected. */
interface Stage {
  stage: string;
  experiment: unknown;
  when: string | RegExp;
  changes: boolean;
}

const STAGES: Stage[] = [
  {
    stage: 'before the first action',
    experiment: experiment('signal before first action', [sleeper('wait-first'), stopBatch()]),
    when: 'Action: wait-first',
    changes: false,
  },
  {
    // The FIS-style stop waits inside the action for its duration before starting the hosts.
    stage: 'during an action',
    experiment: experiment('signal during action', [
      stopBatch({}, { start_instances_after_duration: '600' }),
    ]),
    when: 'undo recorded:',
    changes: true,
  },
  {
    stage: 'during a pause',
    experiment: experiment('signal during pause', [stopBatch({ pauses: { after: 600 } })]),
    when: 'Pausing after activity for 600s',
    changes: true,
  },
  {
    stage: 'during rollback',
    experiment: experiment('signal during rollback', [stopBatch()], [sleeper('slow-rollback')]),
    when: 'Rollback: slow-rollback',
    changes: true,
  },
];

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const SANDBOX = ['--sandbox', '--speed', '20', '--verbose'];

/** Interrupts a child once `when` shows, and waits for it to end. */
async function interrupt(
  child: Child,
  when: string | RegExp,
  signal: NodeJS.Signals,
): Promise<number | null> {
  await child.waitFor(when);
  child.proc.kill(signal);
  return child.exit;
}

beforeAll(ensureBuilt);

describe('gameday run: a signal at each stage undoes every change and the recording says so', () => {
  for (const s of STAGES)
    for (const signal of SIGNALS)
      it(`${s.stage} × ${signal}`, async () => {
        const dir = workdir('sig');
        const file = writeExperiment(dir, 'exp.json', s.experiment);
        const child = startCli(['run', file, ...SANDBOX, '--record-dir', 'rec', '--journal-path', 'j.json'], {
          cwd: dir,
        });
        const code = await interrupt(child, s.when, signal);
        const rec = onlyRecording(join(dir, 'rec'));
        const a = undoAccount(rec);
        recordTally('signals', `run: ${s.stage}`, signal, a.pending.length === 0 && a.ended);
        expect(code, child.stderr()).toBe(1);
        expect(child.stderr()).toContain('Experiment ended with status: interrupted');
        expect(child.stderr()).toContain(`Run recorded in ${join('rec', '')}`);
        expect(a.runStatus).toBe('interrupted');
        expect(a.ended).toBe(true);
        if (s.changes) expect(a.recorded.length).toBeGreaterThan(0);
        else expect(a.recorded).toEqual([]);
        expect(a.pending).toEqual([]);
        expect([...a.undone].sort()).toEqual([...a.recorded].sort());
        expect(a.twice).toEqual([]);
        const halt = a.events.find((e) => e.event.type === 'halt')?.event;
        expect(halt).toMatchObject({ undone: a.recorded.length, failed: [] });
      }, 90_000);
});

describe('gameday replay: a signal during the replayed pause undoes its changes', () => {
  let source = '';
  beforeAll(async () => {
    // The recording to replay: a stop with a long pause, interrupted (so it was undone).
    const dir = workdir('replay-src');
    const file = writeExperiment(dir, 'exp.json', STAGES[2]!.experiment);
    const child = startCli(['run', file, ...SANDBOX, '--record-dir', 'rec'], { cwd: dir });
    await interrupt(child, 'Pausing after activity', 'SIGINT');
    source = onlyRecording(join(dir, 'rec'));
  }, 90_000);

  for (const signal of SIGNALS)
    it(`in replay × ${signal}`, async () => {
      const dir = workdir('replay');
      cpSync(source, join(dir, 'rec', 'original'), { recursive: true });
      const child = startCli(['replay', join('rec', 'original'), ...SANDBOX, '--keep-ids'], { cwd: dir });
      const code = await interrupt(child, 'Pausing after activity for 600s', signal);
      const made = /replay recorded in (\S+)/.exec(child.stderr())?.[1];
      expect(made, child.stderr()).toBeDefined();
      const a = undoAccount(join(dir, made!));
      recordTally('signals', 'replay: during a pause', signal, a.pending.length === 0 && a.ended);
      expect(code).toBe(1);
      expect(a.runStatus).toBe('interrupted');
      expect(a.recorded.length).toBeGreaterThan(0);
      expect(a.pending).toEqual([]);
      expect([...a.undone].sort()).toEqual([...a.recorded].sort());
      expect(a.ended).toBe(true);
    }, 90_000);
});
