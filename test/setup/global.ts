// vitest global setup: makes moto available to the contract suites, one server per test worker so
// files running in parallel never reset each other's world. Uses GAMEDAY_MOTO_ENDPOINT (started by
// .ci/run) for the first worker; starts the others itself and stops them by PID. Without moto the
// contract suites are skipped and say so (unless GAMEDAY_REQUIRE_MOTO=1).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const started: string[] = [];

function startMoto(index: number): { endpoint?: string; error?: string } {
  const stateDir = mkdtempSync(join(tmpdir(), 'gameday-moto-'));
  const port = String(15000 + ((process.pid * 7 + index) % 20000));
  const up = spawnSync('bash', ['scripts/moto-up.sh'], {
    env: { ...process.env, MOTO_STATE_DIR: stateDir, MOTO_PORT: port },
    encoding: 'utf8',
  });
  if (up.status !== 0) return { error: up.stderr.trim() || `moto-up exited ${up.status}` };
  started.push(stateDir);
  return { endpoint: readFileSync(join(stateDir, 'env'), 'utf8').match(/=(\S+)/)?.[1] };
}

export async function setup(project: TestProject): Promise<void> {
  const workers = project.config.maxWorkers ?? Math.max(availableParallelism() - 1, 1);
  const endpoints: string[] = [];
  if (process.env.GAMEDAY_MOTO_ENDPOINT) endpoints.push(process.env.GAMEDAY_MOTO_ENDPOINT);
  if (process.env.GAMEDAY_NO_MOTO !== '1') {
    while (endpoints.length < workers) {
      const r = startMoto(endpoints.length);
      if (r.endpoint) {
        endpoints.push(r.endpoint);
        continue;
      }
      if (process.env.GAMEDAY_REQUIRE_MOTO === '1') throw new Error(`moto could not start: ${r.error}`);
      if (!endpoints.length)
        process.stdout.write(`\n  contract suite SKIPPED: moto is not available (${r.error})\n\n`);
      break;
    }
  }
  project.provide('motoEndpoints', endpoints);
}

export async function teardown(): Promise<void> {
  for (const stateDir of started)
    spawnSync('bash', ['scripts/moto-down.sh'], { env: { ...process.env, MOTO_STATE_DIR: stateDir } });
}

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoints: string[];
  }
}
