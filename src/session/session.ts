// One place for everything a session records: the console, `gameday run`, the guard and the steady
// loop all append here, each event fsync'd before the call returns (write-ahead). On close it
// writes the projections beside the log: experiment.json (Chaos Toolkit) and journal.json.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { GuardEvent } from '../catalog/guard-types.js';
import type { RunEvent } from '../experiment/events.js';
import { journalJson } from '../experiment/journal.js';
import type { Activity } from '../experiment/types.js';
import type { LoopEvent, LoopSnapshot } from '../steady/types.js';
import {
  type AttackStartEvent,
  type AttackTarget,
  RECORDING_FORMAT,
  type RecordedRole,
  type SessionEvent,
} from './events.js';
import { knownSecretForms } from './known-secrets.js';
import { holdRecording, keepAlive, newSessionId, releaseRecording } from './liveness.js';
import { projectExperiment } from './project-experiment.js';
import { projectJournal } from './project-journal.js';
import { defaultRecordDir } from './record-dir.js';
import { type EventSource, type RecordedEvent, Recorder } from './recorder.js';
import { recordingOf } from './recording.js';
import { redact } from './redact.js';
import { kindOfId } from './target-kind.js';

/** Who and where; written as the first event. */
export interface SessionInfo {
  title: string;
  description?: string;
  accountId?: string | null;
  /** The role the session acts as, when it assumed one. */
  assumedRole?: RecordedRole;
  region: string;
  sandbox: boolean;
  operator?: string | null;
  gamedayVersion?: string;
}

/** The steady loop as the session sees it (SteadyLoop fits). */
export interface LoopLike {
  snapshot(): LoopSnapshot;
  subscribe(listener: () => void): () => void;
  note?(text: string): void;
  attackStarted?(label: string): void;
  attackEnded?(label: string): void;
  halted?(text: string): void;
}

/** What to record when an attack starts (the session numbers it and stamps the tick). */
export interface AttackInfo {
  title: string;
  module: string;
  func: string;
  arguments: Record<string, unknown>;
  targets: AttackTarget[];
  selection?: { quantity: string; seed: number };
  dryRun?: boolean;
}

/** Files written by close(). */
export interface ClosedSession {
  dir: string;
  experimentPath?: string;
  journalPath?: string;
  /** Projections that could not be written (the log is intact either way). */
  errors: string[];
}

// Loop kinds the session writes itself when it forwarded them; recorded from the loop otherwise.
const FORWARDED_KINDS = new Set<LoopEvent['kind']>(['note', 'attack-start', 'attack-end', 'halt']);

/** A recorded session. */
export class Session {
  private readonly records: RecordedEvent[] = [];
  private nextAttack = 1;
  private readonly attacks = new Map<number, string>();
  private readonly openAttacks = new Map<
    number,
    { targets: Map<string, AttackTarget>; selection?: { quantity: string; seed: number } }
  >();
  private loop: LoopLike | undefined;
  private forwarding = false;
  private lastTick = 0;
  private readonly seenSeries = new Set<string>();
  private readonly seenProbes = new Set<string>();
  private readonly seenLoopEvents = new WeakSet<LoopEvent>();
  private lastAlarms = '{}';
  private closed: ClosedSession | undefined;
  private batch:
    | { items: { source: EventSource; event: RecordedEvent['event'] }[]; known: readonly string[] }
    | undefined;
  /** Names this session in session-start and in each of its undo records (two consoles, one account). */
  readonly id = newSessionId();
  // Stops the lock's heartbeat (other hosts sharing the directory read it).
  private stopHeartbeat: () => void = () => {};

  private constructor(private readonly recorder: Recorder) {}

  /**
   * Creates recordings/<utc-time>-<slug>/ under `root`, marks it running (running.lock, so
   * `gameday recover` elsewhere leaves it alone until close) and writes session-start.
   */
  static open(info: SessionInfo, options: { root?: string; now?: () => number } = {}): Session {
    const s = new Session(
      Recorder.create(options.root ?? defaultRecordDir(), info.title, { now: options.now }),
    );
    holdRecording(s.dir, s.id);
    s.stopHeartbeat = keepAlive(s.dir);
    s.write('session', {
      type: 'session-start',
      format: RECORDING_FORMAT,
      sessionId: s.id,
      title: info.title,
      description: info.description ?? '',
      accountId: info.accountId ?? null,
      ...(info.assumedRole ? { assumedRole: info.assumedRole } : {}),
      region: info.region,
      sandbox: info.sandbox,
      gamedayVersion: info.gamedayVersion ?? 'unknown',
      operator: info.operator ?? osUser(),
    });
    return s;
  }

