import { Pool } from 'undici';
import type { UpstreamConfig } from '../../config/types.js';

export interface Upstream {
  name: string;
  url: URL;
  /** The upstream URL's path prefix, without a trailing slash. */
  basePath: string;
  /** Keep-alive connections (undici): dispatching on a pool costs about a fifth less CPU than node:http's agent. */
  pool: Pool;
  timeoutMs: number;
}

/** One keep-alive connection pool per upstream. */
export class UpstreamPool {
  private readonly upstreams = new Map<string, Upstream>();

  constructor(config: Record<string, UpstreamConfig>, defaultTimeoutMs: number) {
    for (const [name, u] of Object.entries(config)) {
      const url = new URL(u.url);
      const timeout = u.timeout_ms ?? defaultTimeoutMs;
      const pool = new Pool(url.origin, {
        connections: u.max_sockets ?? 256,
        pipelining: 1,
        // the upstream timeout bounds both the wait for the response head and every pause in its body
        headersTimeout: timeout,
        bodyTimeout: timeout,
        connectTimeout: Math.min(timeout, 10_000),
        keepAliveTimeout: 30_000,
      });
      this.upstreams.set(name, { name, url, basePath: url.pathname.replace(/\/+$/, ''), pool, timeoutMs: timeout });
    }
  }

  get(name: string): Upstream {
    const u = this.upstreams.get(name);
    if (!u) throw new Error(`unknown upstream ${name}`);
    return u;
  }

  /** Refuses new requests; those in flight finish, then the connections close. */
  close(): void {
    for (const u of this.upstreams.values()) void u.pool.close().catch(() => {});
  }
}
