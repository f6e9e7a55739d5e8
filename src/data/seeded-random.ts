// A small seeded PRNG (sfc32, seeded through splitmix32) so that the generator writes the same
// bytes for the same arguments on every machine; Math.random cannot be seeded.

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix() ^ high;
    this.d = splitmix();
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` distinct items (all of them, shuffled, when count ≥ length). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** An independent stream, so one part of the output does not shift when another draws more. */
  fork(): SeededRandom {
    return new SeededRandom(this.uint32() * 0x1_0000 + (this.uint32() >>> 16));
  }

  /** A version-4-shaped GUID, e.g. for aadObjectId and tenantId. */
  guid(): string {
    const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return [
      hex(a, 8),
      hex(b >>> 16, 4),
      hex(((b & 0x0fff) | 0x4000) >>> 0, 4),
      hex(((c >>> 16) & 0x3fff) | 0x8000, 4),
      hex(c & 0xffff, 4) + hex(d, 8),
    ].join('-');
  }
}
