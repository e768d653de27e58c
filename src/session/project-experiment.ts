// experiment.json as a pure projection of a recording: a valid Chaos Toolkit experiment whose
// hypothesis is the probes that were watched, whose method is the attacks in order with the real
// pauses between them, whose rollbacks come from the undo records, and whose `gameday` extension
// keeps what Chaos Toolkit has no field for (notes, resolved targets, seeds). Never a secret.
import type { Activity, Experiment } from '../experiment/types.js';
import { type AttackRun, attacksOf, type SessionUndo, slug } from './attacks.js';
import { pinRecordedIds } from './pin.js';
import { ofType, type Recording } from './recording.js';
import { redact } from './redact.js';
import { rollbackFor } from './undo-map.js';

/** The alarm probe added to the hypothesis for each stop-condition alarm. */
export const ALARM_PROBE = { module: 'chaosaws.cloudwatch.probes', func: 'get_alarm_state_value' } as const;

/** The experiment a recording replays as. */
export function projectExperiment(rec: Recording): Experiment {
  const attacks = attacksOf(rec);
  const runStart = rec.run.find((e) => e.type === 'run-start');
  const ext = gamedayExtension(rec, attacks);
  if (runStart?.type === 'run-start' && !ofType(rec, 'attack-start').length) {
    // A `gameday run` session: the experiment that ran is the truth; add what the session knows.
    const { dry: _dry, ...exp } = runStart.experiment;
    const others = Array.isArray(exp.extensions)
      ? (exp.extensions as { name?: unknown }[]).filter((x) => x?.name !== 'gameday')
      : [];
    return redact({ ...exp, extensions: [...others, ext] });
  }
  const probes = hypothesisProbes(rec);
  const hypoText = ofType(rec, 'hypothesis').at(-1)?.text;
  const rollbacks = rollbacksOf(attacks);
  const exp: Experiment = {
    version: '1.0.0',
    title: rec.start.title || 'Recorded game day',
    description:
      rec.start.description ||
      `Recorded with gameday on ${new Date(rec.start.at).toISOString()} in ${rec.start.region}${rec.start.sandbox ? ' (sandbox)' : ''}.`,
    tags: ['gameday', 'recorded'],
    configuration: { aws_region: rec.start.region },
    ...(probes.length
      ? {
          'steady-state-hypothesis': {
            title: hypoText || 'The system stays within its steady state',
            probes,
          },
        }
      : {}),
    method: pinRecordedIds({ method: attacks.map(methodActivity) }, attacks).experiment.method ?? [],
    rollbacks: rollbacks.activities,
    extensions: [{ ...ext, ...(rollbacks.unmapped.length ? { unmappedRollbacks: rollbacks.unmapped } : {}) }],
  };
  return redact(exp);
}

function methodActivity(a: AttackRun): Activity {
  return {
    type: 'action',
    name: a.name,
    provider: { type: 'python', module: a.start.module, func: a.start.func, arguments: a.start.arguments },
    ...(a.gapAfter > 0 ? { pauses: { after: a.gapAfter } } : {}),
  };
}

// Watched probes with a Chaos Toolkit definition, then one alarm probe per stop-condition alarm.
function hypothesisProbes(rec: Recording): Activity[] {
  const out: Activity[] = [];
  const names = new Set<string>();
  for (const w of ofType(rec, 'probe-watch')) {
    if (!w.activity || names.has(String(w.activity.name))) continue;
    names.add(String(w.activity.name));
    out.push(w.activity);
  }
  for (const sc of ofType(rec, 'stop-conditions'))
    for (const alarm of sc.alarms) {
      const name = `alarm-${slug(alarm.name)}-not-in-alarm`;
      if (names.has(name)) continue;
      names.add(name);
      out.push({
        type: 'probe',
        name,
        tolerance: { type: 'regex', pattern: '^(OK|INSUFFICIENT_DATA)$' },
        provider: { type: 'python', ...ALARM_PROBE, arguments: { alarm_name: alarm.name } },
      });
    }
  return out;
}

/** Rollbacks from the undo records attacks left for later (not the ones they played themselves), newest first. */
export function rollbacksOf(attacks: readonly AttackRun[]): {
  activities: Activity[];
  unmapped: { attack: string; undo: string }[];
} {
  const activities: Activity[] = [];
  const unmapped: { attack: string; undo: string }[] = [];
  // Newest change first, as the guard undoes (start the instance before healing resumes).
  for (const a of [...attacks].reverse())
    for (const u of a.undos.filter((u) => needsRollback(u, a)).reverse()) {
      u.calls.forEach((call, i) => {
        const name = `undo-${a.name}${u.calls.length > 1 ? `-${i + 1}` : ''}`;
        const act = rollbackFor(call, name);
        if (act) activities.push(act);
        else
          unmapped.push({
            attack: a.name,
            undo: `${call.service}:${call.operation} ${JSON.stringify(call.input)}`,
          });
      });
    }
  return { activities, unmapped };
}

// An undo the attack played before it ended (a timed stop that restarted) needs no rollback; a
// dropped one (the change failed) neither.
function needsRollback(u: SessionUndo, a: AttackRun): boolean {
  if (u.status === 'not-applied') return false;
  if (u.status === 'undone' && u.undoneAt !== undefined && a.end && u.undoneAt <= a.end.at) return false;
  return true;
}

/** The `gameday` extension: everything a replay, a report or a reader needs beyond Chaos Toolkit. */
export function gamedayExtension(rec: Recording, attacks: readonly AttackRun[]): Record<string, unknown> {
  const guardConfig = rec.guard.find((e) => e.type === 'guard-config');
  return {
    name: 'gameday',
    recording: rec.name,
    format: rec.start.format,
    recordedAt: new Date(rec.start.at).toISOString(),
    gamedayVersion: rec.start.gamedayVersion,
    accountId: rec.start.accountId,
    region: rec.start.region,
    sandbox: rec.start.sandbox,
    operator: rec.start.operator,
    hypothesis: ofType(rec, 'hypothesis').at(-1)?.text ?? null,
    notes: ofType(rec, 'note').map((n) => ({ at: new Date(n.at).toISOString(), text: n.text })),
    halts: ofType(rec, 'halt').map((h) => ({ at: new Date(h.at).toISOString(), reason: h.reason })),
    targets: attacks.map((a) => ({
      activity: a.name,
      title: a.start.title,
      targets: a.targets,
      ...(a.selection ? { selection: a.selection } : {}),
      // The arguments as given (selectors); the method pins the ids this session hit.
      selectors: a.start.arguments,
      outcome: a.end ? (a.end.ok ? 'succeeded' : 'failed') : 'unfinished',
    })),
    selectionSeeds: [
      ...(guardConfig?.type === 'guard-config' ? [{ scope: 'session', seed: guardConfig.seed }] : []),
      ...rec.guard.flatMap((e) =>
        e.type === 'selection'
          ? [{ scope: e.attack, quantity: e.quantity, seed: e.seed, chosen: e.chosen }]
          : [],
      ),
    ],
    probes: ofType(rec, 'probe-watch').map((w) => ({ ...w.probe, chaostoolkit: Boolean(w.activity) })),
    series: ofType(rec, 'metric-series').map((s) => s.series),
    stopConditions: ofType(rec, 'stop-conditions').flatMap((s) => s.alarms),
  };
}
