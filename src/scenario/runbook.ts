// The runbook of a guided game day: what a scenario file carries in its `gameday` extension
// (briefing, hypothesis prompt, steps with manual gates, observations, closing questions, the
// expected outcome, stop conditions, blast radius, rollback), parsed and checked against the
// experiment it sits in. Every problem names the file and the JSON path, so a scenario author
// can fix it without reading code.
import type { Experiment } from '../experiment/types.js';

/** A step of the runbook: a manual gate the team confirms, or a method activity the engine runs. */
export type RunbookStep =
  | { type: 'gate'; title: string; detail?: string }
  | { type: 'attack'; activity: string; title: string; detail?: string };

/** A graph the console shows while the scenario runs (a CloudWatch metric). */
export interface RunbookGraph {
  title: string;
  namespace: string;
  metric_name: string;
  dimensions: Record<string, string>;
  statistic: string;
}

/** The runbook as gameday uses it. */
export interface Runbook {
  briefing: string[];
  hypothesisPrompt: string;
  steps: RunbookStep[];
  observations: string[];
  closingQuestions: string[];
  expectedOutcome: string;
  stopConditions: { alarms: string[]; description: string };
  blastRadius: { maxTargets: number; description: string };
  rollback: string;
  graphs: RunbookGraph[];
}

/** One problem in a runbook: where (JSON path) and what. */
export interface RunbookIssue {
  path: string;
  message: string;
}

/** A runbook that cannot be used: every problem, each naming the file and JSON path. */
export class RunbookError extends Error {
  override name = 'RunbookError';
  constructor(
    readonly file: string,
    readonly issues: RunbookIssue[],
  ) {
    super(issues.map((i) => `${file}: ${i.path}: ${i.message}`).join('\n'));
  }
}

/** Where the runbook sits: index in `extensions`, or -1 when the experiment has none. */
export function runbookIndex(experiment: Experiment): number {
  const ext = Array.isArray(experiment.extensions) ? (experiment.extensions as unknown[]) : [];
  return ext.findIndex((e) => isObj(e) && e.name === 'gameday' && 'runbook' in e);
}

/** True when the experiment carries a gameday runbook. */
export function hasRunbook(experiment: Experiment): boolean {
  return runbookIndex(experiment) >= 0;
}

/** Parses and checks the runbook of `experiment`; undefined when it has none, RunbookError when it is wrong. */
export function parseRunbook(experiment: Experiment, file: string): Runbook | undefined {
  const index = runbookIndex(experiment);
  if (index < 0) return undefined;
  const issues: RunbookIssue[] = [];
  const base = `extensions[${index}].runbook`;
  const raw = (experiment.extensions as Record<string, unknown>[])[index]!.runbook;
  if (!isObj(raw)) throw new RunbookError(file, [{ path: base, message: 'must be an object' }]);
  const at = (key: string) => `${base}.${key}`;
  const text = (key: string, v: unknown = raw[key]): string => {
    if (typeof v === 'string' && v.trim()) return v;
    issues.push({ path: at(key), message: v === undefined ? 'is missing' : 'must be a non-empty string' });
    return '';
  };
  const texts = (key: string, opts: { allowString?: boolean } = {}): string[] => {
    const v = raw[key];
    if (opts.allowString && typeof v === 'string' && v.trim()) return [v];
    if (!Array.isArray(v) || v.length === 0) {
      issues.push({
        path: at(key),
        message: v === undefined ? 'is missing' : 'must be a non-empty list of strings',
      });
      return [];
    }
    return v.map((item, i) => {
      if (typeof item === 'string' && item.trim()) return item;
      issues.push({ path: `${at(key)}[${i}]`, message: 'must be a non-empty string' });
      return '';
    });
  };

  const methodNames = methodActivityNames(experiment);
  const steps = parseSteps(raw.steps, at('steps'), methodNames, issues);
  const stop = isObj(raw.stop_conditions) ? raw.stop_conditions : undefined;
  if (!stop) issues.push({ path: at('stop_conditions'), message: 'must be an object {alarms, description}' });
  const alarms = stop?.alarms;
  if (stop && (!Array.isArray(alarms) || alarms.some((a) => typeof a !== 'string' || !a)))
    issues.push({ path: `${at('stop_conditions')}.alarms`, message: 'must be a list of alarm names' });
  const blast = isObj(raw.blast_radius) ? raw.blast_radius : undefined;
  if (!blast)
    issues.push({ path: at('blast_radius'), message: 'must be an object {max_targets, description}' });
  const max = blast?.max_targets;
  if (blast && !(typeof max === 'number' && Number.isInteger(max) && max >= 1))
    issues.push({
      path: `${at('blast_radius')}.max_targets`,
      message: 'must be a whole number of resources (1 or more)',
    });
  const runbook: Runbook = {
    briefing: texts('briefing', { allowString: true }),
    hypothesisPrompt: text('hypothesis_prompt'),
    steps,
    observations: texts('observations'),
    closingQuestions: texts('closing_questions'),
    expectedOutcome: text('expected_outcome'),
    stopConditions: {
      alarms: Array.isArray(alarms) ? (alarms as string[]) : [],
      description: stop ? text('stop_conditions.description', stop.description) : '',
    },
    blastRadius: {
      maxTargets: typeof max === 'number' ? max : 0,
      description: blast ? text('blast_radius.description', blast.description) : '',
    },
    rollback: text('rollback'),
    graphs: parseGraphs(raw.graphs, at('graphs'), issues),
  };
  if (!steps.some((s) => s.type === 'attack'))
    issues.push({ path: at('steps'), message: 'needs at least one attack step (a method activity to run)' });
  if (issues.length) throw new RunbookError(file, issues);
  return runbook;
}

