import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from './helpers.js';

// Developer prose (support tickets, forum posts, issue comments) names code in markdown code spans in every line:
// `import()`, `fetch()`, `npm install x`. A mention is not an injection; the same code breaking out of a span is.

const json = (t: string) => inspect({ body: JSON.stringify({ comment: t }), contentType: 'application/json' });

test('xss: JavaScript named in a sentence as markdown code spans is a mention; a span that breaks out is not', () => {
  for (const t of [
    'For both `resolve()` and `import()`, you can pass in package names and filenames.',
    'Avoid mixing a global `FormData` with `undici.fetch()`, or `undici.FormData` with the built-in global `fetch()`.',
    'Undici provides an `install()` function to add all WHATWG fetch classes to `globalThis`, making them available globally:',
  ])
    assert.equal(json(t).attack, false, `${t} → ${JSON.stringify(json(t).findings)}`);
  for (const t of ['hello my friend, this is a test `;alert(1)//` bye', 'x`;alert(document.cookie);`', "';alert(1)//", '`-alert(1)-`'])
    assert.ok(json(t).attack, t);
});

test('xss: a tag that loads nothing without an attribute (a generic type, a component named) is not an attack; with one it is', () => {
  for (const t of ['returns `Promise<Object>` with the cache', 'Map<String, Set<Object>> cache', '- `options` __\\<object\\>__ - optional options', 'use the <Link> component for navigation'])
    assert.equal(json(t).attack, false, `${t} → ${JSON.stringify(json(t).findings)}`);
  for (const t of ['<iframe src=//evil.example>', '<object data=javascript:alert(1)>', '<svg><animate onbegin=alert(1) attributeName=x>', '<STYLE>@\\\\', '<svg><script>alert(1)</script>', '<script>'])
    assert.ok(json(t).attack, t);
});
