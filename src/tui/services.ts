// What the console needs from the rest of gameday, as one interface. Views never fetch: models
// call these and notify; src/commands/console.ts fulfils them with discovery, the catalogue, the
// guard and the steady-state loop (or the sandbox beneath the same AWS clients).
import type { Inventory, Tags } from '../aws/inventory.js';
import type { ScenarioEntry } from '../scenario/library.js';
import type { SteadyLoop } from '../steady/loop.js';
import type { MetricSpec } from '../steady/types.js';
import type { HeaderInfo } from './widgets/Header.js';

/** The inventory kinds the console lets an operator mark as targets. */
export type TargetKind =
  | 'instances'
  | 'autoScalingGroups'
  | 'clusters'
  | 'services'
  | 'tasks'
  | 'containerInstances'
  | 'alarms';

/** A marked resource. */
export interface TargetRef {
  kind: TargetKind;
  id: string;
  /** What the operator reads (name tag, service name...). */
  label: string;
  tags: Tags;
  /** The ECS cluster a service, task or container instance belongs to. */
  cluster?: string;
}

/** One thing the live view can graph: a probe's values or a CloudWatch series. */
export interface GraphOption {
  /** `probe:<probe id>` or the series id. */
  id: string;
  group: 'probe' | 'alarm' | 'target';
  label: string;
  series?: MetricSpec;
  probe?: string;
}

/** The operator's choice of graphs: what can be graphed, what is, and a new choice to apply
 * (still one GetMetricData call per tick, so at most 500 series). */
export interface GraphControl {
  /** The choices for these marked targets, plus the targets attacked so far. */
  options(marked: readonly TargetRef[]): GraphOption[];
  /** Ids of what is graphed now. */
  chosen(): string[];
  /** Graphs exactly these from the next tick on. */
  apply(choice: readonly GraphOption[]): void;
}

/** One parameter of an attack, as the form shows it. */
export interface ParamField {
  name: string;
  description: string;
  required: boolean;
  /** Python annotation ("int", "List[str]"...), used to parse what is typed. */
  type?: string;
  /** The value the form starts with: the catalogue default, or one filled from the marked targets. */
  initial?: unknown;
}

/** An attack the catalogue offers for the marked targets. */
export interface AttackOption {
  id: string;
  title: string;
  /** "EC2 instances". */
  targetKind: string;
  summary: string;
  /** How it is undone, or why it cannot be. */
  undo: string;
  /** 'ec2-dry-run': AWS proves permissions; 'plan': the calls are shown; 'read-only': a probe. */
  dryRun: 'ec2-dry-run' | 'plan' | 'read-only';
  params: ParamField[];
}

/** What the operator asked for. */
export interface AttackRequest {
  attack: AttackOption;
  targets: TargetRef[];
  args: Record<string, unknown>;
  dryRun: boolean;
}

/** The blast radius, computed before anything changes. */
export interface AttackPreview {
  /** Resources the calls would change. */
  resources: string[];
  /** The AWS calls, one line each ("ec2:StopInstances i-1, i-2"). */
  calls: string[];
  /** How the change is undone (from the catalogue). */
  undo: string;
  /** What the guard refused and why (empty when everything is allowed). */
  refused: string[];
  /** Other notes (the dry run proved permissions...). */
  notes: string[];
}

/** The outcome of running an attack. */
export interface AttackResult {
  ok: boolean;
  /** One line for the event log. */
  message: string;
}

/** What halting undid. */
export interface HaltResult {
  undone: number;
  failed: string[];
}

/** Everything the console calls. */
export interface ConsoleServices {
  /** Who and where (fixed for the session). */
  info: HeaderInfo;
  /** Lists the account; the inventory model calls it on a period. */
  inventory(): Promise<Inventory>;
  /** Attacks applicable to every one of the targets (capabilities, not kinds). */
  attacksFor(targets: readonly TargetRef[]): AttackOption[];
  preview(req: AttackRequest): Promise<AttackPreview>;
  /** Runs the attack through the guard; the steady loop gets its start/end markers. */
  execute(req: AttackRequest): Promise<AttackResult>;
  /** Undoes every active change, newest first. */
  haltAndUndo(): Promise<HaltResult>;
  /** Changes not yet undone (the header's "● N active"). */
  activeChanges(): number;
  /** The live steady-state loop the live view renders. */
  steady: SteadyLoop;
  /** What the live view graphs, chosen by the operator (absent: the defaults, fixed). */
  graphs?: GraphControl;
  /** Releases clients and timers when the console exits. */
  close(): Promise<void>;
  /** The guided game days the Scenarios screen offers (read from disk by the wiring, not the view). */
  scenarios?(): ScenarioSummary[];
}

/** One scenario as the console's Scenarios screen lists it (src/scenario/library.ts reads it). */
export type ScenarioSummary = ScenarioEntry;
