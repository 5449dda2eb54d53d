import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { GeoIp, createGeoControl, enrichClient, geoNeedsAsn } from '../../src/policy/geo/index.js';
import { makeExchange } from './helpers.js';

let geo: GeoIp;

before(async () => {
  geo = await GeoIp.open({ asn: true });
});

// Facts from the shipped ip-location-db data: Google DNS is US / AS15169, Cloudflare's 1.1.1.1 is AU / AS13335, Quad9 AS19281.
test('lookup gives country and ASN of known public addresses, IPv4 and IPv6', () => {
  assert.deepEqual(geo.lookup('8.8.8.8'), { country: 'US', asn: 15169, asnOrg: 'Google LLC' });
  assert.deepEqual(geo.lookup('1.1.1.1'), { country: 'AU', asn: 13335, asnOrg: 'Cloudflare, Inc.' });
  assert.deepEqual(geo.lookup('2001:4860:4860::8888'), { country: 'US', asn: 15169, asnOrg: 'Google LLC' });
  assert.equal(geo.lookup('::ffff:9.9.9.9').asn, 19281);
});

test('private, loopback and malformed addresses give nothing', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.0.7', '::1', 'fe80::1', 'fd00::5', 'not-an-ip']) assert.deepEqual(geo.lookup(ip), {}, ip);
});

test('without asn the table is not loaded and lookups carry the country only', async () => {
  const countriesOnly = await GeoIp.open();
  assert.equal(countriesOnly.hasAsn, false);
  assert.deepEqual(countriesOnly.lookup('8.8.8.8'), { country: 'US' });
});

function exchangeFrom(ip: string) {
  const ex = makeExchange({ ip });
  enrichClient(ex.client, geo);
  return ex;
}

test('country allow-list: listed passes, others and unknown (private) refused with 403', () => {
  const control = createGeoControl({ allow_countries: ['US'] }, 'enforce');
  assert.equal(control.check(exchangeFrom('8.8.8.8')), undefined);
  const au = control.check(exchangeFrom('1.1.1.1'));
  assert.ok(au && !(au instanceof Promise));
  assert.equal(au.rule, 'geo.country-not-allowed');
  assert.equal(au.status, 403);
  assert.equal(au.evidence, 'AU');
  const local = control.check(exchangeFrom('10.0.0.1'));
  assert.ok(local && !(local instanceof Promise));
  assert.equal(local.rule, 'geo.country-unknown');
});

test('country deny-list: listed refused, unknown passes', () => {
  const control = createGeoControl({ deny_countries: ['AU'] }, 'enforce');
  const au = control.check(exchangeFrom('1.1.1.1'));
  assert.ok(au && !(au instanceof Promise));
  assert.equal(au.rule, 'geo.country-denied');
  assert.equal(control.check(exchangeFrom('8.8.8.8')), undefined);
  assert.equal(control.check(exchangeFrom('10.0.0.1')), undefined);
});

test('ASN allow and deny lists', () => {
  const deny = createGeoControl({ deny_asns: [13335] }, 'enforce');
  const cf = deny.check(exchangeFrom('1.1.1.1'));
  assert.ok(cf && !(cf instanceof Promise));
  assert.equal(cf.rule, 'geo.asn-denied');
  assert.equal(cf.evidence, 'AS13335');
  assert.equal(deny.check(exchangeFrom('8.8.8.8')), undefined);
  const allow = createGeoControl({ allow_asns: [15169] }, 'enforce');
  assert.equal(allow.check(exchangeFrom('2001:4860:4860::8844')), undefined);
  const quad9 = allow.check(exchangeFrom('9.9.9.9'));
  assert.ok(quad9 && !(quad9 instanceof Promise));
  assert.equal(quad9.rule, 'geo.asn-not-allowed');
  assert.equal(geoNeedsAsn({ allow_asns: [15169] }), true);
  assert.equal(geoNeedsAsn({ allow_countries: ['US'] }), false);
});

test('country and ASN rules both apply', () => {
  const control = createGeoControl({ allow_countries: ['US', 'AU'], deny_asns: [13335] }, 'monitor');
  assert.equal(control.mode, 'monitor');
  assert.equal(control.check(exchangeFrom('8.8.8.8')), undefined);
  const r = control.check(exchangeFrom('1.1.1.1'));
  assert.ok(r && !(r instanceof Promise));
  assert.equal(r.rule, 'geo.asn-denied');
});
