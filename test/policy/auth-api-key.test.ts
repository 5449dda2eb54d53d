import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { createAuthControl } from '../../src/policy/auth/index.js';
import { check, makeConfig, makeExchange } from './helpers.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const KEY = 'vk_live_8f2a1c9e4b7d';
const SECRET = 'hs-secret-for-api-key-tests-0123456789';

const cfg = makeConfig({
  auth: {
    api_keys: {
      partners: { in: 'header', name: 'X-Api-Key', keys: [{ id: 'acme', sha256: sha(KEY) }, { id: 'globex', sha256: sha('other-key') }] },
      legacy: { in: 'query', name: 'api_key', keys: [{ id: 'old-client', sha256: sha(KEY) }] },
    },
    jwt: { idp: { secret: SECRET, algorithms: ['HS256'] } },
  },
});

test('API key in a header: right key names the principal, wrong and missing keys are refused', () => {
  const control = createAuthControl({ api_key: 'partners' }, cfg, 'enforce')!;
  const ok = makeExchange({ headers: { 'x-api-key': KEY } });
  assert.equal(control.check(ok), undefined);
  assert.deepEqual(ok.principal, { kind: 'api_key', id: 'acme', verified: true });
  const wrong = control.check(makeExchange({ headers: { 'x-api-key': 'vk_live_guess' } }));
  assert.ok(!(wrong instanceof Promise));
  assert.equal(wrong?.rule, 'auth.api-key.invalid');
  assert.equal(wrong?.status, 401);
  assert.equal(wrong?.evidence, undefined);
  assert.ok(!JSON.stringify(wrong).includes('vk_live_guess'));
  const missing = control.check(makeExchange());
  assert.ok(!(missing instanceof Promise));
  assert.equal(missing?.rule, 'auth.api-key.missing');
  assert.equal(missing?.location, 'header:x-api-key');
});

test('API key in the query string', () => {
  const control = createAuthControl({ api_key: 'legacy' }, cfg, 'enforce')!;
  const ok = makeExchange({ url: `/items?page=2&api_key=${KEY}` });
  assert.equal(control.check(ok), undefined);
  assert.equal(ok.principal?.id, 'old-client');
  const wrong = control.check(makeExchange({ url: '/items?api_key=nope' }));
  assert.ok(!(wrong instanceof Promise));
  assert.equal(wrong?.rule, 'auth.api-key.invalid');
  assert.equal(wrong?.location, 'query:api_key');
});

test('none needs no control', () => {
  assert.equal(createAuthControl('none', cfg, 'enforce'), undefined);
});

test('any: one passing alternative is enough; a presented wrong credential is the reported refusal', async () => {
  const control = createAuthControl({ any: [{ jwt: 'idp' }, { api_key: 'partners' }] }, cfg, 'enforce')!;
  const byKey = makeExchange({ headers: { 'x-api-key': KEY } });
  assert.equal(await check(control, byKey), undefined);
  assert.equal(byKey.principal?.kind, 'api_key');
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
  const byJwt = makeExchange({ headers: { authorization: `Bearer ${token}` } });
  assert.equal(await check(control, byJwt), undefined);
  assert.equal(byJwt.principal?.kind, 'jwt');
  const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(40)));
  assert.equal((await check(control, makeExchange({ headers: { authorization: `Bearer ${forged}` } })))?.rule, 'auth.jwt.invalid-signature');
  assert.equal((await check(control, makeExchange()))?.rule, 'auth.jwt.missing');
});

test('jwt and api_key in one requirement must both pass', async () => {
  const control = createAuthControl({ jwt: 'idp', api_key: 'partners' }, cfg, 'enforce')!;
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
  assert.equal((await check(control, makeExchange({ headers: { authorization: `Bearer ${token}` } })))?.rule, 'auth.api-key.missing');
  const both = makeExchange({ headers: { authorization: `Bearer ${token}`, 'x-api-key': KEY } });
  assert.equal(await check(control, both), undefined);
  assert.equal(both.principal?.kind, 'jwt');
});
