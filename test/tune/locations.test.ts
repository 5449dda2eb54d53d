import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generaliseLocation } from '../../src/tune/locations.js';
import { excluded, matchesPattern } from '../../src/detect/score.js';
import { attackSign } from '../../src/tune/propose.js';
import type { Finding } from '../../src/exchange/exchange.js';

test('array indices and ids in locations become wildcards; field names stay', () => {
  assert.equal(generaliseLocation('body:/items/3/note'), 'body:/items/*/note');
  assert.equal(generaliseLocation('body:/users/5f3a9c2e8b1d4e6f7a8b9c0d/bio'), 'body:/users/*/bio');
  assert.equal(generaliseLocation('body:/orders/3fa85f64-5717-4562-b3fc-2c963f66afa6/lines/0/text'), 'body:/orders/*/lines/*/text');
  assert.equal(generaliseLocation('query:filter[42][name]'), 'query:filter[*][name]');
  assert.equal(generaliseLocation('body:/address_line2'), 'body:/address_line2');
  assert.equal(generaliseLocation('query:q'), 'query:q');
  assert.equal(generaliseLocation('header:user-agent'), 'header:user-agent');
  assert.equal(generaliseLocation('body-key:/items/0/a=1>a'), 'body-key:/items/*/a=1>a');
  assert.equal(generaliseLocation('path'), 'path');
});

test('exclusion patterns: * stands for one segment, a trailing * for a prefix', () => {
  assert.ok(matchesPattern('body:/items/*/note', 'body:/items/3/note'));
  assert.ok(!matchesPattern('body:/items/*/note', 'body:/items/3/x/note'));
  assert.ok(!matchesPattern('body:/items/*/note', 'body:/items/3/notes'));
  assert.ok(matchesPattern('body:/snippet*', 'body:/snippet/0/code'), 'a trailing * keeps its prefix meaning');
  assert.ok(matchesPattern('query:filter[*][name]', 'query:filter[7][name]'));
  assert.ok(matchesPattern('sqli.*', 'sqli.statement'));
  assert.ok(matchesPattern('body:/q', 'body:/q') && !matchesPattern('body:/q', 'body:/q2'));
  const f: Finding = { category: 'sqli', rule: 'sqli.statement', severity: 'high', confidence: 1, score: 5, location: 'body:/widgets/2/query', evidence: '' };
  assert.ok(excluded(f, [{ rule: 'sqli.statement', location: 'body:/widgets/*/query' }]));
  assert.ok(!excluded(f, [{ rule: 'sqli.union-select', location: 'body:/widgets/*/query' }]));
  // linear on a long attacker-made location
  const long = `body:/${'a'.repeat(200_000)}`;
  const t0 = performance.now();
  assert.ok(!matchesPattern('body:/*a*a*a*a*b', long));
  assert.ok(performance.now() - t0 < 2000);
});

test('what makes one request look like an attack', () => {
  const f = (category: string, rule: string, location: string, score = 5): Finding => ({ category, rule, severity: 'high', confidence: 1, score, location, evidence: '' });
  assert.equal(attackSign([f('sqli', 'sqli.statement', 'body:/w/0/q'), f('sqli', 'sqli.statement', 'body:/w/1/q'), f('sqli', 'sqli.statement', 'body:/w/2/q')]), undefined, 'the same field in many items is one field');
  assert.equal(attackSign([f('rce', 'rce.command', 'body:/text', 3), f('lfi', 'lfi.sensitive-file', 'body:/text', 3)]), undefined, 'a quoted command naming a file is one field');
  assert.match(attackSign([f('sqli', 'sqli.tautology', 'query:id'), f('xss', 'xss.script-tag', 'query:name')])!, /2 categories/);
  assert.match(attackSign([f('scanner', 'scanner.user-agent', 'header:user-agent', 2)])!, /scanner/);
  assert.match(attackSign([f('sqli', 'sqli.a', 'query:a', 4), f('sqli', 'sqli.b', 'query:b', 4), f('sqli', 'sqli.c', 'query:c', 4)])!, /high scores on 3 parameters/);
});
