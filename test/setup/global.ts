// vitest global setup: makes moto available to the contract suite. Uses GAMEDAY_MOTO_ENDPOINT when
// .ci/run already started one; otherwise starts moto itself on a free port and stops it by PID.
// Without moto, the contract suite is skipped and says so (unless GAMEDAY_REQUIRE_MOTO=1).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

let stateDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let endpoint = process.env.GAMEDAY_MOTO_ENDPOINT;
  if (!endpoint && process.env.GAMEDAY_NO_MOTO !== '1') {
    stateDir = mkdtempSync(join(tmpdir(), 'gameday-moto-'));
    const port = String(15000 + (process.pid % 20000));
    const up = spawnSync('bash', ['scripts/moto-up.sh'], {
      env: { ...process.env, MOTO_STATE_DIR: stateDir, MOTO_PORT: port },
      encoding: 'utf8',
    });
    if (up.status === 0) endpoint = readFileSync(join(stateDir, 'env'), 'utf8').match(/=(\S+)/)?.[1];
    else {
      stateDir = undefined;
      if (process.env.GAMEDAY_REQUIRE_MOTO === '1')
        throw new Error(`moto could not start: ${up.stderr.trim()}`);
      process.stdout.write(`\n  contract suite SKIPPED: moto is not available (${up.stderr.trim()})\n\n`);
    }
  }
  project.provide('motoEndpoint', endpoint ?? '');
}

export async function teardown(): Promise<void> {
  if (stateDir)
    spawnSync('bash', ['scripts/moto-down.sh'], { env: { ...process.env, MOTO_STATE_DIR: stateDir } });
}

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}
