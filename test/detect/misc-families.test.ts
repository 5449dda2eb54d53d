import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, exchange, inspect } from './helpers.js';
import { inspectExchange } from '../../src/detect/engine.js';

// RFI, XSS and PHP shapes beside their look-alikes. The helpers' requests go to host api.example.com.

const rules = (r: ReturnType<typeof inspect>): string => JSON.stringify(r.findings.map((f) => `${f.rule}:${f.score}@${f.location}`));

test('a URL that passes a careless check against the own host, and a Java archive URL to a remote host, are flagged', () => {
  const attacks = [
    'https://api.example.com.evil.example/',
    'http://api.example.com.attacker.net/callback',
    'https://api.example.com:6379/',
    'http://api.example.com:22/',
    'jar:http://evil.example/x.jar!/',
  ];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} ${JSON.stringify(r).slice(0, 50)} → ${rules(inspect(r))}`);
  }
  // a glued prefix before a distinctive own host (endsWith checks): only when the host's first label is long enough
  const glued = (q: string, host: string) => {
    const ex = exchange({ query: q, headers: { host } });
    ex.request.host = host;
    return inspectExchange(ex, {});
  };
  assert.ok(glued('next=https://evilexample.com/', 'example.com').attack);
});

test('own-host URLs, CDN names and other sites in ordinary fields stay clean', () => {
  const benign = [
    'https://api.example.com/v1/items?page=2',
    'https://api.example.com:443/v1/items',
    'https://www.api.example.com/',
    'https://api.example.com.s3.amazonaws.com/logo.png',
    'https://api.example.com.edgekey.net/',
    'https://partner.example/page',
    'https://evilapi.example.com/',
    'The app fails with: cannot open jar:file:/opt/app/lib/core.jar!/META-INF/spring.factories',
  ];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.equal(inspect(r).attack, false, `${b} → ${rules(inspect(r))}`);
  }
  assert.equal(inspect({ query: 'next=https://foxnews.com/', headers: { host: 'news.com' } }).attack, false);
});

test('PHP calls spelled to evade, PHP-only extension calls as the whole value or last path segment, variable variables', () => {
  const attacks = ['subSTR($x)', 'unPACK($_GET[1])', 'ZlIb_DeCoDe($p)', 'sYsTeM(id)', 'array_diff (', 'pg_enter_pipeline_mode (', 'sodium_crypto_box_keypair()', 'odbc_exec($c, $q)', '${$a}', '$ { $name }', 'unserialize_max_depth=0'];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} ${JSON.stringify(r).slice(0, 50)} → ${rules(inspect(r))}`);
  }
  for (const p of ['/get/array_diff (', '/api/pg_enter_pipeline_mode(', '/post/subSTR($x)']) assert.ok(inspect({ path: p }).attack, p);
});

test('camelCase and Title Case calls, snake_case calls of other languages and prices in braces stay clean', () => {
  const benign = ['readFile(path)', 'getElementById(id)', 'parseHTML(text)', 'get_user()', 'is_valid()', 'set_config(debug)', 'Price: $ {price}', 'Total ${amount}', 'the array_diff function compares arrays, see the manual'];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.equal(inspect(r).attack, false, `${b} → ${rules(inspect(r))}`);
  }
});

test('an element written in 8-bit form (¼x¾…¼/x¾) is XSS for a page read as US-ASCII; fractions in a recipe are not', () => {
  const form = (bytes: string) => inspect({ body: `test=${bytes}`, contentType: 'application/x-www-form-urlencoded' });
  assert.ok(form('\xbctest\xbetest(\xa2XSS\xa2)\xbc/test\xbe').attack);
  assert.ok(form('\xbcmarquee\xbeHi\xbc/marquee\xbe').attack);
  assert.equal(form('Add \xbc cup sugar and \xbe cup flour, then \xbc/2 of the butter').attack, false);
});
