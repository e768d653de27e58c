// The runbook state machine, React-free: briefing -> the team's hypothesis -> steps (manual gates
// the team confirms, attacks the engine runs) -> observation checklist -> closing questions -> done.
// It follows the engine through its events and holds the engine back through a gating registry:
// an attack step's activity waits until every gate before it is passed, and what runs after the
// method (the deviation check, the rollbacks) waits until the team has looked at the fault and
// worked through the checklist. Headless (`auto`), gates pass on their own and are logged.
import { Interrupted } from '../experiment/errors.js';
import type { RunEvent } from '../experiment/events.js';
import type { ActivityContext, FunctionRegistry } from '../experiment/registry.js';
import type { RunStatus } from '../experiment/types.js';
import type { Runbook, RunbookStep } from './runbook.js';

/** Where the team is in the runbook. */
export type Stage = 'briefing' | 'hypothesis' | 'steps' | 'observations' | 'closing' | 'done';

const ORDER: Stage[] = ['briefing', 'hypothesis', 'steps', 'observations', 'closing', 'done'];

/** A step's progress: gates wait then pass; attacks are ready, run, then end done or failed. */
export type StepStatus =
  | 'pending'
  | 'waiting'
  | 'ready'
  | 'running'
  | 'passed'
  | 'done'
  | 'failed'
  | 'skipped';

/** Something the machine records (the console writes it to the session, headless to the journal). */
export type RunbookRecord =
  | { kind: 'hypothesis'; text: string }
  | { kind: 'gate'; title: string; passed: 'operator' | 'headless' }
  | { kind: 'attack'; activity: string; status: 'done' | 'failed' | 'skipped'; error?: string }
  | { kind: 'observation'; text: string; confirmed: boolean }
  | { kind: 'answer'; question: string; text: string };

/** A snapshot for views and tests. */
export interface RunbookState {
  stage: Stage;
  hypothesis: string | undefined;
  steps: { step: RunbookStep; status: StepStatus; error?: string }[];
  /** Index of the step in progress (steps.length once all are through). */
  current: number;
  observations: { text: string; confirmed: boolean }[];
  /** Index of the closing question being asked. */
  question: number;
  answers: { question: string; text: string }[];
  run: { methodStarted: boolean; methodEnded: boolean; status?: RunStatus; deviated?: boolean };
}

/** Options: `auto` passes gates and skips the team's input (headless); `onRecord` receives records. */
export interface MachineOptions {
  auto?: boolean;
  onRecord?(record: RunbookRecord): void;
}

/** The runbook in progress. */
export class RunbookMachine {
  private s: RunbookState;
  private readonly listeners = new Set<() => void>();
  private readonly auto: boolean;

  constructor(
    readonly runbook: Runbook,
    private readonly opts: MachineOptions = {},
  ) {
    this.auto = opts.auto ?? false;
    this.s = {
      stage: 'briefing',
      hypothesis: undefined,
      steps: runbook.steps.map((step) => ({ step, status: 'pending' })),
      current: 0,
      observations: runbook.observations.map((text) => ({ text, confirmed: false })),
      question: 0,
      answers: [],
      run: { methodStarted: false, methodEnded: false },
    };
  }

  /** The current state (a fresh object after every change). */
  get state(): RunbookState {
    return this.s;
  }

  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Briefing read: ask for the hypothesis (headless: go straight to the steps, no hypothesis). */
  begin(): void {
    if (this.s.stage !== 'briefing') return;
    this.update({ stage: this.auto ? 'steps' : 'hypothesis' });
    this.settle();
  }

  /** The team's hypothesis, in words, before the fault goes in. Empty text is refused (false). */
  submitHypothesis(text: string): boolean {
    const t = text.trim();
    if (this.s.stage !== 'hypothesis' || !t) return false;
    this.opts.onRecord?.({ kind: 'hypothesis', text: t });
    this.update({ hypothesis: t, stage: 'steps' });
    this.settle();
    return true;
  }

  /** The team confirms the gate it is waiting at (enter). False when no gate is waiting. */
  passGate(): boolean {
    const cur = this.s.steps[this.s.current];
    if (this.s.stage !== 'steps' || cur?.step.type !== 'gate' || cur.status !== 'waiting') return false;
    this.finishGate('operator');
    return true;
  }

  /** Ticks or unticks an observation. */
  toggleObservation(index: number): void {
    if (this.s.stage !== 'observations' || !this.s.observations[index]) return;
    this.update({
      observations: this.s.observations.map((o, i) => (i === index ? { ...o, confirmed: !o.confirmed } : o)),
    });
  }

  /** The checklist is done: each observation is recorded as confirmed or not, then the closing questions. */
  confirmObservations(): void {
    if (this.s.stage !== 'observations') return;
    for (const o of this.s.observations) this.opts.onRecord?.({ kind: 'observation', ...o });
    this.update({ stage: this.auto || this.runbook.closingQuestions.length === 0 ? 'done' : 'closing' });
  }

