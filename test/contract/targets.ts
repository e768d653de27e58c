// The backends the contract suite runs against: moto (a third-party AWS emulator on 127.0.0.1)
// and, once it exists, the sandbox. Each test file runs the same assertions on each target.
import { AwsContext } from '../../src/aws/clients.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { motoEndpoint } from '../support/moto.js';

const sandboxes = new WeakMap<AwsContext, Sandbox>();

/**
 * Lets simulated time pass on a sandbox context (2 minutes) so launches, stops and task starts
 * finish, as they do within minutes on AWS; moto applies them at once, so there it does nothing.
 */
export function settle(ctx: AwsContext): void {
  sandboxes.get(ctx)?.clock.advance(120_000);
}

/** A backend the contract tests can open fresh, empty clients on. */
export interface ContractTarget {
  name: string;
  /** Why the target is skipped, or undefined when it is available. */
  skip?: string;
  /** Operations whose page size the backend ignores (a known emulator gap, asserted elsewhere). */
  ignoresPageSize?: string[];
  /** Empties the backend and returns a context on it. */
  open(options?: { maxAttempts?: number }): Promise<AwsContext>;
}

/** moto on the endpoint the vitest global setup provides (skipped when moto is missing). */
export function motoTarget(): ContractTarget {
  const endpoint = motoEndpoint();
  return {
    name: 'moto',
    skip: endpoint ? undefined : 'moto is not available on this machine',
    // moto 5.2.1 returns everything in one page for these, whatever maxResults says.
    ignoresPageSize: ['ecs:ListClusters', 'ecs:ListServices', 'ecs:ListTasks', 'cloudwatch:DescribeAlarms'],
    async open(options) {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!r.ok) throw new Error(`moto reset failed: HTTP ${r.status}`);
      return AwsContext.create({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        maxAttempts: options?.maxAttempts,
        env: {},
      });
    },
  };
}

/** The sandbox, empty, on a virtual clock: the same SDK calls, answered by the simulated region. */
export function sandboxTarget(): ContractTarget {
  return {
    name: 'sandbox',
    async open(options) {
      const sandbox = createSandbox({ size: 'empty', clock: 'virtual', seed: 7 });
      const ctx = await AwsContext.create({
        region: sandbox.region,
        credentials: sandbox.credentials,
        plugins: [sandbox.plugin],
        maxAttempts: options?.maxAttempts,
        env: {},
      });
      sandboxes.set(ctx, sandbox);
      return ctx;
    },
  };
}

/** Every contract target: the suite runs once on each, with the same assertions. */
export function contractTargets(): ContractTarget[] {
  return [motoTarget(), sandboxTarget()];
}
