// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is Chaos Toolkit placeholder syntax, not a JS template
// Test doubles for the engine: a registry declaring the chaosaws functions the corpus uses (real
// signatures from chaostoolkit.md section 3) with scriptable behaviour, a virtual clock whose
// sleep returns at once, and helpers to run an experiment and collect its events.

import { Interrupted } from '../../src/experiment/errors.js';
import type { RunEvent } from '../../src/experiment/events.js';
import type { ParamSpec, RegisteredFunction } from '../../src/experiment/registry.js';
import { registryOf } from '../../src/experiment/registry.js';
import { type RunOptions, type RunResult, runExperiment } from '../../src/experiment/runner.js';
import type { Experiment } from '../../src/experiment/types.js';

const opt = (name: string, dflt: unknown = null): ParamSpec => ({ name, required: false, default: dflt });
const req = (name: string): ParamSpec => ({ name, required: true });

/** module -> func -> [kind, params] for every chaosaws function the corpus and tests use. */
export const CHAOSAWS: Record<string, Record<string, ParamSpec[]>> = {
  'chaosaws.ec2.actions': {
    stop_instance: [opt('instance_id'), opt('az'), opt('force', false), opt('filters')],
    stop_instances: [opt('instance_ids'), opt('az'), opt('filters'), opt('force', false)],
    terminate_instance: [opt('instance_id'), opt('az'), opt('filters')],
    terminate_instances: [opt('instance_ids'), opt('az'), opt('filters')],
    start_instances: [opt('instance_ids'), opt('az'), opt('filters')],
    restart_instances: [opt('instance_ids'), opt('az'), opt('filters')],
  },
  'chaosaws.ec2.probes': {
    describe_instances: [req('filters')],
    count_instances: [req('filters')],
    instance_state: [req('state'), opt('instance_ids'), opt('filters')],
  },
  'chaosaws.asg.actions': {
    terminate_random_instances: [
      opt('asg_names'),
      opt('tags'),
      opt('instance_count'),
      opt('instance_percent'),
      opt('az'),
    ],
  },
  'chaosaws.elbv2.actions': { deregister_target: [req('tg_name')] },
  'chaosaws.elbv2.probes': {
    targets_health_count: [req('tg_names')],
    all_targets_healthy: [req('tg_names')],
  },
};

/** Behaviour of a fake function: return a value or throw. */
export type FakeImpl = (args: Record<string, unknown>, signal: AbortSignal) => unknown;

/** A record of each fake call. */
export interface FakeCall {
  fn: string;
  args: Record<string, unknown>;
}

/** A registry of the chaosaws functions above plus `test.*` helpers; `impls` overrides behaviour. */
export function fakeRegistry(impls: Record<string, FakeImpl> = {}, calls: FakeCall[] = []) {
  const fns: RegisteredFunction[] = [];
  const all: Record<string, Record<string, ParamSpec[]>> = {
    ...CHAOSAWS,
    'test.probes': {
      value: [req('value')],
      check: [req('value')],
      raise: [opt('message', 'boom')],
      slow: [opt('seconds', 1)],
    },
    'test.actions': { act: [opt('n', 0)], fail: [opt('message', 'it broke')] },
  };
  for (const [module, funcs] of Object.entries(all)) {
    for (const [func, params] of Object.entries(funcs)) {
      const key = `${module}.${func}`;
      fns.push({
        module,
        func,
        kind: module.endsWith('probes') ? 'probe' : 'action',
        params,
        async call(args, ctx) {
          calls.push({ fn: key, args });
          const impl = impls[key] ?? impls[func];
          if (impl) return impl(args, ctx.signal);
          if (func === 'value') return args.value;
          if (func === 'raise' || func === 'fail') throw new Error(String(args.message));
          return module.endsWith('probes') ? true : [];
        },
      });
    }
  }
  return registryOf(fns);
}

/** A virtual clock: `sleep` advances it and returns at once; `onSleep` can interrupt. */
export function virtualTime(start = Date.UTC(2026, 0, 2, 3, 4, 5)) {
  let now = start;
  const sleeps: number[] = [];
  const time = {
    sleeps,
    onSleep: undefined as undefined | ((ms: number) => void),
    clock: { now: () => now },
    advance(ms: number) {
      now += ms;
    },
    sleep: async (ms: number, signal: AbortSignal) => {
      sleeps.push(ms);
      time.onSleep?.(ms);
      if (signal.aborted) throw new Interrupted('interrupted');
      now += ms;
    },
  };
  return time;
}

/** Runs an experiment with fakes and returns the result plus the event types in order. */
export async function runWithFakes(
  exp: Experiment,
  opts: Partial<RunOptions> & { impls?: Record<string, FakeImpl>; calls?: FakeCall[] } = {},
): Promise<RunResult & { types: string[]; time: ReturnType<typeof virtualTime> }> {
  const time = virtualTime();
  const events: RunEvent[] = [];
  const result = await runExperiment(exp, {
    registry: fakeRegistry(opts.impls, opts.calls),
    clock: time.clock,
    sleep: time.sleep,
    env: {},
    host: { platform: 'test', node: 'test' },
    ...opts,
    emit: (e) => {
      events.push(e);
      opts.emit?.(e);
    },
  });
  return { ...result, types: events.map((e) => e.type), time };
}

/** A small experiment built from parts, for lifecycle tests. */
export function experiment(parts: Partial<Experiment> = {}): Experiment {
  return {
    title: 'lifecycle',
    description: 'fake providers',
    'steady-state-hypothesis': {
      title: 'all good',
      probes: [
        {
          type: 'probe',
          name: 'healthy',
          tolerance: true,
          provider: { type: 'python', module: 'test.probes', func: 'value', arguments: { value: true } },
        },
      ],
    },
    method: [
      { type: 'action', name: 'attack', provider: { type: 'python', module: 'test.actions', func: 'act' } },
    ],
    rollbacks: [
      { type: 'action', name: 'undo', provider: { type: 'python', module: 'test.actions', func: 'act' } },
    ],
    ...parts,
  };
}
