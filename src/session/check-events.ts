// The shape check every recorded event passes before a projection (review, report, export,
// replay, recover) sees it: a hostile or damaged line whose fields have the wrong types is
// skipped with the field it got wrong, instead of crashing a projection deep inside.
// Unknown event types are kept (a newer gameday may write more); their fields are not read.

/** One field's type: s string, n number, b boolean, o object, a array, x anything; ? optional, | null. */
type Field = string;
type Shape = Record<string, Field>;

const CALL: Shape = { service: 's', operation: 's', input: 'o' };
const TARGET: Shape = { kind: 's', id: 's', tags: 'o?' };
const UNDO: Shape = {
  id: 'n',
  attack: 's',
  description: 's',
  calls: 'a:call',
  change: 'o:call',
  targets: 'a:target',
  callsDone: 'n?',
  at: 's?',
  session: 's?',
};
const ATTACK_TARGET: Shape = {
  kind: 's',
  id: 's',
  tags: 'o?',
  state: 's?',
  az: 's?',
  parent: 's?',
  arn: 's?',
};
const ACTIVITY: Shape = { type: 's?', name: 's?', provider: 'o?', tolerance: 'x?', pauses: 'o?' };
const EXPERIMENT: Shape = {
  title: 'x?',
  description: 'x?',
  method: 'a?:activity',
  rollbacks: 'a?:activity',
  'steady-state-hypothesis': 'o?',
  configuration: 'o?',
  secrets: 'o?',
  extensions: 'a?',
  tags: 'a?',
};
const SERIES: Shape = {
  id: 's',
  label: 's',
  namespace: 's?',
  metric: 's?',
  stat: 's?',
  unit: 's?',
  chart: 's?',
  dimensions: 'o?',
};
const NAMED: Record<string, Shape> = {
  call: CALL,
  target: TARGET,
  undo: UNDO,
  'attack-target': ATTACK_TARGET,
  activity: ACTIVITY,
  experiment: EXPERIMENT,
  series: SERIES,
  selection: { quantity: 's', seed: 'n' },
  probe: { id: 's', title: 's', tolerance: 's' },
  alarm: { name: 's', arn: 's?' },
  role: { arn: 's', sessionName: 's' },
  entry: { activity: 'o?:activity', status: 's?', start: 's?', end: 's?', duration: 'n?' },
  state: { probes: 'a?', steady_state_met: 'x?' },
};

// Fields of each event type, by the source that writes it.
const SHAPES: Record<string, Shape> = {
  // session / console / steady
  'session-start': {
    format: 'n?',
    sessionId: 's?',
    title: 's',
    region: 's',
    sandbox: 'b',
    accountId: 's|?',
    assumedRole: 'o?:role',
    description: 's?',
    gamedayVersion: 's',
    operator: 's|?',
  },
  'probe-watch': { probe: 'o:probe', activity: 'o?:activity' },
  'probe-sample': { probe: 's', tick: 'n', ok: 'b|?', error: 's?', measured: 'n|?' },
  'metric-series': { series: 'o:series' },
  'metric-points': { tick: 'n', points: 'o:numbers' },
  'alarm-states': { tick: 'n', states: 'o' },
  'stop-conditions': { alarms: 'a:alarm', maxProbeFailures: 'n?' },
  'attack-start': {
    attackId: 'n',
    title: 's',
    module: 's',
    func: 's',
    arguments: 'o',
    targets: 'a:attack-target',
    selection: 'o?:selection',
    tick: 'n?',
    dryRun: 'b?',
  },
  'attack-end': {
    attackId: 'n',
    ok: 'b',
    message: 's?',
    tick: 'n?',
    targets: 'a?:attack-target',
    selection: 'o?:selection',
  },
  hypothesis: { text: 's' },
  halt: { reason: 's', undone: 'n?', failed: 'a?', tick: 'n?' },
  'loop-event': { kind: 's', text: 's', tick: 'n' },
  'session-end': { reason: 's?' },
  // guard
  'guard-config': { seed: 'n', optIn: 's?', widened: 's|?', readOnly: 'b?', dryRun: 'b?' },
  selection: { attack: 's', quantity: 's', seed: 'n', candidates: 'a', chosen: 'a' },
  'undo-recorded': { record: 'o:undo' },
  change: { attack: 's', call: 'o:call', targets: 'a', undo: 'n|?' },
  'dry-run': { attack: 's', call: 'o:call', outcome: 's' },
  refused: { attack: 's', reason: 's' },
  undone: { id: 'n', attack: 's?', description: 's?' },
  'undo-failed': { id: 'n', attack: 's?', error: 's?' },
  'undo-settled': { id: 'n', attack: 's?', by: 's?' },
  'undo-dropped': { id: 'n', attack: 's?', reason: 's?' },
  // engine
  'run-start': { experiment: 'o:experiment', hypothesisStrategy: 's?', rollbackStrategy: 's?', host: 'o?' },
  'hypothesis-start': { phase: 's', title: 'x?' },
  'hypothesis-end': { phase: 's', state: 'o|?:state', probeRaised: 'b?' },
  'activity-start': { id: 'n', phase: 's', activity: 'o:activity', declaredName: 's|?', background: 'b?' },
  'activity-end': { id: 'n', phase: 's', entry: 'o:entry', error: 's?' },
  pause: { when: 's', seconds: 'n', activity: 's', skipped: 'b?' },
  'method-start': { count: 'n' },
  'rollback-decision': { strategy: 's', play: 'b', deviated: 'b' },
  'rollbacks-start': { count: 'n' },
  interrupted: { during: 's' },
  aborted: { message: 's' },
  'run-end': { status: 's', deviated: 'b' },
};

