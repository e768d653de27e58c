// Harness for the sandbox tests: a sandbox on the virtual clock, an AwsContext wired to it with
// the real SDK clients, and `permitted` for setup/attack calls (the product sends those through
// the guard; tests hold the permit as fixtures do).
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { STSClient } from '@aws-sdk/client-sts';
import { AwsContext } from '../../src/aws/clients.js';
import { runPermitted } from '../../src/aws/mutations.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

/** A sandbox plus clients. */
export interface Rig {
  sb: Sandbox;
  ctx: AwsContext;
  ec2: EC2Client;
  asg: AutoScalingClient;
  ecs: ECSClient;
  cw: CloudWatchClient;
  sts: STSClient;
  /** Moves the virtual clock forward by `seconds`. */
  step(seconds: number): void;
  close(): Promise<void>;
}

/** Builds a sandbox (virtual clock unless told) and clients that go through its plugin. */
export async function rig(options: SandboxOptions = {}, maxAttempts?: number): Promise<Rig> {
  const sb = createSandbox({ clock: 'virtual', ...options });
  const ctx = await AwsContext.create({
    region: sb.region,
    credentials: sb.credentials,
    plugins: [sb.plugin],
    env: {},
    maxAttempts,
  });
  return {
    sb,
    ctx,
    ec2: await ctx.client('ec2'),
    asg: await ctx.client('autoscaling'),
    ecs: await ctx.client('ecs'),
    cw: await ctx.client('cloudwatch'),
    sts: await ctx.client('sts'),
    step: (seconds) => sb.clock.advance(seconds * 1000),
    close: async () => {
      await ctx.destroy();
      sb.close();
    },
  };
}

/** Runs a mutating call with the permit (fixtures and attacks in tests). */
export function permitted<T>(fn: () => Promise<T>): Promise<T> {
  return runPermitted('sandbox-test', fn);
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failure(
  p: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
