/**
 * A bounded, approximately least-recently-used map in two generations (the quick-lru scheme): hits in the old
 * generation are promoted, and when the new one fills up the old one is dropped whole. Unlike delete-and-reinsert
 * on a single Map, a hit does no deletion, which keeps V8's ordered hash tables from degrading under churn.
 * Holds at most 2 × capacity entries.
 */
export class Lru<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error('Lru capacity must be at least 1');
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.put(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.has(key)) this.current.set(key, value);
    else {
      this.previous.delete(key);
      this.put(key, value);
    }
  }

  delete(key: K): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  private put(key: K, value: V): void {
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
