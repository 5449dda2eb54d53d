import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthControl } from '../../src/policy/auth/index.js';
import type { Control } from '../../src/pipeline/control.js';
import { check, makeConfig, makeExchange } from './helpers.js';
import { JwksServer } from './jwks-server.js';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'vigil-api';
const jwks = new JwksServer();
let key1: { privateKey: CryptoKey; publicJwk: JWK };
let key2: { privateKey: CryptoKey; publicJwk: JWK };
let control: Control;

async function rsaKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

function sign(privateKey: CryptoKey | Uint8Array, opts: { kid?: string; alg?: string; iss?: string; aud?: string; exp?: number | string; sub?: string } = {}) {
  const jwt = new SignJWT({ scope: 'read' })
    .setProtectedHeader({ alg: opts.alg ?? 'RS256', ...(opts.kid !== undefined ? { kid: opts.kid } : {}) })
    .setSubject(opts.sub ?? 'user-42')
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt();
  jwt.setExpirationTime(opts.exp ?? '10m');
  return jwt.sign(privateKey);
}

const bearer = (token: string) => makeExchange({ headers: { authorization: `Bearer ${token}` } });

before(async () => {
  key1 = await rsaKey('k1');
  key2 = await rsaKey('k2');
  jwks.keys = [key1.publicJwk];
  const url = await jwks.start();
  const cfg = makeConfig({
    auth: { jwt: { idp: { jwks_url: url, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] } } },
  });
  control = createAuthControl({ jwt: 'idp' }, cfg, 'enforce', { jwksCooldownMs: 50 })!;
});

after(() => jwks.stop());

test('a valid JWKS-signed token passes and names the principal; the second check is a synchronous cache hit', async () => {
  const token = await sign(key1.privateKey, { kid: 'k1' });
  const ex = bearer(token);
  assert.equal(await check(control, ex), undefined);
  assert.equal(ex.principal?.kind, 'jwt');
  assert.equal(ex.principal?.id, 'user-42');
  assert.equal(ex.principal?.verified, true);
  assert.equal(ex.principal?.claims?.scope, 'read');
  const again = bearer(token);
  const result = control.check(again);
  assert.ok(!(result instanceof Promise), 'cache hit must not return a promise');
  assert.equal(result, undefined);
  assert.equal(again.principal?.id, 'user-42');
});