  /** The recording directory. */
  get dir(): string {
    return this.recorder.dir;
  }

  /** Everything recorded so far, in order. */
  events(): readonly RecordedEvent[] {
    return this.records;
  }

  /** An engine event (pass as `emit` to runExperiment, or call from its emit). */
  runEvent = (e: RunEvent): void => {
    this.write('run', e as unknown as RecordedEvent['event']);
  };

  /** A guard event (pass as the Guard's `recorder` option: the undo is on disk before the change). */
  guardEvent = (e: GuardEvent): void => {
    const named = e.type === 'undo-recorded' ? { ...e, record: { ...e.record, session: this.id } } : e;
    this.write('guard', named as unknown as RecordedEvent['event']);
    const open = [...this.openAttacks.values()].at(-1);
    if (!open) return;
    if (e.type === 'undo-recorded') {
      for (const t of e.record.targets) open.targets.set(t.id, { kind: t.kind, id: t.id, tags: t.tags });
    } else if (e.type === 'change') {
      for (const id of e.targets) if (!open.targets.has(id)) open.targets.set(id, { kind: kindOfId(id), id });
    } else if (e.type === 'selection') open.selection = { quantity: e.quantity, seed: e.seed };
  };

  /** A steady-loop event (pass as the loop's `onEvent`, or let attachLoop pick them up). */
  steadyEvent = (e: LoopEvent): void => {
    if (this.seenLoopEvents.has(e)) return;
    this.seenLoopEvents.add(e);
    if (this.forwarding && FORWARDED_KINDS.has(e.kind)) return;
    if (e.kind === 'note') this.write('steady', { type: 'note', text: e.text, tick: e.tick });
    else if (e.kind === 'halt') this.write('steady', { type: 'halt', reason: e.text, tick: e.tick });
    else this.write('steady', { type: 'loop-event', kind: e.kind, text: e.text, tick: e.tick });
  };

  /** Records a new tick of the loop: series (declared once), points, probe samples, alarm changes. */
  steadyTick(snap: LoopSnapshot): void {
    this.batched(() => this.recordTick(snap));
  }

  private recordTick(snap: LoopSnapshot): void {
    if (snap.tick <= this.lastTick) return;
    this.lastTick = snap.tick;
    for (const s of snap.series)
      if (!this.seenSeries.has(s.spec.id)) {
        this.seenSeries.add(s.spec.id);
        this.write('steady', { type: 'metric-series', series: s.spec });
      }
    if (snap.series.length)
      this.write('steady', {
        type: 'metric-points',
        tick: snap.tick,
        points: Object.fromEntries(snap.series.map((s) => [s.spec.id, s.points.at(-1) ?? null])),
      });
    for (const p of snap.probes) {
      if (!this.seenProbes.has(p.spec.id)) this.watchProbe(p.spec);
      const ok = p.strip.at(-1) ?? null;
      this.write('steady', {
        type: 'probe-sample',
        probe: p.spec.id,
        tick: snap.tick,
        ok,
        ...(ok !== null && p.last && 'value' in p.last ? { value: p.last.value } : {}),
        ...(typeof p.values?.at(-1) === 'number' ? { measured: p.values.at(-1) } : {}),
        ...(ok === false && p.last?.error ? { error: p.last.error } : {}),
      });
    }
    const alarms = JSON.stringify(snap.alarms);
    if (alarms !== this.lastAlarms && Object.keys(snap.alarms).length) {
      this.lastAlarms = alarms;
      this.write('steady', { type: 'alarm-states', tick: snap.tick, states: snap.alarms });
    }
  }

  /** Follows a steady loop: every tick and every event is recorded; returns the unsubscribe. */
  attachLoop(loop: LoopLike): () => void {
    this.loop = loop;
    // One append per change of the loop: its new events and the tick's points and samples.
    const onChange = () =>
      this.batched(() => {
        const snap = loop.snapshot();
        for (const e of snap.events) this.steadyEvent(e);
        this.steadyTick(snap);
      });
    const off = loop.subscribe(onChange);
    onChange();
    return () => {
      off();
      if (this.loop === loop) this.loop = undefined;
    };
  }

  /** Declares a watched probe; `activity` is its Chaos Toolkit probe (with tolerance) when it has one. */
  watchProbe(probe: { id: string; title: string; tolerance: string }, activity?: Activity): void {
    this.seenProbes.add(probe.id);
    this.write('session', {
      type: 'probe-watch',
      probe: { id: probe.id, title: probe.title, tolerance: probe.tolerance },
      ...(activity ? { activity } : {}),
    });
  }

