import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { scanCode } from '../../src/discover/code/scan-code.js';

// Go fixture apps laid out as real projects (go.mod, cmd/, internal/ packages); each list was written by reading the
// app, with the prefixes every route gets once the groups, mounts and router arguments in between are followed.

const root = resolve(import.meta.dirname, '../../..');
const apps = resolve(root, 'test/fixtures/discover/apps');

async function goRoutes(app: string): Promise<string[]> {
  return (await scanCode(resolve(apps, app))).map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.framework}`).sort();
}

const GO_APPS: Record<string, string[]> = {
  'go-gin': [
    'ANY /ping internal/router/router.go:32 gin',
    'DELETE /api/v1/orders/{orderID}/items/{itemID} internal/handlers/orders.go:13 gin',
    'GET /api/admin/reindex internal/admin/admin.go:11 gin',
    'GET /api/admin/stats internal/admin/admin.go:10 gin',
    'GET /api/v1/orders internal/handlers/orders.go:9 gin',
    'GET /api/v1/orders/{orderID} internal/handlers/orders.go:10 gin',
    'GET /api/v1/products internal/router/router.go:20 gin',
    'GET /api/v1/products/{id} internal/router/router.go:21 gin',
    'GET /favicon.ico internal/router/router.go:31 gin',
    'GET /health/db internal/handlers/health.go:13 gin',
    'GET /healthz cmd/server/main.go:15 gin',
    'HEAD /favicon.ico internal/router/router.go:31 gin',
    'PATCH /api/v1/orders/{orderID}/cancel internal/handlers/orders.go:11 gin',
    'POST /api/admin/reindex internal/admin/admin.go:11 gin',
    'POST /api/hooks/github internal/handlers/health.go:19 gin',
    'POST /api/v1/products internal/router/router.go:22 gin',
    'PROPFIND /dav/{path} internal/router/router.go:33 gin',
  ],
  'go-chi': [
    'ANY /debug/{*} internal/router/router.go:44 chi',
    'ANY /ws internal/router/router.go:45 chi',
    'DELETE /articles/{articleID} internal/router/router.go:34 chi',
    'DELETE /users/{id} internal/handlers/users.go:19 chi',
    'GET / internal/router/router.go:25 chi',
    'GET /admin internal/router/router.go:52 chi',
    'GET /admin/accounts internal/router/router.go:53 chi',
    'GET /admin/users/{userId} internal/router/router.go:54 chi',
    'GET /articles internal/router/router.go:27 chi',
    'GET /articles/search internal/router/router.go:29 chi',
    'GET /articles/{articleID} internal/router/router.go:32 chi',
    'GET /articles/{articleSlug} internal/router/router.go:36 chi',
    'GET /users internal/handlers/users.go:14 chi',
    'GET /users/{id} internal/handlers/users.go:17 chi',
    'GET /v1/posts internal/handlers/legacy.go:30 chi',
    'POST /articles internal/router/router.go:28 chi',
    'POST /reindex internal/router/router.go:40 chi',
    'POST /users internal/handlers/users.go:15 chi',
    'POST /v1/posts internal/handlers/legacy.go:32 chi',
    'PUT /articles/{articleID} internal/router/router.go:33 chi',
    'PUT /users/{id} internal/handlers/users.go:18 chi',
  ],
  'go-echo': [
    'ANY /api/echo internal/router/router.go:19 echo',
    'DELETE /api/v2/books/{isbn} internal/handlers/books.go:18 echo',
    'GET /api/v2/books internal/handlers/books.go:14 echo',
    'GET /api/v2/books/{isbn} internal/handlers/books.go:16 echo',
    'GET /api/v2/books/{isbn}/cover/{*} internal/handlers/books.go:19 echo',
    'GET /api/v2/catalog internal/router/router.go:18 echo',
    'GET /assets/{*} cmd/server/main.go:16 echo',
    'GET /auth/oauth/{provider}/callback internal/auth/routes.go:8 echo',
    'GET /health cmd/server/main.go:15 echo',
    'HEAD /api/v2/catalog internal/router/router.go:18 echo',
    'POST /api/v2/books internal/handlers/books.go:15 echo',
    'POST /auth/login internal/auth/routes.go:6 echo',
    'POST /auth/logout internal/auth/routes.go:7 echo',
    'PUT /api/v2/books/{isbn} internal/handlers/books.go:17 echo',
    'PUT /api/v2/shelves/{id} internal/router/router.go:17 echo',
  ],
  'go-nethttp': [
    'ANY /api/tags/export/ internal/handlers/tags.go:9 net/http',
    'ANY /debug/vars internal/handlers/debug.go:12 net/http',
    'ANY /static/ internal/router/router.go:26 net/http',
    'ANY /version cmd/server/main.go:12 net/http',
    'DELETE /api/todos/{id} internal/router/router.go:36 net/http',
    'GET / internal/router/router.go:25 net/http',
    'GET /api/files/{path} internal/router/router.go:37 net/http',
    'GET /api/tags internal/handlers/tags.go:7 net/http',
    'GET /api/todos internal/router/router.go:33 net/http',
    'GET /api/todos/{id} internal/router/router.go:35 net/http',
    'POST /api/todos internal/router/router.go:34 net/http',
    'POST /login internal/router/router.go:28 net/http',
    'PUT /api/todos/{id}/tags/{tag} internal/handlers/tags.go:8 net/http',
  ],
  'go-gorilla': [
    'ANY /api/v1/search internal/api/items.go:19 gorilla',
    'ANY /static/ cmd/server/main.go:15 gorilla',
    'DELETE /api/v1/items/{id} internal/api/items.go:18 gorilla',
    'GET / cmd/server/main.go:14 gorilla',
    'GET /api/v1/items internal/api/items.go:15 gorilla',
    'GET /api/v1/items/{id} internal/api/items.go:17 gorilla',
    'GET /api/v1/warehouses/{wid}/stock internal/api/items.go:22 gorilla',
    'HEAD /api/v1/items/{id} internal/api/items.go:17 gorilla',
    'POST /api/v1/items internal/api/items.go:16 gorilla',
  ],
};

test("gin: groups nested across packages, a handler's method given the group, an interface-typed receiver, constants, Any/Handle/Match/StaticFile", async () => {
  assert.deepEqual(await goRoutes('go-gin'), GO_APPS['go-gin']);
});

test("chi: Route/Group callbacks, With, Method, Mount of a function's router and of a resource's Routes(), Handle → ANY, a route table with a switch on the method", async () => {
  assert.deepEqual(await goRoutes('go-chi'), GO_APPS['go-chi']);
});

test('echo: groups with middleware, handlers registering on a group, Add/Match/Any, Static, http.Method constants', async () => {
  assert.deepEqual(await goRoutes('go-echo'), GO_APPS['go-echo']);
});

test('net/http: Go 1.22 patterns, a sub-mux behind http.StripPrefix and middleware, a server struct holding its mux, a run-time method prefix skipped', async () => {
  assert.deepEqual(await goRoutes('go-nethttp'), GO_APPS['go-nethttp']);
});

test('gorilla/mux: Methods() on routes, Path().Methods().HandlerFunc(), PathPrefix subrouters, prefix handlers', async () => {
  assert.deepEqual(await goRoutes('go-gorilla'), GO_APPS['go-gorilla']);
});
test('vigil scan-code --json over all fixture apps reports each Go app\'s routes under its directory', () => {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/vigil.js'), 'scan-code', 'test/fixtures/discover/apps', '--json'], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { routes: { method: string; path: string; file: string; line: number; framework: string }[] };
  const go = out.routes.filter((x) => (x.file.split('/')[0] ?? '') in GO_APPS).map((x) => `${x.method} ${x.path} ${x.file}:${x.line} ${x.framework}`);
  const expected = Object.entries(GO_APPS).flatMap(([app, list]) => list.map((line) => line.replace(/ (\S+:\d+) /, ` ${app}/$1 `)));
  assert.deepEqual(go.sort(), expected.sort());
});
