// The terminal's alternate screen around a full-screen app (console, replay, runbook): entered
// before the first frame and left on any exit, even process.exit from a signal handler, so the
// operator's scrollback comes back as it was.

/** Runs `fn` on the alternate screen and leaves it afterwards, whatever happens. */
export async function onAltScreen<T>(fn: () => Promise<T>): Promise<T> {
  process.stdout.write('\u001B[?1049h\u001B[H');
  let restored = false;
  const restore = () => {
    if (!restored) process.stdout.write('\u001B[?1049l');
    restored = true;
  };
  process.once('exit', restore);
  try {
    return await fn();
  } finally {
    restore();
    process.off('exit', restore);
  }
}
