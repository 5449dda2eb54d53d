import type { Exchange, Headers } from '../../src/exchange/exchange.js';
import { newDecision } from '../../src/exchange/exchange.js';
import type { VigilConfig } from '../../src/config/types.js';
import { parseConfig } from '../../src/config/load.js';
import type { CheckResult, Control } from '../../src/pipeline/control.js';

export interface ExchangeInit {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer | object;
  ip?: string;
  client?: Partial<Exchange['client']>;
}

/** An Exchange as a capture source would build it; an object body is sent as JSON. */
export function makeExchange(init: ExchangeInit = {}): Exchange {
  const url = init.url ?? '/';
  const q = url.indexOf('?');
  const headers: Headers = {};
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  let body: Buffer | undefined;
  if (Buffer.isBuffer(init.body)) body = init.body;
  else if (typeof init.body === 'string') body = Buffer.from(init.body);
  else if (init.body !== undefined) {
    body = Buffer.from(JSON.stringify(init.body));
    headers['content-type'] ??= 'application/json';
  }
  const ip = init.ip ?? '127.0.0.1';
  return {
    id: 'test',
    source: 'gateway',
    client: { ip, peerIp: ip, forwardedFor: [], ...init.client },
    request: {
      method: init.method ?? 'GET',
      url,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? '' : url.slice(q + 1),
      host: 'api.test',
      scheme: 'http',
      httpVersion: '1.1',
      headers,
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

/** A validated config from a YAML/JSON policy object (an upstream is added). */
export function makeConfig(policy: Record<string, unknown>, baseDir = process.cwd()): VigilConfig {
  const cfg = parseConfig(JSON.stringify({ upstreams: { app: { url: 'http://127.0.0.1:1' } }, ...policy }), 'test.yaml');
  cfg.baseDir = baseDir;
  return cfg;
}

export async function check(control: Control, ex: Exchange): Promise<CheckResult> {
  return await control.check(ex);
}
