import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VigilConfig } from '../config/types.js';
import type { Exchange, Headers } from '../exchange/exchange.js';
import { newDecision } from '../exchange/exchange.js';
import type { ExchangeRecord } from '../store/record.js';
import type { TrafficFilter, TrafficStore } from '../store/store.js';
import { SqliteTrafficStore } from '../store/sqlite/sqlite-store.js';
import { storePath } from '../store/recording-setup.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';

// The recorded traffic tuning reads: the window's exchanges, and each one rebuilt as an exchange to inspect again.

export class StoreMissingError extends Error {}

/** `--db FILE`, else the shared PostgreSQL store a cluster config names, else the config's embedded store. */
export async function openTuneStore(cfg: VigilConfig, db?: string): Promise<TrafficStore> {
  if (!db && cfg.cluster?.postgres) return PostgresStore.open({ url: cfg.cluster.postgres, schema: cfg.cluster.postgres_schema, maxConnections: 2 });
  const path = db ? resolve(db) : storePath(cfg);
  if (!existsSync(path)) throw new StoreMissingError(`no recorded traffic at ${path} (turn on the store setting, or give --db)`);
  return new SqliteTrafficStore(path, { readonly: true });
}

const PAGE = 5000;

/** Every exchange of the window, oldest first, up to `max` (paged by time; ids seen twice are skipped). */
export async function readWindow(store: TrafficStore, filter: TrafficFilter, max: number): Promise<{ records: ExchangeRecord[]; truncated: boolean }> {
  const out: ExchangeRecord[] = [];
  const seen = new Set<string>();
  let since = filter.since;
  for (;;) {
    const page = await store.find({ ...filter, since }, { limit: PAGE, order: 'asc' });
    let added = 0;
    for (const r of page) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      // responses are not inspected: only the request side is kept in memory
      r.resp_body = null;
      r.resp_headers = null;
      out.push(r);
      added++;
      if (out.length >= max) return { records: out, truncated: true };
    }
    if (page.length < PAGE) return { records: out, truncated: false };
    const last = page[page.length - 1]!.time;
    // a full page of one millisecond: step past it rather than loop
    since = added === 0 || last === since ? last + 1 : last;
  }
}

/** Whether detection refused (or, monitored, would have refused) the exchange. */
export function flaggedByDetection(r: ExchangeRecord): boolean {
  return r.action !== 'allow' && r.reasons.some((x) => x.control === 'detect');
}

/**
 * The recorded request as an exchange the engine can inspect again: redacted and bounded as stored, so a finding
 * in what redaction hid or the body limit cut cannot be reproduced.
 */
export function exchangeOfRecord(r: ExchangeRecord): Exchange {
  const headers: Headers = { ...(r.req_headers ?? {}) };
  if (r.user_agent !== null && headers['user-agent'] === undefined) headers['user-agent'] = r.user_agent;
  if (r.req_body !== null && headers['content-type'] === undefined && /^\s*[[{]/.test(r.req_body)) headers['content-type'] = 'application/json';
  const body = r.req_body === null ? undefined : Buffer.from(r.req_body, 'utf8');
  return {
    id: r.id,
    source: r.source,
    client: { ip: r.client_ip, peerIp: r.peer_ip, forwardedFor: [] },
    request: {
      method: r.method,
      url: r.query ? `${r.path}?${r.query}` : r.path,
      path: r.path,
      query: r.query,
      host: r.host,
      scheme: 'http',
      httpVersion: '1.1',
      headers,
      body,
      bodySize: r.req_bytes,
      bodyTruncated: false,
    },
    route: { name: r.route ?? undefined, template: r.route_template ?? undefined, params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: r.time },
  };
}
