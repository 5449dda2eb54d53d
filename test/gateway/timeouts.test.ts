import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { request } from '../helpers/http.js';

let up: EchoUpstream;
let g: TestGateway;

before(async () => {
  up = await startEchoUpstream();
  g = await startTestGateway(`
upstreams: { api: { url: "${up.url}", timeout_ms: 300 } }
timeouts: { headers_ms: 300, body_ms: 300, idle_ms: 1000, upstream_ms: 300 }
`);
});
after(async () => {
  up.delayMs = 0;
  await g.close();
  await up.close();
});

test('a slow upstream answers 504 after the upstream timeout, and the exchange says so', async () => {
  // upstream timeouts run on the connection pool's coarse timers (1 s resolution): no timer per request
  up.delayMs = 4000;
  const started = Date.now();
  const r = await request(g.port, '/slow');
  up.delayMs = 0;
  assert.equal(r.status, 504);
  assert.ok(Date.now() - started < 2500, 'answered at the timeout, not when the upstream finished');
  await g.collected.settle(1);
  assert.equal(g.collected.exchanges.find((e) => e.id === r.headers['x-request-id'])?.error, 'upstream timed out');
});

function slowClient(bytes: string): Promise<{ text: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = net.connect(g.port, '127.0.0.1');
    let text = '';
    sock.on('connect', () => sock.write(bytes)); // and then never finish the request
    sock.on('data', (d) => (text += d.toString()));
    sock.on('close', () => resolve({ text, ms: Date.now() - started }));
    sock.setTimeout(5000, () => sock.destroy());
  });
}

test('a client that never finishes its headers is cut off (slowloris)', async () => {
  const r = await slowClient('GET / HTTP/1.1\r\nHost: a\r\nX-Slow: 1');
  assert.ok(r.ms < 3000, `closed after ${r.ms} ms`);
  assert.match(r.text, /^HTTP\/1\.1 408|^$/);
});

test('a client that never finishes its body is cut off', async () => {
  const r = await slowClient('POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{"a":');
  assert.ok(r.ms < 3000, `closed after ${r.ms} ms`);
});
