import { newDecision, type Exchange } from '../../src/exchange/exchange.js';
import { newRequestId } from '../../src/exchange/ids.js';

export interface ExchangeSketch {
  id?: string;
  time?: number;
  ip?: string;
  method?: string;
  url?: string;
  host?: string;
  headers?: Exchange['request']['headers'];
  body?: string;
  status?: number;
  route?: string;
  principal?: string;
  action?: Exchange['decision']['action'];
  source?: Exchange['source'];
}

/** A complete exchange for tests, as a capture source would make it. */
export function makeExchange(s: ExchangeSketch = {}): Exchange {
  const time = s.time ?? Date.now();
  const url = s.url ?? '/users/42?x=1';
  const q = url.indexOf('?');
  const body = s.body === undefined ? undefined : Buffer.from(s.body);
  const ex: Exchange = {
    id: s.id ?? newRequestId(time),
    source: s.source ?? 'gateway',
    client: { ip: s.ip ?? '203.0.113.7', peerIp: s.ip ?? '203.0.113.7', forwardedFor: [] },
    request: {
      method: s.method ?? 'GET',
      url,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? '' : url.slice(q + 1),
      host: s.host ?? 'api.example.test',
      scheme: 'http',
      httpVersion: '1.1',
      headers: { host: s.host ?? 'api.example.test', 'user-agent': 'test/1.0', ...s.headers },
      body,
      bodySize: body?.length ?? 0,
      bodyTruncated: false,
    },
    response: { status: s.status ?? 200, headers: { 'content-type': 'application/json' }, bodySize: 17 },
    route: s.route ? { name: s.route, template: `/${s.route}/{id}`, params: {} } : { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: time, total: 3 },
  };
  if (s.principal) ex.principal = { kind: 'jwt', id: s.principal, verified: true };
  if (s.action && s.action !== 'allow') {
    ex.decision = {
      action: s.action,
      status: 403,
      reasons: [{ control: 'detect.sqli', rule: 'sqli.union', message: 'SQL injection', location: 'query:id', evidence: "1 UNION SELECT", status: 403, mode: s.action === 'block' ? 'enforce' : 'monitor' }],
    };
  }
  return ex;
}
