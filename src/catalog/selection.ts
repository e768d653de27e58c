// Target selection shared by every attack: narrow candidates by ids, tags, AZ and state, then take
// ALL / COUNT(n) / PERCENT(n) of them with the session's seeded random generator. The result says
// which seed picked what, so the recorder can write it down and a replay picks the same targets.
import { CatalogInputError } from './errors.js';
import type { Prng } from './prng.js';

/** How many of the matching targets an attack takes (AWS FIS `selectionMode`). */
export type Quantity = { mode: 'ALL' } | { mode: 'COUNT'; n: number } | { mode: 'PERCENT'; n: number };

/** Parses `ALL`, `COUNT(n)` or `PERCENT(n)` (case-insensitive), with one clear error otherwise. */
export function parseQuantity(text: string, where = 'selection'): Quantity {
  const t = String(text).trim().toUpperCase();
  if (t === 'ALL') return { mode: 'ALL' };
  const m = /^(COUNT|PERCENT)\((\d+)\)$/.exec(t);
  if (!m)
    throw new CatalogInputError(`${where}: "${text}" is not ALL, COUNT(n) or PERCENT(n) (e.g. COUNT(1))`);
  const n = Number(m[2]);
  if (m[1] === 'PERCENT' && (n < 1 || n > 100))
    throw new CatalogInputError(`${where}: PERCENT(${n}) must be between 1 and 100`);
  if (m[1] === 'COUNT' && n < 1) throw new CatalogInputError(`${where}: COUNT(${n}) must be at least 1`);
  return m[1] === 'COUNT' ? { mode: 'COUNT', n } : { mode: 'PERCENT', n };
}

/** Text form of a quantity, as written in experiment files and the journal. */
export function quantityText(q: Quantity): string {
  return q.mode === 'ALL' ? 'ALL' : `${q.mode}(${q.n})`;
}

/** A resource an attack could pick, with what the filters look at. */
export interface Candidate {
  id: string;
  tags: Record<string, string>;
  az?: string;
  state?: string;
}

/** Narrowing before the sample: every given field must match. */
export interface TargetFilter {
  ids?: string[];
  tags?: Record<string, string>;
  az?: string;
  states?: string[];
}

/** What a selection picked and how, for the recorder and the screen. */
export interface Selection<C extends Candidate = Candidate> {
  quantity: string;
  seed: number;
  candidates: string[];
  chosen: C[];
}

/** Keeps the candidates matching every field of the filter. */
export function filterCandidates<C extends Candidate>(cands: readonly C[], f: TargetFilter): C[] {
  return cands.filter(
    (c) =>
      (!f.ids?.length || f.ids.includes(c.id)) &&
      (!f.tags || Object.entries(f.tags).every(([k, v]) => c.tags[k] === v)) &&
      (!f.az || c.az === f.az) &&
      (!f.states?.length || (c.state !== undefined && f.states.includes(c.state))),
  );
}

/** How many targets a quantity means out of `total` (PERCENT rounds down, as FIS does). */
export function countFor(q: Quantity, total: number): number {
  if (q.mode === 'ALL') return total;
  if (q.mode === 'COUNT') return Math.min(q.n, total);
  return Math.floor((total * q.n) / 100);
}

/** Filters, then samples with the generator; candidates are sorted by id so a seed always means the same pick. */
export function select<C extends Candidate>(
  cands: readonly C[],
  filter: TargetFilter,
  quantity: Quantity,
  rng: Prng,
): Selection<C> {
  const matching = filterCandidates(cands, filter).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const k = countFor(quantity, matching.length);
  if (matching.length > 0 && k === 0)
    throw new CatalogInputError(
      `${quantityText(quantity)} of ${matching.length} target(s) rounds down to none; use COUNT(1) or a larger percentage`,
    );
  const chosen = quantity.mode === 'ALL' ? matching : rng.sample(matching, k);
  return { quantity: quantityText(quantity), seed: rng.seed, candidates: matching.map((c) => c.id), chosen };
}
