import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lru } from '../../src/policy/auth/lru.js';

test('the LRU keeps recently used entries and stays bounded', () => {
  const lru = new Lru<string, number>(3);
  for (const [i, k] of ['a', 'b', 'c'].entries()) lru.set(k, i);
  lru.set('d', 3); // a, b, c move to the old generation
  assert.equal(lru.get('a'), 0); // promoted
  for (const k of ['e', 'f', 'g']) lru.set(k, 9); // old generation (b, c) dropped
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.get('a'), 0);
  assert.ok(lru.size <= 6);
  lru.delete('a');
  assert.equal(lru.get('a'), undefined);
});
