// A map whose entries expire `ttlMs` after their last touch and whose size is capped (least recently touched go
// first). Time is the caller's clock (event time), so replayed captures age state as the traffic did.

interface Slot<V> {
  value: V;
  at: number;
}

export class TtlMap<V> {
  private readonly map = new Map<string, Slot<V>>();
  private writes = 0;
  evicted = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string, now: number): V | undefined {
    const s = this.map.get(key);
    if (!s) return undefined;
    if (now - s.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return s.value;
  }

  /** Reads without expiring or touching. */
  peek(key: string): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Stores (or refreshes) a value and marks it touched now. */
  set(key: string, value: V, now: number): void {
    const s = this.map.get(key);
    if (s) {
      this.map.delete(key);
      s.value = value;
      s.at = Math.max(s.at, now);
      this.map.set(key, s);
    } else {
      this.map.set(key, { value, at: now });
      if (this.map.size > this.maxEntries) this.evictOldest();
    }
    if ((++this.writes & 1023) === 0) this.sweep(now);
  }

  /** The value for key, created by make() when missing or expired, and touched. */
  upsert(key: string, now: number, make: () => V): V {
    let v = this.get(key, now);
    if (v === undefined) v = make();
    this.set(key, v, now);
    return v;
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  *entries(): IterableIterator<[string, V]> {
    for (const [k, s] of this.map) yield [k, s.value];
  }

  private evictOldest(): void {
    const first = this.map.keys().next();
    if (!first.done) {
      this.map.delete(first.value);
      this.evicted++;
    }
  }

  /** Drops expired entries from the front (the least recently touched). */
  sweep(now: number): void {
    for (const [k, s] of this.map) {
      if (now - s.at <= this.ttlMs) break;
      this.map.delete(k);
    }
  }
}