/** Names of the method's activities (what attack steps may refer to). */
export function methodActivityNames(experiment: Experiment): string[] {
  const method = Array.isArray(experiment.method) ? (experiment.method as unknown[]) : [];
  return method.flatMap((a) => (isObj(a) && typeof a.name === 'string' ? [a.name] : []));
}

function parseSteps(v: unknown, path: string, names: string[], issues: RunbookIssue[]): RunbookStep[] {
  if (!Array.isArray(v) || v.length === 0) {
    issues.push({ path, message: v === undefined ? 'is missing' : 'must be a non-empty list of steps' });
    return [];
  }
  const out: RunbookStep[] = [];
  const used = new Set<string>();
  for (const [i, s] of v.entries()) {
    const p = `${path}[${i}]`;
    const step = parseStep(s, p, names, issues);
    if (!step) continue;
    if (step.type === 'attack') {
      if (used.has(step.activity)) {
        issues.push({
          path: `${p}.activity`,
          message: `"${step.activity}" already has a step; give each activity one`,
        });
        continue;
      }
      used.add(step.activity);
    }
    out.push(step);
  }
  const order = out.flatMap((s) => (s.type === 'attack' ? [names.indexOf(s.activity)] : []));
  if (order.some((n, i) => i > 0 && n < order[i - 1]!))
    issues.push({ path, message: 'attack steps must follow the order of the method activities' });
  return out;
}

function parseStep(s: unknown, p: string, names: string[], issues: RunbookIssue[]): RunbookStep | undefined {
  if (!isObj(s)) {
    issues.push({ path: p, message: 'must be an object {type, ...}' });
    return undefined;
  }
  const detail = typeof s.detail === 'string' ? s.detail : undefined;
  if (s.type === 'gate') {
    if (typeof s.title === 'string' && s.title.trim()) return { type: 'gate', title: s.title, detail };
    issues.push({ path: `${p}.title`, message: 'a gate needs a title (what the team confirms)' });
  } else if (s.type === 'attack') {
    const name = s.activity;
    if (typeof name === 'string' && names.includes(name))
      return { type: 'attack', activity: name, title: typeof s.title === 'string' ? s.title : name, detail };
    const known = names.map((n) => JSON.stringify(n)).join(', ') || 'none';
    issues.push({
      path: `${p}.activity`,
      message: `no method activity is named ${JSON.stringify(name)} (method activities: ${known})`,
    });
  } else
    issues.push({ path: `${p}.type`, message: `must be "gate" or "attack" (got ${JSON.stringify(s.type)})` });
  return undefined;
}

function parseGraphs(v: unknown, path: string, issues: RunbookIssue[]): RunbookGraph[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    issues.push({ path, message: 'must be a list of graphs' });
    return [];
  }
  return v.flatMap((g, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(g) || typeof g.namespace !== 'string' || typeof g.metric_name !== 'string') {
      issues.push({
        path: p,
        message: 'a graph needs namespace and metric_name (and title, dimensions, statistic)',
      });
      return [];
    }
    return [
      {
        title: typeof g.title === 'string' ? g.title : `${g.namespace} ${g.metric_name}`,
        namespace: g.namespace,
        metric_name: g.metric_name,
        dimensions: isObj(g.dimensions) ? (g.dimensions as Record<string, string>) : {},
        statistic: typeof g.statistic === 'string' ? g.statistic : 'Average',
      },
    ];
  });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The runbook's problems as validation issues (none for a good runbook or a plain experiment). */
export function runbookIssues(experiment: Experiment): RunbookIssue[] {
  try {
    parseRunbook(experiment, '');
    return [];
  } catch (err) {
    if (err instanceof RunbookError) return err.issues;
    throw err;
  }
}

/** The runbook's blast-radius cap of a scenario file, or undefined (no runbook, or unreadable: reported elsewhere). */
export function scenarioCap(file: string, load: (file: string) => Experiment): number | undefined {
  try {
    const cap = parseRunbook(load(file), file)?.blastRadius.maxTargets;
    return cap && cap > 0 ? cap : undefined;
  } catch {
    return undefined;
  }
}
