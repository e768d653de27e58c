// On the sandbox at --speed N an experiment's pause lasts sandbox time (N times shorter on the
// wall); against AWS or at speed 1 the engine's real-time sleep is kept; a bad speed is one line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sandboxSleep } from '../../src/commands/sandbox-time.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sandboxSleep', () => {
  it('makes a 300 s pause 15 s of wall time at --speed 20', async () => {
    vi.useFakeTimers();
    const sleep = sandboxSleep(true, '20')!;
    let done = false;
    void sleep(300_000, new AbortController().signal).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('keeps real time against AWS, without --speed, and at speed 1', () => {
    expect(sandboxSleep(false, '20')).toBeUndefined();
    expect(sandboxSleep(true, undefined)).toBeUndefined();
    expect(sandboxSleep(true, '1')).toBeUndefined();
  });

  it('refuses a speed that is not a positive number, naming the flag', () => {
    expect(() => sandboxSleep(true, 'fast')).toThrow('--speed takes a positive speed factor, not "fast"');
  });
});
