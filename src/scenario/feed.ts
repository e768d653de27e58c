// The last lines of what the engine said during a guided run (chaos-style log lines), kept for the
// runbook screen: the command pushes, the view subscribes. React-free, so tests can drive it.

/** A bounded list of lines with change notification. */
export class LineFeed {
  private items: string[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly max = 200) {}

  /** Adds a line (the oldest go once there are more than `max`). */
  push(line: string): void {
    this.items = [...this.items, line].slice(-this.max);
    for (const l of [...this.listeners]) l();
  }

  /** Every line kept, oldest first (a fresh array after each push). */
  lines(): readonly string[] {
    return this.items;
  }

  /** Calls `listener` after every push; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
