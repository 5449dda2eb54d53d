import type { Redis } from 'ioredis';
import type { RateLimiter } from '../../policy/ratelimit/limiter.js';
import { TokenBuckets, type BucketSpec, type Grant } from '../../policy/ratelimit/token-bucket.js';
import { isReady } from './redis-client.js';
import { TOKEN_BUCKET_LUA } from './token-bucket-script.js';

export interface RedisLimiterOptions {
  /** Prefix of the bucket keys; default `vigil:`. */
  prefix?: string;
  /**
   * Gateway instances sharing each limit. While Redis is unreachable every instance admits 1/gateways of the
   * limit from a local bucket, so the global limit holds approximately without coordination.
   */
  gateways?: number;
  /** After a failed command, requests are decided locally for this long before Redis is tried again; default 500 ms. */
  retryAfterFailureMs?: number;
}

export interface RedisLimiterStats {
  shared: number;
  local: number;
  failures: number;
}

/** Keys remembered as exhausted or owed at most (an outage under a key-spraying attack must not grow memory). */
const MAX_TRACKED = 100_000;

interface TokenBucketCommand {
  vigilTakeTokens(key: string, rate: number, burst: number, want: number): Promise<[number, number]>;
}

/**
 * Rate limits shared by every gateway instance through Redis: one atomic Lua token bucket per key, on the
 * server's clock. Redis unreachable (or slower than the client's command timeout): the request is decided by a
 * local bucket holding this instance's share of the limit, and Redis is tried again shortly after; once it
 * answers, the local buckets are dropped and the shared bucket is the only authority again.
 *
 * Two things keep an outage (or a Redis too slow for a starved instance) from opening the limit wider: a key whose
 * shared bucket was last seen empty starts its local bucket empty (an attacker already held at the limit gets no
 * fresh burst), and what was admitted locally is charged to the shared bucket when Redis answers again.
 */
export class RedisLimiter implements RateLimiter {
  readonly stats: RedisLimiterStats = { shared: 0, local: 0, failures: 0 };
  private readonly prefix: string;
  private readonly gateways: number;
  private readonly retryAfterFailureMs: number;
  private local = new TokenBuckets();
  private localSince = 0;
  private skipUntil = 0;
  /** Keys whose shared bucket could not grant all that was asked, at its last answer. */
  private readonly exhausted = new Set<string>();
  /** Tokens admitted by local buckets since Redis last answered, to charge to the shared buckets. */
  private owed = new Map<string, { spec: BucketSpec; tokens: number }>();

  constructor(
    private readonly client: Redis,
    opts: RedisLimiterOptions = {},
  ) {
    this.prefix = opts.prefix ?? 'vigil:';
    this.gateways = Math.max(1, opts.gateways ?? 1);
    this.retryAfterFailureMs = opts.retryAfterFailureMs ?? 500;
    client.defineCommand('vigilTakeTokens', { numberOfKeys: 1, lua: TOKEN_BUCKET_LUA });
  }

  /** True while requests are decided by local buckets. */
  get degraded(): boolean {
    return this.localSince > 0;
  }

  take(key: string, spec: BucketSpec): Grant | Promise<Grant> {
    return this.takeMany(key, spec, 1);
  }

  /** Takes up to `want` tokens at once: a LeasedLimiter in front of this one asks for small batches. */
  takeMany(key: string, spec: BucketSpec, want: number): Grant | Promise<Grant> {
    if (!isReady(this.client) || Date.now() < this.skipUntil) return this.takeLocally(key, spec, want);
    const command = this.client as unknown as TokenBucketCommand;
    return command.vigilTakeTokens(`${this.prefix}rl:${key}`, spec.rate, spec.burst, want).then(
      ([granted, retryAfter]) => {
        this.stats.shared++;
        if (this.localSince > 0) this.resynchronise();
        if (Number(granted) < want) {
          if (this.exhausted.size >= MAX_TRACKED) this.exhausted.clear();
          this.exhausted.add(key);
        } else this.exhausted.delete(key);
        return { granted: Number(granted), retryAfter: Number(retryAfter) };
      },
      () => {
        this.stats.failures++;
        this.skipUntil = Date.now() + this.retryAfterFailureMs;
        return this.takeLocally(key, spec, want);
      },
    );
  }

  private takeLocally(key: string, spec: BucketSpec, want: number): Grant {
    if (this.localSince === 0) this.localSince = Date.now();
    this.stats.local++;
    const share: BucketSpec = { rate: spec.rate / this.gateways, burst: Math.max(1, Math.floor(spec.burst / this.gateways)) };
    const grant = this.local.take(key, share, want, Date.now(), this.exhausted.has(key) ? 0 : share.burst);
    if (grant.granted > 0 && (this.owed.has(key) || this.owed.size < MAX_TRACKED)) {
      const o = this.owed.get(key);
      if (o) o.tokens += grant.granted;
      else this.owed.set(key, { spec, tokens: grant.granted });
    }
    return grant;
  }

  /** Redis answers again: the local buckets go, and what they admitted is taken from the shared ones (best effort). */
  private resynchronise(): void {
    this.local = new TokenBuckets();
    this.localSince = 0;
    const owed = this.owed;
    this.owed = new Map();
    const command = this.client as unknown as TokenBucketCommand;
    for (const [key, o] of owed)
      command.vigilTakeTokens(`${this.prefix}rl:${key}`, o.spec.rate, o.spec.burst, o.tokens).catch(() => {
        // Redis failed again: the next outage's local buckets hold the limit meanwhile
      });
  }
}
