import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanCode } from '../../src/discover/code/scan-code.js';
import { scanCodeCommand } from '../../src/cli/commands/scan-code.js';

const root = resolve(import.meta.dirname, '../../..');
const apps = resolve(root, 'test/fixtures/discover/apps');

async function routes(app: string): Promise<string[]> {
  return (await scanCode(resolve(apps, app))).map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.framework}`);
}

/** Hand-written: what each fixture app declares (method, path, file:line, framework). */
const EXPECTED: Record<string, string[]> = {
  express: [
    'DELETE /admin/cache routes/admin.js:4 express',
    'GET / app.js:10 express',
    'GET /api/v1/users routes/users.js:7 express',
    'GET /api/v1/users/{id} routes/users.js:8 express',
    'GET /api/v1/users/{id}/orders/{orderId} routes/users.js:10 express',
    'GET /healthz routes/health.js:2 express',
    'GET /items app.js:14 express',
    'POST /api/v1/users routes/users.js:9 express',
    'POST /items app.js:14 express',
  ],
  fastify: [
    'DELETE /v1/users/{id}/sessions plugins/users.js:8 fastify',
    'GET /health server.js:5 fastify',
    'GET /internal/status server.js:9 fastify',
    'GET /v1/users plugins/users.js:4 fastify',
    'GET /v1/users/{id} plugins/users.js:5 fastify',
    'HEAD /internal/status server.js:9 fastify',
    'POST /v1/users plugins/users.js:6 fastify',
  ],
  koa: [
    'GET /api/ping app.js:7 koa',
    'GET /api/v2/books books.js:8 koa',
    'GET /api/v2/books/{isbn} books.js:9 koa',
    'PUT /api/v2/books/{isbn} books.js:10 koa',
  ],
  nest: [
    'DELETE /api/users/{id} users.controller.ts:22 nestjs',
    'GET /api/health users.controller.ts:28 nestjs',
    'GET /api/users users.controller.ts:7 nestjs',
    'GET /api/users/{id} users.controller.ts:12 nestjs',
    'POST /api/users users.controller.ts:17 nestjs',
  ],
  hono: [
    'ANY /api/health src/index.ts:14 hono',
    'DELETE /api/posts/{id} src/index.ts:16 hono',
    'DELETE /api/users/{userId} src/routes/users.ts:11 hono',
    'GET /api src/index.ts:13 hono',
    'GET /api/archive/{date}/{slug} src/index.ts:17 hono',
    'GET /api/books src/routes/books.ts:7 hono',
    'GET /api/books/{id} src/routes/books.ts:8 hono',
    'GET /api/books/{id}/reviews src/routes/books.ts:13 hono',
    'GET /api/static/* src/index.ts:18 hono',
    'GET /api/users src/routes/users.ts:8 hono',
    'GET /api/users/me src/routes/users.ts:9 hono',
    'PATCH /api/users/{userId} src/routes/users.ts:10 hono',
    'POST /api/books src/routes/books.ts:9 hono',
    'POST /api/books/{id}/reviews src/routes/books.ts:13 hono',
    'PURGE /api/cache src/index.ts:15 hono',
    'PUT /api/posts/{id} src/index.ts:16 hono',
  ],
  'hono-blog': [
    'GET / src/app.ts:13 hono',
    'GET /admin/openapi.json src/routes/admin.ts:25 hono',
    'GET /admin/stats src/routes/admin.ts:13 hono',
    'GET /api/authors src/routes/authors.ts:10 hono',
    'GET /api/authors/{id} src/routes/authors.ts:12 hono',
    'GET /api/books src/routes/books.ts:8 hono',
    'GET /api/books/{isbn} src/routes/books.ts:10 hono',
    'GET /api/books/{isbn}/cover src/routes/books.ts:12 hono',
    'GET /api/books/{isbn}/cover.jpg src/routes/books.ts:12 hono',
    'POST /admin/authors/{id}/ban src/routes/admin.ts:15 hono',
    'POST /api/authors src/routes/authors.ts:11 hono',
    'POST /api/books src/routes/books.ts:9 hono',
    'PUT /api/books/{isbn} src/routes/books.ts:11 hono',
  ],
  nextjs: [
    'ANY /api/docs/{path} pages/api/docs/[[...path]].js:7 nextjs',
    'ANY /api/hello pages/api/hello.ts:7 nextjs',
    'GET /api/posts/{slug} pages/api/posts/[...slug].ts:6 nextjs',
    'GET /api/users pages/api/users/index.ts:8 nextjs',
    'GET /api/users/{id} pages/api/users/[id].ts:12 nextjs',
    'POST /api/users pages/api/users/index.ts:10 nextjs',
    'PUT /api/users/{id} pages/api/users/[id].ts:15 nextjs',
  ],
  'nextjs-monorepo': [
    'DELETE /admin/api/reports/{reportId} apps/admin/pages/api/reports/[reportId].js:4 nextjs',
    'DELETE /api/products/{productId} apps/web/src/app/api/(shop)/products/[productId]/route.ts:21 nextjs',
    'GET /admin/api/reports/{reportId} apps/admin/pages/api/reports/[reportId].js:3 nextjs',
    'GET /admin/api/stats apps/admin/app/api/stats/route.js:2 nextjs',
    'GET /api/auth/{nextauth} apps/web/src/app/api/auth/[...nextauth]/route.ts:8 nextjs',
    'GET /api/health apps/web/src/app/api/health/route.ts:5 nextjs',
    'GET /api/products apps/web/src/app/api/(shop)/products/route.ts:6 nextjs',
    'GET /api/products/{productId} apps/web/src/app/api/(shop)/products/[productId]/route.ts:8 nextjs',
    'HEAD /admin/api/reports/{reportId} apps/admin/pages/api/reports/[reportId].js:3 nextjs',
    'HEAD /api/health apps/web/src/app/api/health/route.ts:9 nextjs',
    'PATCH /api/products/{productId} apps/web/src/app/api/(shop)/products/[productId]/route.ts:14 nextjs',
    'POST /api/auth/{nextauth} apps/web/src/app/api/auth/[...nextauth]/route.ts:8 nextjs',
    'POST /api/legacy/webhook apps/web/src/pages/api/legacy/webhook.ts:8 nextjs',
    'POST /api/products apps/web/src/app/api/(shop)/products/route.ts:11 nextjs',
  ],
  'nextjs-hono': [
    'DELETE /api/accounts/{id} src/server/routes/accounts.ts:13 hono',
    'DELETE /api/transactions/{id} src/server/routes/transactions.ts:8 hono',
    'GET /api/accounts src/server/routes/accounts.ts:8 hono',
    'GET /api/accounts/{id} src/server/routes/accounts.ts:9 hono',
    'GET /api/transactions src/server/routes/transactions.ts:6 hono',
    'PATCH /api/accounts/{id} src/server/routes/accounts.ts:12 hono',
    'POST /api/accounts src/server/routes/accounts.ts:10 hono',
    'POST /api/accounts/bulk-delete src/server/routes/accounts.ts:11 hono',
    'POST /api/transactions/bulk-create src/server/routes/transactions.ts:7 hono',
    'POST /api/webhooks/stripe src/app/api/webhooks/stripe/route.ts:5 nextjs',
  ],
};

const TITLES: Record<string, string> = {
  express: 'Express: routers mounted under prefixes across files, route chains, setup functions',
  fastify: 'Fastify: plugins registered with prefixes, nested plugins, route() with several methods',
  koa: 'Koa: router prefixes (option and prefix()), nested routers, named routes',
  nest: 'NestJS: controllers, method decorators and the global prefix',
  hono: 'Hono: basePath, on() with methods and paths, regex/optional params, wildcard, sub-apps by route() across files, chains',
  'hono-blog': 'Hono (docs best practices): chained sub-apps, basePath with an imported constant, zod-openapi routes and doc',
  nextjs: 'Next.js pages router: pages/api files, dynamic and catch-all segments, req.method switches and comparisons',
  'nextjs-monorepo': 'Next.js monorepo: app router route.ts exports, groups, @slot/_private excluded, src/pages/api, basePath, non-Next package ignored',
  'nextjs-hono': 'Next.js with Hono in a catch-all route (hono/vercel handle): the Hono routes, sub-apps through the @/ tsconfig path alias',
};

for (const [app, expected] of Object.entries(EXPECTED)) {
  test(TITLES[app]!, async () => {
    assert.deepEqual((await routes(app)).sort(), [...expected].sort());
  });
}

test('vigil scan-code --json over the JavaScript fixture apps, given a relative directory', (t) => {
  // a copy of the apps this suite knows, so apps in other languages added beside them do not change the count
  const work = mkdtempSync(join(tmpdir(), 'vigil-scan-js-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  for (const app of Object.keys(EXPECTED)) cpSync(resolve(apps, app), join(work, 'apps', app), { recursive: true });
  const r = spawnSync(process.execPath, [resolve(root, 'bin/vigil.js'), 'scan-code', 'apps', '--json'], { encoding: 'utf8', cwd: work });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { routes: Record<string, unknown>[] };
  assert.equal(out.routes.length, Object.values(EXPECTED).reduce((n, list) => n + list.length, 0));
  assert.deepEqual(Object.keys(out.routes[0]!), ['method', 'path', 'file', 'line', 'framework']);
  assert.ok(out.routes.some((x) => x.path === '/api/v1/users/{id}/orders/{orderId}' && x.file === 'express/routes/users.js'));
  assert.ok(out.routes.some((x) => x.path === '/admin/api/stats' && x.file === 'nextjs-monorepo/apps/admin/app/api/stats/route.js'));
});

test('vigil scan-code: a missing directory exits 2', async () => {
  const quiet = console.error;
  console.error = () => {};
  try {
    assert.equal(await scanCodeCommand.run([resolve(apps, 'missing')]), 2);
  } finally {
    console.error = quiet;
  }
});
