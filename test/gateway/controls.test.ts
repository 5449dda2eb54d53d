import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { request } from '../helpers/http.js';

const secret = 'test-secret-at-least-32-bytes-long!!';
const apiKey = 'k_live_4f9a8b7c6d5e';
let up: EchoUpstream;
let g: TestGateway;

async function token(claims: Record<string, unknown>, exp = '5m'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('https://issuer.test')
    .setAudience('vigil-tests')
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

before(async () => {
  up = await startEchoUpstream();
  g = await startTestGateway(`
listen: ["127.0.0.1:0", "[::1]:0"]
upstreams: { api: { url: "${up.url}" }, dead: { url: "http://127.0.0.1:9" } }
trusted_proxies: [127.0.0.2]
unmatched: block
auth:
  jwt:
    main: { secret: "${secret}", algorithms: [HS256], issuer: https://issuer.test, audience: vigil-tests }
  api_keys:
    partners: { in: header, name: x-api-key, keys: [{ id: acme, sha256: ${createHash('sha256').update(apiKey).digest('hex')} }] }
defaults: { upstream: api }
routes:
  - name: account
    match: { path: "/account/{id}" }
    auth: { jwt: main }
    rate_limit: { key: subject, rate: 1/m, burst: 2 }
  - name: partner
    match: { path: /partner }
    auth: { api_key: partners }
  - name: limited
    match: { path: /limited }
    rate_limit: { key: ip, rate: 1/m, burst: 3 }
  - name: watched
    match: { path: /watched }
    mode: monitor
    ip: { deny: [127.0.0.0/8, "::1"] }
    rate_limit: { key: ip, rate: 1/m, burst: 1 }
  - name: internal
    match: { path: /internal }
    ip: { allow: [10.0.0.0/8, "fd00::/8"] }
  - name: no-v6
    match: { path: /no-v6 }
    ip: { deny: ["::1/128"] }
  - name: upload
    match: { path: /upload, methods: [POST, PUT] }
    limits: { max_body_bytes: 100, content_types: [application/json] }
  - name: upload-other-methods
    match: { path: /upload }
    limits: { methods: [POST, PUT] }
  - name: geo
    match: { path: /geo }
    geo: { deny_countries: [US] }
  - name: asn
    match: { path: /asn }
    geo: { deny_asns: [13335] }
  - name: broken
    match: { path: /broken }
    upstream: dead
  - name: search
    match: { path: /search }
`);
});
after(async () => {
  await g.close();
  await up.close();
});

const from = (ip: string) => ({ localAddress: '127.0.0.2', headers: { 'x-forwarded-for': ip } });

test('JWT: a valid token passes and names the principal; missing, expired and wrong-audience tokens are refused', async () => {
  const ok = await request(g.port, '/account/1', { headers: { authorization: `Bearer ${await token({ sub: 'alice' })}` } });
  assert.equal(ok.status, 200);
  await g.collected.settle(1);
  assert.equal(g.collected.exchanges.find((e) => e.id === ok.headers['x-request-id'])?.principal?.id, 'alice');
  const none = await request(g.port, '/account/1');
  assert.equal(none.status, 401);
  assert.equal(none.headers['www-authenticate'], 'Bearer');
  assert.equal(none.headers['content-type'], 'application/problem+json');
  const expired = await request(g.port, '/account/1', { headers: { authorization: `Bearer ${await token({ sub: 'alice' }, '-10m')}` } });
  assert.equal(expired.status, 401);
  assert.match(expired.json<{ type: string }>().type, /auth\.jwt\.expired/);
  const wrongAud = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://issuer.test').setAudience('other').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
  assert.equal((await request(g.port, '/account/1', { headers: { authorization: `Bearer ${wrongAud}` } })).status, 401);
  const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"alice","aud":"vigil-tests","iss":"https://issuer.test"}').toString('base64url')}.`;
  assert.equal((await request(g.port, '/account/1', { headers: { authorization: `Bearer ${unsigned}` } })).status, 401);
});

test('rate limit keyed by JWT subject: each subject has its own burst, then 429 with Retry-After', async () => {
  const bob = { authorization: `Bearer ${await token({ sub: 'bob' })}` };
  const carol = { authorization: `Bearer ${await token({ sub: 'carol' })}` };
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await request(g.port, '/account/2', { headers: bob })).status);
  assert.deepEqual(statuses, [200, 200, 429, 429]);
  const limited = await request(g.port, '/account/2', { headers: bob });
  assert.ok(Number(limited.headers['retry-after']) >= 1);
  assert.equal((await request(g.port, '/account/2', { headers: carol })).status, 200);
});

