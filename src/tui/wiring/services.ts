// Builds the console's services from the real pieces: discovery for the inventory, the catalogue
// for applicable attacks, a dry-run guard for the blast-radius preview, the session guard for
// execution and halt, and the steady loop probing through the catalogue and graphing CloudWatch.
// Works the same for a real account and the sandbox (which sits beneath the same AWS door).
import type { Inventory } from '../../aws/inventory.js';
import type { AwsCall } from '../../aws/ops/call.js';
import { coalesceReads } from '../../aws/ops/coalesce.js';
import { Guard, type GuardEvent, type GuardOptions } from '../../catalog/guard.js';
import { CATALOG, catalogEntries } from '../../catalog/index.js';
import type { CatalogEntry } from '../../catalog/types.js';
import type { Session } from '../../session/session.js';
import { cloudWatchAlarmStates, cloudWatchMetrics } from '../../steady/cloudwatch.js';
import { SteadyLoop } from '../../steady/loop.js';
import type { LoopClock, ProbeSpec } from '../../steady/types.js';
import type { AttackOption, AttackPreview, AttackRequest, ConsoleServices, TargetRef } from '../services.js';
import type { HeaderInfo } from '../widgets/Header.js';
import { explainFailure, type OnErrorPolicy } from './aws-failure.js';
import { graphControl } from './graph-options.js';
import { alarmSeries, defaultProbes } from './steady-setup.js';
import { fieldsFor } from './target-args.js';

/** What the wiring needs. */
export interface ServicesOptions {
  info: HeaderInfo;
  aws: AwsCall;
  listInventory(): Promise<Inventory>;
  guard?: Omit<GuardOptions, 'recorder' | 'dryRun' | 'readOnly'>;
  /** The GetMetricData window for a tick (the sandbox's clock may run ahead of the wall). */
  metricWindow?(end: Date): { start: Date; end: Date };
  stopOnAlarms?: string[];
  maxProbeFailures?: number;
  periodMs?: number;
  clock?: LoopClock;
  /** Extra cleanup on close (the connection). */
  onClose?(): Promise<void>;
  /** After an AWS error in an attack or a probe: log and go on (default), or halt and undo. */
  onError?: OnErrorPolicy;
  /** The session recording: guard events (write-ahead), loop ticks, attacks, halts. */
  session?: Pick<
    Session,
    'guardEvent' | 'attachLoop' | 'attackStart' | 'attackEnd' | 'halt' | 'stopConditions'
  >;
}

