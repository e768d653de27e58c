// A small seeded PRNG (sfc32 seeded through splitmix32) so the same seed gives the same world:
// ids, jitter, traffic noise and fault rolls all come from here, never from Math.random.

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A deterministic random source; `state()` makes it part of the world's JSON snapshot. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An approximately normal value (sum of uniforms), for traffic noise. */
  normal(mean = 0, sd = 1): number {
    return mean + sd * (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508;
  }

  /** `n` lowercase hex digits (AWS resource id suffixes). */
  hex(n: number): string {
    let out = '';
    let left = n;
    while (left > 0) {
      const v = this.u32();
      const chunk =
        BYTE_HEX[v >>> 24]! + BYTE_HEX[(v >>> 16) & 255]! + BYTE_HEX[(v >>> 8) & 255]! + BYTE_HEX[v & 255]!;
      out += left >= 8 ? chunk : chunk.slice(0, left);
      left -= 8;
    }
    return out;
  }

  /** A UUID-shaped string (ECS task ids, request ids). */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }

  /** The internal state, so a world snapshot shows it and two runs can be compared. */
  state(): number[] {
    return [this.a, this.b, this.c, this.d];
  }
}
