// Loads a file in Debian's headless chromium and returns the DOM it built and the console lines
// it logged (with --enable-logging, page console messages appear as ":CONSOLE" lines on stderr).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the browser is (Debian's chromium package). */
export const CHROMIUM = process.env.GAMEDAY_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser can be launched. */
export const haveChromium = (): boolean => existsSync(CHROMIUM);

/** What a page load produced. */
export interface PageLoad {
  status: number | null;
  dom: string;
  consoleLines: string[];
}

/** Loads `file` with --dump-dom; no network, no profile, no GPU. */
export function loadInChromium(file: string): Promise<PageLoad> {
  const profile = mkdtempSync(join(tmpdir(), 'gd-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--enable-logging=stderr',
    '--v=0',
    '--dump-dom',
    pathToFileURL(file).href,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let dom = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d) => (dom += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      resolve({ status, dom, consoleLines: err.split('\n').filter((l) => l.includes(':CONSOLE')) });
    });
  });
}
