// The Session is the one place everything is recorded: a note typed in the live view or through
// the session is written once; loop events arriving both by onEvent and by attachLoop are written
// once; ticks become metric-points and probe-samples; the attack's targets come from the guard.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecording } from '../../src/session/recording.js';
import { Session } from '../../src/session/session.js';
import { SteadyLoop } from '../../src/steady/loop.js';
import { fakeClock, tempRoot } from './support.js';

describe('Session', () => {
  it('records each note, loop event, tick and attack once, whichever way it arrives', async () => {
    const clock = fakeClock();
    const s = Session.open(
      { title: 'once', region: 'us-east-1', sandbox: true },
      { root: tempRoot(), now: clock.now },
    );
    const loop = new SteadyLoop({
      clock: clock.loopClock,
      maxProbeFailures: 0,
      probes: [{ id: 'p', title: 'p', tolerance: '== 1', run: async () => 2, check: (v) => v === 1 }],
      onEvent: (e) => s.steadyEvent(e),
    });
    const off = s.attachLoop(loop);
    await loop.tick();
    loop.note('typed in the live view');
    s.note('typed through the session');
    const id = s.attackStart({
      title: 'Stop',
      module: 'chaosaws.ec2.actions',
      func: 'stop_instances',
      arguments: {},
      targets: [],
    });
    s.guardEvent({
      type: 'selection',
      attack: 'stop',
      quantity: 'COUNT(1)',
      seed: 9,
      candidates: ['i-1', 'i-2'],
      chosen: ['i-2'],
    });
    s.guardEvent({
      type: 'change',
      attack: 'stop',
      call: { service: 'ec2', operation: 'StopInstances', input: {} },
      targets: ['i-2'],
      undo: null,
    });
    s.attackEnd(id, { ok: true });
    await loop.tick();
    off();
    s.close();
    const rec = loadRecording(s.dir);
    const types = rec.session.map((e) => e.type);
    expect(rec.session.filter((e) => e.type === 'note').map((e) => (e as { text: string }).text)).toEqual([
      'typed in the live view',
      'typed through the session',
    ]);
    expect(
      rec.session.filter((e) => e.type === 'loop-event').map((e) => (e as { kind: string }).kind),
    ).toEqual(['probe-failed']);
    expect(types.filter((t) => t === 'probe-sample')).toHaveLength(2);
    expect(rec.session.find((e) => e.type === 'attack-start')).toMatchObject({ tick: 1 });
    expect(rec.session.find((e) => e.type === 'attack-end')).toMatchObject({
      targets: [{ kind: 'instances', id: 'i-2' }],
      selection: { quantity: 'COUNT(1)', seed: 9 },
    });
    // The loop shows the session's note and the attack markers (forwarded), once each.
    expect(loop.snapshot().events.filter((e) => e.kind === 'note')).toHaveLength(2);
    expect(loop.snapshot().markers.map((m) => m.kind)).toEqual(['start', 'end']);
    expect(types.at(-1)).toBe('session-end');
    expect(s.close()).toEqual(s.close());
  });

  it("a tick's samples of several probes are on disk, in order, as soon as the tick is recorded", async () => {
    const clock = fakeClock();
    const s = Session.open(
      { title: 'tick', region: 'us-east-1', sandbox: true },
      { root: tempRoot(), now: clock.now },
    );
    const probe = (id: string, v: number) => ({
      id,
      title: id,
      tolerance: '== 1',
      run: async () => v,
      check: (x: unknown) => x === 1,
    });
    const loop = new SteadyLoop({
      clock: clock.loopClock,
      maxProbeFailures: 0,
      probes: [probe('a', 1), probe('b', 1), probe('c', 2)],
    });
    const off = s.attachLoop(loop);
    await loop.tick();
    // Read the log while the session is still open: nothing waits for close.
    const lines = readFileSync(join(s.dir, 'events.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const samples = lines.filter((l) => l.event.type === 'probe-sample');
    expect(samples.map((l) => [l.event.probe, l.event.ok])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.some((l) => l.event.type === 'loop-event' && l.event.kind === 'probe-failed')).toBe(true);
    off();
    s.close();
  });
});
