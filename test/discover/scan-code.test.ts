import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { scanCode } from '../../src/discover/code/scan-code.js';
import { scanCodeCommand } from '../../src/cli/commands/scan-code.js';

const root = resolve(import.meta.dirname, '../../..');
const apps = resolve(root, 'test/fixtures/discover/apps');

async function routes(app: string): Promise<string[]> {
  return (await scanCode(resolve(apps, app))).map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.framework}`);
}

test('Express: routers mounted under prefixes across files, route chains, setup functions', async () => {
  assert.deepEqual((await routes('express')).sort(), [
    'DELETE /admin/cache routes/admin.js:4 express',
    'GET / app.js:10 express',
    'GET /api/v1/users routes/users.js:7 express',
    'GET /api/v1/users/{id} routes/users.js:8 express',
    'GET /api/v1/users/{id}/orders/{orderId} routes/users.js:10 express',
    'GET /healthz routes/health.js:2 express',
    'GET /items app.js:14 express',
    'POST /api/v1/users routes/users.js:9 express',
    'POST /items app.js:14 express',
  ]);
});

test('Fastify: plugins registered with prefixes, nested plugins, route() with several methods', async () => {
  assert.deepEqual((await routes('fastify')).sort(), [
    'DELETE /v1/users/{id}/sessions plugins/users.js:8 fastify',
    'GET /health server.js:5 fastify',
    'GET /internal/status server.js:9 fastify',
    'GET /v1/users plugins/users.js:4 fastify',
    'GET /v1/users/{id} plugins/users.js:5 fastify',
    'HEAD /internal/status server.js:9 fastify',
    'POST /v1/users plugins/users.js:6 fastify',
  ]);
});

test('Koa: router prefixes (option and prefix()), nested routers, named routes', async () => {
  assert.deepEqual((await routes('koa')).sort(), [
    'GET /api/ping app.js:7 koa',
    'GET /api/v2/books books.js:8 koa',
    'GET /api/v2/books/{isbn} books.js:9 koa',
    'PUT /api/v2/books/{isbn} books.js:10 koa',
  ]);
});

test('NestJS: controllers, method decorators and the global prefix', async () => {
  assert.deepEqual((await routes('nest')).sort(), [
    'DELETE /api/users/{id} users.controller.ts:22 nestjs',
    'GET /api/health users.controller.ts:28 nestjs',
    'GET /api/users users.controller.ts:7 nestjs',
    'GET /api/users/{id} users.controller.ts:12 nestjs',
    'POST /api/users users.controller.ts:17 nestjs',
  ]);
});

test('vigil scan-code --json over all fixture apps, given a relative directory', async () => {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/vigil.js'), 'scan-code', 'test/fixtures/discover/apps', '--json'], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { routes: Record<string, unknown>[] };
  const jsApps = ['express/', 'fastify/', 'koa/', 'nest/'];
  assert.equal(out.routes.filter((x) => jsApps.some((a) => String(x.file).startsWith(a))).length, 25);
  assert.deepEqual(Object.keys(out.routes[0]!), ['method', 'path', 'file', 'line', 'framework']);
  assert.ok(out.routes.some((x) => x.path === '/api/v1/users/{id}/orders/{orderId}' && x.file === 'express/routes/users.js'));
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
