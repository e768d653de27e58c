// Drives the built CLI in a private tmux server (unique socket, killed after): start it with
// CI=0 (ink prints nothing live under CI=true), send keys, read the screen.
import { execFileSync, spawnSync } from 'node:child_process';

/** True when tmux is installed. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A tmux session running one command at a fixed size. */
export class TmuxSession {
  readonly socket = `gdtest-${process.pid}-${Math.floor(Math.random() * 1e6)}`;

  constructor(command: string, size = { width: 80, height: 24 }) {
    this.tmux('new-session', '-d', '-s', 'x', '-x', String(size.width), '-y', String(size.height), command);
  }

  /** The visible screen as text. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'x');
  }

  /** Sends keys (tmux names: Enter, Space, End, C-u, or literal text). */
  keys(...k: string[]): void {
    this.tmux('send-keys', '-t', 'x', ...k);
  }

  /** Polls until the screen shows `text`; fails with the screen it last saw. */
  async waitFor(text: string | RegExp, ms = 20_000): Promise<string> {
    const until = Date.now() + ms;
    let last = '';
    while (Date.now() < until) {
      last = this.screen();
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`screen never showed ${String(text)}; it shows:\n${last}`);
  }

  /** The pid of the pane's shell (the command's parent), to signal what it started. */
  panePid(): number {
    return Number(this.tmux('list-panes', '-t', 'x', '-F', '#{pane_pid}').trim());
  }

  /** Stops the server and everything in it. */
  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
}
