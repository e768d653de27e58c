// journal.json as a pure projection of a recording. A `gameday run` session already has the
// engine's run events, so the engine's own journal projection is used as is. A console session
// has attacks and probe samples instead: they are laid out in the same Chaos Toolkit journal shape
// (steady state before the first attack and at the end, one run entry per attack, rollbacks).
import { projectJournal as projectRunJournal } from '../experiment/journal.js';
import { isoUtc, secondsBetween } from '../experiment/time.js';
import type { Activity, Journal, RunEntry, SteadyState } from '../experiment/types.js';
import { type AttackRun, attacksOf, type SessionUndo } from './attacks.js';
import { ALARM_PROBE, projectExperiment } from './project-experiment.js';
import { ofType, type Recording } from './recording.js';
import { redact } from './redact.js';
import { rollbackFor } from './undo-map.js';

/** chaoslib version whose journal shape gameday writes (the engine's runner follows the same). */
const JOURNAL_CHAOSLIB = '1.45.0';

/** The journal of a recording. */
export function projectJournal(rec: Recording): Journal {
  if (rec.run.some((e) => e.type === 'run-start') && !rec.session.some((e) => e.type === 'attack-start'))
    return redact(projectRunJournal(rec.run));
  const experiment = projectExperiment(rec);
  const attacks = attacksOf(rec);
  const probes = experiment['steady-state-hypothesis']?.probes ?? [];
  const firstAttack = attacks[0]?.start.at ?? rec.t1;
  const before = stateAt(rec, probes, firstAttack);
  const after = attacks.length ? stateAt(rec, probes, rec.t1) : null;
  const halted = ofType(rec, 'halt').length > 0;
  const method = experiment.method ?? [];
  return redact({
    'chaoslib-version': JOURNAL_CHAOSLIB,
    platform: `gameday-${rec.start.gamedayVersion}`,
    node: rec.start.operator ?? 'gameday',
    experiment: { ...experiment, dry: null },
    start: isoUtc(rec.t0),
    status: halted ? 'interrupted' : 'completed',
    deviated: Boolean(before?.steady_state_met && after && after.steady_state_met === false),
    steady_states: { before, after, during: [] },
    run: attacks.map((a, i) => attackEntry(a, method[i] ?? {})),
    rollbacks: attacks.flatMap(rollbackEntries).sort((x, y) => Date.parse(x.start) - Date.parse(y.start)),
    end: isoUtc(rec.t1),
    duration: secondsBetween(rec.t0, rec.t1),
  });
}

function attackEntry(a: AttackRun, activity: Activity): RunEntry {
  const end = a.end?.at ?? a.start.at;
  const failed = a.end ? !a.end.ok : true;
  return {
    activity,
    output: a.end?.output ?? null,
    start: isoUtc(a.start.at),
    status: failed ? 'failed' : 'succeeded',
    ...(failed
      ? { exception: [a.end?.message ?? 'the attack did not finish (the session ended first)'] }
      : {}),
    end: isoUtc(end),
    duration: secondsBetween(a.start.at, end),
  };
}

// Undos played after the attack ended (halt, quit, rollback) are the session's rollbacks.
function rollbackEntries(a: AttackRun): RunEntry[] {
  const played = a.undos.filter(
    (u: SessionUndo) =>
      (u.status === 'undone' || u.status === 'failed') &&
      !(u.undoneAt !== undefined && a.end && u.undoneAt <= a.end.at),
  );
  return played.map((u) => {
    const call = u.calls[0];
    const activity = (call && rollbackFor(call, `undo-${a.name}`)) ?? {
      type: 'action',
      name: `undo-${a.name}`,
      provider: {
        type: 'python',
        module: 'gameday.undo',
        func: 'play',
        arguments: { description: u.description },
      },
    };
    const t = isoUtc(u.undoneAt ?? a.end?.at ?? a.start.at);
    return {
      activity,
      output: null,
      start: t,
      status: u.status === 'undone' ? 'succeeded' : 'failed',
      ...(u.status === 'failed' ? { exception: [u.error ?? 'undo failed'] } : {}),
      end: t,
      duration: 0,
    } satisfies RunEntry;
  });
}

// The hypothesis probes as last sampled at or before `t` (alarm probes from the alarm states).
function stateAt(rec: Recording, probes: Activity[], t: number): SteadyState | null {
  if (!probes.length) return null;
  const watches = ofType(rec, 'probe-watch');
  const samples = ofType(rec, 'probe-sample').filter((s) => s.at <= t && s.ok !== null);
  const alarms = ofType(rec, 'alarm-states').filter((s) => s.at <= t);
  const entries: RunEntry[] = [];
  for (const p of probes) {
    const prov = p.provider ?? {};
    let ok: boolean | undefined;
    let output: unknown = null;
    let at = t;
    if (prov.module === ALARM_PROBE.module && prov.func === ALARM_PROBE.func) {
      const name = String((prov.arguments as { alarm_name?: unknown })?.alarm_name);
      const last = alarms.findLast((a) => name in a.states);
      if (!last) continue;
      output = last.states[name];
      ok = output !== 'ALARM';
      at = last.at;
    } else {
      const watch = watches.find((w) => w.activity?.name === p.name);
      const last = watch && samples.findLast((s) => s.probe === watch.probe.id);
      if (!last) continue;
      ok = last.ok === true;
      output = last.value ?? null;
      at = last.at;
    }
    entries.push({
      activity: p,
      output,
      start: isoUtc(at),
      status: 'succeeded',
      end: isoUtc(at),
      duration: 0,
      tolerance_met: ok,
    });
    if (!ok) break;
  }
  if (!entries.length) return null;
  return { steady_state_met: entries.every((e) => e.tolerance_met), probes: entries };
}
