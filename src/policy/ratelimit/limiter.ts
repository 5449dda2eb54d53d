import { TokenBuckets, type BucketSpec, type Grant } from './token-bucket.js';

/** Where rate-limit tokens come from: this process, the cluster primary, or (later) a shared store. */
export interface RateLimiter {
  take(key: string, spec: BucketSpec): Grant | Promise<Grant>;
}

export class LocalLimiter implements RateLimiter {
  constructor(private readonly buckets = new TokenBuckets()) {}
  take(key: string, spec: BucketSpec): Grant {
    return this.buckets.take(key, spec);
  }
}

export type AskAuthority = (key: string, spec: BucketSpec, want: number) => Promise<Grant>;

interface Lease {
  tokens: number;
  expires: number;
}

/**
 * A worker's view of a limit whose authority lives elsewhere (the cluster primary). Tokens are leased in small
 * batches, so most requests are decided locally and synchronously. The authority never grants more than its bucket
 * holds, so the limit is never exceeded; the error is on the safe side, at most (workers - 1) × lease tokens
 * held unused by other workers, and leases expire after a second.
 */
export class LeasedLimiter implements RateLimiter {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly ask: AskAuthority,
    private readonly workers: number,
    private readonly leaseMs = 1000,
  ) {}

  take(key: string, spec: BucketSpec): Grant | Promise<Grant> {
    const now = Date.now();
    const lease = this.leases.get(key);
    if (lease && lease.tokens > 0 && lease.expires > now) {
      lease.tokens--;
      return { granted: 1, retryAfter: 0 };
    }
    const want = Math.max(1, Math.min(64, Math.floor(spec.burst / (4 * this.workers)), Math.floor(spec.rate / (2 * this.workers))));
    return this.ask(key, spec, want).then((g) => {
      if (g.granted === 0) return g;
      if (this.leases.size > 100_000) this.leases.clear();
      this.leases.set(key, { tokens: g.granted - 1, expires: Date.now() + this.leaseMs });
      return { granted: 1, retryAfter: 0 };
    });
  }
}
