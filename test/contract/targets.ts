// The backends the contract suite runs against: moto (a third-party AWS emulator on 127.0.0.1)
// and, once it exists, the sandbox. Each test file runs the same assertions on each target.
import { inject } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';

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
  const endpoint = inject('motoEndpoint');
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

/** Every contract target. */
export function contractTargets(): ContractTarget[] {
  return [motoTarget()];
}
