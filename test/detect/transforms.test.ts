import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeValue, transform, transformNames } from '../../src/detect/decode/index.js';
import { tokenize } from '../../src/detect/sqli/tokenizer.js';
import { collapseLookups } from '../../src/detect/detectors/jndi.js';
import { classifyHost } from '../../src/detect/detectors/hosts.js';

test('decoding: repeated URL encoding, %u, overlong UTF-8, entities, escapes, NUL', () => {
  assert.equal(decodeValue('%253Cscript%253E'), '<script>');
  assert.equal(decodeValue('%u003cscript%u003e'), '<script>');
  assert.equal(decodeValue('%c0%ae%c0%ae%c0%af'), '../');
  assert.equal(decodeValue('&lt;img&#x20;src&#61;x&gt;'), '<img src=x>');
  assert.equal(decodeValue('\\x3cscript\\u003e'), '<script>');
  assert.equal(decodeValue('ja%00vascript'), 'javascript');
  assert.equal(decodeValue('＜script＞'), '<script>');
  assert.equal(decodeValue('100% sure'), '100% sure');
  assert.equal(decodeValue("O'Brien"), "O'Brien");
});

test('transforms are registered units', () => {
  for (const n of ['url', 'html', 'js-escapes', 'lower', 'compress-ws', 'remove-comments', 'shell-unquote', 'base64', 'unicode-fold', 'remove-nulls']) assert.ok(transformNames().includes(n), n);
  assert.equal(transform('remove-comments').apply('UN/**/ION SEL/*x*/ECT'), 'UN ION SEL ECT');
  assert.equal(transform('shell-unquote').apply("c''a\\t /e\"t\"c/pa$@sswd"), 'cat /etc/passwd');
  // an unset variable glued inside a word before a backslash or quote expands to nothing; elsewhere it stays
  assert.equal(transform('shell-unquote').apply('n$u\\c -lvp 1 ; cu$v"rl" x'), 'nc -lvp 1 ; curl x');
  assert.equal(transform('shell-unquote').apply('cost $price total, $ab$c'), 'cost $price total, $ab$c');
  assert.equal(transform('compress-ws').apply('a \t\n b'), 'a b');
  assert.equal(transform('base64').apply('PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='), '<script>alert(1)</script>');
  assert.equal(transform('base64').apply('not base64 at all'), 'not base64 at all');
});

test('SQL tokenizer: strings, numbers, comments, functions, operators across dialects', () => {
  const types = (s: string, q?: string): string => tokenize(s, q).map((t) => t.t).join('');
  assert.equal(types("1' or 'a'='a", "'"), 's&sos');
  assert.equal(types('SELECT concat(0x41, @@version) FROM dual -- x'), 'Ef(1,v)knc');
  assert.equal(types('/*!50000union*/ select 1'), 'UE1');
  assert.equal(types("waitfor delay '0:0:5'"), 'Eks');
  assert.equal(types('a::int <@ b'), 'nonon');
});

test('log4j lookups collapse', () => {
  assert.equal(collapseLookups('${${lower:j}ndi:ldap://x}'), 'jndi:ldap://x');
  assert.equal(collapseLookups('${${::-j}${::-n}${::-d}${::-i}:x}'), 'jndi:x');
  assert.equal(collapseLookups('${${env:A:-j}ndi:x}'), 'jndi:x');
});

test('host classification understands every IPv4 spelling', () => {
  for (const h of ['127.0.0.1', '127.1', '2130706433', '0x7f000001', '0177.0.0.1', '[::1]', '[::ffff:127.0.0.1]', 'localhost']) assert.ok(['loopback', 'internal-name'].includes(classifyHost(h)), h);
  for (const h of ['169.254.169.254', 'metadata.google.internal', '2852039166', '0xa9fea9fe']) assert.equal(classifyHost(h), 'metadata', h);
  assert.equal(classifyHost('10.1.2.3'), 'private');
  assert.equal(classifyHost('example.com'), 'public');
});
