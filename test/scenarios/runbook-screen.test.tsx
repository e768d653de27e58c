// Runbook mode in the console, through ink-testing-library inside act(): the briefing, the team's
// hypothesis typed before the fault, an attack held back at a manual gate until enter, the
// observation checklist, and the closing answers, all of it recorded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../src/experiment/events.js';
import { loadExperimentFile } from '../../src/experiment/load.js';
import { type ActivityContext, registryOf } from '../../src/experiment/registry.js';
import { LineFeed } from '../../src/scenario/feed.js';
import { RunbookMachine, type RunbookRecord } from '../../src/scenario/machine.js';
import { parseRunbook } from '../../src/scenario/runbook.js';
import { RunbookScreen } from '../../src/tui/screens/runbook/RunbookScreen.js';
import { keys, renderTui } from '../tui/render.js';

const FILE = 'scenarios/alarm-oncall-path.json';

function setup() {
  const experiment = loadExperimentFile(FILE);
  const records: RunbookRecord[] = [];
  const machine = new RunbookMachine(parseRunbook(experiment, FILE)!, { onRecord: (r) => records.push(r) });
  // the engine's side: the real gate wrapper around a fake attack function
  const attack = vi.fn(async () => ({ state: 'ALARM' }));
  const probe = vi.fn(async () => 'ALARM');
  const inner = registryOf([
    { module: 'gameday.actions', func: 'set_alarm_state', kind: 'action', params: [], call: attack },
    { module: 'gameday.probes', func: 'alarm_state', kind: 'probe', params: [], call: probe },
  ]);
  const gated = machine.gate(inner);
  const ctx = (activityName: string): ActivityContext => ({
    configuration: {},
    secrets: {},
    signal: new AbortController().signal,
    dry: false,
    activityName,
  });
  const end = (name: string): RunEvent =>
    ({
      type: 'activity-end',
      t: 0,
      id: 1,
      phase: 'method',
      entry: { activity: { type: 'action', name }, status: 'succeeded', output: null },
    }) as unknown as RunEvent;
  return { experiment, machine, records, attack, probe, gated, ctx, end };
}

let ui: Awaited<ReturnType<typeof renderTui>> | undefined;
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

