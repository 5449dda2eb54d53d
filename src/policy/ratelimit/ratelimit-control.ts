import type { RateLimitConfig } from '../../config/types.js';
import type { Control, CheckResult } from '../../pipeline/control.js';
import type { Exchange } from '../../exchange/exchange.js';
import { firstHeader } from '../../exchange/exchange.js';
import type { RateLimiter } from './limiter.js';
import { parseRate, type BucketSpec, type Grant } from './token-bucket.js';

/**
 * The key a limit counts by. Identity keys (api_key, subject, principal) fall back to the client address when the
 * request carries no identity, so anonymous traffic is still limited.
 */
export function rateLimitKey(ex: Exchange, key: string): string {
  if (key === 'ip') return `ip:${ex.client.ip}`;
  if (key.startsWith('header:')) {
    const v = firstHeader(ex.request.headers, key.slice(7).toLowerCase());
    return v ? `h:${v}` : `ip:${ex.client.ip}`;
  }
  const p = ex.principal;
  if (p && (key === 'principal' || (key === 'subject' && p.kind === 'jwt') || (key === 'api_key' && p.kind === 'api_key')))
    return `${p.kind}:${p.id}`;
  return `ip:${ex.client.ip}`;
}

export function createRateLimitControl(
  rule: RateLimitConfig,
  bucketId: string,
  limiter: RateLimiter,
  mode: 'enforce' | 'monitor',
): Control {
  const rate = parseRate(rule.rate);
  const spec: BucketSpec = { rate, burst: rule.burst ?? Math.max(1, Math.ceil(rate)) };
  const refuse = (g: Grant): CheckResult =>
    g.granted > 0
      ? undefined
      : {
          rule: 'ratelimit.exceeded',
          message: `rate limit ${rule.rate} (burst ${spec.burst}) by ${rule.key} exceeded`,
          location: rule.key,
          status: 429,
          retryAfter: g.retryAfter,
        };
  return {
    id: 'ratelimit',
    phase: 'headers',
    mode,
    check(ex) {
      const g = limiter.take(`${bucketId}|${rateLimitKey(ex, rule.key)}`, spec);
      return g instanceof Promise ? g.then(refuse) : refuse(g);
    },
  };
}
