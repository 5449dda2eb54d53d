// A map whose entries expire `ttlMs` after their last touch and whose size is capped, in O(1) per operation:
// two generations, the current one and the previous one. A touched entry moves to the current generation; the
// current becomes the previous when it is ttlMs old or holds half the cap, and the previous one is dropped whole.
// So an entry lives at least ttlMs after its last touch unless the cap forces it out, and at most 2 × ttlMs;
// reads check the exact TTL. Time is the caller's clock (event time), so replays age state as the traffic did.

interface Slot<V> {
  value: V;
  at: number;
}

export class TtlMap<V> {
  private current = new Map<string, Slot<V>>();
  private previous = new Map<string, Slot<V>>();
  private currentStart = Number.NEGATIVE_INFINITY;
  /** Entries dropped by rotation (expired or pushed out by the cap). */
  dropped = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.current.size + this.previous.size;
  }

  private rotate(now: number): void {
    if (this.currentStart === Number.NEGATIVE_INFINITY) this.currentStart = now;
    if (now - this.currentStart <= this.ttlMs && this.current.size < this.maxEntries >> 1) return;
    this.dropped += this.previous.size;
    this.previous = this.current;
    this.current = new Map();
    this.currentStart = now;
  }

  private slot(key: string, now: number): Slot<V> | undefined {
    this.rotate(now);
    let s = this.current.get(key);
    if (s) return s;
    s = this.previous.get(key);
    if (s) {
      this.previous.delete(key);
      this.current.set(key, s);
    }
    return s;
  }

  get(key: string, now: number): V | undefined {
    const s = this.slot(key, now);
    if (!s) return undefined;
    if (now - s.at > this.ttlMs) {
      this.current.delete(key);
      return undefined;
    }
    return s.value;
  }

  /** Reads without expiring or touching. */
  peek(key: string): V | undefined {
    return (this.current.get(key) ?? this.previous.get(key))?.value;
  }

  /** Stores (or refreshes) a value and marks it touched now. */
  set(key: string, value: V, now: number): void {
    const s = this.slot(key, now);
    if (s) {
      s.value = value;
      if (now > s.at) s.at = now;
    } else this.current.set(key, { value, at: now });
  }

  /** The value for key, created by make() when missing or expired, and touched. */
  upsert(key: string, now: number, make: () => V): V {
    const s = this.slot(key, now);
    if (s && now - s.at <= this.ttlMs) {
      if (now > s.at) s.at = now;
      return s.value;
    }
    const v = make();
    if (s) {
      s.value = v;
      s.at = now;
    } else this.current.set(key, { value: v, at: now });
    return v;
  }

  delete(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  *entries(): IterableIterator<[string, V]> {
    for (const [k, s] of this.current) yield [k, s.value];
    for (const [k, s] of this.previous) yield [k, s.value];
  }
}
