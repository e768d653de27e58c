// `gameday review` in the console: the live view fed by the playback, with the playback bar and
// its keys (space plays/pauses, arrows seek, 1/2/3 pick 1x/10x/60x, q quits). No AWS anywhere.
import { describe, expect, it } from 'vitest';
import { Playback } from '../../src/session/playback.js';
import { loadRecording } from '../../src/session/recording.js';
import { ReviewScreen } from '../../src/tui/screens/ReviewScreen.js';
import { keys, renderTui } from '../tui/render.js';

const EXAMPLE = 'recordings/20260105T090000Z-stop-one-web-instance';

function manualClock() {
  let now = 0;
  let fn: (() => void) | undefined;
  return {
    now: () => now,
    setInterval: (f: () => void) => {
      fn = f;
      return 1;
    },
    clearInterval: () => {
      fn = undefined;
    },
    pass(ms: number) {
      now += ms;
      fn?.();
    },
  };
}

describe('ReviewScreen', () => {
  it('plays the recording in the live view, with seek, speed, pause and quit', async () => {
    const clock = manualClock();
    const playback = new Playback(loadRecording(EXAMPLE), { clock });
    let exited = false;
    const ui = await renderTui(
      <ReviewScreen playback={playback} width={100} height={30} onExit={() => (exited = true)} />,
    );
    expect(ui.frame()).toContain('Review · Stop one web instance');
    expect(ui.frame()).toContain('‖ paused 1x  00:00 / 02:40');
    await ui.press(keys.space);
    expect(ui.frame()).toContain('▶ playing 1x');
    await ui.act(() => clock.pass(45_000));
    expect(ui.frame()).toContain('00:45 / 02:40');
    expect(ui.frame()).toContain('baseline: 6 of 6 healthy, no 5xx');
    expect(ui.frame()).not.toContain('the ASG still counts 6 healthy');
    await ui.press('3');
    expect(ui.frame()).toContain('▶ playing 60x');
    await ui.press(keys.right);
    expect(ui.frame()).toContain('01:45 / 02:40'); // +10 s per step at 1x, 60 s at 60x
    await ui.press(keys.space);
    expect(ui.frame()).toContain('‖ paused 60x');
    await ui.press(keys.left, keys.left);
    expect(ui.frame()).toContain('00:00 / 02:40');
    await ui.press('q');
    expect(exited).toBe(true);
    await ui.unmount();
  });
});
