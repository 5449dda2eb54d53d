import http from 'node:http';
import https from 'node:https';
import type { UpstreamConfig } from '../../config/types.js';

export interface Upstream {
  name: string;
  url: URL;
  /** The upstream URL's path prefix, without a trailing slash. */
  basePath: string;
  agent: http.Agent;
  timeoutMs: number;
}

/** One keep-alive connection pool per upstream. */
export class UpstreamPool {
  private readonly upstreams = new Map<string, Upstream>();

  constructor(config: Record<string, UpstreamConfig>, defaultTimeoutMs: number) {
    for (const [name, u] of Object.entries(config)) {
      const url = new URL(u.url);
      const timeout = u.timeout_ms ?? defaultTimeoutMs;
      // a socket timeout set once on the agent, not per request: re-arming timers on every request is costly
      const options = { keepAlive: true, maxSockets: u.max_sockets ?? 256, maxFreeSockets: 256, scheduling: 'lifo' as const, timeout };
      this.upstreams.set(name, {
        name,
        url,
        basePath: url.pathname.replace(/\/+$/, ''),
        agent: url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options),
        timeoutMs: timeout,
      });
    }
  }

  get(name: string): Upstream {
    const u = this.upstreams.get(name);
    if (!u) throw new Error(`unknown upstream ${name}`);
    return u;
  }

  close(): void {
    for (const u of this.upstreams.values()) u.agent.destroy();
  }
}
