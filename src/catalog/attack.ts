// One activity's use of the guard (an Attack): it admits its targets up front, records each
// change's inverse before sending it, and answers dry runs (EC2 DryRun=true, else the plan).
import { runPermitted } from '../aws/mutations.js';
import type { AwsCall, AwsResponse } from '../aws/ops/call.js';
import type { ServiceName } from '../aws/types.js';
import { GuardRefusal } from './errors.js';
import type { Guard } from './guard.js';
import type { PlannedCall, Target, UndoRecord } from './guard-types.js';
import type { Selection } from './selection.js';

/** What a dry-run mutation returns instead of the AWS response. */
export interface DryRunResult {
  dryRun: true;
  /** `permission-proved`: EC2 answered DryRunOperation; `planned`: no dry run API, the call is shown. */
  outcome: 'permission-proved' | 'planned';
  wouldCall: PlannedCall;
}

/** One mutation request: the call, what it touches, and its inverse (null: cannot be undone). */
export interface MutationRequest {
  targets: Target[];
  call: PlannedCall;
  /** Calls that put things back, in order; null for terminations and other one-way changes. */
  undo: PlannedCall[] | null;
  /** What the undo does, for the screen and the journal ("start i-1, i-2"). */
  undoDescription?: string;
}

/** One activity's use of the guard: admits its targets, then sends its changes one by one. */
export class Attack {
  readonly touched = new Set<string>();
  readonly undoRecords: UndoRecord[] = [];
  private confirmed = false;

  constructor(
    readonly guard: Guard,
    readonly name: string,
    readonly aws: AwsCall,
    readonly dry: boolean,
  ) {}

  /** Checks the whole target set up front, so an attack fails before its first change, not halfway. */
  async admit(targets: readonly Target[]): Promise<void> {
    await this.guard.check(this, targets, this.name);
    if (!this.dry) await this.confirm(targets);
  }

  /** The last check: the operator's confirmation (the console's typed dialog), once per attack. */
  private async confirm(targets: readonly Target[], call?: PlannedCall): Promise<void> {
    const ask = this.guard.options.confirm;
    if (this.confirmed || !ask) return;
    if (!(await ask({ attack: this.name, targets, call }))) {
      await this.guard.emit({ type: 'refused', attack: this.name, reason: 'not confirmed by the operator' });
      throw new GuardRefusal(`${this.name} refused: not confirmed by the operator; nothing was changed`);
    }
    this.confirmed = true;
  }

  /** Records how a random pick was made (seed, candidates, chosen) for the journal and replay. */
  async recordSelection(sel: Selection): Promise<void> {
    await this.guard.emit({
      type: 'selection',
      attack: this.name,
      quantity: sel.quantity,
      seed: sel.seed,
      candidates: sel.candidates,
      chosen: sel.chosen.map((c) => c.id),
    });
  }

  /** The one way to change AWS: check, dry-run or record the undo first, then send. */
  async mutate(req: MutationRequest): Promise<AwsResponse | DryRunResult> {
    const { call } = req;
    await this.guard.check(this, req.targets, `${this.name} (${call.service}:${call.operation})`);
    if (this.dry) return this.dryRun(call);
    await this.confirm(req.targets, call);
    let rec: UndoRecord | undefined;
    if (req.undo && req.undo.length > 0) {
      rec = this.guard.push({
        attack: this.name,
        description: req.undoDescription ?? describeCalls(req.undo),
        calls: req.undo,
        change: call,
        targets: req.targets,
        aws: this.aws,
      });
      this.undoRecords.push(rec);
      await this.guard.emit({ type: 'undo-recorded', record: serialise(rec) });
    }
    await this.guard.emit({
      type: 'change',
      attack: this.name,
      call,
      targets: req.targets.map((t) => t.id),
      undo: rec ? rec.id : null,
    });
    try {
      const out = await runPermitted('guard', () => this.aws(call.service, call.operation, call.input));
      this.guard.touch(this, req.targets);
      await this.guard.settleBy(call, req.targets, rec);
      return out;
    } catch (err) {
      if (rec) {
        rec.status = 'not-applied';
        await this.guard.emit({ type: 'undo-dropped', id: rec.id, attack: this.name, reason: String(err) });
      }
      throw err;
    }
  }

  private async dryRun(call: PlannedCall): Promise<DryRunResult> {
    if (call.service === 'ec2') {
      try {
        await runPermitted('guard-dry-run', () =>
          this.aws(call.service, call.operation, { ...call.input, DryRun: true }),
        );
      } catch (err) {
        if ((err as { code?: string }).code !== 'DryRunOperation') throw err;
        await this.guard.emit({ type: 'dry-run', attack: this.name, call, outcome: 'permission-proved' });
        return { dryRun: true, outcome: 'permission-proved', wouldCall: call };
      }
      throw new GuardRefusal(
        `dry run of ${call.operation} did not answer DryRunOperation; nothing was changed`,
      );
    }
    await this.guard.emit({ type: 'dry-run', attack: this.name, call, outcome: 'planned' });
    return { dryRun: true, outcome: 'planned', wouldCall: call };
  }
}

/** `service:Operation(ids)` lines for undo descriptions. */
export function describeCalls(calls: readonly PlannedCall[]): string {
  return calls.map((c) => `${c.service}:${c.operation} ${JSON.stringify(c.input)}`).join('; ');
}

/** An undo record without its in-memory AWS door, for the recorder and `recover`. */
export function serialise(rec: UndoRecord): Omit<UndoRecord, 'aws'> {
  const { aws: _aws, ...rest } = rec;
  return rest;
}

/** A planned call, for tests and callers building requests. */
export function planned(
  service: ServiceName,
  operation: string,
  input: Record<string, unknown>,
): PlannedCall {
  return { service, operation, input };
}
