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
      const options = { keepAlive: true, maxSockets: u.max_sockets ?? 256, maxFreeSockets: 256, scheduling: 'lifo' as const };
      this.upstreams.set(name, {
        name,
        url,
        basePath: url.pathname.replace(/\/+$/, ''),
        agent: url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options),
        timeoutMs: u.timeout_ms ?? defaultTimeoutMs,
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
