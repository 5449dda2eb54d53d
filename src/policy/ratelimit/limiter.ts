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
  /** Set when the authority refused: Retry-After seconds to answer until the entry expires. */
  refusedFor?: number;
}

/**
 * A worker's view of a limit whose authority lives elsewhere (the cluster primary). Tokens are leased in small
 * batches, so most requests are decided locally and synchronously. The authority never grants more than its bucket
 * holds, so the limit is never exceeded; the error is on the safe side, at most (workers - 1) × lease tokens
 * held unused by other workers, and leases expire after a second. A refusal is cached for 50 ms, which can only
 * under-admit (by at most rate × 50 ms per worker).
 */
export class LeasedLimiter implements RateLimiter {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly ask: AskAuthority,
    private readonly workers: number,
    private readonly leaseMs = 1000,
    private readonly refusalMs = 50,
  ) {}

  /** One request to the authority per key at a time; requests arriving meanwhile wait for its answer. */
  private readonly inFlight = new Map<string, Promise<Grant>>();

  take(key: string, spec: BucketSpec): Grant | Promise<Grant> {
    const lease = this.leases.get(key);
    if (lease && lease.expires > Date.now()) {
      if (lease.tokens > 0) {
        lease.tokens--;
        return { granted: 1, retryAfter: 0 };
      }
      // a refusal is remembered briefly, so a flood over the limit does not become a flood of questions
      if (lease.refusedFor !== undefined) return { granted: 0, retryAfter: lease.refusedFor };
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending.then(() => this.take(key, spec));
    // small leases keep the error bound small: tokens held by one worker are unavailable to the others
    const want = Math.max(1, Math.min(64, Math.floor(spec.burst / (4 * this.workers))));
    const asked = this.ask(key, spec, want).then((g) => {
      this.inFlight.delete(key);
      if (this.leases.size > 100_000) this.leases.clear();
      if (g.granted === 0) {
        this.leases.set(key, { tokens: 0, expires: Date.now() + this.refusalMs, refusedFor: g.retryAfter });
        return g;
      }
      this.leases.set(key, { tokens: g.granted - 1, expires: Date.now() + this.leaseMs });
      return { granted: 1, retryAfter: 0 };
    });
    this.inFlight.set(key, asked);
    return asked;
  }
}
