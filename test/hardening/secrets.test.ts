// Secrets planted everywhere an operator or an experiment might put them (configuration literals and
// env lookups, a `secrets` block's literals and env lookups, the process environment, a --var
// override, notes and the hypothesis typed in the console) must appear in no file any command writes
// and in no line any command prints: not as written, not base64-encoded, not JSON-escaped. The
// experiment even echoes some of them from a process activity (its stdout is in the journal).
// Paths: validate, run (journal, recording, stderr), review, report (Markdown and HTML), export
// (FIS, Chaos Toolkit), replay (its own recording and journal), recover, and a console session
// (services + Session on the sandbox, no terminal).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsContext } from '../../src/aws/clients.js';
import { discover } from '../../src/aws/discovery/index.js';
import { sdkCall } from '../../src/aws/ops/call.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { Session } from '../../src/session/session.js';
import { realClock } from '../../src/steady/loop.js';
import { rowsFor } from '../../src/tui/screens/inventory-rows.js';
import { buildServices } from '../../src/tui/wiring/services.js';
import { ensureBuilt, onlyRecording, startCli, workdir, writeExperiment } from './support.js';
import { recordTally } from './tally.js';

/** Every planted value, by where it was planted. */
const PLANTED = {
  'configuration literal (quote, backslash)': 'cfg-inline-pw-"Qx9\\zR7mK2',
  'configuration literal shaped like an access key id': 'AKIAQX7ZL3M9PLANTED1',
  'configuration env lookup': 'envcfg-tok-7Hq2Lm9Xw4',
  'configuration env lookup of a secret-named variable': 'envcfg-pw-Zt6Rk1Np8',
  'secrets block literal': 'sec-inline-Vb83kLq0pZ',
  'secrets block env lookup (custom variable)': 'custom-env-Jd5Ws3Fy0',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEPLANTED//////////wEaDHsessionTok3n0123456789abcdef',
  '--var override': 'var-override-Mc4Tg8Yb2',
  'note: labelled token': 'lbl-tok-Rf7Vn2Qs9Kp1',
  'note: bare GitHub token': 'ghp_PLANTEDx7Kq2Lm9Xw4Vb83kLq0pZJd5Ws3Fy0',
} as const;

