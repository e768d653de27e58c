// Errors the catalogue raises, with the Python class Chaos Toolkit would have printed, so the
// engine's journal reads like `chaos run`'s ("chaoslib.exceptions.ActivityFailed: ...").

/** An activity failed for a reason the operator can read (chaosaws' FailedActivity). */
export class ActivityFailed extends Error {
  override name = 'ActivityFailed';
  readonly pythonType = 'chaoslib.exceptions.ActivityFailed';
  readonly exitCode: number = 1;
}

/** The guard refused a change (read-only, opt-in tag, cap): says what and how to allow it. */
export class GuardRefusal extends ActivityFailed {
  override name = 'GuardRefusal';
}

/** Bad input to the catalogue (a selection string, an unknown name): exit 2 like a usage error. */
export class CatalogInputError extends ActivityFailed {
  override name = 'CatalogInputError';
  override readonly exitCode: number = 2;
}
