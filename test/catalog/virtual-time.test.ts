// The sandbox on virtual time (benchmarks, tests): waits advance the sandbox's clock, so undoing a
// stop while the instance is still "stopping" completes at once instead of after real seconds.
import { describe, expect, it } from 'vitest';
import { loadFunctionRegistry } from '../../src/commands/functions.js';

const ctx = {
  configuration: {},
  secrets: {},
  signal: new AbortController().signal,
  dry: false,
  activityName: 'stop',
};

describe('loadFunctionRegistry on the sandbox with virtual time', () => {
  it('undoes a stop of an instance still stopping by moving the sandbox clock, not by waiting', async () => {
    const fns = await loadFunctionRegistry({ sandbox: true, sandboxVirtualTime: true });
    const stop = fns.registry.get('gameday.actions', 'stop_instances')!;
    const count = fns.registry.get('gameday.probes', 'instance_count')!;
    await stop.call({ tags: { Name: 'batch-2' } }, ctx);
    expect(await count.call({ tags: { Name: 'batch-2' }, states: ['stopping'] }, ctx)).toBe(1);
    // Nothing moves a virtual sandbox but waits: the undo's retries (backing off 1 s, 2 s, ...)
    // must advance it until the instance has stopped and can start again.
    expect(await fns.undoAll()).toEqual({ undone: 1, failed: [] });
    expect(await count.call({ tags: { Name: 'batch-2' }, states: ['pending', 'running'] }, ctx)).toBe(1);
    await fns.close();
  });
});
