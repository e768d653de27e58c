// A small seeded random generator (mulberry32) so every random pick an attack makes can be
// replayed: the seed is recorded with the selection, and the same seed picks the same targets.

/** A deterministic source of numbers in [0, 1) from a 32-bit seed. */
export class Prng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** The next number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element, as Python's random.choice (throws on an empty list). */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot choose from an empty list');
    return items[this.int(items.length)]!;
  }

  /** `k` distinct elements in pick order, as Python's random.sample (partial Fisher-Yates). */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k > items.length || k < 0) throw new Error('sample larger than population or is negative');
    const pool = [...items];
    for (let i = 0; i < k; i++) {
      const j = i + this.int(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, k);
  }
}

/** A fresh seed when the operator gave none (recorded, so the run can still be replayed). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