// Notes are written by the engine (level, message) and by the operator (text): both shapes pass.
const NOTE_RUN: Shape = { level: 's', message: 's' };
const NOTE_OPERATOR: Shape = { text: 's', tick: 'n?' };

/** The largest epoch-millisecond value a Date can hold. */
export const MAX_TIME = 8.64e15;

/** What is wrong with an event's shape ("attack-start.targets[0].id: expected a string"), or undefined. */
export function eventProblem(source: string, event: Record<string, unknown>): string | undefined {
  const type = String(event.type);
  if (type === 'note') return check(event, source === 'run' ? NOTE_RUN : NOTE_OPERATOR, type, 0);
  // A newer format is refused as a whole (recordingOf says so), not line by line.
  if (type === 'session-start' && typeof event.format === 'number' && event.format > 1) return undefined;
  const shape = SHAPES[type];
  if (source === 'run' && event.t !== undefined) {
    const problem = checkField(event.t, 'n:time', `${type}.t`, 0);
    if (problem) return problem;
  }
  return shape ? check(event, shape, type, 0) : undefined;
}

function check(value: Record<string, unknown>, shape: Shape, at: string, depth: number): string | undefined {
  for (const [key, spec] of Object.entries(shape)) {
    const problem = checkField(value[key], spec, `${at}.${key}`, depth);
    if (problem) return problem;
  }
  return undefined;
}

function checkField(v: unknown, spec: Field, at: string, depth: number): string | undefined {
  const [kinds, named] = spec.split(':') as [string, string | undefined];
  const optional = kinds.includes('?');
  const nullable = kinds.includes('|');
  if (v === undefined) return optional ? undefined : `${at}: missing`;
  if (v === null) return nullable ? undefined : `${at}: expected ${word(kinds[0]!)}, not null`;
  const kind = kinds[0]!;
  const ok =
    kind === 'x' ||
    (kind === 's' && typeof v === 'string') ||
    (kind === 'n' && typeof v === 'number' && Number.isFinite(v)) ||
    (kind === 'b' && typeof v === 'boolean') ||
    (kind === 'o' && typeof v === 'object' && !Array.isArray(v)) ||
    (kind === 'a' && Array.isArray(v));
  if (!ok) return `${at}: expected ${word(kind)}`;
  if (kind === 'n' && named === 'time' && Math.abs(v as number) > MAX_TIME) return `${at}: not a time`;
  if (!named || named === 'time' || depth > 8) return undefined;
  const shape = NAMED[named] ?? {};
  if (named === 'numbers') {
    for (const [k, n] of Object.entries(v as Record<string, unknown>))
      if (n !== null && !(typeof n === 'number' && Number.isFinite(n)))
        return `${at}.${k}: expected a number or null`;
    return undefined;
  }
  if (kind === 'o') return check(v as Record<string, unknown>, shape, at, depth + 1);
  const items = v as unknown[];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return `${at}[${i}]: expected an object`;
    const problem = check(item as Record<string, unknown>, shape, `${at}[${i}]`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

function word(kind: string): string {
  return (
    { s: 'a string', n: 'a number', b: 'true or false', o: 'an object', a: 'a list', x: 'a value' }[kind] ??
    kind
  );
}
