// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Chaos Toolkit placeholder syntax, not a JS template
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/experiment/errors.js';
import type { Experiment } from '../../src/experiment/types.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { experiment, fakeRegistry } from './fakes.js';

const check = (exp: unknown, env: Record<string, string> = {}) =>
  validateExperiment(exp as Experiment, { registry: fakeRegistry(), env });
const errors = (exp: unknown, env?: Record<string, string>) =>
  check(exp, env)
    .filter((i) => i.level === 'error')
    .map((i) => formatIssue('x.json', i));
const warnings = (exp: unknown) =>
  check(exp)
    .filter((i) => i.level === 'warning')
    .map((i) => formatIssue('x.json', i));
const py = (module: string, func: string, args?: Record<string, unknown>) => ({
  type: 'action',
  name: 'a',
  provider: { type: 'python', module, func, ...(args ? { arguments: args } : {}) },
});

describe('experiment validation (chaostoolkit.md 1.6)', () => {
  it('a valid experiment has no errors', () => {
    expect(errors(experiment())).toEqual([]);
  });
  it('1.6 an empty experiment is not an experiment', () => {
    expect(errors({})).toEqual(['x.json: an empty experiment is not an experiment']);
  });
  it('1.6 title, description and method are required; all errors are reported at once', () => {
    expect(errors({ tags: ['ok', ''] })).toEqual([
      'x.json: title: experiment requires a title',
      'x.json: description: experiment requires a description',
      'x.json: tags[1]: experiment tags must be a non-empty string',
      'x.json: method: an experiment requires a method, which can be empty for only checking steady state hypothesis',
    ]);
  });
  it('1.6 wrong types are named with their JSON path', () => {
    const exp = experiment({
      title: 5 as unknown as string,
      method: [
        {
          type: 'action',
          name: 'a',
          provider: { type: 'python', module: 'test.actions', func: 'act' },
          timeout: 'soon',
          background: 'yes',
          pauses: { after: 'later' },
        },
      ],
    });
    expect(errors(exp)).toEqual([
      'x.json: title: experiment title must be a string',
      'x.json: method[0].timeout: activity timeout must be a number',
      'x.json: method[0].pauses.after: activity after pause must be a number or a pattern to a variable from the configuration or secrets',
      'x.json: method[0].background: activity background must be a boolean',
    ]);
  });
  it('1.2 a pause given as "${var}" is accepted', () => {
    expect(
      errors(
        experiment({
          configuration: { wait: 3 },
          method: [{ ...py('test.actions', 'act'), pauses: { before: '${wait}' } }],
        }),
      ),
    ).toEqual([]);
  });
  it('1.6 activity-level messages: type, name, provider, provider type', () => {
    const exp = experiment({
      method: [
        {},
        { type: 'probe' },
        { type: 'test', name: 'n', provider: { type: 'python', module: 'test.actions', func: 'act' } },
        { type: 'action', name: 'n' },
        { type: 'action', name: 'n', provider: { type: 'ruby' } },
      ] as Experiment['method'],
    });
    expect(errors(exp)).toEqual([
      'x.json: method[0]: empty activity is no activity',
      'x.json: method[1].name: an activity must have a name',
      'x.json: method[1].provider: an activity requires a provider',
      "x.json: method[2].type: 'test' is not a supported activity type",
      'x.json: method[3].provider: an activity requires a provider',
      "x.json: method[4].provider.type: unknown provider type 'ruby'",
    ]);
  });
  it('1.2 an unknown function gets a did-you-mean from the registry', () => {
    const exp = experiment({
      method: [
        py('test.actions', 'act'),
        py('test.actions', 'act'),
        py('chaosaws.ec2.actions', 'stop_instancez'),
      ],
    });
    expect(errors(exp)).toEqual([
      'x.json: method[2].provider.func: chaosaws.ec2.actions has no function "stop_instancez"; did you mean stop_instances?',
    ]);
  });
  it("1.2 an unknown module is chaoslib's error, with a suggestion only inside the same package", () => {
    expect(errors(experiment({ method: [py('chaosaws.ec2.action', 'stop_instances')] }))).toEqual([
      "x.json: method[0].provider.module: could not find Python module 'chaosaws.ec2.action' in activity 'a'; did you mean chaosaws.ec2.actions?",
    ]);
  });
  it('1.2 argument binding: missing required and unexpected arguments, with chaoslib wording', () => {
    const exp = experiment({ method: [py('chaosaws.ec2.probes', 'describe_instances', { filter: [] })] });
    expect(errors(exp)).toEqual([
      "x.json: method[0].provider.arguments: required argument 'filters' is missing from activity 'describe_instances'",
      "x.json: method[0].provider.arguments: argument 'filter' is not part of the function signature in activity 'describe_instances'",
    ]);
  });
  it('1.2 configuration and secrets arguments are injected by chaoslib, so they bind', () => {
    expect(
      errors(
        experiment({
          method: [py('chaosaws.ec2.actions', 'stop_instances', { az: 'a', configuration: {} })],
        }),
      ),
    ).toEqual([]);
  });
  it('1.6 hypothesis: title required, each probe needs a tolerance, tolerances well-formed', () => {
    const exp = experiment({
      'steady-state-hypothesis': {
        probes: [
          {
            type: 'probe',
            name: 'p',
            provider: { type: 'python', module: 'test.probes', func: 'value', arguments: { value: 1 } },
          },
          {
            type: 'probe',
            name: 'q',
            tolerance: 0.5,
            provider: { type: 'python', module: 'test.probes', func: 'value', arguments: { value: 1 } },
          },
        ],
      },
    });
    const e = errors(exp);
    expect(e[0]).toBe('x.json: steady-state-hypothesis.title: hypothesis requires a title');
    expect(e[1]).toBe(
      'x.json: steady-state-hypothesis.probes[0]: hypothesis probe must have a tolerance entry',
    );
    expect(e[2]).toMatch(
      /^x\.json: steady-state-hypothesis\.probes\[1\]\.tolerance: hypothesis probe tolerance must either be/,
    );
  });
  it('1.6 a method ref must resolve; hypothesis probes are in the lookup table', () => {
    expect(
      errors(experiment({ method: [{ ref: 'healthy' }, { ref: 'ghost' }] as Experiment['method'] })),
    ).toEqual(["x.json: method[1].ref: referenced activity 'ghost' could not be found in the experiment"]);
  });
  it('1.5 env configuration whose variable is unset (no default) is an error; with a default it is fine', () => {
    expect(errors(experiment({ configuration: { url: { type: 'env', key: 'APP_URL' } } }))).toEqual([
      'x.json: configuration.url: Configuration makes reference to an environment key that does not exist: APP_URL',
    ]);
    expect(
      errors(experiment({ configuration: { url: { type: 'env', key: 'APP_URL', default: 'http://x' } } })),
    ).toEqual([]);
    expect(
      errors(experiment({ configuration: { url: { type: 'env', key: 'APP_URL' } } }), {
        APP_URL: 'http://y',
      }),
    ).toEqual([]);
  });
  it('1.2 process providers: the path must resolve on PATH', () => {
    const exp = experiment({
      method: [{ type: 'action', name: 'p', provider: { type: 'process', path: 'no-such-binary-gameday' } }],
    });
    expect(errors(exp)).toEqual([
      "x.json: method[0].provider.path: path 'no-such-binary-gameday' cannot be found, in activity 'p'",
    ]);
  });
  it('1.7 controls: name, provider and scope are checked', () => {
    expect(
      errors(experiment({ controls: [{ provider: { type: 'python', module: 'm' }, scope: 'post' }] })),
    ).toEqual([
      'x.json: controls[0].name: A control must have a `name` property',
      'x.json: controls[0].scope: A control scope can only be one of: before, after',
    ]);
  });
});

describe('unknown keys are warnings, never errors', () => {
  it('top-level, activity and provider keys Chaos Toolkit ignores are warned with their path', () => {
    const exp = experiment({
      titel: 'typo',
      method: [{ ...py('test.actions', 'act'), pause: { after: 1 } }],
    } as Partial<Experiment>);
    expect(errors(exp)).toEqual([]);
    expect(warnings(exp)).toEqual([
      "x.json: titel: unknown key 'titel' (Chaos Toolkit ignores it and keeps it in the journal)",
      "x.json: method[0].pause: unknown key 'pause' in activity (Chaos Toolkit ignores it)",
    ]);
  });
});
