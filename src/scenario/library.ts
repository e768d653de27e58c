// The scenario library on disk (scenarios/*.json): what a picker shows for each guided game day,
// read without running anything. A file that cannot be read or has a broken runbook is listed with
// its problem instead of being dropped, so the author sees why it is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExperimentFile } from '../experiment/load.js';
import { parseRunbook } from './runbook.js';

/** One scenario as a picker lists it. */
export interface ScenarioEntry {
  file: string;
  title: string;
  description: string;
  tags: string[];
  /** Attack steps and manual gates, for "3 attacks, 2 gates". */
  attacks: number;
  gates: number;
  maxTargets: number;
  /** Set when the file cannot be used: the message to show. */
  problem?: string;
}

/** Where the console looks for scenarios: ./scenarios when the operator has one, else the library
 * shipped with gameday (the package's own scenarios/, found by walking up from this module). */
export function defaultScenarioDir(cwd = process.cwd()): string {
  const local = join(cwd, 'scenarios');
  if (existsSync(local)) return cwd === process.cwd() ? 'scenarios' : local;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'gameday') return join(dir, 'scenarios');
    } catch {
      // not the package root yet
    }
    dir = dirname(dir);
  }
  return local;
}

/** Every `*.json` scenario in `dir`, sorted by file name. */
export function listScenarios(dir = 'scenarios'): ScenarioEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const file = join(dir, name);
    try {
      const exp = loadExperimentFile(file);
      const rb = parseRunbook(exp, file);
      return {
        file,
        title: String(exp.title ?? name),
        description: typeof exp.description === 'string' ? exp.description : '',
        tags: Array.isArray(exp.tags) ? exp.tags.map(String) : [],
        attacks: rb?.steps.filter((s) => s.type === 'attack').length ?? 0,
        gates: rb?.steps.filter((s) => s.type === 'gate').length ?? 0,
        maxTargets: rb?.blastRadius.maxTargets ?? 0,
        ...(rb ? {} : { problem: 'no gameday runbook: run it with `gameday run`' }),
      };
    } catch (err) {
      return {
        file,
        title: name,
        description: '',
        tags: [],
        attacks: 0,
        gates: 0,
        maxTargets: 0,
        problem: (err as Error).message,
      };
    }
  });
}
