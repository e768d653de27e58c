// The attack flow as a model (no React): marked targets -> applicable attacks -> parameters ->
// blast-radius preview -> confirmation -> run (or dry run). Views render its snapshot and call its
// methods; it is the one that talks to the services, so views never fetch.
import type {
  AttackOption,
  AttackPreview,
  AttackRequest,
  AttackResult,
  ConsoleServices,
  TargetRef,
} from '../services.js';

/** Where the flow is. */
export type FlowStage = 'closed' | 'pick' | 'params' | 'previewing' | 'preview' | 'running' | 'done';

/** What the attack screens draw. */
export interface FlowSnapshot {
  stage: FlowStage;
  targets: TargetRef[];
  options: AttackOption[];
  attack?: AttackOption;
  args: Record<string, unknown>;
  preview?: AttackPreview;
  dryRun: boolean;
  result?: AttackResult;
  error?: string;
}

const CLOSED: FlowSnapshot = { stage: 'closed', targets: [], options: [], args: {}, dryRun: false };

/** The flow model. */
export class AttackFlow {
  private snap: FlowSnapshot = CLOSED;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly services: Pick<ConsoleServices, 'attacksFor' | 'preview' | 'execute'>,
    /** Called once a real (not dry) run has ended, well or not: the account may have changed. */
    private readonly onRan?: () => void,
  ) {}

  /** The current state. */
  snapshot = (): FlowSnapshot => this.snap;

  /** Calls `listener` after each change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts with the marked targets: lists only the attacks that apply to all of them. */
  open(targets: TargetRef[]): void {
    this.set({ ...CLOSED, stage: 'pick', targets, options: this.services.attacksFor(targets) });
  }

  /** The operator picked an attack: on to its parameters. */
  choose(attack: AttackOption): void {
    this.set({ stage: 'params', attack, error: undefined });
  }

  /** Parameters entered: compute the blast radius. */
  async submit(args: Record<string, unknown>): Promise<void> {
    const attack = this.snap.attack;
    if (!attack) return;
    this.set({ stage: 'previewing', args, preview: undefined, error: undefined });
    try {
      const preview = await this.services.preview(this.request(false));
      if (this.snap.stage === 'previewing') this.set({ stage: 'preview', preview });
    } catch (err) {
      this.set({ stage: 'params', error: `preview failed: ${message(err)}` });
    }
  }

  /** Runs it (confirmed by the operator), or dry-runs it. */
  async run(dryRun: boolean): Promise<void> {
    if (this.snap.stage !== 'preview' || !this.snap.attack) return;
    this.set({ stage: 'running', dryRun });
    try {
      const result = await this.services.execute(this.request(dryRun));
      this.set({ stage: 'done', result });
    } catch (err) {
      this.set({ stage: 'done', result: { ok: false, message: message(err) } });
    }
    if (!dryRun) this.onRan?.();
  }

  /** One step back (params -> pick, preview -> params), or closes from the picker. */
  back(): void {
    const s = this.snap.stage;
    if (s === 'params') this.set({ stage: 'pick', error: undefined });
    else if (s === 'preview' || s === 'previewing') this.set({ stage: 'params' });
    else if (s !== 'running') this.close();
  }

  /** Leaves the flow. */
  close(): void {
    this.set(CLOSED);
  }

  private request(dryRun: boolean): AttackRequest {
    return { attack: this.snap.attack!, targets: this.snap.targets, args: this.snap.args, dryRun };
  }

  private set(patch: Partial<FlowSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
