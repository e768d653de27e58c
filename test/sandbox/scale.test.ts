// The large world's scale knob (the growth benchmark builds 4x and 16x): every count multiplies,
// names keep their 1x width until the count needs more digits, and a bad scale is refused.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';

describe('sandbox scale', () => {
  it('2x the large world has twice the instances, groups, clusters and alarms', () => {
    const one = createSandbox({ size: 'large', clock: 'virtual' });
    const two = createSandbox({ size: 'large', clock: 'virtual', scale: 2 });
    const counts = (sb: typeof one) => ({
      instances: sb.world.instances.size,
      asgs: sb.world.asgs.size,
      alarms: sb.world.alarms.size,
    });
    expect(counts(one)).toEqual({ instances: 10_000, asgs: 500, alarms: 2_000 });
    expect(counts(two)).toEqual({ instances: 20_000, asgs: 1_000, alarms: 4_000 });
    expect(one.world.asgs.has('asg-007')).toBe(true);
    expect(two.world.asgs.has('asg-007')).toBe(true);
    expect(two.world.asgs.has('asg-999')).toBe(true);
    one.close();
    two.close();
  });

  it('refuses a scale that is not a whole number from 1', () => {
    expect(() => createSandbox({ size: 'large', clock: 'virtual', scale: 0.5 })).toThrow(
      'sandbox scale must be a whole number from 1 (got 0.5)',
    );
  });
});
