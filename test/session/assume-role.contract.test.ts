// chaosaws' `aws_assume_role_arn`: an experiment that names a role acts in the role's account.
// moto keeps one world per account and gives AssumeRole credentials the role's account, so an
// instance launched as the role exists only there: the run finds it only if it assumed the role.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { motoTarget } from '../contract/targets.js';
import { instanceStates, launchOptedIn, motoEnv, stopOneByOne } from '../hardening/moto.js';
import { ensureBuilt, onlyRecording, startCli, workdir, writeExperiment } from '../hardening/support.js';
import { runCli } from '../support/cli.js';
import { motoEndpoint } from '../support/moto.js';

const ROLE = 'arn:aws:iam::111111111111:role/gameday-chaos';
const moto = motoTarget();
let asRole: AwsContext;
beforeAll(async () => {
  ensureBuilt();
  if (moto.skip) return;
  asRole = await AwsContext.create({
    endpoint: motoEndpoint(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    assumeRole: { roleArn: ROLE },
    env: {},
  });
});
afterAll(async () => asRole?.destroy());

/** Stop then start one instance, acting as `role` when given. */
function stopStart(id: string, configuration: Record<string, unknown>): unknown {
  const action = (name: string, func: string) => ({
    type: 'action',
    name,
    provider: { type: 'python', module: 'chaosaws.ec2.actions', func, arguments: { instance_ids: [id] } },
  });
  return {
    title: 'stop and start as a role',
    description: 'assume role',
    configuration,
    method: [action('stop-it', 'stop_instances'), action('start-it', 'start_instances')],
  };
}

async function run(experiment: unknown, endpoint: string) {
  const dir = workdir('role');
  const file = writeExperiment(dir, 'exp.json', experiment);
  const root = join(dir, 'rec');
  const journal = join(dir, 'journal.json');
  const r = await runCli(['run', file, '--record-dir', root, '--journal-path', journal], motoEnv(endpoint));
  const start = JSON.parse(
    readFileSync(join(onlyRecording(root), 'events.ndjson'), 'utf8').split('\n')[0]!,
  ).event;
  return { ...r, start, journal: JSON.parse(readFileSync(journal, 'utf8')) };
}

describe.skipIf(moto.skip)('aws_assume_role_arn', () => {
  it('the run acts in the role account, and the recording names that account', async () => {
    const [id] = await launchOptedIn(asRole, 1);
    const r = await run(stopStart(id!, { aws_assume_role_arn: ROLE }), motoEndpoint());
    expect(r.status, r.stderr).toBe(0);
    expect(r.journal.status).toBe('completed');
    expect(r.journal.run.map((x: { status: string }) => x.status)).toEqual(['succeeded', 'succeeded']);
    expect(r.journal.run[0].output[0].StoppingInstances[0].InstanceId).toBe(id);
    expect(r.start.accountId).toBe('111111111111');
    expect(await instanceStates(asRole, [id!])).toEqual(['running']);
  });

  it('a run killed as the role is recovered as the role: recover undoes in the role account', async () => {
    const [id] = await launchOptedIn(asRole, 1);
    const dir = workdir('role-kill');
    const experiment = {
      ...(stopOneByOne([id!], 60) as object),
      configuration: { aws_assume_role_arn: ROLE },
    };
    const file = writeExperiment(dir, 'exp.json', experiment);
    const env = motoEnv(motoEndpoint());
    const child = startCli(['run', file, '--record-dir', 'rec'], { cwd: dir, env });
    for (let i = 0; i < 200 && (await instanceStates(asRole, [id!]))[0] !== 'stopped'; i++)
      await new Promise((ok) => setTimeout(ok, 50));
    expect(await instanceStates(asRole, [id!])).toEqual(['stopped']);
    child.proc.kill('SIGKILL');
    await child.exit;
    const recording = onlyRecording(join(dir, 'rec'));
    const start = JSON.parse(readFileSync(join(recording, 'events.ndjson'), 'utf8').split('\n')[0]!).event;
    expect(start.assumedRole).toEqual({ arn: ROLE, sessionName: 'ChaosToolkit' });
    const r = await runCli(['recover', '--record-dir', join(dir, 'rec'), '--yes'], env);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('undone #');
    expect(await instanceStates(asRole, [id!])).toEqual(['running']);
  });

  it('without the role, the same instance is not found in the default account', async () => {
    const [id] = await launchOptedIn(asRole, 1);
    const r = await run(stopStart(id!, {}), motoEndpoint());
    expect(r.start.accountId).toBe('123456789012');
    expect(r.journal.run[0].status).toBe('failed');
    expect(r.journal.run[0].exception.join('')).toContain('InvalidInstanceID.NotFound');
    expect(await instanceStates(asRole, [id!])).toEqual(['running']);
  });
});

describe('aws_assume_role_arn refused by STS', () => {
  let server: Server;
  let endpoint = '';
  beforeAll(async () => {
    ensureBuilt();
    // An endpoint that refuses every AssumeRole as AWS does (awsQuery error, HTTP 403).
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/ops is not authorized to perform: sts:AssumeRole on resource: ${ROLE}</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
        );
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('the activity fails naming the role and what the caller needs; nothing is changed', async () => {
    const r = await run(stopStart('i-0123456789abcdef0', { aws_assume_role_arn: ROLE }), endpoint);
    expect(r.journal.run[0].status).toBe('failed');
    const said = `${r.stderr}\n${r.journal.run[0].exception.join('')}`;
    expect(said).toContain(`sts:AssumeRole of ${ROLE} was denied`);
    expect(said).toContain('trust policy');
    expect(r.start.accountId).toBeNull();
  });
});
