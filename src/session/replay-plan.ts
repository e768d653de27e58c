// What a replay runs and watches, shared by the headless path and the live view: the recorded
// experiment with the recorded ids pinned (or the selectors put back), the hypothesis probes as
// steady-loop probes (run through the registry, judged by their Chaos Toolkit tolerance), the
// series the recording graphed, and the recorded stop conditions.
import { runPython } from '../experiment/providers/python.js';
import type { FunctionRegistry } from '../experiment/registry.js';
import { withinTolerance } from '../experiment/tolerance.js';
import { type Activity, type Experiment, isObject } from '../experiment/types.js';
import type { MetricSpec, ProbeSpec } from '../steady/types.js';
import type { AttackRun } from './attacks.js';
import { pinRecordedIds, withRecordedSelectors } from './pin.js';
import { projectExperiment } from './project-experiment.js';
import { ofType, type Recording } from './recording.js';

/** How a replay treats the recorded targets. */
export type ReplayMode = 'keep-ids' | 're-resolve';

/** The experiment a replay runs, and the attacks that could not be pinned to ids. */
export function replayExperiment(
  rec: Recording,
  attacks: readonly AttackRun[],
  mode: ReplayMode,
): { experiment: Experiment; unpinned: string[] } {
  const projected = projectExperiment(rec);
  if (mode === 're-resolve') return { experiment: withRecordedSelectors(projected, attacks), unpinned: [] };
  return pinRecordedIds(projected, attacks);
}

/** A hypothesis probe's value with its verdict (the loop's check reads `ok`). */
export interface JudgedValue {
  value: unknown;
  ok: boolean;
}

/** The experiment's hypothesis probes (python providers) as probes of the live loop. */
export function hypothesisProbes(experiment: Experiment, registry: FunctionRegistry): ProbeSpec[] {
  const configuration = isObject(experiment.configuration) ? experiment.configuration : {};
  const probes = (experiment['steady-state-hypothesis']?.probes ?? []) as Activity[];
  return probes
    .filter((p) => p.type === 'probe' && p.provider?.type === 'python')
    .map((p, i) => {
      const name = String(p.name ?? `probe-${i + 1}`);
      return {
        id: `hypothesis:${name}`,
        title: name,
        tolerance: toleranceText(p.tolerance),
        async run(signal: AbortSignal): Promise<JudgedValue> {
          const value = await runPython(p, {
            registry,
            configuration,
            secrets: {},
            signal,
            warn: () => {},
          });
          return { value, ok: await withinTolerance(p.tolerance, value, { configuration, secrets: {} }) };
        },
        check: (v: unknown) => (v as JudgedValue | undefined)?.ok === true,
        measure: (v: unknown) => numberIn((v as JudgedValue | undefined)?.value),
      };
    });
}

/** The series the recording graphed, in the order it declared them. */
export function recordedSeries(rec: Recording): MetricSpec[] {
  const seen = new Set<string>();
  return ofType(rec, 'metric-series')
    .map((e) => e.series)
    .filter((s) => !seen.has(s.id) && Boolean(seen.add(s.id)));
}

/** The recorded stop conditions: alarm names, and failures in a row (0 = never) when recorded. */
export function recordedStops(rec: Recording): { alarms: string[]; maxProbeFailures: number } {
  const stops = ofType(rec, 'stop-conditions');
  return {
    alarms: [...new Set(stops.flatMap((s) => s.alarms.map((a) => a.name)))],
    maxProbeFailures: stops.findLast((s) => s.maxProbeFailures !== undefined)?.maxProbeFailures ?? 0,
  };
}

// A tolerance in a few words for the probe panel.
function toleranceText(t: unknown): string {
  if (!isObject(t)) return JSON.stringify(t ?? null);
  if (t.type === 'jsonpath')
    return `${String(t.path)}${'expect' in t ? ` == ${JSON.stringify(t.expect)}` : ''}`;
  if (t.type === 'regex') return `~ ${String(t.pattern)}`;
  if (t.type === 'range') return `in ${JSON.stringify(t.range)}`;
  return String(t.type ?? 'tolerance');
}

// The number worth graphing in a probe's value: itself, or a count inside it.
function numberIn(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (!isObject(v)) return undefined;
  for (const k of ['healthy', 'running', 'value', 'count'])
    if (typeof v[k] === 'number') return v[k] as number;
  return undefined;
}
