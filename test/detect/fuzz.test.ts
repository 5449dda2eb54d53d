import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect, type Req } from './helpers.js';

// Hostile inputs must not blow up inspection time: every scanner is linear. Each case is compared with a baseline of
// the same size made of plain letters, so the test holds on a slow or busy machine; the absolute bound is generous.

const MB = 1 << 20;

function time(r: Req): number {
  inspect(r);
  const t0 = performance.now();
  inspect(r);
  return performance.now() - t0;
}

const body = (v: string): Req => ({ body: JSON.stringify({ v }), contentType: 'application/json' });
const form = (v: string): Req => ({ body: `v=${v}`, contentType: 'application/x-www-form-urlencoded' });

const CASES: [string, Req][] = [
  ['quotes', body("'".repeat(MB))],
  ['mixed quotes', body(`'"`.repeat(MB / 2))],
  ['sql comments', body('/*'.repeat(MB / 2))],
  ['open parens', body('('.repeat(MB))],
  ['dot-dot-slash', body('../'.repeat(MB / 3))],
  ['angle brackets', body('<a '.repeat(MB / 3))],
  ['lookups', body('${'.repeat(MB / 2))],
  ['semicolons and words', body(';cat '.repeat(MB / 5))],
  ['percent escapes', form('%25'.repeat(MB / 3))],
  ['double-encoded pluses', form("or%2B1%253D1%2B'%60".repeat(MB / 20))],
  ['quote and backtick runs', body(`'"\`;`.repeat(MB / 4))],
  ['entities', body('&#x3c;'.repeat(MB / 6))],
  ['backslashes', body('\\x'.repeat(MB / 2))],
  ['urls', body('http://a'.repeat(MB / 8))],
  ['on= handlers', body('" on'.repeat(MB / 4))],
  ['digits', body('1'.repeat(MB))],
  ['keywords', body('union select '.repeat(MB / 13))],
  ['nested subqueries', body('(select '.repeat(MB / 8))],
  ['case-mixed keywords', body('SeLeCt ORder '.repeat(MB / 13))],
  ['fragments', body(') as x from '.repeat(MB / 12))],
  ['tagged templates', body('.call`${'.repeat(MB / 8))],
  ['dom members', body('document/**/.'.repeat(MB / 13))],
  ['8-bit tags', body('\u00bcscript\u00be'.repeat(MB / 8))],
  ['deep JSON', { body: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), contentType: 'application/json' }],
  ['many params', { query: Array.from({ length: 5000 }, (_, i) => `p${i}='`).join('&') }],
  ['xml nesting', { body: '<a>'.repeat(MB / 3), contentType: 'application/xml' }],
];

test('per-request time stays bounded on adversarial 1 MB inputs', () => {
  const baseline = Math.max(time(body('a'.repeat(MB))), time(body('lorem ipsum '.repeat(MB / 12))), 2);
  for (const [name, r] of CASES) {
    const t = time(r);
    assert.ok(t < Math.max(40 * baseline, 250), `${name}: ${t.toFixed(1)} ms vs baseline ${baseline.toFixed(1)} ms`);
  }
});

test('a typical 1 MB value is inspected within about 50 ms', () => {
  const t = Math.min(time(body('lorem ipsum dolor sit amet, consectetur. '.repeat(MB / 42))), time(body('lorem ipsum dolor sit amet, consectetur. '.repeat(MB / 42))));
  assert.ok(t < 150, `${t.toFixed(1)} ms`); // 50 ms on an idle core; headroom for a shared CI machine
});
