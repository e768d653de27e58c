// The console follows the terminal's size: a resize re-lays out the frame (wider columns, more
// rows), below 80x24 it asks to be made bigger, and growing back restores the screen as it was.
import { describe, expect, it } from 'vitest';
import { SteadyLoop } from '../../src/steady/loop.js';
import { App } from '../../src/tui/App.js';
import type { ConsoleServices } from '../../src/tui/services.js';
import { stillClock } from './fake-services.js';
import { shopInventory, withHosts } from './fixtures.js';
import { keys, renderTui } from './render.js';

function services(): ConsoleServices {
  return {
    info: {
      account: '123456789012',
      caller: 'arn:aws:sts::123456789012:assumed-role/GameDay/alice',
      region: 'eu-west-1',
      sandbox: true,
      readOnly: false,
      dryRun: false,
    },
    steady: new SteadyLoop({ clock: stillClock }),
    inventory: async () => ({ ...withHosts(), instances: shopInventory(40).instances }),
    attacksFor: () => [],
    preview: async () => ({ resources: [], calls: [], undo: '', refused: [], notes: [] }),
    execute: async () => ({ ok: true, message: 'done' }),
    haltAndUndo: async () => ({ undone: 0, failed: [] }),
    activeChanges: () => 0,
    close: async () => {},
  };
}

const widest = (frame: string) => Math.max(...frame.split('\n').map((l) => l.length));

describe('Console on resize', () => {
  it('re-lays out when the terminal grows, asks to be bigger when it shrinks, and keeps marks', async () => {
    const ui = await renderTui(<App services={services()} clock={stillClock} onExit={() => {}} />, {
      bare: true,
    });
    await ui.resize(80, 24);
    await ui.press(keys.space, keys.space);
    let f = ui.frame();
    expect(f.split('\n')).toHaveLength(24);
    expect(widest(f)).toBeLessThanOrEqual(80);
    expect(f).toContain('rows 1-');
    expect(f).toContain('2 marked (web-0 i-0web0, web-1 i-0web1)');
    const rowsAt80 = f.split('\n').filter((l) => /i-1\d{6}/.test(l)).length;

    await ui.resize(120, 40);
    f = ui.frame();
    expect(f.split('\n')).toHaveLength(40);
    expect(widest(f)).toBeGreaterThan(100);
    expect(f.split('\n').filter((l) => /i-1\d{6}/.test(l)).length).toBeGreaterThan(rowsAt80);
    // The hosts tab: at 120 columns the container instance id shows three times as much.
    await ui.press(keys.tab, keys.tab, keys.tab);
    expect(ui.frame()).toContain('0a1b2c3d4e5f60718293a4b5c6d7e8…');
    await ui.resize(80, 24);
    expect(ui.frame()).not.toContain('0a1b2c3d4e5f607');
    expect(ui.frame()).toContain('0a1b2c3d4e…');

    await ui.resize(70, 20);
    f = ui.frame();
    expect(f).toContain('gameday needs at least 80x24; this terminal is 70x20. Make me bigger');
    expect(f).not.toContain('ECS hosts');

    await ui.resize(100, 30);
    f = ui.frame();
    expect(f.split('\n')).toHaveLength(30);
    expect(f).toContain('ECS hosts (2)');
    expect(f).toContain('2 marked (web-0 i-0web0, web-1 i-0web1)');
    // The same screen as before the shrink: still the hosts tab.
    expect(f).toMatch(/❯ ops\s+0a1b2c3d4e5f6071/);
    await ui.press(keys.tab, keys.tab);
    expect(ui.frame()).toMatch(/❯●i-0web0/);
    expect(ui.frame()).toMatch(/ ●i-0web1/);
    await ui.unmount();
  });

  it('while too small, q quits even with the note field open (no hidden typing)', async () => {
    let exited = 0;
    const ui = await renderTui(<App services={services()} clock={stillClock} onExit={() => exited++} />, {
      bare: true,
    });
    await ui.resize(80, 24);
    await ui.press('n');
    expect(ui.frame()).toContain('note:');
    await ui.resize(60, 20);
    await ui.press('q');
    expect(exited).toBe(1);
    await ui.unmount();
  });
});
