import { describe, expect, it } from 'vitest';
import { App } from '../../src/tui/App.js';
import { fakeServices, stillClock } from './fake-services.js';
import { keys, renderTui } from './render.js';

async function open(opts: { sandbox?: boolean; readOnly?: boolean; width?: number; height?: number } = {}) {
  const fake = fakeServices(opts);
  let exited = 0;
  const ui = await renderTui(
    <App
      services={fake.services}
      clock={stillClock}
      size={{ width: opts.width ?? 80, height: opts.height ?? 24 }}
      settings={{ readOnly: opts.readOnly }}
      onExit={() => exited++}
    />,
    { bare: true },
  );
  return { ui, ...fake, exited: () => exited };
}

describe('Console', () => {
  it('opens on the inventory with the header and a key bar generated from the commands', async () => {
    const { ui } = await open();
    const f = ui.frame();
    expect(f).toContain('[SANDBOX]');
    expect(f).toContain('assumed-role/GameDay/alice');
    expect(f).toContain('EC2 (8)');
    expect(f).toMatch(/h halt\+undo .*space mark/);
    expect(f.split('\n')).toHaveLength(24);
    await ui.unmount();
  });

  it('asks for a bigger terminal below 80x24, and q still quits', async () => {
    const { ui, exited } = await open({ width: 70, height: 20 });
    expect(ui.frame()).toContain('gameday needs at least 80x24; this terminal is 70x20. Make me bigger');
    await ui.press('q');
    expect(exited()).toBe(1);
    await ui.unmount();
  });

  it('the live view shows the probe strip, its chart and the events', async () => {
    const { ui, steady, setHealthy } = await open();
    await ui.act(async () => {
      await steady.tick();
      steady.attackStarted('Terminate instances');
      setHealthy(4);
      await steady.tick();
      setHealthy(6);
      await steady.tick();
    });
    await ui.press('v');
    const f = ui.frame();
    expect(f).toContain('ASG web healthy');
    expect(f).toContain('✔✘✔');
    expect(f).toContain('ASG web healthy (probe >= desired)');
    expect(f).toMatch(/^\s+4 ┤/m);
    expect(f).toContain('▲');
    expect(f).toContain('▲ Terminate instances');
    expect(f).toContain('✘ ASG web healthy: 4 outside >= desired');
    await ui.unmount();
  });

  it('? on the live view says what the strip symbols mean, a dot included', async () => {
    const { ui } = await open();
    await ui.press('v', '?');
    expect(ui.frame()).toContain('· not measured (paused, or idle: every 5th s)');
    await ui.press('x', 'i', '?');
    expect(ui.frame()).not.toContain('not measured');
    await ui.unmount();
  });

  it('n adds a note stamped on the timeline', async () => {
    const { ui, steady } = await open();
    await ui.press('v', 'n', 'web tier held', keys.enter);
    expect(steady.snapshot().events.at(-1)).toMatchObject({ kind: 'note', text: 'web tier held' });
    expect(ui.frame()).toContain('✎ web tier held');
    await ui.unmount();
  });

  it('h halts even while the probes are paused', async () => {
    const { ui, steady, calls, setActive } = await open();
    setActive(2);
    await ui.press('p');
    expect(steady.snapshot().paused).toBe(true);
    const probed = calls.filter((c) => c === 'probe').length;
    await ui.act(() => steady.tick());
    expect(calls.filter((c) => c === 'probe')).toHaveLength(probed);
    await ui.press('h');
    expect(calls).toContain('halt');
    expect(ui.frame()).toContain('halted: undid 2 change(s)');
    await ui.press('v');
    expect(ui.frame()).toContain('PROBES PAUSED');
    expect(ui.frame()).toContain('HALTED');
    await ui.unmount();
  });

  it('q with active changes asks; y undoes then quits', async () => {
    const { ui, calls, setActive, exited } = await open();
    setActive(3);
    await ui.press('q');
    expect(ui.frame()).toContain('3 change(s) are still active.');
    await ui.press(keys.escape);
    expect(exited()).toBe(0);
    await ui.press('q', 'y');
    expect(calls).toContain('halt');
    expect(exited()).toBe(1);
    await ui.unmount();
  });

  it('q with nothing active quits at once; Ctrl-C too', async () => {
    const { ui, exited } = await open();
    await ui.press(keys.ctrlC);
    expect(exited()).toBe(1);
    await ui.unmount();
  });

  it('read-only mode: no halt or attack keys, in the bar, the help, or when pressed', async () => {
    const { ui, calls } = await open({ readOnly: true });
    expect(ui.frame()).not.toContain('halt+undo');
    expect(ui.frame()).not.toContain('a attack');
    await ui.press('h', 'a');
    expect(calls).not.toContain('halt');
    expect(ui.frame()).toContain('EC2 (8)');
    await ui.press('?');
    expect(ui.frame()).toContain('read-only');
    expect(ui.frame()).toContain('mark');
    expect(ui.frame()).not.toContain('attack');
    await ui.press('x');
    expect(ui.frame()).toContain('EC2 (8)');
    await ui.unmount();
  });

  it('NO_COLOR: no colour codes in any frame', async () => {
    const { themeFor } = await import('../../src/tui/theme.js');
    const fake = fakeServices();
    const ui = await renderTui(
      <App
        services={fake.services}
        clock={stillClock}
        size={{ width: 80, height: 24 }}
        settings={{ theme: themeFor({ NO_COLOR: '1' }) }}
        onExit={() => {}}
      />,
      { bare: true },
    );
    await ui.press('v');
    expect(ui.rawFrame()).not.toMatch(/\[3[0-9]m/);
    await ui.unmount();
  });
});
