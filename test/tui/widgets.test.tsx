import { describe, expect, it } from 'vitest';
import { themeFor } from '../../src/tui/theme.js';
import { Chart } from '../../src/tui/widgets/Chart.js';
import { ConfirmDialog } from '../../src/tui/widgets/ConfirmDialog.js';
import { plotLines } from '../../src/tui/widgets/chart-text.js';
import { Header, shortCaller } from '../../src/tui/widgets/Header.js';
import { keys, renderTui } from './render.js';

describe('Chart', () => {
  it('draws axis labels, the unit, the series value and attack markers', async () => {
    const points = [6, 6, 6, 6, 4, 4, 4, 5, 6, 6];
    const ui = await renderTui(
      <Chart
        title="HealthyHostCount"
        unit="count"
        series={[{ label: 'web', points }]}
        markers={[
          { index: 4, kind: 'start' },
          { index: 7, kind: 'end' },
        ]}
        height={6}
        width={60}
        stepSeconds={5}
      />,
    );
    const f = ui.frame();
    expect(f).toContain('HealthyHostCount (count)');
    expect(f).toContain('web 6');
    expect(f).toMatch(/^\s+6 ┼/m);
    expect(f).toMatch(/^\s+4 ┤/m);
    expect(f).toMatch(/▲\s+△/);
    expect(f).toContain('-50s');
    await ui.unmount();
  });

  it('keeps the time axis labels apart on a short history', () => {
    const lines = plotLines({
      series: [{ label: 'x', points: [6, 6, 4, 6, 6] }],
      markers: [],
      height: 4,
      width: 60,
      stepSeconds: 1,
    });
    expect(lines.at(-1)!.trim()).toBe('-5s now');
    const long = plotLines({
      series: [{ label: 'x', points: Array(30).fill(5) }],
      markers: [],
      height: 4,
      width: 60,
      stepSeconds: 1,
    });
    // "now" sits under the last point, as before.
    expect(long.at(-1)!.indexOf('now')).toBe(10 + 30 - 3);
    expect(long.at(-1)!.trim()).toMatch(/^-30s +now$/);
  });

  it('puts the start marker under the first low point', () => {
    const lines = plotLines({
      series: [{ label: 'x', points: [5, 5, 1, 1, 5] }],
      markers: [{ index: 2, kind: 'start' }],
      height: 4,
      width: 40,
    });
    const top = lines[0]!;
    const markerRow = lines[lines.length - 2]!;
    // the line leaves the top row where the value drops: the marker sits in that column
    expect(markerRow.indexOf('▲')).toBe(top.indexOf('╮'));
  });

  it('bridges gaps (paused probes, missing datapoints) instead of failing', () => {
    const lines = plotLines({
      series: [
        { label: 'x', points: [6, null, 4] },
        { label: 'y', points: [null, null] },
      ],
      markers: [],
      height: 3,
      width: 40,
    });
    expect(lines.join('\n')).toMatch(/^\s+6 ┼─/m);
    expect(lines.join('\n')).toMatch(/^\s+4 ┤ +╰/m);
  });

  it('says when it has no data yet', () => {
    expect(plotLines({ series: [], markers: [], height: 4, width: 40 }).join('\n')).toContain(
      'waiting for data',
    );
  });
});

describe('ConfirmDialog', () => {
  it('refuses a wrong answer and confirms the account id', async () => {
    let confirmed = 0;
    const ui = await renderTui(
      <ConfirmDialog
        title="Terminate 2 instances"
        expected={['123456789012', 'prod']}
        expectedLabel="the account id or alias"
        onConfirm={() => confirmed++}
        onCancel={() => {}}
      />,
    );
    expect(ui.frame()).toContain('Type the account id or alias');
    await ui.press('staging', keys.enter);
    expect(ui.frame()).toContain('"staging" does not match');
    expect(confirmed).toBe(0);
    await ui.press(...'staging'.split('').map(() => keys.backspace), 'prod', keys.enter);
    expect(confirmed).toBe(1);
    await ui.unmount();
  });

  it('a character and Enter in one chunk still confirm with the full text', async () => {
    let confirmed = 0;
    const ui = await renderTui(
      <ConfirmDialog title="x" expected={['ab']} onConfirm={() => confirmed++} onCancel={() => {}} />,
    );
    await ui.press('a', `b${keys.enter}`);
    expect(confirmed).toBe(1);
    await ui.unmount();
  });

  it('y/n mode and Escape cancels', async () => {
    const calls: string[] = [];
    const ui = await renderTui(
      <ConfirmDialog title="Undo?" onConfirm={() => calls.push('yes')} onCancel={() => calls.push('no')} />,
    );
    expect(ui.frame()).toContain('y to confirm');
    await ui.press('n', keys.escape, keys.enter, 'y');
    expect(calls).toEqual(['no', 'no', 'yes']);
    await ui.unmount();
  });
});

describe('Header', () => {
  const info = {
    account: '123456789012',
    alias: 'shop-prod',
    caller: 'arn:aws:sts::123456789012:assumed-role/Admin/alice',
    region: 'eu-west-1',
    sandbox: false,
    readOnly: true,
    dryRun: true,
  };
  it('shows account, alias, caller, region, badges and clock at 80 columns (no halt hint when read-only)', async () => {
    const ui = await renderTui(<Header info={info} elapsedMs={3_723_000} width={80} active={2} />);
    const f = ui.frame();
    for (const s of [
      '123456789012 (shop-prod)',
      'eu-west-1',
      'assumed-role/Admin/alice',
      '[LIVE AWS]',
      '[READ-ONLY]',
      '[DRY-RUN]',
      '01:02:03',
      '2 active',
    ])
      expect(f).toContain(s);
    expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(f).not.toContain('h halt');
    await ui.unmount();
  });
  it('says SANDBOX in the sandbox', async () => {
    const ui = await renderTui(
      <Header info={{ ...info, sandbox: true, readOnly: false }} elapsedMs={0} width={80} />,
    );
    expect(ui.frame()).toContain('[SANDBOX]');
    expect(ui.frame()).toContain('h halt+undo');
    expect(ui.frame()).not.toContain('READ-ONLY');
    await ui.unmount();
  });
  it('shortens caller ARNs', () => {
    expect(shortCaller('arn:aws:iam::1:user/bob')).toBe('user/bob');
  });
});

describe('theme', () => {
  it('NO_COLOR removes every colour, and frames carry no colour codes', async () => {
    const plain = themeFor({ NO_COLOR: '1' });
    expect(plain.colour).toBe(false);
    expect(plain.status.error).toBeUndefined();
    expect(themeFor({}).status.error).toBe('red');
    const ui = await renderTui(
      <Header
        info={{ region: 'r', sandbox: true, readOnly: false, dryRun: false }}
        elapsedMs={0}
        width={80}
      />,
      {
        theme: plain,
      },
    );
    expect(ui.rawFrame()).not.toContain(`${String.fromCharCode(27)}[3`);
    await ui.unmount();
  });
});
