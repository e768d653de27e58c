// The chaos run console log as a projection of events (2.3, C1, C9, C10).
import { describe, expect, it } from 'vitest';
import { colourModeFor, formatLine, logLines } from '../../src/experiment/log.js';
import type { Activity } from '../../src/experiment/types.js';
import { experiment, runWithFakes } from './fakes.js';

const messages = async (...args: Parameters<typeof runWithFakes>) => {
  const r = await runWithFakes(...args);
  return r.events
    .flatMap(logLines)
    .filter((l) => l.level !== 'DEBUG')
    .map((l) => `${l.level} ${l.message}`);
};

describe('log lines (2.3)', () => {
  it('2.3 a typical successful run prints chaos run lines in order', async () => {
    expect(await messages(experiment())).toEqual([
      'INFO Running experiment: lifecycle',
      'INFO Steady-state strategy: default',
      'INFO Rollbacks strategy: default',
      'INFO Steady state hypothesis: all good',
      'INFO Probe: healthy',
      'INFO Steady state hypothesis is met!',
      "INFO Playing your experiment's method now...",
      'INFO Action: attack',
      'INFO Steady state hypothesis: all good',
      'INFO Probe: healthy',
      'INFO Steady state hypothesis is met!',
      "INFO Let's rollback...",
      'INFO Rollback: undo',
      'INFO Action: undo',
      'INFO Experiment ended with status: completed',
    ]);
  });
  it('C9 a failed gate: CRITICAL line naming the last probe, method skipped, rollbacks still played', async () => {
    const lines = await messages(experiment(), { impls: { value: () => false } });
    expect(lines).toContain(
      "CRITICAL Steady state probe 'healthy' is not in the given tolerance so failing this experiment",
    );
    expect(lines).not.toContain("INFO Playing your experiment's method now...");
    expect(lines).toContain("INFO Let's rollback...");
    expect(lines.at(-1)).toBe('INFO Experiment ended with status: completed');
  });
  it('2.3 a probe that raises: the failure, then "Probe terminated unexpectedly"', async () => {
    const lines = await messages(experiment(), {
      impls: {
        value: () => {
          throw new Error('nope');
        },
      },
    });
    expect(lines).toContain('ERROR   => failed: Exception: nope');
    expect(lines).toContain('WARNING Probe terminated unexpectedly, so its tolerance could not be validated');
  });
  it('C10 never: a warning and no "Let\'s rollback..." line; always: a warning and the rollbacks', async () => {
    const never = await messages(experiment(), { rollbackStrategy: 'never' });
    expect(never).toContain('WARNING Rollbacks were explicitly requested to not be played');
    expect(never).not.toContain("INFO Let's rollback...");
    const always = await messages(experiment(), { rollbackStrategy: 'always' });
    expect(always).toContain('WARNING Rollbacks were explicitly requested to be played');
    expect(always).toContain("INFO Let's rollback...");
  });
  it('C10 deviated: both wordings (sic), and the final status word "deviated"', async () => {
    const notDeviated = await messages(experiment(), { rollbackStrategy: 'deviated' });
    expect(notDeviated).toContain(
      'WARNING Rollbacks were explicitely requested to be played only if the experiment deviated. Since this is not the case, we will not play them.',
    );
    let n = 0;
    const deviated = await messages(experiment(), {
      rollbackStrategy: 'deviated',
      impls: { value: () => n++ === 0 },
    });
    expect(deviated).toContain('WARNING Rollbacks will be played only because the experiment deviated');
    expect(deviated.slice(-2)).toEqual([
      'INFO Experiment ended with status: deviated',
      'INFO The steady-state has deviated, a weakness may have been discovered',
    ]);
  });
  it('2.3 no hypothesis, no method, no rollbacks', async () => {
    const lines = await messages({ title: 't', description: 'd', method: [] });
    expect(lines).toContain("INFO No steady state hypothesis defined. That's ok, just exploring.");
    expect(lines).toContain("INFO No declared activities, let's move on.");
    expect(lines).toContain("INFO No declared rollbacks, let's move on.");
  });
  it('2.3 pauses and continuous mode lines', async () => {
    const exp = experiment({
      method: [{ ...(experiment().method![0] as Activity), pauses: { before: 2, after: 1.5 } }],
    });
    const lines = await messages(exp, { hypothesisStrategy: 'continuously', hypothesisFrequency: 2 });
    expect(lines).toContain('INFO Pausing before next activity for 2s...');
    expect(lines).toContain('INFO Pausing after activity for 1.5s...');
    expect(lines).toContain('INFO Executing the steady-state hypothesis continuously every 2.0 seconds');
    expect(lines).toContain('INFO Continuous steady state hypothesis terminated');
  });
});

describe('line format and colours (C1)', () => {
  const line = { t: new Date(2026, 0, 2, 3, 4, 5).getTime(), level: 'WARNING' as const, message: 'careful' };
  it('C1 without a TTY: the colour start code and never a reset', () => {
    expect(formatLine(line, 'chaos')).toBe('\x1b[33m[2026-01-02 03:04:05 WARNING] careful');
  });
  it('on a TTY the prefix is reset; NO_COLOR drops colour entirely', () => {
    expect(formatLine(line, 'tty')).toBe('\x1b[33m[2026-01-02 03:04:05 WARNING]\x1b[0m careful');
    expect(formatLine(line, 'none')).toBe('[2026-01-02 03:04:05 WARNING] careful');
    expect(colourModeFor(false, { NO_COLOR: '1' })).toBe('none');
    expect(colourModeFor(false, {})).toBe('chaos');
    expect(colourModeFor(true, {})).toBe('tty');
  });
});