  /** The answer to the current closing question; after the last one the runbook is done. */
  answer(text: string): void {
    if (this.s.stage !== 'closing') return;
    const question = this.runbook.closingQuestions[this.s.question]!;
    const t = text.trim();
    this.opts.onRecord?.({ kind: 'answer', question, text: t });
    const next = this.s.question + 1;
    this.update({
      answers: [...this.s.answers, { question, text: t }],
      question: next,
      stage: next >= this.runbook.closingQuestions.length ? 'done' : 'closing',
    });
  }

  /** Follows the engine (pass every RunEvent here). */
  onRunEvent(e: RunEvent): void {
    if (e.type === 'method-start') {
      this.update({ run: { ...this.s.run, methodStarted: true } });
      this.settle();
    } else if (e.type === 'activity-end' && e.phase === 'method') {
      const name = e.entry.activity.name;
      const i = this.s.steps.findIndex((st) => st.step.type === 'attack' && st.step.activity === name);
      const st = this.s.steps[i];
      if (!st || st.status === 'done' || st.status === 'failed' || st.status === 'skipped') return;
      const status = e.entry.status === 'succeeded' ? 'done' : 'failed';
      this.opts.onRecord?.({ kind: 'attack', activity: String(name), status, error: e.error });
      this.setStep(i, { status, error: e.error });
      if (i === this.s.current) this.update({ current: i + 1 });
      this.settle();
    } else if (e.type === 'method-end') {
      this.update({ run: { ...this.s.run, methodEnded: true } });
      this.settle();
    } else if (e.type === 'run-end') {
      const run = { methodStarted: true, methodEnded: true, status: e.status, deviated: e.deviated };
      this.update({ run });
      this.settle();
    }
  }

  /**
   * Wraps the registry the engine runs with: an attack step's activity waits for the gates before
   * it, and everything after the method waits for the checklist. Halting (the signal) releases it.
   */
  gate(inner: FunctionRegistry): FunctionRegistry {
    return {
      modules: () => inner.modules(),
      functions: (m) => inner.functions(m),
      get: (module, func) => {
        const fn = inner.get(module, func);
        if (!fn) return fn;
        return {
          ...fn,
          call: async (args: Record<string, unknown>, ctx: ActivityContext) => {
            await this.hold(ctx);
            return fn.call(args, ctx);
          },
        };
      },
    };
  }

  /** Resolves once `ready(state)` holds (checked after every change); rejects Interrupted on abort. */
  until(ready: (s: RunbookState) => boolean, signal?: AbortSignal): Promise<void> {
    if (ready(this.s)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = this.subscribe(() => {
        if (!ready(this.s)) return;
        done();
        resolve();
      });
      const onAbort = () => {
        done();
        reject(new Interrupted('interrupted'));
      };
      const done = () => {
        off();
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async hold(ctx: ActivityContext): Promise<void> {
    const i = this.s.steps.findIndex(
      (st) =>
        st.step.type === 'attack' &&
        st.step.activity === ctx.activityName &&
        (st.status === 'pending' || st.status === 'ready'),
    );
    if (!this.s.run.methodEnded && i >= 0 && i >= this.s.current) {
      await this.until((s) => s.current >= i || s.stage !== 'steps', ctx.signal);
      const st = this.s.steps[i];
      if (st?.status === 'ready' || st?.status === 'pending') this.setStep(i, { status: 'running' });
    } else if (this.s.run.methodEnded) {
      await this.until((s) => stageAtLeast(s.stage, 'closing'), ctx.signal);
    }
  }

  // Moves through the steps as far as it can: gates wait (or pass, headless), attacks become ready,
  // and once the run has ended, attacks it never ran are skipped. Then the checklist.
  private settle(): void {
    if (this.s.stage !== 'steps' || !this.s.run.methodStarted) return;
    for (let i = this.s.current; i < this.s.steps.length; i = this.s.current) {
      const st = this.s.steps[i]!;
      if (st.step.type === 'gate') {
        if (this.auto) {
          this.finishGate('headless', false);
          continue;
        }
        if (st.status === 'pending') this.setStep(i, { status: 'waiting' });
        return;
      }
      if (this.s.run.methodEnded && (st.status === 'pending' || st.status === 'ready')) {
        this.opts.onRecord?.({ kind: 'attack', activity: st.step.activity, status: 'skipped' });
        this.setStep(i, { status: 'skipped' });
        this.update({ current: i + 1 });
        continue;
      }
      if (st.status === 'pending') this.setStep(i, { status: 'ready' });
      return;
    }
    this.update({ stage: 'observations' });
    if (this.auto) this.confirmObservations();
  }

  private finishGate(by: 'operator' | 'headless', settle = true): void {
    const i = this.s.current;
    const st = this.s.steps[i]!;
    if (st.step.type === 'gate') this.opts.onRecord?.({ kind: 'gate', title: st.step.title, passed: by });
    this.setStep(i, { status: 'passed' });
    this.update({ current: i + 1 });
    if (settle) this.settle();
  }

  private setStep(i: number, patch: { status: StepStatus; error?: string }): void {
    this.update({ steps: this.s.steps.map((st, n) => (n === i ? { ...st, ...patch } : st)) });
  }

  private update(patch: Partial<RunbookState>): void {
    this.s = { ...this.s, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

/** True when `stage` is `than` or later. */
export function stageAtLeast(stage: Stage, than: Stage): boolean {
  return ORDER.indexOf(stage) >= ORDER.indexOf(than);
}
