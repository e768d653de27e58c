// The single safety choke point: every mutating AWS call the catalogue makes goes through
// `Attack.mutate` (attack.ts), where the guard checks, in order, read-only mode, the opt-in tag,
// the blast-radius caps, dry run and the operator's confirmation, then records the inverse change
// (through the recorder, before the change) and only then sends the call under the client-layer
// permit. `undoAll()` plays the inverses back.
import { runPermitted } from '../aws/mutations.js';
import type { AwsCall } from '../aws/ops/call.js';
import { Attack } from './attack.js';
import { GuardRefusal } from './errors.js';
import type { GuardEvent, PlannedCall, Target, UndoRecord } from './guard-types.js';
import { Prng, randomSeed } from './prng.js';

export {
  Attack,
  type DryRunResult,
  describeCalls,
  type MutationRequest,
  planned,
  serialise,
} from './attack.js';
export type { GuardEvent, PlannedCall, Target, UndoRecord } from './guard-types.js';

/** The opt-in tag resources must carry to be attacked, unless the operator widens it. */
export const DEFAULT_OPT_IN = { key: 'chaos:allowed', value: 'true' } as const;

/** How a session's guard behaves; everything has a safe default. */
export interface GuardOptions {
  readOnly?: boolean;
  /** The opt-in tag (default chaos:allowed=true). */
  optIn?: { key: string; value: string };
  /** Lift the opt-in tag (`--allow-untagged`); the reason is logged and recorded. */
  allowUntagged?: boolean | { reason: string };
  /** Max distinct resources one attack may change (default 10). */
  maxTargetsPerAttack?: number;
  /** Max distinct resources the whole session may change (default 25). */
  maxTargetsPerSession?: number;
  /** Dry run for the whole session (an activity's own `dry` flag also counts). */
  dryRun?: boolean;
  /** Seed for every random pick (recorded; a fresh one when absent). */
  seed?: number;
  /** Receives every guard event; awaited, so the recorder can fsync an undo before the change. */
  recorder?: (event: GuardEvent) => void | Promise<void>;
  /** Attempts per undo (default 8, backing off 1 s, 2 s, 4 s ... up to 15 s: about a minute). */
  undoAttempts?: number;
  /** How the guard waits between undo attempts (default real time; the sandbox passes its clock). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The last check before an attack's first change (after read-only, opt-in, caps and dry run): the
   * console's typed confirmation. Asked once per attack with all its targets; false refuses it.
   */
  confirm?: (request: {
    attack: string;
    targets: readonly Target[];
    call?: PlannedCall;
  }) => boolean | Promise<boolean>;
}

/** Errors an undo cannot outwait (the resource is gone, the call is wrong, it is not allowed). */
const PERMANENT = /NotFound|Malformed|AccessDenied|Unauthorized|ValidationError|InvalidParameter/;

/** Kinds that are not resources with tags (metric data): the opt-in tag cannot apply to them. */
const TAGLESS_KINDS = new Set(['metrics']);

/** Per-session state of the guard: settings, caps counters, the undo stack, the seeded generator. */
export class Guard {
  readonly seed: number;
  readonly optIn: { key: string; value: string };
  readonly widened: string | undefined;
  readonly maxPerAttack: number;
  readonly maxPerSession: number;
  private readonly rng: Prng;
  private readonly touched = new Set<string>();
  private readonly undos: UndoRecord[] = [];
  private announced = false;
  private nextId = 1;

  constructor(readonly options: GuardOptions = {}) {
    this.seed = options.seed ?? randomSeed();
    this.rng = new Prng(this.seed);
    this.optIn = options.optIn ?? { ...DEFAULT_OPT_IN };
    const allow = options.allowUntagged;
    this.widened = allow ? (typeof allow === 'object' ? allow.reason : '--allow-untagged') : undefined;
    this.maxPerAttack = options.maxTargetsPerAttack ?? 10;
    this.maxPerSession = options.maxTargetsPerSession ?? 25;
  }

  /** Starts one attack (one activity call) with the AWS door it uses and its dry-run flag. */
  attack(name: string, aws: AwsCall, opts: { dry?: boolean } = {}): Attack {
    return new Attack(this, name, aws, Boolean(opts.dry || this.options.dryRun));
  }

  /** A generator for one selection, seeded from the session seed; its own seed is recorded. */
  selectionRng(): Prng {
    return new Prng(this.rng.int(2 ** 31));
  }

