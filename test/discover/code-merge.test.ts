import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildReport } from '../../src/discover/classify.js';
import { Inventory } from '../../src/discover/inventory.js';
import type { CodeRoute } from '../../src/discover/code/route-model.js';
import type { DiscoveryReport } from '../../src/discover/report-model.js';
import { exchange } from './helpers.js';

const root = resolve(import.meta.dirname, '../../..');
const har = resolve(root, 'test/fixtures/discover/bookshelf.har');
const spec = resolve(root, 'test/fixtures/discover/bookshelf-openapi.yaml');
const app = resolve(root, 'test/fixtures/discover/apps/hono');

function discover(...args: string[]): DiscoveryReport {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/vigil.js'), 'discover', har, '--code', app, '--json', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as DiscoveryReport;
}

function rows(r: DiscoveryReport): string[] {
  return r.endpoints.map((e) => `${e.method} ${e.path} ${e.status} ${e.sources.join('+')} ${(e.code ?? []).map((c) => `${c.file}:${c.line}`).join(',')}`).sort();
}

test('vigil discover --code: traffic and spec endpoints matched to the Hono app routes, unused routes, not-in-code traffic', () => {
  const r = discover('--spec', spec);
  assert.deepEqual(rows(r), [
    'DELETE /api/posts/{id} unused code src/index.ts:16',
    'DELETE /api/users/{userId} unused code src/routes/users.ts:11',
    'GET /api unused code src/index.ts:13',
    'GET /api/archive/{date}/{slug} unused code src/index.ts:17',
    'GET /api/authors orphan spec ',
    // traffic template names the parameter bookId, the code id: names are ignored
    'GET /api/books documented traffic+spec+code src/routes/books.ts:7',
    'GET /api/books/{bookId} documented traffic+spec+code src/routes/books.ts:8',
    'GET /api/books/{id}/reviews unused code src/routes/books.ts:13',
    // app.all('/health'): ANY matches GET
    'GET /api/health shadow traffic+code src/index.ts:14',
    'GET /api/legacy/export shadow traffic ',
    // a wildcard route takes the rest of the request path
    'GET /api/static/css/site.css shadow traffic+code src/index.ts:18',
    'GET /api/users orphan spec+code src/routes/users.ts:8',
    'GET /api/users/me shadow traffic+code src/routes/users.ts:9',
    // one request to /api/users/alice stays literal in traffic; the request itself fits /api/users/{userId}
    'PATCH /api/users/alice shadow traffic+code src/routes/users.ts:10',
    'POST /api/books documented traffic+spec+code src/routes/books.ts:9',
    'POST /api/books/{id}/reviews unused code src/routes/books.ts:13',
    'PURGE /api/cache unused code src/index.ts:15',
    'PUT /api/posts/{postId} shadow traffic+code src/index.ts:16',
  ]);
  const health = r.endpoints.find((e) => e.path === '/api/health')!;
  assert.deepEqual(health.code, [{ file: 'src/index.ts', line: 14, framework: 'hono' }]);
  assert.deepEqual(
    r.findings.filter((f) => f.type === 'not-in-code').map((f) => [f.severity, f.method, f.path]),
    [['low', 'GET', '/api/legacy/export']],
  );
  assert.equal(r.findings.filter((f) => f.type === 'unused').length, 7);
  const unused = r.endpoints.find((e) => e.status === 'unused' && e.path === '/api/archive/{date}/{slug}')!;
  assert.deepEqual(unused.parameters.map((p) => [p.name, p.in]), [['date', 'path'], ['slug', 'path']]);
});

test('vigil discover --code without a spec: statuses are unchanged for traffic, code-only routes are unused', () => {
  const r = discover();
  const by = new Map<string, number>();
  for (const e of r.endpoints) by.set(e.status, (by.get(e.status) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(by), { shadow: 9, unused: 8 });
  assert.ok(r.endpoints.find((e) => e.method === 'GET' && e.path === '/api/users')!.sources.includes('code'));
});

test('buildReport with code routes: ANY, template match ignoring names, the most specific route for a request', () => {
  const inv = new Inventory();
  for (const [method, path] of [
    ['GET', '/users/me'],
    ['DELETE', '/users/42'],
    ['DELETE', '/users/43'],
    ['OPTIONS', '/anything'],
    ['GET', '/nowhere'],
  ])
    inv.ingest(exchange({ method: method!, url: path!, status: 200 }));
  const route = (method: string, path: string, line: number): CodeRoute => ({ method, path, file: 'app.ts', line, framework: 'express' });
  const code = [route('GET', '/users/{id}', 1), route('GET', '/users/me', 2), route('DELETE', '/users/{userId}', 3), route('ANY', '/anything', 4)];
  const r = buildReport(inv.endpoints(), undefined, code);
  const lines = (method: string, path: string): number[] | undefined => r.endpoints.find((e) => e.method === method && e.path === path)?.code?.map((c) => c.line);
  assert.deepEqual(lines('GET', '/users/me'), [2]);
  assert.deepEqual(lines('DELETE', '/users/{userId}'), [3]);
  assert.deepEqual(lines('OPTIONS', '/anything'), [4]);
  assert.equal(lines('GET', '/nowhere'), undefined);
  assert.deepEqual(r.findings.map((f) => `${f.type} ${f.method} ${f.path}`).sort(), ['not-in-code GET /nowhere', 'unused GET /users/{id}']);
});
