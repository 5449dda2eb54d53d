import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startEchoUpstream, type EchoUpstream, type SeenRequest } from '../helpers/upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { request, rawRequest } from '../helpers/http.js';

let up: EchoUpstream;
let g: TestGateway;

before(async () => {
  up = await startEchoUpstream();
  g = await startTestGateway(`
upstreams: { api: { url: "${up.url}" } }
trusted_proxies: [127.0.0.2]
routes:
  - name: items
    match: { path: "/items/{id}" }
`);
});
after(async () => {
  await g.close();
  await up.close();
});

test('forwards method, path, query and body, and answers the upstream response with a request id', async () => {
  const r = await request(g.port, '/items/7?expand=a&x=%20y', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  assert.equal(r.status, 200);
  const seen = r.json<SeenRequest>();
  assert.equal(seen.method, 'POST');
  assert.equal(seen.url, '/items/7?expand=a&x=%20y');
  assert.equal(seen.body, '{"a":1}');
  assert.match(String(r.headers['x-request-id']), /^[0-9a-z]{20,}$/);
  assert.equal(seen.headers['x-request-id'], r.headers['x-request-id']);
  await g.collected.settle(1);
  const ex = g.collected.exchanges.find((e) => e.id === r.headers['x-request-id'])!;
  assert.equal(ex.route.template, '/items/{id}');
  assert.deepEqual(ex.route.params, { id: '7' });
  assert.equal(ex.response?.status, 200);
  assert.equal(ex.decision.action, 'allow');
});

test('an untrusted client cannot spoof its address through X-Forwarded-For or Forwarded', async () => {
  const r = await request(g.port, '/items/1', { headers: { 'x-forwarded-for': '6.6.6.6', forwarded: 'for=6.6.6.6', 'x-real-ip': '6.6.6.6' } });
  const seen = r.json<SeenRequest>();
  assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
  assert.equal(seen.headers.forwarded, `for=127.0.0.1;proto=http;host="127.0.0.1:${g.port}"`);
  assert.equal(seen.headers['x-real-ip'], undefined);
  assert.equal(seen.headers['x-forwarded-proto'], 'http');
  const ex = g.collected.exchanges.find((e) => e.id === r.headers['x-request-id']);
  await g.collected.settle(2);
  assert.equal((ex ?? g.collected.last()).client.ip, '127.0.0.1');
});

test('a trusted proxy extends the forwarding chain and names the client', async () => {
  const r = await request(g.port, '/items/1', { localAddress: '127.0.0.2', headers: { 'x-forwarded-for': '203.0.113.9, 6.6.6.6' } });
  const seen = r.json<SeenRequest>();
  assert.equal(seen.headers['x-forwarded-for'], '203.0.113.9, 6.6.6.6, 127.0.0.2');
  await g.collected.settle(3);
  const ex = g.collected.exchanges.find((e) => e.id === r.headers['x-request-id'])!;
  // the first untrusted hop from the right is the client: 6.6.6.6, never the client-written 203.0.113.9
  assert.equal(ex.client.ip, '6.6.6.6');
});

test('hop-by-hop headers are not forwarded', async () => {
  const r = await request(g.port, '/items/1', { headers: { connection: 'close, x-secret-hop', 'x-secret-hop': '1', te: 'trailers' } });
  const seen = r.json<SeenRequest>();
  assert.equal(seen.headers['x-secret-hop'], undefined);
  assert.equal(seen.headers.te, undefined);
});

const desyncCases: [string, string][] = [
  ['Content-Length with Transfer-Encoding', 'POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['duplicate identical Content-Length', 'POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc'],
  ['conflicting Content-Length', 'POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'],
  ['signed Content-Length', 'POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc'],
  ['Transfer-Encoding other than chunked', 'POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n'],
  ['obfuscated Transfer-Encoding', 'POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n'],
  ['bad chunk size', 'POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'],
  ['obs-fold', 'GET /items/1 HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  folded\r\n\r\n'],
  ['invalid header name', 'GET /items/1 HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n'],
  ['duplicate Host', 'GET /items/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'],
  ['path above the root', 'GET /items/../../etc/passwd HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'],
];

for (const [name, bytes] of desyncCases) {
  test(`desync defence refuses ${name} without forwarding it`, async () => {
    const before = up.seen.length;
    const r = await rawRequest(g.port, bytes);
    assert.equal(r.status, 400, r.text);
    assert.equal(up.seen.length, before, 'nothing reached the upstream');
  });
}

test('a chunked body is re-framed for the upstream, never passed through raw', async () => {
  const r = await rawRequest(g.port, 'POST /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n');
  assert.equal(r.status, 200);
  const seen = up.seen[up.seen.length - 1]!;
  assert.equal(seen.body, 'abcde');
});

test('refused malformed requests are still recorded as blocked exchanges', async () => {
  const before = g.collected.exchanges.length;
  await rawRequest(g.port, 'GET /items/1 HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n');
  await g.collected.settle(before + 1);
  const ex = g.collected.last();
  assert.equal(ex.decision.action, 'block');
  assert.equal(ex.decision.reasons[0]!.control, 'protocol');
});

test('paths are normalised before matching, so encodings cannot dodge a route', async () => {
  const r = await request(g.port, '/x/../%69tems/9');
  assert.equal(r.status, 200);
  await g.collected.settle(1);
  const ex = g.collected.exchanges.find((e) => e.id === r.headers['x-request-id'])!;
  assert.equal(ex.route.name, 'items');
});
