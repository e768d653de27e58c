// AWS faults through a proxy in front of moto: throttling, 5xx, connection resets and slow
// answers. Discovery either completes (retrying) with the same inventory, or ends with one clear
// error; never an unhandled rejection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { discover } from '../../src/aws/discovery/index.js';
import { AwsCallError } from '../../src/aws/errors.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { seedWorld } from './seed.js';
import { motoTarget } from './targets.js';

const moto = motoTarget();

describe.skipIf(moto.skip)('discovery under AWS faults (fault proxy in front of moto)', () => {
  let baseline: Awaited<ReturnType<typeof discover>>;
  let endpoint = '';
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const ctx = await moto.open();
    await seedWorld(ctx);
    baseline = await discover(ctx);
    endpoint = ctx.settings.endpoint!;
    await ctx.destroy();
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  const through = async (proxy: FaultProxy, maxAttempts = 5) =>
    AwsContext.create({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts,
      requestTimeoutMs: 2000,
      env: {},
    });
  const strip = (inv: typeof baseline) => ({ ...inv, endpoint: '', discoveredAt: '' });

  it('at a 25% mix of throttling, 5xx, resets and slow answers, retries bring back the same inventory', async () => {
    const proxy = await startFaultProxy(endpoint, {
      rates: { throttle: 0.1, 'server-error': 0.05, reset: 0.05, slow: 0.05 },
      slowMs: 200,
      seed: 42,
    });
    const ctx = await through(proxy, 8);
    const inv = await discover(ctx);
    expect(strip(inv)).toEqual(strip(baseline));
    const injected = Object.values(proxy.injected).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(0);
    expect(ctx.counter.total).toBe(Object.values(ctx.counter.toJSON()).reduce((a, b) => a + b, 0));
    await ctx.destroy();
    await proxy.close();
    expect(unhandled).toEqual([]);
  });

  it('when every ECS call is throttled, ECS becomes a named gap and the rest is listed', async () => {
    const proxy = await startFaultProxy(endpoint, { rates: { throttle: 1 }, services: ['ecs'] });
    const ctx = await through(proxy, 2);
    const inv = await discover(ctx);
    expect(inv.instances).toHaveLength(baseline.instances.length);
    expect(inv.clusters).toEqual([]);
    expect(inv.gaps).toHaveLength(1);
    expect(inv.gaps[0]!.message).toMatch(/^ecs:ListClusters: AWS kept throttling the call after 2 attempts/);
    await ctx.destroy();
    await proxy.close();
  });

  it('when every call fails with 503, discovery ends with one clear error', async () => {
    const proxy = await startFaultProxy(endpoint, { rates: { 'server-error': 1 } });
    const ctx = await through(proxy, 2);
    const err = await discover(ctx).catch((e) => e);
    expect(err).toBeInstanceOf(AwsCallError);
    expect(err.message).toMatch(/^sts:GetCallerIdentity: the endpoint failed \(HTTP 503/);
    expect(err.message).not.toContain('\n');
    await ctx.destroy();
    await proxy.close();
    expect(unhandled).toEqual([]);
  });
});
