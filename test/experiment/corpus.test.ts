// Every real experiment in the corpus validates or is rejected with chaoslib's error; each valid one
// runs in dry mode and its journal has the keys and value types of the real journals.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityFailed, formatIssue } from '../../src/experiment/errors.js';
import { loadExperimentFile } from '../../src/experiment/load.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { fakeRegistry, runWithFakes } from './fakes.js';

const DIR = 'test/fixtures/experiment/corpus';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const ENV = {
  APPLICATION_ENTRYPOINT_URL: 'http://app.example',
  AVAILABILITY_ZONE: 'us-east-1a',
  AWS_REGION: 'us-east-1',
  EC2_INSTANCE_ID: 'i-0123456789abcdef0',
  ELB_ROOT_URL: 'http://elb.example',
  INSTANCE_ID: 'i-0123456789abcdef0',
  EC2_AZ: 'us-east-1a',
  ELB_TARGET: 'web-tg',
};

/** What chaoslib says about each file (chaostoolkit.md section 4, C12); undefined = valid. */
const REJECTED: Record<string, string[]> = {
  'chaosiq__demos__losing-kubernetes-node.json': [
    "method[1].provider.module: could not find Python module 'chaosk8s.node.probes' in activity 'list_worker_nodes'",
    "method[2].provider.module: could not find Python module 'chaosk8s.pod.probes' in activity 'count_backend_pods'",
    "method[3].provider.module: could not find Python module 'chaosk8s.pod.probes' in activity 'count_frontend_pods'",
  ],
};

const errorsOf = (file: string, env: Record<string, string>) => {
  const exp = loadExperimentFile(join(DIR, file));
  return validateExperiment(exp, { registry: fakeRegistry(), env })
    .filter((i) => i.level === 'error')
    .map((i) => formatIssue(file, i).slice(file.length + 2));
};

const realJournals = readdirSync('test/fixtures/experiment/journals').map(
  (f) =>
    JSON.parse(readFileSync(join('test/fixtures/experiment/journals', f), 'utf8')) as Record<string, unknown>,
);
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
// `output` is whatever the activity returned (null in dry mode): only its presence is compared
const shape = (o: unknown) =>
  Object.fromEntries(Object.entries(o as object).map(([k, v]) => [k, k === 'output' ? 'any' : typeOf(v)]));
const sorted = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
// the completed journal (ansible) has every section filled in
const reference = realJournals.find((j) => j.status === 'completed')!;
const refStates = reference.steady_states as { before: { probes: object[] } };
const refProbe = shape(refStates.before.probes[0]);
const refRun = shape((reference.run as object[])[0]);

describe('the corpus validates like chaos validate', () => {
  it('has all 12 corpus experiments', () => {
    expect(files).toHaveLength(12);
  });
  for (const file of files) {
    const expected = REJECTED[file];
    if (expected)
      it(`${file} is rejected with chaoslib's error (missing extension module)`, () => {
        expect(errorsOf(file, ENV)).toEqual(expected);
      });
    else
      it(`${file} validates with its environment set`, () => {
        expect(errorsOf(file, ENV)).toEqual([]);
      });
  }
  it('without its environment variables a file is rejected with chaoslib env error, naming the JSON path', () => {
    expect(errorsOf('open-chaos__experiment-catalog__ec2_stop_instance_by_id_experiment.json', {})).toEqual([
      'configuration.service_url: Configuration makes reference to an environment key that does not exist: APPLICATION_ENTRYPOINT_URL',
      'configuration.ec2_instance_id: Configuration makes reference to an environment key that does not exist: EC2_INSTANCE_ID',
      'configuration.availability_zone: Configuration makes reference to an environment key that does not exist: AVAILABILITY_ZONE',
      'configuration.aws_region: Configuration makes reference to an environment key that does not exist: AWS_REGION',
    ]);
  });
});

describe('dry runs of the valid corpus give journals shaped like the real ones', () => {
  for (const file of files.filter((f) => !REJECTED[f])) {
    it(`${file}: same keys and value types as a real chaos journal`, async () => {
      const exp = loadExperimentFile(join(DIR, file));
      const r = await runWithFakes(exp, { dry: 'activities', env: ENV });
      const j = JSON.parse(JSON.stringify(r.journal)) as Record<string, unknown>;
      expect(sorted(shape(j))).toEqual(sorted(shape(reference)));
      expect(Object.keys(j)).toEqual(Object.keys(reference));
      expect(Object.keys(j.steady_states as object).sort()).toEqual(['after', 'before', 'during']);
      const states = j.steady_states as Record<
        string,
        { steady_state_met: boolean; probes: object[] } | null
      >;
      for (const phase of ['before', 'after'] as const) {
        const s = states[phase]!;
        expect(sorted(shape(s))).toEqual({ probes: 'array', steady_state_met: 'boolean' });
        for (const p of s.probes) expect(sorted(shape(p))).toEqual(sorted(refProbe));
      }
      for (const entry of [...(j.run as object[]), ...(j.rollbacks as object[])])
        expect(sorted(shape(entry))).toEqual(sorted(refRun));
      expect(j.run as object[]).toHaveLength((exp.method ?? []).length);
      expect(j.rollbacks as object[]).toHaveLength((exp.rollbacks ?? []).length);
      const copy = j.experiment as Record<string, unknown>;
      expect(Object.keys(copy)).toEqual([...Object.keys(exp).filter((k) => k !== 'dry'), 'dry']);
      expect(copy.dry).toBe('activities');
      expect([j.status, j.deviated]).toEqual(['completed', false]);
    });
  }
});

describe('a corpus run where the action fails (chaostoolkit.md section 4)', () => {
  it('asg_terminate_random_instance: terminate_random_instances without arguments fails, the run stays completed', async () => {
    const exp = loadExperimentFile(
      join(DIR, 'open-chaos__experiment-catalog__asg_terminate_random_instance_experiment.json'),
    );
    const urls: string[] = [];
    const r = await runWithFakes(exp, {
      env: ENV,
      providers: {
        http: async (activity, ctx) => {
          urls.push(String(ctx.configuration.service_url));
          return { status: 200, headers: {}, body: 'ok', name: activity.name };
        },
      },
      impls: {
        terminate_random_instances: () => {
          throw new ActivityFailed('one of the following arguments are required: asg_names or tags');
        },
      },
    });
    expect(urls).toEqual(['http://app.example', 'http://app.example']);
    expect([r.status, r.deviated]).toEqual(['completed', false]);
    expect(r.journal.run[0]).toMatchObject({ status: 'failed' });
    expect(r.journal.run[0]!.exception).toEqual([
      'chaoslib.exceptions.ActivityFailed: chaoslib.exceptions.ActivityFailed: one of the following arguments are required: asg_names or tags\n',
    ]);
    expect(r.journal.steady_states.after?.steady_state_met).toBe(true);
  });
});