test('API key in a header: right key passes as its id, wrong or missing key is refused', async () => {
  const ok = await request(g.port, '/partner', { headers: { 'x-api-key': apiKey } });
  assert.equal(ok.status, 200);
  await g.collected.settle(1);
  assert.deepEqual(g.collected.exchanges.find((e) => e.id === ok.headers['x-request-id'])?.principal, { kind: 'api_key', id: 'acme', verified: true });
  const wrong = await request(g.port, '/partner', { headers: { 'x-api-key': 'k_live_guess' } });
  assert.equal(wrong.status, 401);
  assert.ok(!wrong.body.includes('k_live_guess'), 'the refusal does not echo the key');
  assert.equal((await request(g.port, '/partner')).status, 401);
});

test('rate limit by IP admits the burst, then refuses; another client (via a trusted proxy) is unaffected', async () => {
  const codes = [];
  for (let i = 0; i < 5; i++) codes.push((await request(g.port, '/limited')).status);
  assert.deepEqual(codes, [200, 200, 200, 429, 429]);
  assert.equal((await request(g.port, '/limited', from('198.51.100.7'))).status, 200);
});

test('monitor mode passes traffic and reports what it would have blocked', async () => {
  const first = await request(g.port, '/watched');
  const second = await request(g.port, '/watched');
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  await g.collected.settle(2);
  const ex = g.collected.exchanges.find((e) => e.id === second.headers['x-request-id'])!;
  assert.equal(ex.decision.action, 'would-block');
  assert.deepEqual(ex.decision.reasons.map((r) => [r.control, r.mode]), [['ip', 'monitor'], ['ratelimit', 'monitor']]);
});

test('IP allow list uses the address resolved through trusted proxies, IPv4 and IPv6', async () => {
  assert.equal((await request(g.port, '/internal')).status, 403);
  assert.equal((await request(g.port, '/internal', from('10.2.3.4'))).status, 200);
  assert.equal((await request(g.port, '/internal', from('fd00::1'))).status, 200);
  // a spoofed header from an untrusted peer is ignored
  assert.equal((await request(g.port, '/internal', { headers: { 'x-forwarded-for': '10.2.3.4' } })).status, 403);
  const v6 = g.gw.ports[1]!;
  assert.equal((await request(v6, '/no-v6', { host: '::1' })).status, 403);
  assert.equal((await request(g.port, '/no-v6')).status, 200);
});

test('method, size and content-type limits', async () => {
  const json = { 'content-type': 'application/json' };
  assert.equal((await request(g.port, '/upload', { method: 'POST', headers: json, body: '{"a":1}' })).status, 200);
  assert.equal((await request(g.port, '/upload', { method: 'POST', headers: json, body: JSON.stringify({ a: 'x'.repeat(200) }) })).status, 413);
  assert.equal((await request(g.port, '/upload', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' })).status, 415);
  assert.equal((await request(g.port, '/upload', { method: 'DELETE' })).status, 405);
  // chunked: no Content-Length, measured as it streams
  const chunked = await request(g.port, '/upload', { method: 'POST', headers: { ...json, 'transfer-encoding': 'chunked' }, body: JSON.stringify({ a: 'y'.repeat(300) }) }).catch(() => ({ status: 413 }));
  assert.equal(chunked.status, 413);
});

test('geo: a country and an ASN of known public addresses in the shipped database', async () => {
  assert.equal((await request(g.port, '/geo', from('8.8.8.8'))).status, 403);
  assert.equal((await request(g.port, '/geo', from('1.1.1.1'))).status, 200);
  assert.equal((await request(g.port, '/asn', from('1.1.1.1'))).status, 403);
  const ok = await request(g.port, '/asn', from('8.8.8.8'));
  assert.equal(ok.status, 200);
  await g.collected.settle(1);
  const ex = g.collected.exchanges.find((e) => e.id === ok.headers['x-request-id'])!;
  assert.equal(ex.client.country, 'US');
  assert.equal(ex.client.asn, 15169);
});

test('attacks are blocked with a problem document that echoes nothing sent', async () => {
  const r = await request(g.port, `/search?q=${encodeURIComponent("1' UNION SELECT password FROM users--")}`);
  assert.equal(r.status, 403);
  assert.ok(!r.body.includes('UNION'));
  const benign = await request(g.port, `/search?q=${encodeURIComponent('select specialty hospital')}`);
  assert.equal(benign.status, 200);
});

test('an unreachable upstream answers 502 and the exchange carries the error', async () => {
  const r = await request(g.port, '/broken');
  assert.equal(r.status, 502);
  await g.collected.settle(1);
  const ex = g.collected.exchanges.find((e) => e.id === r.headers['x-request-id'])!;
  assert.match(ex.error ?? '', /ECONNREFUSED/);
});

test('a request matching no route is refused when unmatched is block', async () => {
  assert.equal((await request(g.port, '/nowhere')).status, 404);
});
