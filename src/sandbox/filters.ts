// EC2-style filters ({Name, Values} with * and ? wildcards, tag:K, tag-key, tag-value): one matcher
// for instances, volumes, subnets and tags, with AWS's error for a filter name it does not know.
import { SandboxError } from './errors.js';
import type { Tag } from './model.js';

/** A filter as the SDK sends it. */
export interface Filter {
  Name?: string;
  Values?: string[];
}

/** Getters for the filter names a resource supports (each returns the resource's values). */
export type FilterFields<T> = Record<string, (item: T) => (string | undefined)[]>;

const patterns = new Map<string, RegExp>();
function wildcard(p: string): RegExp {
  let re = patterns.get(p);
  if (!re) {
    const body = p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    patterns.set(p, re);
  }
  return re;
}

/** Whether a value matches any of the filter values (wildcards allowed, as in EC2). */
export function matchesAny(value: string | undefined, wanted: readonly string[]): boolean {
  if (value === undefined) return false;
  return wanted.some((w) => (w.includes('*') || w.includes('?') ? wildcard(w).test(value) : w === value));
}

/** A predicate for a list of filters (all must match; values within a filter are OR). */
export function compileFilters<T>(
  filters: readonly Filter[] | undefined,
  fields: FilterFields<T>,
  tagsOf: (item: T) => readonly Tag[],
): (item: T) => boolean {
  if (!filters?.length) return () => true;
  const tests: ((item: T) => boolean)[] = [];
  for (const f of filters) {
    const name = f.Name ?? '';
    const values = f.Values ?? [];
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      tests.push((item) => tagsOf(item).some((t) => t.Key === key && matchesAny(t.Value, values)));
    } else if (name === 'tag-key') {
      tests.push((item) => tagsOf(item).some((t) => matchesAny(t.Key, values)));
    } else if (name === 'tag-value') {
      tests.push((item) => tagsOf(item).some((t) => matchesAny(t.Value, values)));
    } else {
      const get = fields[name];
      if (!get) throw new SandboxError('InvalidParameterValue', `The filter '${name}' is invalid`);
      tests.push((item) => get(item).some((v) => matchesAny(v, values)));
    }
  }
  return (item) => tests.every((t) => t(item));
}
