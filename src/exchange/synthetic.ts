import { newDecision, type CaptureSource, type Exchange, type Headers } from './exchange.js';

// An exchange made up rather than captured: a request with no response yet, as a capture source would hand it to the
// request-path stages (warm-up at start, benchmarks).

export interface SyntheticRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers?: Headers;
  body?: string;
  host?: string;
  scheme?: 'http' | 'https';
  ip?: string;
  source?: CaptureSource;
}

export function syntheticExchange(r: SyntheticRequest): Exchange {
  const q = r.url.indexOf('?');
  const host = r.host ?? 'api.example.com';
  const ip = r.ip ?? '192.0.2.1';
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  return {
    id: 'synthetic',
    source: r.source ?? 'gateway',
    client: { ip, peerIp: ip, forwardedFor: [] },
    request: {
      method: r.method,
      url: r.url,
      path: q < 0 ? r.url : r.url.slice(0, q),
      query: q < 0 ? '' : r.url.slice(q + 1),
      host,
      scheme: r.scheme ?? 'https',
      httpVersion: '1.1',
      headers: { host, ...r.headers },
      body,
      bodySize: body?.length ?? 0,
      bodyTruncated: false,
    },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: Date.now() },
  };
}
