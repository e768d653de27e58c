// Errors of the Chaos Toolkit model, named like chaoslib's so messages and journal tracebacks read
// the same: an activity that fails, an experiment file that cannot be loaded or is invalid.

/**
 * Thrown by providers (and by catalogue functions, like chaosaws's FailedActivity) when an activity
 * fails. The run goes on; the journal entry gets `status: failed`.
 */
export class ActivityFailed extends Error {
  override name = 'ActivityFailed';
  /** Python-qualified class name used in journal tracebacks. */
  readonly pythonType = 'chaoslib.exceptions.ActivityFailed';
}

/** One problem found in an experiment: where (JSON path) and what. */
export interface Issue {
  level: 'error' | 'warning';
  /** JSON path such as `method[2].provider.func`; empty for the whole document. */
  path: string;
  message: string;
}

/** The experiment file could not be read or parsed (exit 2): file, line/column, what is wrong. */
export class LoadError extends Error {
  override name = 'LoadError';
  readonly exitCode = 2;
}

/** The experiment is invalid: every error at once, each naming its file and JSON path (exit 2). */
export class InvalidExperiment extends Error {
  override name = 'InvalidExperiment';
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly issues: Issue[],
  ) {
    super(
      issues
        .filter((i) => i.level === 'error')
        .map((i) => formatIssue(file, i))
        .join('\n'),
    );
  }
}

/** `file: path: message`, the one-line form of an issue. */
export function formatIssue(file: string, issue: Issue): string {
  return `${file}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** Raised inside the runner when the run's AbortSignal fires (Ctrl-C). */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

/**
 * The Python-style exception name for an error thrown by a provider: an explicit `pythonType`
 * (e.g. `botocore.exceptions.ClientError`), else the JS error name (builtins stay unqualified).
 */
export function pythonExceptionName(err: unknown): string {
  if (err && typeof err === 'object') {
    const t = (err as { pythonType?: unknown }).pythonType;
    if (typeof t === 'string' && t) return t;
    const n = (err as { name?: unknown }).name;
    if (typeof n === 'string' && n) return n === 'Error' ? 'Exception' : n;
  }
  return 'Exception';
}

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
