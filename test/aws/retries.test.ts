// Throttled calls are retried by the SDK (adaptive mode) and counted once as a call.
import { DescribeInstancesCommand, EC2ServiceException } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import type { ClientPlugin } from '../../src/aws/types.js';

/** Answers each call itself, throttling its first `failures` attempts. */
function throttleThenAnswer(failures: number): ClientPlugin & { attempts: number } {
  const plugin = {
    name: 'throttle',
    attempts: 0,
    apply(client: Parameters<ClientPlugin['apply']>[0]) {
      client.middlewareStack.add(
        () => async () => {
          plugin.attempts++;
          if (plugin.attempts <= failures)
            throw new EC2ServiceException({
              name: 'RequestLimitExceeded',
              $fault: 'client',
              $metadata: { httpStatusCode: 503 },
              message: 'Request limit exceeded.',
            });
          return { output: { Reservations: [], $metadata: { httpStatusCode: 200 } }, response: {} };
        },
        { step: 'finalizeRequest', priority: 'low', name: 'throttleThenAnswer' },
      );
    },
  };
  return plugin;
}

describe('retries', () => {
  it('a throttled call succeeds after retries; the counter shows one call and three attempts', async () => {
    const plugin = throttleThenAnswer(2);
    const ctx = await AwsContext.create({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      plugins: [plugin],
      env: {},
    });
    const ec2 = await ctx.client('ec2');
    const out = await ec2.send(new DescribeInstancesCommand({}));
    expect(out.Reservations).toEqual([]);
    expect(plugin.attempts).toBe(3);
    expect(ctx.counter.toJSON()).toEqual({ 'ec2:DescribeInstances': 1 });
    expect(ctx.counter.attempts.get('ec2:DescribeInstances')).toBe(3);
    await ctx.destroy();
  });

  it('gives up after the attempt limit and reports the throttling', async () => {
    const plugin = throttleThenAnswer(100);
    const ctx = await AwsContext.create({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      plugins: [plugin],
      maxAttempts: 2,
      env: {},
    });
    const ec2 = await ctx.client('ec2');
    await expect(ec2.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
    });
    expect(plugin.attempts).toBe(2);
    await ctx.destroy();
  });
});
