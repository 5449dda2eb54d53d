// In-memory token buckets: the authority for rate limits in one process (and in the cluster primary).

export interface BucketSpec {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: the largest burst admitted at once. */
  burst: number;
}

export interface Grant {
  granted: number;
  /** Seconds until one token is available again (when nothing was granted). */
  retryAfter: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Parses `100/s`, `600/m`, `10000/h`, `5/d` into tokens per second. */
export function parseRate(text: string): number {
  const [n, unit] = text.split('/');
  const per = unit === 's' ? 1 : unit === 'm' ? 60 : unit === 'h' ? 3600 : 86400;
  return Number(n) / per;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxKeys = 1_000_000) {}

  /**
   * Takes up to `want` tokens (at least one must be there for any to be granted). A key seen for the first time starts
   * with `initial` tokens (a full bucket unless the caller knows better).
   */
  take(key: string, spec: BucketSpec, want = 1, now = Date.now(), initial = spec.burst): Grant {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.evict(now, spec);
      b = { tokens: Math.min(spec.burst, initial), updated: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(spec.burst, b.tokens + ((now - b.updated) / 1000) * spec.rate);
      b.updated = now;
    }
    if (b.tokens < 1) return { granted: 0, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / spec.rate)) };
    const granted = Math.min(want, Math.floor(b.tokens));
    b.tokens -= granted;
    return { granted, retryAfter: 0 };
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Drops full buckets (they carry no state), or the oldest tenth when none is full. */
  private evict(now: number, spec: BucketSpec): void {
    for (const [k, b] of this.buckets)
      if (b.tokens + ((now - b.updated) / 1000) * spec.rate >= spec.burst) this.buckets.delete(k);
    if (this.buckets.size < this.maxKeys) return;
    let n = Math.ceil(this.maxKeys / 10);
    for (const k of this.buckets.keys()) {
      if (n-- <= 0) break;
      this.buckets.delete(k);
    }
  }
}
