// AWS faults while undoing. Through the fault proxy in front of moto (throttling in each service's
// protocol, 503s, connection resets, slow answers at a set rate) a recorded `gameday run` is
// interrupted during a pause: it ends with a clear outcome (no stack trace, no unhandled
// rejection) and every undo is done, retried with backoff. When the undo cannot succeed (EC2
// answers 503 to everything), the operator is told exactly what is left and the command that
// finishes it, and that command does once the faults stop. The sandbox's fault knobs do the same
// in-process, where an unhandled rejection would be caught by the listener.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkCall } from '../../src/aws/ops/call.js';
import { Guard } from '../../src/catalog/guard.js';
import { motoTarget } from '../contract/targets.js';
import { runCli } from '../support/cli.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { instanceStates, launchOptedIn, motoEnv, openMoto, stopOneByOne } from './moto.js';
import { ensureBuilt, onlyRecording, startCli, undoAccount, workdir, writeExperiment } from './support.js';
import { recordTally } from './tally.js';

const moto = motoTarget();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  ensureBuilt();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** What a user must never see: a stack trace or node's unhandled-rejection report. */
function noCrashOutput(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(stderr).not.toMatch(/Unhandled|UnhandledPromiseRejection|triggerUncaughtException/);
}

describe.skipIf(moto.skip)('gameday run through a fault proxy in front of moto', () => {
  for (const seed of [1, 2, 3, 4])
    it(`faults at 40% (seed ${seed}): the run ends clearly and every change is undone`, async () => {
      const ctx = await openMoto();
      const ids = await launchOptedIn(ctx, 3);
      const proxy = await startFaultProxy(ctx.settings.endpoint!, {
        rates: { throttle: 0.15, 'server-error': 0.1, reset: 0.05, slow: 0.1 },
        slowMs: 300,
        seed,
      });
      const dir = workdir('faults');
      const file = writeExperiment(dir, 'exp.json', stopOneByOne(ids, 0.1, 600));
      const child = startCli(['run', file, '--record-dir', 'rec', '--journal-path', 'j.json'], {
        cwd: dir,
        env: motoEnv(proxy.endpoint),
      });
      await child.waitFor('Pausing after activity for 600s');
      child.proc.kill('SIGINT');
      const code = await child.exit;
      const injected = Object.values(proxy.injected).reduce((a, b) => a + b, 0);
      await proxy.close();
      const a = undoAccount(onlyRecording(join(dir, 'rec')));
      const states = await instanceStates(ctx, ids);
      const done = a.pending.length === 0 && states.every((s) => s === 'running');
      recordTally('faults', `proxy seed ${seed}`, `${injected} faults injected`, done);
      noCrashOutput(child.stderr());
      expect(code).toBe(1);
      expect(child.stderr()).toContain('Experiment ended with status: interrupted');
      expect(injected).toBeGreaterThan(0);
      expect(a.recorded.length).toBeGreaterThan(0);
      expect(a.pending).toEqual([]);
      expect(states).toEqual(['running', 'running', 'running']);
      await ctx.destroy();
    }, 120_000);

  it('an undo EC2 keeps refusing: retried, then the operator is told what is left and how to finish', async () => {
    const ctx = await openMoto();
    const ids = await launchOptedIn(ctx, 1);
    const proxy = await startFaultProxy(ctx.settings.endpoint!, { rates: {}, services: ['ec2'] });
    const dir = workdir('faults-left');
    const env = motoEnv(proxy.endpoint);
    const file = writeExperiment(dir, 'exp.json', stopOneByOne(ids, 600));
    const child = startCli(['run', file, '--record-dir', 'rec', '--journal-path', 'j.json'], {
      cwd: dir,
      env,
    });
    await child.waitFor('Pausing after activity for 600s');
    proxy.plan.rates = { 'server-error': 1 };
    const before = proxy.injected['server-error'];
    child.proc.kill('SIGTERM');
    const code = await child.exit;
    const rec = onlyRecording(join(dir, 'rec'));
    const attempts = proxy.injected['server-error'] - before;
    noCrashOutput(child.stderr());
    expect(code).toBe(1);
    // the guard tried again and again (each guard attempt is itself retried by the SDK)
    expect(attempts).toBeGreaterThanOrEqual(8);
    expect(child.stderr()).toContain(`1 change(s) could not be undone: start ${ids[0]}`);
    expect(child.stderr()).toContain(
      `Finish with \`gameday recover ${join('rec', rec.split('/').at(-1)!)}\``,
    );
    expect(undoAccount(rec).pending).toHaveLength(1);
    expect(await instanceStates(ctx, ids)).toEqual(['stopped']);

    proxy.plan.rates = {};
    const r = await runCli(['recover', join(dir, rec.slice(dir.length + 1)), '--yes'], env);
    await proxy.close();
    noCrashOutput(r.stderr);
    expect(r.status).toBe(0);
    expect(await instanceStates(ctx, ids)).toEqual(['running']);
    expect(undoAccount(rec).pending).toEqual([]);
    recordTally('faults', 'EC2 refusing every undo', 'told what is left, recover finished it', true);
    await ctx.destroy();
  }, 240_000);
});

