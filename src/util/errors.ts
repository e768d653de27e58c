// Errors meant for the operator: one line saying what is wrong, where, and what to do. The CLI
// prints these without a stack trace and exits with their code.

/** An error whose message is written for the operator; `exitCode` follows `chaos run` (2 = usage). */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** True for errors carrying an operator-facing message (any class with a numeric exitCode). */
export function isUserError(err: unknown): err is Error & { exitCode: number } {
  return err instanceof Error && typeof (err as { exitCode?: unknown }).exitCode === 'number';
}