  /** Undo records still to be played, oldest first. */
  active(): UndoRecord[] {
    return this.undos.filter((u) => u.status === 'active');
  }

  /** Every undo record of the session, with its status. */
  records(): UndoRecord[] {
    return [...this.undos];
  }

  /** Plays every active undo, newest first, retrying each call; returns what failed. */
  async undoAll(): Promise<{ undone: number; failed: UndoRecord[] }> {
    let undone = 0;
    const failed: UndoRecord[] = [];
    for (const rec of [...this.active()].reverse()) {
      if (await this.undo(rec)) undone++;
      else failed.push(rec);
    }
    return { undone, failed };
  }

  /** Plays one undo record now (a timed attack ending, or undoAll); true when it succeeded. */
  async undo(rec: UndoRecord): Promise<boolean> {
    if (rec.status !== 'active') return rec.status === 'undone';
    const attempts = this.options.undoAttempts ?? 8;
    const wait = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let lastError = '';
    for (let i = 0; i < attempts; i++) {
      try {
        for (const [n, call] of rec.calls.entries()) {
          if (n < rec.callsDone) continue;
          const input = i > 0 ? await withoutTerminated(rec.aws, call) : call.input;
          if (input) await runPermitted('guard-undo', () => rec.aws(call.service, call.operation, input));
          rec.callsDone++;
        }
        rec.status = 'undone';
        await this.emit({ type: 'undone', id: rec.id, attack: rec.attack, description: rec.description });
        return true;
      } catch (err) {
        // e.g. IncorrectInstanceState: a stop still in progress; wait for it, as an operator would
        lastError = err instanceof Error ? err.message : String(err);
        if (PERMANENT.test(String((err as { code?: string }).code ?? ''))) break;
        if (i + 1 < attempts) await wait(Math.min(15_000, 1000 * 2 ** i));
      }
    }
    rec.status = 'failed';
    rec.error = lastError;
    await this.emit({ type: 'undo-failed', id: rec.id, attack: rec.attack, error: lastError });
    return false;
  }

  /** @internal Emits an event to the recorder (awaited). */
  async emit(event: GuardEvent): Promise<void> {
    if (!this.announced) {
      this.announced = true;
      await this.options.recorder?.({
        type: 'guard-config',
        readOnly: Boolean(this.options.readOnly),
        optIn: `${this.optIn.key}=${this.optIn.value}`,
        widened: this.widened ?? null,
        maxTargetsPerAttack: this.maxPerAttack,
        maxTargetsPerSession: this.maxPerSession,
        dryRun: Boolean(this.options.dryRun),
        seed: this.seed,
      });
    }
    await this.options.recorder?.(event);
  }

  /** @internal Checks read-only, opt-in and caps for targets of one attack; throws GuardRefusal. */
  async check(attack: Attack, targets: readonly Target[], what: string): Promise<void> {
    const refuse = async (reason: string): Promise<never> => {
      await this.emit({ type: 'refused', attack: attack.name, reason });
      throw new GuardRefusal(reason);
    };
    if (this.options.readOnly)
      await refuse(`read-only mode: ${what} refused (start without --read-only to make changes)`);
    const { key, value } = this.optIn;
    // An explicit opt-out (chaos:allowed=false) holds even when untagged resources are allowed.
    const optedOut = targets.filter(
      (t) => !TAGLESS_KINDS.has(t.kind) && key in t.tags && t.tags[key] !== value,
    );
    if (this.widened && optedOut.length > 0)
      await refuse(
        `${what} refused: ${optedOut.map((t) => `${t.id} (${key}=${t.tags[key]})`).join(', ')} opted out; ${this.widened} lifts the check only for untagged resources`,
      );
    if (!this.widened) {
      const untagged = targets.filter((t) => !TAGLESS_KINDS.has(t.kind) && t.tags[key] !== value);
      if (untagged.length > 0)
        await refuse(
          `${what} refused: ${untagged.map((t) => t.id).join(', ')} ${untagged.length === 1 ? 'is' : 'are'} not tagged ${key}=${value}; tag the resource to opt it in, or lift the check with --allow-untagged`,
        );
    }
    const keys = targets.filter((t) => !TAGLESS_KINDS.has(t.kind)).map(targetKey);
    const attackSet = new Set([...attack.touched, ...keys]);
    if (attackSet.size > this.maxPerAttack)
      await refuse(
        `${what} refused: it would change ${attackSet.size} resources, over the per-attack cap of ${this.maxPerAttack} (raise it with --max-targets)`,
      );
    const sessionSet = new Set([...this.touched, ...keys]);
    if (sessionSet.size > this.maxPerSession)
      await refuse(
        `${what} refused: the session would have changed ${sessionSet.size} resources, over the session cap of ${this.maxPerSession} (raise it with --max-session-targets)`,
      );
  }