describe('runbook mode', () => {
  it('briefing → hypothesis typed → gate waits for enter → checklist → closing answers recorded', async () => {
    const t = setup();
    const feed = new LineFeed();
    const exited = vi.fn();
    ui = await renderTui(
      <RunbookScreen
        machine={t.machine}
        title={String(t.experiment.title)}
        feed={feed}
        width={100}
        onExit={exited}
      />,
    );
    expect(ui.frame()).toContain('Briefing');
    expect(ui.frame()).toContain('Blast radius: at most 1 resource(s)');
    expect(ui.frame()).toContain('Nothing breaks in this one.');

    await ui.press(keys.enter);
    expect(ui.frame()).toContain('Your hypothesis, before the fault goes in');
    expect(ui.frame()).toContain('Who gets paged, how fast');
    await ui.press(keys.enter);
    expect(ui.frame()).toContain('Write something first');
    expect(t.records).toEqual([]);
    await ui.press('Primary on-call paged within 2 minutes', keys.enter);
    expect(t.records).toEqual([{ kind: 'hypothesis', text: 'Primary on-call paged within 2 minutes' }]);
    expect(ui.frame()).toContain('Checking the steady state before the fault');

    // the engine starts the method and reaches the attack: it is held at the first gate
    await ui.act(() => t.machine.onRunEvent({ type: 'method-start', t: 0, count: 2 }));
    expect(ui.frame()).toContain('Waiting for the team: Tell the on-call a test page is coming');
    let attackDone = false;
    await ui.act(() => {
      void t.gated
        .get('gameday.actions', 'set_alarm_state')!
        .call({}, t.ctx('set-alarm-to-alarm'))
        .then(() => {
          attackDone = true;
        });
    });
    expect(t.attack).not.toHaveBeenCalled();
    await ui.press(keys.enter);
    expect(t.attack).toHaveBeenCalledTimes(1);
    expect(attackDone).toBe(true);
    expect(t.records.at(-1)).toEqual({
      kind: 'gate',
      title: 'Tell the on-call a test page is coming (or agree that it is a surprise)',
      passed: 'operator',
    });
    await ui.act(() => feed.push('[INFO] Action: set-alarm-to-alarm'));
    await ui.act(() => t.machine.onRunEvent(t.end('set-alarm-to-alarm')));
    expect(ui.frame()).toContain('Waiting for the team: Confirm the on-call was paged');
    expect(ui.frame()).toContain('Ask the on-call to read out the page');
    expect(ui.frame()).toContain('Action: set-alarm-to-alarm');

    // the probe behind the next two gates waits for both
    await ui.act(() => {
      void t.gated.get('gameday.probes', 'alarm_state')!.call({}, t.ctx('alarm-state-right-after'));
    });
    await ui.press(keys.enter);
    expect(t.probe).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('Waiting for the team: Confirm the page links to a runbook');
    await ui.press(keys.enter);
    expect(t.probe).toHaveBeenCalledTimes(1);
    await ui.act(() => t.machine.onRunEvent(t.end('alarm-state-right-after')));

    // the checklist: tick the second observation only
    expect(ui.frame()).toContain('[ ] The page arrived, and we know how long it took');
    await ui.press(keys.down, keys.space);
    expect(ui.frame()).toContain('[x] The page said which alarm fired and linked to its runbook');
    await ui.press(keys.enter);
    expect(
      t.records.filter((r) => r.kind === 'observation').map((r) => r.kind === 'observation' && r.confirmed),
    ).toEqual([false, true, false, false]);

    // closing questions, one after the other
    expect(ui.frame()).toContain('Closing question 1 of 3');
    expect(ui.frame()).toContain('the fault is still in place');
    await ui.press('Yes, the primary, by phone', keys.enter);
    expect(ui.frame()).toContain('Closing question 2 of 3');
    await ui.press('No: the page had no runbook link', keys.enter);
    await ui.press('Add runbook URL to the alarm description (Sam)', keys.enter);
    expect(t.records.filter((r) => r.kind === 'answer')).toEqual([
      {
        kind: 'answer',
        question: 'Did the right person get paged, through the right channel?',
        text: 'Yes, the primary, by phone',
      },
      {
        kind: 'answer',
        question: 'Could the on-call act on the page alone, without asking anyone?',
        text: 'No: the page had no runbook link',
      },
      {
        kind: 'answer',
        question: 'Follow-ups: what will we change, and who owns each change?',
        text: 'Add runbook URL to the alarm description (Sam)',
      },
    ]);
    expect(ui.frame()).toContain('Game day recorded');
    expect(ui.frame()).toContain('Hypothesis: Primary on-call paged within 2 minutes');
    expect(ui.frame()).toContain('Observations confirmed: 1 of 4');
    await ui.press(keys.enter);
    expect(exited).toHaveBeenCalledTimes(1);
  });

  it('after the method, the deviation check and rollbacks wait until the checklist is done', async () => {
    const t = setup();
    ui = await renderTui(<RunbookScreen machine={t.machine} title="x" />);
    await ui.press(keys.enter, 'h', keys.enter);
    await ui.act(() => t.machine.onRunEvent({ type: 'method-start', t: 0, count: 2 }));
    await ui.press(keys.enter);
    await ui.act(() => t.machine.onRunEvent(t.end('set-alarm-to-alarm')));
    await ui.press(keys.enter, keys.enter);
    await ui.act(() => t.machine.onRunEvent(t.end('alarm-state-right-after')));
    await ui.act(() => t.machine.onRunEvent({ type: 'method-end', t: 0 }));
    expect(ui.frame()).toContain('What did we see?');
    // the steady-state probe after the method is held while the team is on the checklist
    await ui.act(() => {
      void t.gated.get('gameday.probes', 'alarm_state')!.call({}, t.ctx('alarm-is-ok'));
    });
    expect(t.probe).not.toHaveBeenCalled();
    await ui.press(keys.enter);
    expect(t.probe).toHaveBeenCalledTimes(1);
    expect(ui.frame()).toContain('Closing question 1 of 3');
  });
});
