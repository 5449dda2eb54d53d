import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { scanCode } from '../../src/discover/code/scan-code.js';

const apps = resolve(import.meta.dirname, '../../../test/fixtures/discover/apps');

async function routes(app: string): Promise<string[]> {
  return (await scanCode(resolve(apps, app))).map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.framework}`).sort();
}

test('Flask: app factory, blueprints in subpackages (own and registered url_prefix), nested blueprints, MethodView, add_url_rule, registration functions called with the app; run-time url_prefix skipped; test code skipped', async () => {
  assert.deepEqual(await routes('flask'), [
    'DELETE /api/v1/items/{name} app/api/items.py:17 flask',
    'DELETE /api/v1/users/{user_id} app/api/users.py:29 flask',
    'GET / app/__init__.py:23 flask',
    'GET / app/main/views.py:7 flask',
    'GET /about app/main/views.py:13 flask',
    'GET /admin/dashboard app/admin.py:6 flask',
    'GET /api/v1/items app/api/items.py:16 flask',
    'GET /api/v1/items/{name} app/api/items.py:17 flask',
    'GET /api/v1/users app/api/users.py:28 flask',
    'GET /api/v1/users/{user_id} app/api/users.py:29 flask',
    'GET /auth/login app/auth/routes.py:6 flask',
    'GET /healthz app/__init__.py:19 flask',
    'GET /posts/{post_id} app/main/views.py:20 flask',
    'GET /robots.txt app/admin.py:14 flask',
    'PATCH /api/v1/users/{user_id} app/api/users.py:29 flask',
    'POST /about app/main/views.py:13 flask',
    'POST /api/v1/users app/api/users.py:28 flask',
    'POST /auth/login app/auth/routes.py:6 flask',
    'POST /auth/logout app/auth/routes.py:11 flask',
  ]);
});

test('FastAPI: endpoint routers included by an api router under a settings prefix, router prefixes, api_route, mounted sub-app, a setup function given the app; a run-time prefix skips its routes', async () => {
  assert.deepEqual(await routes('fastapi'), [
    'DELETE /api/v1/users/{user_id} app/api/v1/endpoints/users.py:26 fastapi',
    'GET / app/main.py:16 fastapi',
    'GET /admin/stats app/admin.py:6 fastapi',
    'GET /api/v1/files/{file_path} app/api/v1/endpoints/files.py:7 fastapi',
    'GET /api/v1/items app/api/v1/endpoints/items.py:6 fastapi',
    'GET /api/v1/items/{item_id} app/api/v1/endpoints/items.py:11 fastapi',
    'GET /api/v1/users app/api/v1/endpoints/users.py:6 fastapi',
    'GET /api/v1/users/{user_id} app/api/v1/endpoints/users.py:16 fastapi',
    'GET /internal/health/live app/health.py:6 fastapi',
    'GET /ping app/main.py:21 fastapi',
    'HEAD /ping app/main.py:21 fastapi',
    'PATCH /api/v1/items/{item_id} app/api/v1/endpoints/items.py:16 fastapi',
    'POST /api/v1/login/access-token app/api/v1/endpoints/login.py:9 fastapi',
    'POST /api/v1/upload app/api/v1/endpoints/files.py:16 fastapi',
    'POST /api/v1/users app/api/v1/endpoints/users.py:11 fastapi',
    'PUT /api/v1/users/{user_id} app/api/v1/endpoints/users.py:21 fastapi',
  ]);
});

test('Django: ROOT_URLCONF, include() of app urls and of a list, re_path, class-based and decorated views, DRF router and actions', async () => {
  assert.deepEqual(await routes('django'), [
    'ANY /catalog catalog/urls.py:7 django',
    'ANY /catalog/archive/{year} catalog/urls.py:10 django',
    'ANY /health/live shop/urls.py:14 django',
    'ANY /health/ready shop/urls.py:15 django',
    'DELETE /api/v1/orders/{pk} api/urls.py:15 django',
    'DELETE /api/v1/users/{pk} api/urls.py:8 django',
    'GET /api/v1 api/urls.py:7 django',
    'GET /api/v1/orders api/urls.py:14 django',
    'GET /api/v1/orders/{pk} api/urls.py:15 django',
    'GET /api/v1/products api/urls.py:9 django',
    'GET /api/v1/products/{slug} api/urls.py:9 django',
    'GET /api/v1/stats api/urls.py:16 django',
    'GET /api/v1/users api/urls.py:8 django',
    'GET /api/v1/users/recent api/views.py:20 django',
    'GET /api/v1/users/{pk} api/urls.py:8 django',
    'GET /catalog/cart catalog/urls.py:12 django',
    'GET /catalog/products/{pk} catalog/urls.py:8 django',
    'GET /catalog/products/{slug}/edit catalog/urls.py:9 django',
    'GET /catalog/search catalog/urls.py:11 django',
    'PATCH /api/v1/users/{pk} api/urls.py:8 django',
    'POST /api/v1/auth/token api/urls.py:13 django',
    'POST /api/v1/orders api/urls.py:14 django',
    'POST /api/v1/users api/urls.py:8 django',
    'POST /api/v1/users/{pk}/set-password api/views.py:16 django',
    'POST /catalog/cart catalog/urls.py:12 django',
    'POST /catalog/products/{slug}/edit catalog/urls.py:9 django',
    'PUT /api/v1/orders/{pk} api/urls.py:15 django',
    'PUT /api/v1/users/{pk} api/urls.py:8 django',
  ]);
});
