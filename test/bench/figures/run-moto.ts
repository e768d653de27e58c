// A headless `gameday run` against moto, as whole processes: a short EC2 experiment (stop one
// opted-in instance, start it again, no pauses), the wall time from spawn to exit, min and median.
// Python's `chaos run` needs about 1.0 s for such a run on this machine (issue 10).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { AwsContext } from '../../../src/aws/clients.js';
import { runPermitted } from '../../../src/aws/mutations.js';
import { motoEnv } from '../../hardening/moto.js';
import { type FigureGroup, median } from '../figure.js';
import { type MotoServer, startMoto } from '../moto.js';

const RUNS = 11; // the first warms the disk cache and is not counted

let moto: MotoServer | string | undefined;

/** The experiment: stop the instance, then start it (chaosaws names, as `chaos run` would run it). */
function stopStart(id: string): unknown {
  const action = (name: string, func: string) => ({
    type: 'action',
    name,
    provider: { type: 'python', module: 'chaosaws.ec2.actions', func, arguments: { instance_ids: [id] } },
  });
  return {
    version: '1.0.0',
    title: 'stop one instance and start it again',
    description: 'bench: the shortest real EC2 experiment',
    method: [action('stop-it', 'stop_instances'), action('start-it', 'start_instances')],
    rollbacks: [],
  };
}

/** Launches one instance tagged chaos:allowed=true in moto and returns its id. */
async function launch(endpoint: string): Promise<string> {
  const ctx = await AwsContext.create({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    env: {},
  });
  const ec2 = await ctx.client('ec2');
  const r = await runPermitted('bench-seed', () =>
    ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'chaos:allowed', Value: 'true' }] }],
      }),
    ),
  );
  await ctx.destroy();
  return r.Instances![0]!.InstanceId!;
}

/** Times `gameday run` of the experiment RUNS times; returns the times after the first. */
function timeRuns(file: string, dir: string, endpoint: string, extra: string[]): number[] {
  const env = { ...process.env, ...motoEnv(endpoint) };
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        'dist/cli.js',
        'run',
        file,
        '--journal-path',
        join(dir, 'journal.json'),
        '--record-dir',
        join(dir, 'rec'),
        ...extra,
      ],
      { env, encoding: 'utf8' },
    );
    const ms = performance.now() - started;
    if (r.status !== 0)
      throw new Error(`gameday run exited ${r.status}: ${r.stderr.split('\n').slice(-3).join(' ')}`);
    if (i > 0) times.push(ms);
  }
  return times;
}

/** The figure (and the same run without its recording, to show what recording costs). */
export const runMoto: FigureGroup = {
  name: 'run-moto',
  async skip() {
    moto = startMoto();
    return typeof moto === 'string' ? moto : undefined;
  },
  async measure() {
    const server = moto as MotoServer;
    const dir = mkdtempSync(join(tmpdir(), 'gameday-bench-run-'));
    try {
      const id = await launch(server.endpoint);
      const file = join(dir, 'stop-start.json');
      writeFileSync(file, JSON.stringify(stopStart(id)));
      const recorded = timeRuns(file, dir, server.endpoint, []);
      const bare = timeRuns(file, dir, server.endpoint, ['--no-record']);
      return [
        {
          figure: `gameday run (moto): stop + start one instance, whole process (median of ${RUNS - 1})`,
          target: '< 900 ms',
          targetValue: 900,
          measured: median(recorded),
          unit: 'ms',
          better: 'lower',
          note: `min ${Math.min(...recorded).toFixed(0)} ms; with --no-record min ${Math.min(...bare).toFixed(0)} ms, median ${median(bare).toFixed(0)} ms; chaos run ~1000 ms`,
        },
      ];
    } finally {
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
