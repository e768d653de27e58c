// A scenario run without the team (`gameday run scenarios/x.json`, CI): the runbook machine in
// auto mode, so manual gates are logged "(passed headless)" at the point the team would confirm
// them, and what happened is written into the journal as a `gameday` extension.
import type { RunEvent } from '../experiment/events.js';
import type { FunctionRegistry } from '../experiment/registry.js';
import type { Experiment, Journal } from '../experiment/types.js';
import { UserError } from '../util/errors.js';
import { RunbookMachine, type RunbookRecord } from './machine.js';
import { parseRunbook, type Runbook, RunbookError } from './runbook.js';

type Log = (level: 'INFO' | 'WARNING', message: string) => void;

/** What `gameday run` needs to run a scenario's runbook headless. */
export interface HeadlessRunbook {
  runbook: Runbook;
  machine: RunbookMachine;
  /** The engine's registry, wrapped so gates sit between the attacks. */
  registry(inner: FunctionRegistry): FunctionRegistry;
  /** Pass every engine event here. */
  onEvent(e: RunEvent): void;
  /** Everything recorded, in order, with the time it happened. */
  records(): (RunbookRecord & { at: number })[];
  /** Adds the runbook's record to the journal's experiment extensions (name "gameday", key runbook_run). */
  annotate(journal: Journal): void;
}

/**
 * The headless runbook of a scenario, or undefined for a plain experiment. A broken runbook is a
 * usage error (exit 2) listing every problem with its file and JSON path.
 */
export function headlessRunbook(
  experiment: Experiment,
  file: string,
  log: Log,
  now: () => number = Date.now,
): HeadlessRunbook | undefined {
  let runbook: Runbook | undefined;
  try {
    runbook = parseRunbook(experiment, file);
  } catch (err) {
    if (err instanceof RunbookError) throw new UserError(err.message, 2);
    throw err;
  }
  if (!runbook) return undefined;
  const records: (RunbookRecord & { at: number })[] = [];
  const machine = new RunbookMachine(runbook, {
    auto: true,
    onRecord(r) {
      records.push({ ...r, at: now() });
      if (r.kind === 'gate') log('INFO', `manual gate: ${r.title} (passed headless)`);
      if (r.kind === 'observation') log('INFO', `observe: ${r.text} (not checked headless)`);
      if (r.kind === 'attack' && r.status === 'skipped')
        log('WARNING', `runbook step skipped: ${r.activity} did not run`);
    },
  });
  machine.begin();
  return {
    runbook,
    machine,
    registry: (inner) => machine.gate(inner),
    onEvent(e) {
      machine.onRunEvent(e);
      if (e.type === 'run-end')
        for (const q of runbook.closingQuestions) log('INFO', `for the team afterwards: ${q}`);
    },
    records: () => records,
    annotate(journal) {
      const ext = Array.isArray(journal.experiment.extensions) ? journal.experiment.extensions : [];
      journal.experiment = {
        ...journal.experiment,
        extensions: [
          ...ext,
          {
            name: 'gameday',
            runbook_run: {
              mode: 'headless',
              expected_outcome: runbook.expectedOutcome,
              records: records.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
            },
          },
        ],
      };
    },
  };
}
