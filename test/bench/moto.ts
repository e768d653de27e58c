// Starts a private moto for a benchmark (own port and state dir) and stops it by PID.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running moto: its endpoint and how to stop it. */
export interface MotoServer {
  endpoint: string;
  stop(): void;
}

/** Starts moto via scripts/moto-up.sh, or returns the reason it cannot. */
export function startMoto(): MotoServer | string {
  const stateDir = mkdtempSync(join(tmpdir(), 'gameday-bench-moto-'));
  const port = String(25000 + (process.pid % 10000));
  const env = { ...process.env, MOTO_STATE_DIR: stateDir, MOTO_PORT: port };
  const up = spawnSync('bash', ['scripts/moto-up.sh'], { env, encoding: 'utf8' });
  if (up.status !== 0) return up.stderr.trim() || `moto-up exited ${up.status}`;
  const endpoint = readFileSync(join(stateDir, 'env'), 'utf8').match(/=(\S+)/)![1]!;
  return { endpoint, stop: () => spawnSync('bash', ['scripts/moto-down.sh'], { env }) };
}