  /** Declares the alarms (ARNs when known) that halt the session. */
  stopConditions(alarms: { name: string; arn?: string }[], maxProbeFailures?: number): void {
    this.write('session', {
      type: 'stop-conditions',
      alarms,
      ...(maxProbeFailures !== undefined ? { maxProbeFailures } : {}),
    });
  }

  /** An attack starts: recorded, and marked on the attached loop's charts. Returns its id. */
  attackStart(info: AttackInfo): number {
    const attackId = this.nextAttack++;
    this.attacks.set(attackId, info.title);
    const event: AttackStartEvent = { type: 'attack-start', attackId, ...info, tick: this.tick() };
    this.openAttacks.set(attackId, { targets: new Map() });
    this.write('console', event);
    this.forward(() => this.loop?.attackStarted?.(info.title));
    return attackId;
  }

  /** The attack ended (ok or not), with its output. */
  attackEnd(attackId: number, outcome: { ok: boolean; message?: string; output?: unknown }): void {
    const seen = this.openAttacks.get(attackId);
    this.openAttacks.delete(attackId);
    this.write('console', {
      type: 'attack-end',
      attackId,
      ...outcome,
      tick: this.tick(),
      ...(seen?.targets.size ? { targets: [...seen.targets.values()] } : {}),
      ...(seen?.selection ? { selection: seen.selection } : {}),
    });
    this.forward(() => this.loop?.attackEnded?.(this.attacks.get(attackId) ?? `attack ${attackId}`));
  }

  /** An operator note (also shown on the loop's timeline). */
  note(text: string): void {
    this.write('console', { type: 'note', text, tick: this.tick() });
    this.forward(() => this.loop?.note?.(text));
  }

  /** The team's hypothesis in words. */
  hypothesis(text: string): void {
    this.write('console', { type: 'hypothesis', text });
  }

  /** A halt and what its undo did. */
  halt(reason: string, result?: { undone: number; failed: string[] }): void {
    this.write('console', { type: 'halt', reason, ...(result ?? {}), tick: this.tick() });
    this.forward(() => this.loop?.halted?.(reason));
  }

  /** Writes session-end, closes the log, writes experiment.json and journal.json, drops the lock. Idempotent. */
  close(reason?: string): ClosedSession {
    if (this.closed) return this.closed;
    this.write('session', { type: 'session-end', ...(reason ? { reason } : {}) });
    this.recorder.close();
    this.closed = writeProjections(this.recorder.dir, this.records);
    this.stopHeartbeat();
    releaseRecording(this.recorder.dir);
    return this.closed;
  }

  private tick(): number | undefined {
    return this.loop ? this.loop.snapshot().tick : undefined;
  }

  private forward(fn: () => void): void {
    this.forwarding = true;
    try {
      fn();
      if (this.loop) for (const e of this.loop.snapshot().events) this.seenLoopEvents.add(e);
    } finally {
      this.forwarding = false;
    }
  }

  private write(source: EventSource, event: SessionEvent | RecordedEvent['event']): void {
    if (this.closed) return;
    const clean = redact(event, this.batch?.known) as RecordedEvent['event'];
    if (this.batch) this.batch.items.push({ source, event: clean });
    else this.records.push(this.recorder.append(source, clean));
  }

  /** Runs `fn` with its writes gathered into one append (one write and one fsync), flushed before
   * this returns, so the log is as write-ahead as before. */
  private batched(fn: () => void): void {
    if (this.batch) {
      fn();
      return;
    }
    // The secret forms are read once for the whole batch (each read scans the environment).
    this.batch = { items: [], known: knownSecretForms() };
    try {
      fn();
    } finally {
      const { items } = this.batch;
      this.batch = undefined;
      if (items.length && !this.closed) this.records.push(...this.recorder.appendAll(items));
    }
  }
}

/** Writes experiment.json and journal.json for a recording's events; failures are returned, not thrown. */
export function writeProjections(dir: string, records: readonly RecordedEvent[]): ClosedSession {
  const out: ClosedSession = { dir, errors: [] };
  try {
    const rec = recordingOf(records, dir);
    const experiment = projectExperiment(rec);
    out.experimentPath = join(dir, 'experiment.json');
    writeFileSync(out.experimentPath, `${JSON.stringify(experiment, null, 2)}\n`);
    out.journalPath = join(dir, 'journal.json');
    writeFileSync(out.journalPath, `${journalJson(projectJournal(rec))}\n`);
  } catch (err) {
    out.errors.push((err as Error).message);
  }
  return out;
}

/** Who is at the keyboard when $USER is not set (containers, CI): the OS account, if it has one. */
function osUser(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}