const ENV = {
  GD_PLANT_API_TOKEN: PLANTED['configuration env lookup'],
  GD_PLANT_SERVICE_PASSWORD: PLANTED['configuration env lookup of a secret-named variable'],
  GD_PLANT_CUSTOM: PLANTED['secrets block env lookup (custom variable)'],
  AWS_SECRET_ACCESS_KEY: PLANTED.AWS_SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN: PLANTED.AWS_SESSION_TOKEN,
  AWS_ACCESS_KEY_ID: 'AKIAPLANTEDENV000001',
  AWS_CONFIG_FILE: '/nonexistent/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** The forms a value could leak in. */
function forms(value: string): string[] {
  const b64 = Buffer.from(value).toString('base64').replace(/=+$/, '');
  return [value, b64, JSON.stringify(value).slice(1, -1)];
}

const EXPERIMENT = {
  version: '1.0.0',
  title: 'secrets stay secret',
  description: 'hardening: planted credentials must not reach any artifact',
  configuration: {
    db_password: PLANTED['configuration literal (quote, backslash)'],
    aws_access_key_id: PLANTED['configuration literal shaped like an access key id'],
    api_token: { type: 'env', key: 'GD_PLANT_API_TOKEN' },
    upstream: { type: 'env', key: 'GD_PLANT_SERVICE_PASSWORD' },
    service_token: 'placeholder, overridden by --var',
  },
  secrets: {
    app: {
      signing: PLANTED['secrets block literal'],
      webhook: { type: 'env', key: 'GD_PLANT_CUSTOM' },
    },
  },
  method: [
    {
      // what a careless script does: print the secrets it was given (chaostoolkit journals stdout)
      type: 'action',
      name: 'echo-secrets',
      provider: {
        type: 'process',
        path: 'sh',
        arguments: [
          '-c',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Chaos Toolkit ${name} placeholders
          'printf "%s\\n" "${api_token}" "${upstream}" "${service_token}" "$GD_PLANT_CUSTOM" "$AWS_SESSION_TOKEN"; printf %s "$AWS_SECRET_ACCESS_KEY" | base64 -w0; echo; printf "signing=%s\\n" "${signing}"',
        ],
      },
    },
    {
      type: 'action',
      name: 'stop-batch',
      provider: {
        type: 'python',
        module: 'gameday.actions',
        func: 'stop_instances',
        arguments: { tags: { team: 'data', 'chaos:allowed': 'true' }, selection: 'ALL' },
        secrets: ['app'],
      },
    },
  ],
  rollbacks: [],
};

const dir = workdir('secrets');
const outputs: { what: string; text: string }[] = [];
const inputs = new Set<string>();

/** Runs the built CLI in `dir` with the planted environment; keeps its stdout and stderr. */
async function cli(args: string[]): Promise<number | null> {
  const child = startCli(args, { cwd: dir, env: { ...ENV, GAMEDAY_RECORD_DIR: join(dir, 'recordings') } });
  const status = await child.exit;
  outputs.push({ what: `gameday ${args.join(' ')}: stdout`, text: child.stdout() });
  outputs.push({ what: `gameday ${args.join(' ')}: stderr`, text: child.stderr() });
  return status;
}

function walk(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

beforeAll(() => ensureBuilt());

describe('secrets planted in configuration, secrets blocks, the environment and notes', () => {
  const saved = { ...process.env };
  afterAll(() => {
    for (const k of Object.keys(ENV)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('reach no file written and no line printed by any command', async () => {
    const file = writeExperiment(dir, 'exp.json', EXPERIMENT);
    inputs.add(file);
    const varFile = join(dir, 'vars.json');
    writeFileSync(varFile, JSON.stringify({ secrets: { app: { extra: PLANTED['secrets block literal'] } } }));
    inputs.add(varFile);

    expect(await cli(['validate', file])).toBe(0);
    const runStatus = await cli([
      'run',
      file,
      '--sandbox',
      '--record-dir',
      'rec',
      '--journal-path',
      'journal.json',
      '--var',
      `service_token=${PLANTED['--var override']}`,
      '--var-file',
      varFile,
    ]);
    const journal = JSON.parse(readFileSync(join(dir, 'journal.json'), 'utf8'));
    expect(journal.status, outputs.at(-1)!.text).toBe('completed');
    expect(runStatus).toBe(0);
    // the secret really went through: the echo ran and its output is in the journal (redacted)
    expect(JSON.stringify(journal.run[0].output)).toContain('***redacted***');
    const rec = onlyRecording(join(dir, 'rec'));
    expect(await cli(['review', rec])).toBe(0);
    expect(await cli(['report', rec, '--out', 'report.md'])).toBe(0);
    expect(await cli(['report', rec, '--html', '--out', 'report.html'])).toBe(0);
    expect(await cli(['report', rec])).toBe(0);
    expect(await cli(['export', rec, '--fis', '--out', 'fis.json'])).toBe(0);
    expect(await cli(['export', rec, '--chaostoolkit', '--out', 'ctk.json'])).toBe(0);
    await cli([
      'replay',
      rec,
      '--sandbox',
      '--speed',
      '100',
      '--headless',
      '--journal-path',
      'replay-journal.json',
    ]);
    await cli(['recover', '--record-dir', 'rec', '--yes']);

    // The console: services + Session on the sandbox, an operator pasting tokens into notes.
    Object.assign(process.env, ENV);
    const sandbox = createSandbox({ seed: 7, clock: 'virtual' });
    const ctx = await AwsContext.create({
      region: sandbox.region,
      credentials: sandbox.credentials,
      plugins: [sandbox.plugin],
      env: {},
    });
    try {
      const session = Session.open(
        { title: 'console with pasted tokens', region: sandbox.region, sandbox: true },
        { root: join(dir, 'console') },
      );
      const services = buildServices({
        info: { region: sandbox.region, sandbox: true, readOnly: false, dryRun: false },
        aws: sdkCall(ctx),
        listInventory: () => discover(ctx),
        clock: { ...realClock, now: () => sandbox.clock.now() },
        session,
      });
      const inv = await services.inventory();
      const batch = rowsFor('ec2', inv).find((r) => r.cells[1] === 'batch-1')!.target;
      const stop = services.attacksFor([batch]).find((o) => o.id === 'chaosaws.ec2.actions.stop_instances')!;
      await services.steady.tick();
      session.hypothesis(`with key ${PLANTED.AWS_SECRET_ACCESS_KEY} the batch keeps running`);
      await services.execute({
        attack: stop,
        targets: [batch],
        args: { instance_ids: [batch.id] },
        dryRun: false,
      });
      services.steady.note(`deploy token: ${PLANTED['note: labelled token']}`);
      services.steady.note(`pasted ${PLANTED['note: bare GitHub token']} by mistake`);
      session.note(`and the session token ${PLANTED.AWS_SESSION_TOKEN}`);
      sandbox.clock.advance(60_000);
      await services.steady.tick();
      await services.haltAndUndo();
      session.close('quit');
      await services.close();
    } finally {
      await ctx.destroy();
      sandbox.close();
    }

    const files = walk(dir).filter((f) => !inputs.has(f));
    const leaks: string[] = [];
    for (const [where, value] of Object.entries(PLANTED))
      for (const form of forms(value)) {
        for (const f of files)
          if (readFileSync(f, 'utf8').includes(form)) leaks.push(`${where} in ${relative(dir, f)}`);
        for (const o of outputs) if (o.text.includes(form)) leaks.push(`${where} in ${o.what}`);
      }
    recordTally(
      'secrets',
      'planted values',
      `${files.length} files, ${outputs.length} output streams`,
      leaks.length === 0,
      Object.keys(PLANTED).length,
    );
    recordTally('secrets', 'leaked', 'values found', leaks.length === 0, leaks.length);
    expect(leaks).toEqual([]);
    // the walk saw every kind of artifact
    const names = files.map((f) => relative(dir, f));
    for (const want of [
      /journal\.json$/,
      /events\.ndjson$/,
      /experiment\.json$/,
      /report\.md$/,
      /report\.html$/,
      /fis\.json$/,
      /ctk\.json$/,
      /^console\//,
      /replay-of-secrets/,
    ])
      expect(
        names.some((n) => want.test(n)),
        `${want}: ${names.join(', ')}`,
      ).toBe(true);
  }, 120_000);
});