  /** @internal Counts targets as touched once their change was sent. */
  touch(attack: Attack, targets: readonly Target[]): void {
    for (const t of targets) {
      if (TAGLESS_KINDS.has(t.kind)) continue;
      attack.touched.add(targetKey(t));
      this.touched.add(targetKey(t));
    }
  }

  /**
   * Takes over an undo record written by an earlier process (crash recovery): it becomes active
   * here under its recorded id, so `undo()` plays it and the events it emits match the log.
   */
  adopt(saved: Omit<UndoRecord, 'aws'>, aws: AwsCall): UndoRecord {
    const rec: UndoRecord = { ...saved, status: 'active', callsDone: 0, aws };
    this.undos.push(rec);
    this.nextId = Math.max(this.nextId, rec.id + 1);
    return rec;
  }

  /** @internal Adds an undo record (before its change is sent). */
  push(rec: Omit<UndoRecord, 'id' | 'status' | 'callsDone' | 'at'>): UndoRecord {
    const full: UndoRecord = {
      ...rec,
      id: this.nextId++,
      status: 'active',
      callsDone: 0,
      at: new Date().toISOString(),
    };
    this.undos.push(full);
    return full;
  }

  /** @internal Marks active undos made moot by a change that already does their job (a rollback).
   * When that change only put back what earlier changes did (a start of every instance we had
   * stopped), its own undo (`own`, stop them again) is settled too: nothing is left in place. */
  async settleBy(call: PlannedCall, targets: readonly Target[], own?: UndoRecord): Promise<void> {
    const ids = new Set(targets.map(targetKey));
    const restored = new Set<string>();
    for (const rec of this.active()) {
      if (rec === own) continue;
      // Only an inverse operation settles (StartInstances after StopInstances); a same-operation
      // undo (UpdateService, SetAlarmState) cannot be told apart from a new change.
      if (rec.change.operation === call.operation) continue;
      const same = rec.calls.every((c) => c.service === call.service && c.operation === call.operation);
      if (same && rec.targets.length > 0 && rec.targets.every((t) => ids.has(targetKey(t)))) {
        rec.status = 'settled';
        for (const t of rec.targets) restored.add(targetKey(t));
        await this.emit({
          type: 'undo-settled',
          id: rec.id,
          attack: rec.attack,
          by: `${call.service}:${call.operation}`,
        });
      }
    }
    if (own?.status === 'active' && targets.length > 0 && targets.every((t) => restored.has(targetKey(t)))) {
      own.status = 'settled';
      await this.emit({
        type: 'undo-settled',
        id: own.id,
        attack: own.attack,
        by: `${call.service}:${call.operation} restored what an earlier change did`,
      });
    }
  }
}

function targetKey(t: Target): string {
  return `${t.kind}:${t.id}`;
}

/**
 * Before retrying an EC2 start, drops the instances that were terminated meanwhile (an Auto Scaling
 * group replaced them): they cannot be started, and there is nothing left to put back for them.
 * Returns the input to send, or undefined when nothing is left to start.
 */
async function withoutTerminated(
  aws: AwsCall,
  call: PlannedCall,
): Promise<Record<string, unknown> | undefined> {
  if (call.service !== 'ec2' || call.operation !== 'StartInstances') return call.input;
  const ids = (call.input.InstanceIds as string[]) ?? [];
  const res = await aws('ec2', 'DescribeInstances', { InstanceIds: ids });
  const gone = new Set(
    (res.Reservations ?? [])
      .flatMap((r: { Instances?: unknown[] }) => r.Instances ?? [])
      .filter((i: { State?: { Name?: string } }) =>
        ['terminated', 'shutting-down'].includes(i.State?.Name ?? ''),
      )
      .map((i: { InstanceId: string }) => i.InstanceId),
  );
  const left = ids.filter((id) => !gone.has(id));
  return left.length ? { ...call.input, InstanceIds: left } : undefined;
}
