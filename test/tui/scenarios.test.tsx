// The console's Scenarios screen: `s` lists the guided game days with their size, the highlighted
// one's briefing text, Enter hands the chosen file to runbook mode; it refuses while changes are
// active, a broken file shows its problem, and a read-only console lists without playing.
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../../src/scenario/library.js';
import { App } from '../../src/tui/App.js';
import { fakeServices, stillClock } from './fake-services.js';
import { keys, renderTui } from './render.js';

async function open(opts: { readOnly?: boolean; broken?: boolean } = {}) {
  const fake = fakeServices(opts);
  const library = listScenarios('scenarios');
  const scenarios = opts.broken
    ? [
        {
          ...library[0]!,
          file: 'scenarios/broken.json',
          title: 'broken.json',
          problem: 'broken.json: not JSON',
        },
        ...library,
      ]
    : library;
  fake.services.scenarios = () => scenarios;
  const played: string[] = [];
  const ui = await renderTui(
    <App
      services={fake.services}
      clock={stillClock}
      size={{ width: 80, height: 24 }}
      settings={{ readOnly: opts.readOnly }}
      onExit={() => {}}
      onPlay={(file) => played.push(file)}
    />,
    { bare: true },
  );
  return { ui, played, ...fake };
}

describe('Scenarios screen', () => {
  it('lists the library with sizes and the highlighted briefing, and plays the chosen one', async () => {
    const { ui, played } = await open();
    await ui.press('s');
    let f = ui.frame();
    expect(f).toContain('Scenarios (8)');
    expect(f).toMatch(/Lose one instance of the web Auto Scaling group +2 attacks, 2 gates, cap 1/);
    expect(f).toContain('scenarios/alarm-oncall-path.json');
    expect(f.split('\n')).toHaveLength(24);
    await ui.press('j', 'j', 'j');
    f = ui.frame();
    expect(f).toContain('scenarios/asg-lose-one-instance.json');
    await ui.press(keys.enter);
    expect(played).toEqual(['scenarios/asg-lose-one-instance.json']);
    await ui.unmount();
  });

  it('will not start a scenario while an attack is still active', async () => {
    const { ui, played, setActive } = await open();
    setActive(2);
    await ui.press('s', keys.enter);
    expect(played).toEqual([]);
    expect(ui.frame()).toContain('2 change(s) still active: halt (h) before starting a scenario');
    await ui.unmount();
  });

  it('shows why a broken scenario cannot be played, and skips it on enter', async () => {
    const { ui, played } = await open({ broken: true });
    await ui.press('s');
    expect(ui.frame()).toContain('broken.json: not JSON');
    await ui.press(keys.enter);
    expect(played).toEqual([]);
    await ui.unmount();
  });

  it('lists but does not play in read-only mode', async () => {
    const { ui, played } = await open({ readOnly: true });
    await ui.press('s');
    expect(ui.frame()).toContain('(read-only)');
    expect(ui.frame()).not.toContain('enter play');
    await ui.press(keys.enter);
    expect(played).toEqual([]);
    await ui.unmount();
  });
});
