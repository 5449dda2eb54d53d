import type { Exchange } from '../../src/exchange/exchange.js';
import { newDecision } from '../../src/exchange/exchange.js';
import { inspectExchange } from '../../src/detect/engine.js';
import type { DetectOptions, InspectResult } from '../../src/detect/types.js';

export interface Req {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
}

export function exchange(r: Req): Exchange {
  const headers: Record<string, string> = { host: 'api.example.com', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0', ...(r.headers ?? {}) };
  if (r.contentType) headers['content-type'] = r.contentType;
  const path = r.path ?? '/api/items';
  const query = r.query ?? '';
  return {
    id: 't',
    source: 'har',
    client: { ip: '203.0.113.1', peerIp: '203.0.113.1', forwardedFor: [] },
    request: {
      method: r.method ?? (r.body ? 'POST' : 'GET'),
      url: query ? `${path}?${query}` : path,
      path,
      query,
      host: 'api.example.com',
      scheme: 'https',
      httpVersion: '1.1',
      headers,
      body: r.body === undefined ? undefined : Buffer.from(r.body, 'latin1'),
      bodySize: r.body?.length ?? 0,
      bodyTruncated: false,
    },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: 0 },
  };
}

export function inspect(r: Req, o: Partial<DetectOptions> = {}): InspectResult {
  return inspectExchange(exchange(r), o);
}

/** A value placed in a query parameter (URL-encoded), a JSON string field and a form field. */
export function everywhere(value: string): Req[] {
  return [
    { query: `q=${encodeURIComponent(value)}` },
    { body: JSON.stringify({ comment: value }), contentType: 'application/json' },
    { body: `field=${encodeURIComponent(value)}`, contentType: 'application/x-www-form-urlencoded' },
  ];
}
