// The `chaos run` console log (chaostoolkit.md 2.3, C1, C3, C10) as a pure projection of run
// events: each event maps to the lines chaoslib prints at that point, formatted
// `[YYYY-MM-DD HH:MM:SS LEVEL] message` in local time with logzero's colour codes.
import type { RunEvent } from './events.js';
import { pyFloat, pyRepr } from './pyvalue.js';

/** Log levels as chaoslib names them. */
export type Level = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/** One console line before formatting. */
export interface LogLine {
  t: number;
  level: Level;
  message: string;
}

const typeTitle = (t: unknown) => (t === 'action' ? 'Action' : t === 'probe' ? 'Probe' : String(t));

/** The lines chaoslib would log for one event. */
export function logLines(e: RunEvent): LogLine[] {
  const out: LogLine[] = [];
  const add = (level: Level, message: string) => out.push({ t: e.t, level, message });
  switch (e.type) {
    case 'run-start':
      add('INFO', `Running experiment: ${e.experiment.title}`);
      if (e.dry) add('WARNING', `Running experiment with dry ${e.dry}`);
      add('INFO', `Steady-state strategy: ${e.hypothesisStrategy}`);
      add('INFO', `Rollbacks strategy: ${e.rollbackStrategy}`);
      if (!e.hasHypothesis) add('INFO', "No steady state hypothesis defined. That's ok, just exploring.");
      else if (e.hypothesisStrategy === 'skip') add('INFO', 'Skipping Steady-State Hypothesis as requested');
      break;
    case 'hypothesis-start':
      add('INFO', `Steady state hypothesis: ${e.title}`);
      break;
    case 'hypothesis-end': {
      if (e.state.steady_state_met) {
        add('INFO', 'Steady state hypothesis is met!');
        break;
      }
      if (e.probeRaised)
        add('WARNING', 'Probe terminated unexpectedly, so its tolerance could not be validated');
      const name = e.state.probes.at(-1)?.activity.name ?? 'None';
      if (e.phase === 'during')
        add('WARNING', `Continuous steady state probe '${name}' is not in the given tolerance`);
      else
        add(
          'CRITICAL',
          `Steady state probe '${name}' is not in the given tolerance so failing this experiment`,
        );
      break;
    }
    case 'activity-start':
      if (e.phase === 'rollback') add('INFO', `Rollback: ${e.declaredName ?? 'None'}`);
      add(
        'INFO',
        `${typeTitle(e.activity.type)}: ${e.activity.name}${e.background ? ' [in background]' : ''}`,
      );
      break;
    case 'activity-end':
      if (e.error !== undefined) add('ERROR', `  => failed: ${e.error}`);
      else if (e.entry.output !== null && e.entry.output !== undefined)
        add('DEBUG', `  => succeeded with '${pyRepr(e.entry.output)}'`);
      else add('DEBUG', '  => succeeded without any result value');
      break;
    case 'pause':
      add(
        'INFO',
        e.when === 'before'
          ? `Pausing before next activity for ${e.seconds}s...`
          : `Pausing after activity for ${e.seconds}s...`,
      );
      break;
    case 'continuous-start':
      add('INFO', `Executing the steady-state hypothesis continuously every ${pyFloat(e.frequency)} seconds`);
      break;
    case 'continuous-end':
      if (e.failFastRatio !== undefined)
        add(
          'INFO',
          `Terminating immediately the experiment${e.failFastRatio !== 0 ? ` after ${e.failFastRatio.toFixed(1)}% hypothesis deviated` : ''}`,
        );
      add('INFO', 'Continuous steady state hypothesis terminated');
      break;
    case 'method-start':
      add('INFO', "Playing your experiment's method now...");
      if (e.count === 0) add('INFO', "No declared activities, let's move on.");
      break;
    case 'rollback-decision':
      if (e.strategy === 'always') add('WARNING', 'Rollbacks were explicitly requested to be played');
      else if (e.strategy === 'never') add('WARNING', 'Rollbacks were explicitly requested to not be played');
      else if (e.strategy === 'deviated')
        add(
          'WARNING',
          e.play
            ? 'Rollbacks will be played only because the experiment deviated'
            : 'Rollbacks were explicitely requested to be played only if the experiment deviated. Since this is not the case, we will not play them.',
        );
      break;
    case 'rollbacks-start':
      add('INFO', "Let's rollback...");
      if (e.count === 0) add('INFO', "No declared rollbacks, let's move on.");
      break;
    case 'note':
      add(e.level.toUpperCase() as Level, e.message);
      break;
    case 'interrupted':
      if (e.during === 'run') add('WARNING', 'Received a termination signal (Ctrl-C)...');
      else add('WARNING', 'Received an exit signal.Terminating now without running the remaining rollbacks.');
      break;
    case 'aborted':
      add('CRITICAL', 'Experiment ran into an un expected fatal error, aborting now.');
      add('ERROR', e.message);
      break;
    case 'run-end':
      add('INFO', `Experiment ended with status: ${e.deviated ? 'deviated' : e.status}`);
      if (e.deviated) add('INFO', 'The steady-state has deviated, a weakness may have been discovered');
      break;
    default:
      break;
  }
  return out;
}

const COLOURS: Record<Level, string> = {
  DEBUG: '\x1b[36m',
  INFO: '\x1b[32m',
  WARNING: '\x1b[33m',
  ERROR: '\x1b[31m',
  CRITICAL: '\x1b[31m',
};

/**
 * How lines are coloured: `tty` (colour and reset), `chaos` (C1: what chaos writes to a non-TTY,
 * the start code with no reset), `none` (NO_COLOR).
 */
export type ColourMode = 'tty' | 'chaos' | 'none';

/** Formats one line: `[2024-05-01 12:00:00 INFO] message` with the colour mode's codes. */
export function formatLine(line: LogLine, colour: ColourMode): string {
  const d = new Date(line.t);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  const head = `[${stamp} ${line.level}]`;
  if (colour === 'none') return `${head} ${line.message}`;
  return `${COLOURS[line.level]}${head}${colour === 'tty' ? '\x1b[0m' : ''} ${line.message}`;
}

/** Picks the colour mode chaos would use for a stream, honouring NO_COLOR. */
export function colourModeFor(
  isTty: boolean,
  env: Record<string, string | undefined> = process.env,
): ColourMode {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'none';
  return isTty ? 'tty' : 'chaos';
}
