// Small, fast, non-cryptographic hashes for grouping keys and sketches (never for secrets' protection).

/** FNV-1a, 32 bits, over UTF-16 code units. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A 32-bit finaliser (murmur3 fmix) that spreads FNV output for sketch register selection. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A short stable label for a value that must not be shown as is (API keys, session cookies). */
export function shortHash(s: string): string {
  return fnv1a(s).toString(16).padStart(8, '0') + fnv1a(s, 0x12345678).toString(16).padStart(8, '0');
}