test('a missing token is refused with 401 and auth.jwt.missing', async () => {
  const r = await check(control, makeExchange());
  assert.equal(r?.rule, 'auth.jwt.missing');
  assert.equal(r?.status, 401);
  assert.equal(r?.location, 'header:authorization');
  const basic = await check(control, makeExchange({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
  assert.equal(basic?.rule, 'auth.jwt.missing');
});

test('expired, wrong audience and wrong issuer tokens are refused with their own rules, never echoing the token', async () => {
  const cases: [Promise<string>, string][] = [
    [sign(key1.privateKey, { kid: 'k1', exp: Math.floor(Date.now() / 1000) - 600 }), 'auth.jwt.expired'],
    [sign(key1.privateKey, { kid: 'k1', aud: 'someone-else' }), 'auth.jwt.bad-audience'],
    [sign(key1.privateKey, { kid: 'k1', iss: 'https://evil.test' }), 'auth.jwt.bad-issuer'],
  ];
  for (const [tokenPromise, rule] of cases) {
    const token = await tokenPromise;
    const ex = bearer(token);
    const r = await check(control, ex);
    assert.equal(r?.rule, rule);
    assert.equal(r?.status, 401);
    assert.equal(ex.principal, undefined);
    assert.ok(!JSON.stringify(r).includes(token.split('.')[2]!), 'the refusal must not carry the token');
  }
});

test('an expiry within the 30 s clock skew still passes', async () => {
  const token = await sign(key1.privateKey, { kid: 'k1', exp: Math.floor(Date.now() / 1000) - 5 });
  assert.equal(await check(control, bearer(token)), undefined);
});

test('alg none is refused', async () => {
  const token = new UnsecuredJWT({ sub: 'admin' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('10m').encode();
  assert.equal((await check(control, bearer(token)))?.rule, 'auth.jwt.alg-not-allowed');
});

test('key confusion: an HS256 token keyed with the RSA public key is refused', async () => {
  const { publicKey } = await rsaKey('k1');
  const pem = await exportSPKI(publicKey);
  const token = await sign(new TextEncoder().encode(pem), { kid: 'k1', alg: 'HS256' });
  assert.equal((await check(control, bearer(token)))?.rule, 'auth.jwt.alg-not-allowed');
});

test('a token signed with another key under a known kid fails the signature check', async () => {
  const other = await rsaKey('k1');
  const token = await sign(other.privateKey, { kid: 'k1' });
  assert.equal((await check(control, bearer(token)))?.rule, 'auth.jwt.invalid-signature');
});

test('an unknown kid is refused after a refetch finds no such key', async () => {
  await new Promise((r) => setTimeout(r, 60));
  const before = jwks.fetches;
  const token = await sign(key2.privateKey, { kid: 'k2' });
  assert.equal((await check(control, bearer(token)))?.rule, 'auth.jwt.unknown-kid');
  assert.ok(jwks.fetches > before, 'an unknown kid triggers a JWKS refetch');
});

test('rotation: once the JWKS publishes a new key, tokens signed with it pass after a refetch', async () => {
  jwks.keys = [key1.publicJwk, key2.publicJwk];
  await new Promise((r) => setTimeout(r, 60)); // past the cooldown
  const token = await sign(key2.privateKey, { kid: 'k2', sub: 'rotated-user' });
  const ex = bearer(token);
  assert.equal(await check(control, ex), undefined);
  assert.equal(ex.principal?.id, 'rotated-user');
});

test('malformed tokens are refused without reaching jose', async () => {
  for (const token of ['abc', 'a.b', 'a.b.c.d', '!!!.e30.x']) {
    const r = control.check(bearer(token));
    assert.ok(!(r instanceof Promise));
    assert.equal(r?.rule, 'auth.jwt.malformed');
  }
});

test('a static secret from the environment verifies HS256 tokens read from a cookie', async () => {
  process.env.VIGIL_TEST_JWT_SECRET = 'a-test-secret-of-at-least-32-bytes!!';
  const cfg = makeConfig({
    auth: { jwt: { shared: { secret: 'env:VIGIL_TEST_JWT_SECRET', algorithms: ['HS256'], audience: AUDIENCE, issuer: ISSUER, cookie: 'session' } } },
  });
  const hs = createAuthControl({ jwt: 'shared' }, cfg, 'enforce')!;
  const good = await sign(new TextEncoder().encode(process.env.VIGIL_TEST_JWT_SECRET), { alg: 'HS256' });
  const ex = makeExchange({ headers: { cookie: `theme=dark; session=${good}` } });
  assert.equal(await check(hs, ex), undefined);
  assert.equal(ex.principal?.id, 'user-42');
  const bad = await sign(new TextEncoder().encode('another-secret-of-at-least-32-bytes!!'), { alg: 'HS256' });
  const r = await check(hs, makeExchange({ headers: { cookie: `session=${bad}` } }));
  assert.equal(r?.rule, 'auth.jwt.invalid-signature');
  assert.equal(r?.location, 'cookie:session');
  assert.ok(!r?.message.includes(process.env.VIGIL_TEST_JWT_SECRET));
});

test('a missing secret environment variable fails at startup naming the variable only', () => {
  delete process.env.VIGIL_TEST_UNSET;
  const cfg = makeConfig({ auth: { jwt: { s: { secret: 'env:VIGIL_TEST_UNSET', algorithms: ['HS256'] } } } });
  assert.throws(() => createAuthControl({ jwt: 's' }, cfg, 'enforce'), /VIGIL_TEST_UNSET is not set/);
});

test('a PEM public key file (relative to the config directory) verifies ES256 tokens', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-auth-'));
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  writeFileSync(join(dir, 'idp.pem'), await exportSPKI(publicKey));
  const cfg = makeConfig({ auth: { jwt: { pem: { public_key_file: 'idp.pem', algorithms: ['ES256'] } } } }, dir);
  const es = createAuthControl({ jwt: 'pem' }, cfg, 'enforce')!;
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('svc').setExpirationTime('5m').sign(privateKey);
  const ex = bearer(token);
  assert.equal(await check(es, ex), undefined);
  assert.equal(ex.principal?.id, 'svc');
  const rs = await sign(key1.privateKey);
  assert.equal((await check(es, bearer(rs)))?.rule, 'auth.jwt.alg-not-allowed');
});

test('an unreachable JWKS fails closed with 503', async () => {
  const cfg = makeConfig({ auth: { jwt: { down: { jwks_url: 'http://127.0.0.1:1/jwks.json', algorithms: ['RS256'] } } } });
  const down = createAuthControl({ jwt: 'down' }, cfg, 'enforce')!;
  const r = await check(down, bearer(await sign(key1.privateKey, { kid: 'k1' })));
  assert.equal(r?.rule, 'auth.jwt.keys-unavailable');
  assert.equal(r?.status, 503);
});
