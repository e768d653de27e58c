// Pauses on the sandbox last sandbox time: with `--speed 20` the simulated region runs twenty
// times faster than the wall, so an experiment's 300 s pause (or a runbook's recovery wait) spans
// the same simulated recovery in 15 s. Against AWS, and at speed 1, pauses are real time.
import { realSleep, type Sleep } from '../experiment/run-context.js';
import { parsePositive } from './connect.js';

/** The engine's sleep for a run, or undefined for the default (real time). */
export function sandboxSleep(sandbox: boolean | undefined, speed: string | undefined): Sleep | undefined {
  if (!sandbox || speed === undefined) return undefined;
  const factor = parsePositive(speed, '--speed', 'speed factor');
  return factor === 1 ? undefined : (ms, signal) => realSleep(ms / factor, signal);
}
