import { fnv1a, mix32 } from '../../context/hash.js';

// Distinct counting in bounded memory: exact for small sets (hashes in a Set), then a HyperLogLog sketch
// (2^10 one-byte registers, about 3% standard error) once a set would grow past SMALL_LIMIT.

const SMALL_LIMIT = 64;
const P = 10;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export class DistinctCounter {
  private small: Set<number> | undefined = new Set();
  private registers: Uint8Array | undefined;

  add(value: string): void {
    const h = mix32(fnv1a(value));
    if (this.small) {
      this.small.add(h);
      if (this.small.size > SMALL_LIMIT) this.promote();
      return;
    }
    this.addHash(h);
  }

  /** True when the value was (probably) seen before: exact while small; for sketches always false. */
  hasSmall(value: string): boolean {
    return this.small ? this.small.has(mix32(fnv1a(value))) : false;
  }

  count(): number {
    if (this.small) return this.small.size;
    const r = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      sum += 2 ** -r[i]!;
      if (r[i] === 0) zeros++;
    }
    const est = (ALPHA * M * M) / sum;
    if (est <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(est);
  }

  private promote(): void {
    this.registers = new Uint8Array(M);
    for (const h of this.small!) this.addHash(h);
    this.small = undefined;
  }

  private addHash(h: number): void {
    const idx = h >>> (32 - P);
    const rest = (h << P) >>> 0;
    const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers![idx]!) this.registers![idx] = rank;
  }
}