describe('sandbox fault knobs on undo', () => {
  it('throttled and failing StartInstances: undos retry with backoff until done, no unhandled rejection', async () => {
    const { createSandbox } = await import('../../src/sandbox/index.js');
    const { AwsContext } = await import('../../src/aws/clients.js');
    const sandbox = createSandbox({ size: 'default', clock: 'virtual', seed: 3 });
    const ctx = await AwsContext.create({
      region: sandbox.region,
      credentials: sandbox.credentials,
      plugins: [sandbox.plugin],
      maxAttempts: 1,
      env: {},
    });
    const waits: number[] = [];
    const guard = new Guard({
      sleep: async (ms) => {
        waits.push(ms);
        sandbox.clock.advance(ms);
      },
    });
    const aws = sdkCall(ctx);
    const running = [...sandbox.world.instances.values()]
      .map((i) => ({ ...i, tagMap: Object.fromEntries(i.tags.map((t) => [t.Key, t.Value])) }))
      // the batch hosts: no Auto Scaling group replaces them while they are stopped
      .filter(
        (i) => i.state === 'running' && i.tagMap['chaos:allowed'] === 'true' && i.tagMap.team === 'data',
      );
    expect(running.length).toBe(2);
    const attack = guard.attack('stop', aws);
    for (const inst of running)
      await attack.mutate({
        targets: [{ kind: 'instances', id: inst.id, tags: inst.tagMap }],
        call: { service: 'ec2', operation: 'StopInstances', input: { InstanceIds: [inst.id] } },
        undo: [{ service: 'ec2', operation: 'StartInstances', input: { InstanceIds: [inst.id] } }],
      });
    sandbox.clock.advance(120_000);
    sandbox.faults.set({ service: 'ec2', operation: 'StartInstances', error: 'InternalError', count: 3 });
    sandbox.faults.set({ service: 'ec2', operation: 'StartInstances', error: 'throttle', count: 2 });
    sandbox.faults.set({ service: 'ec2', operation: 'StartInstances', error: 'InternalError', rate: 0.3 });
    const r = await guard.undoAll();
    recordTally(
      'faults',
      'sandbox knobs: 5 faults in a row, then 30% InternalError',
      'undos done',
      r.failed.length === 0,
    );
    expect(r.failed).toEqual([]);
    expect(r.undone).toBe(2);
    // backed off 1 s, 2 s, 4 s ... (capped at 15 s) between attempts, starting again for each undo
    expect(waits.length).toBeGreaterThanOrEqual(5);
    expect(waits.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 15000]);
    for (const w of waits) expect([1000, 2000, 4000, 8000, 15000]).toContain(w);
    sandbox.clock.advance(120_000);
    expect(running.map((i) => sandbox.world.instances.get(i.id)?.state)).toEqual(['running', 'running']);
    expect(unhandled).toEqual([]);
    await ctx.destroy();
    sandbox.close();
  });
});