/** The services, plus the session guard (for tests and the recorder). */
export function buildServices(o: ServicesOptions): ConsoleServices & { guard: Guard } {
  const runtimeFor = (guard: Guard) => ({ guard, aws: async () => o.aws });
  const rec = o.session;
  const guard = new Guard({
    ...o.guard,
    readOnly: o.info.readOnly,
    dryRun: o.info.dryRun,
    recorder: rec ? (e) => rec.guardEvent(e) : undefined,
  });
  const entries = catalogEntries(runtimeFor(guard));
  // The probes of one tick ask for one group or service each: batched into one call per API.
  const probeAws = coalesceReads(o.aws);
  const probeEntries = catalogEntries({ guard, aws: async () => probeAws });
  const byId = new Map(entries.map((e) => [e.id, e]));
  let halt = new AbortController();
  let nextRun = 1;

  const fetchMetrics = cloudWatchMetrics(o.aws, o.metricWindow);

  const undoEverything = async (why: string) => {
    halt.abort();
    halt = new AbortController();
    const r = await guard.undoAll();
    const failed = r.failed.map((f) => `${f.description}: ${f.error ?? 'failed'}`);
    const text = `${why}: undid ${r.undone} change(s)${failed.length ? `, ${failed.length} FAILED (${failed.join('; ')})` : ''}`;
    if (rec) rec.halt(text, { undone: r.undone, failed });
    else steady.halted(text);
    return { undone: r.undone, failed };
  };

  const steady: SteadyLoop = new SteadyLoop({
    fetchMetrics,
    alarmStates: cloudWatchAlarmStates(o.aws),
    stopOnAlarms: o.stopOnAlarms,
    maxProbeFailures: o.maxProbeFailures,
    periodMs: o.periodMs,
    clock: o.clock,
    onStop: async (reason) => {
      await undoEverything(`stop condition (${reason})`);
    },
  });

  // --on-error halt: the first AWS error in an attack or a probe while changes are active undoes
  // them all (once: the halt disarms until the next attack); continue: it is logged, the run goes on.
  const onAwsError = async (where: string) => {
    if (o.onError !== 'halt' || guard.active().length === 0) return false;
    await undoEverything(`AWS error in ${where} (--on-error halt)`);
    return true;
  };
  // A probe's AWS error reads as call, resource and reason, and counts as a failed sample.
  const explained = (p: ProbeSpec): ProbeSpec => ({
    ...p,
    run: async (signal) => {
      try {
        return await p.run(signal);
      } catch (err) {
        const f = explainFailure(err, p.id.slice(p.id.indexOf(':') + 1));
        if (f.aws) void onAwsError(`probe "${p.title}"`);
        throw new Error(f.text);
      }
    },
  });

  let configured = false;
  let lastInventory: Inventory | undefined;
  // Targets attacked this session: their standard metrics are offered for graphing.
  const attacked = new Map<string, TargetRef>();
  const graphs = graphControl(
    steady,
    () => lastInventory,
    () => [...attacked.values()],
  );
  const listInventory = async () => {
    const inv = await o.listInventory();
    lastInventory = inv;
    if (!configured) {
      configured = true;
      steady.configure({
        probes: defaultProbes(inv, probeEntries).map(explained),
        series: alarmSeries(inv),
      });
      if (rec) {
        rec.attachLoop(steady);
        rec.stopConditions(
          (o.stopOnAlarms ?? []).map((name) => ({ name, arn: inv.alarms.find((a) => a.name === name)?.arn })),
          o.maxProbeFailures,
        );
      }
    }
    return inv;
  };

  const attacksFor = (targets: readonly TargetRef[]): AttackOption[] => {
    const kinds = [...new Set(targets.map((t) => t.kind))];
    if (!kinds.length) return [];
    return CATALOG.filter(
      (s) => s.kind === 'action' && !s.unsupported && kinds.every((k) => s.appliesTo.includes(k)),
    ).map((s) => ({
      id: `${s.module}.${s.func}`,
      title: s.title,
      targetKind: s.targetKind,
      summary: s.summary,
      undo: s.undo,
      dryRun: s.dryRun,
      params: fieldsFor(s.params, targets),
    }));
  };

  const entryOf = (id: string, from: readonly CatalogEntry[] = entries): CatalogEntry => {
    const e = from === entries ? byId.get(id) : from.find((x) => x.id === id);
    if (!e) throw new Error(`the catalogue has no ${id}`);
    return e;
  };

  const preview = async (req: AttackRequest): Promise<AttackPreview> => {
    const events: GuardEvent[] = [];
    // A throwaway guard with the session's settings, in dry run: it checks, selects and plans as
    // the real run would, and changes nothing.
    const dryGuard = new Guard({
      ...o.guard,
      seed: guard.seed,
      readOnly: o.info.readOnly,
      dryRun: true,
      recorder: (e) => void events.push(e),
    });
    const entry = entryOf(req.attack.id, catalogEntries(runtimeFor(dryGuard)));
    const notes: string[] = [];
    try {
      await entry.call(req.args, {
        configuration: {},
        secrets: {},
        signal: new AbortController().signal,
        dry: true,
        activityName: req.attack.title,
      });
    } catch (err) {
      if (!events.some((e) => e.type === 'refused'))
        notes.push(`the dry run failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const chosen = events.flatMap((e) => (e.type === 'selection' ? e.chosen : []));
    const calls = events.flatMap((e) => (e.type === 'dry-run' ? [e.call] : []));
    const named = calls.flatMap((c) => idsIn(c.input));
    if (events.some((e) => e.type === 'dry-run' && e.outcome === 'permission-proved'))
      notes.push('EC2 dry run: AWS confirmed the permissions; nothing changed');
    return {
      resources: [...new Set(chosen.length ? chosen : named.length ? named : req.targets.map((t) => t.id))],
      calls: calls.map((c) => `${c.service}:${c.operation} ${brief(c.input)}`),
      undo: req.attack.undo,
      refused: events.flatMap((e) => (e.type === 'refused' ? [e.reason] : [])),
      notes,
    };
  };

  const execute = async (asked: AttackRequest) => {
    // --dry-run makes every run a dry run, whatever the screen asked for.
    const req = o.info.dryRun ? { ...asked, dryRun: true } : asked;
    const entry = entryOf(req.attack.id);
    const title = req.dryRun ? `dry run: ${req.attack.title}` : req.attack.title;
    for (const t of req.targets) attacked.set(`${t.kind}:${t.id}`, t);
    // The attack is marked on the charts from its start to the end of its call (timed attacks
    // return after their own undo); a halt is logged where it happens.
    let started = nextRun++;
    if (rec)
      started = rec.attackStart({
        title,
        module: entry.module,
        func: entry.func,
        arguments: req.args,
        targets: req.targets.map((t) => ({ kind: t.kind, id: t.id, tags: t.tags, parent: t.cluster })),
        dryRun: req.dryRun,
      });
    else steady.attackStarted(title);
    const end = (ok: boolean, message: string, output?: unknown) => {
      if (rec) rec.attackEnd(started, { ok, message, output });
      else steady.attackEnded(title);
      steady.log(ok ? 'note' : 'error', message);
    };
    const before = guard.active().length;
    try {
      const output = await entry.call(req.args, {
        configuration: {},
        secrets: {},
        signal: halt.signal,
        dry: req.dryRun,
        activityName: req.attack.title,
      });
      const added = guard.active().length - before;
      const message = req.dryRun
        ? `${req.attack.title}: dry run passed, nothing changed`
        : `${req.attack.title} done${added > 0 ? `; ${added} change(s) to undo (h halts and undoes)` : ''}`;
      end(true, message, output);
      return { ok: true, message };
    } catch (err) {
      const f = explainFailure(err, resourceText(req.targets));
      const active = guard.active().length;
      const goesOn =
        f.aws && o.onError !== 'halt' && active > 0
          ? `; the run goes on with ${active} change(s) active (h halts and undoes)`
          : '';
      const message = `${req.attack.title} failed: ${f.text}${goesOn}`;
      end(false, message);
      if (f.aws) await onAwsError(`"${req.attack.title}"`);
      return { ok: false, message };
    }
  };

  return {
    info: o.info,
    guard,
    steady,
    graphs,
    inventory: listInventory,
    attacksFor,
    preview,
    execute,
    haltAndUndo: () => undoEverything('halted by the operator'),
    activeChanges: () => guard.active().length,
    close: async () => {
      steady.stop();
      halt.abort();
      await o.onClose?.();
    },
  };
}

/** The targets as the error line names them (the first three, then how many more). */
function resourceText(targets: readonly TargetRef[]): string | undefined {
  if (!targets.length) return undefined;
  const ids = targets.slice(0, 3).map((t) => t.id.slice(t.id.lastIndexOf('/') + 1));
  return `${ids.join(', ')}${targets.length > 3 ? ` and ${targets.length - 3} more` : ''}`;
}

/** Resource ids named in a call's input (InstanceIds, AutoScalingGroupName, service...). */
function idsIn(input: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (/Ids$|Names$/.test(k) && Array.isArray(v)) out.push(...v.map(String));
    else if (/^(AutoScalingGroupName|AlarmName|service|task|cluster)$/.test(k) && typeof v === 'string')
      out.push(v);
  }
  return out;
}

function brief(input: Record<string, unknown>): string {
  const s = JSON.stringify(input);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}
