// An endpoint that never answers is an AWS failure with a name: the call, the endpoint and what to
// check; the console's --on-error policy then treats it as one (not as a bug in a probe).
import { describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { AwsCallError } from '../../src/aws/errors.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { explainFailure } from '../../src/tui/wiring/aws-failure.js';

describe('an endpoint that refuses the connection', () => {
  it('fails the call as an AwsCallError naming the call and the endpoint, which the policy acts on', async () => {
    const ctx = await AwsContext.create({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 1,
      requestTimeoutMs: 2000,
      env: {},
    });
    try {
      const err = await sdkCall(ctx)('ec2', 'DescribeInstances', {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AwsCallError);
      expect((err as AwsCallError).kind).toBe('unreachable');
      expect((err as Error).message).toMatch(
        /^ec2:DescribeInstances: http:\/\/127\.0\.0\.1:9 refused the connection \(ECONNREFUSED\)/,
      );
      const failure = explainFailure(new Error('activity failed', { cause: err }), 'i-0abc');
      expect(failure.aws).toBe(true);
      expect(failure.text).toContain('ec2:DescribeInstances');
    } finally {
      await ctx.destroy();
    }
  });
});
