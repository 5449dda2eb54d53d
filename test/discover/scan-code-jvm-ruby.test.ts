import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanCode } from '../../src/discover/code/scan-code.js';
import type { CodeRoute } from '../../src/discover/code/route-model.js';

const apps = resolve(import.meta.dirname, '../../../test/fixtures/discover/apps');

async function scan(app: string): Promise<CodeRoute[]> {
  return scanCode(resolve(apps, app));
}

async function routes(app: string): Promise<string[]> {
  return (await scan(app)).map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.framework}`).sort();
}

/** Precision and recall of `METHOD path` pairs (as multisets) against a hand-written list. */
function score(found: CodeRoute[], expected: string[]): { precision: number; recall: number; missing: string[]; extra: string[] } {
  const left = [...expected];
  const extra: string[] = [];
  for (const r of found) {
    const at = left.indexOf(`${r.method} ${r.path}`);
    if (at >= 0) left.splice(at, 1);
    else extra.push(`${r.method} ${r.path}`);
  }
  const hits = found.length - extra.length;
  return { precision: hits / found.length, recall: hits / expected.length, missing: left, extra };
}

test('Spring: class and method mappings, constants across classes, interfaces, superclasses, context path; Feign clients and test sources skipped', async () => {
  const main = 'src/main/java/com/example/shop';
  assert.deepEqual(await routes('spring'), [
    `ANY /shop/legacy/orders/export ${main}/web/OrderController.java:30 spring`,
    `ANY /shop/orders/export ${main}/web/OrderController.java:30 spring`,
    `DELETE /shop/api/users/{id} ${main}/web/UserController.java:39 spring`,
    `DELETE /shop/products/{id} ${main}/web/AbstractCrudController.java:14 spring`,
    `GET /shop/api/users ${main}/web/UserController.java:19 spring`,
    `GET /shop/api/users/{id} ${main}/web/UserController.java:24 spring`,
    `GET /shop/health ${main}/web/HealthController.java:11 spring`,
    `GET /shop/healthz ${main}/web/HealthController.java:11 spring`,
    `GET /shop/legacy/orders/{orderId} ${main}/web/OrderController.java:18 spring`,
    `GET /shop/legacy/orders/{orderId}/items ${main}/web/OrderController.java:35 spring`,
    `GET /shop/orders/{orderId} ${main}/web/OrderController.java:18 spring`,
    `GET /shop/orders/{orderId}/items ${main}/web/OrderController.java:35 spring`,
    `GET /shop/products/search ${main}/web/ProductController.java:11 spring`,
    `GET /shop/products/{id} ${main}/web/AbstractCrudController.java:9 spring`,
    `GET /shop/v1/pets ${main}/api/PetsApi.java:22 spring`,
    `GET /shop/v1/pets/{petId} ${main}/api/PetsApi.java:40 spring`,
    `PATCH /shop/api/users/{id}/status ${main}/web/UserController.java:44 spring`,
    `POST /shop/api/users ${main}/web/UserController.java:29 spring`,
    `POST /shop/legacy/orders ${main}/web/OrderController.java:24 spring`,
    `POST /shop/orders ${main}/web/OrderController.java:24 spring`,
    `POST /shop/v1/pets ${main}/api/PetsApi.java:31 spring`,
    `PUT /shop/api/users/{id} ${main}/web/UserController.java:34 spring`,
    `PUT /shop/legacy/orders ${main}/web/OrderController.java:24 spring`,
    `PUT /shop/orders ${main}/web/OrderController.java:24 spring`,
  ]);
});

test('Rails: verbs, resources (nested, shallow, member/collection, only/except, param, path), namespaces, scopes, concerns, draw files, mounted engines, devise_for, with_options', async () => {
  assert.deepEqual(await routes('rails'), [
    'ANY /cable config/routes.rb:60 rails',
    'ANY /legacy config/routes.rb:61 rails',
    'DELETE /account config/routes.rb:73 rails',
    'DELETE /account/logout config/routes.rb:73 rails',
    'DELETE /admin/users/{id} config/routes/admin.rb:4 rails',
    'DELETE /articles/{id} config/routes.rb:15 rails',
    'DELETE /articles/{id}/unpublish config/routes.rb:18 rails',
    'DELETE /images/{id} config/routes.rb:31 rails',
    'DELETE /tags/{id} config/routes.rb:32 rails',
    'GET / config/routes.rb:5 rails',
    'GET /about config/routes.rb:49 rails',
    'GET /account/auth/github/callback config/routes.rb:73 rails',
    'GET /account/cancel config/routes.rb:73 rails',
    'GET /account/confirmation config/routes.rb:73 rails',
    'GET /account/confirmation/new config/routes.rb:73 rails',
    'GET /account/edit config/routes.rb:73 rails',
    'GET /account/login config/routes.rb:73 rails',
    'GET /account/password/edit config/routes.rb:73 rails',
    'GET /account/password/new config/routes.rb:73 rails',
    'GET /account/sign_up config/routes.rb:73 rails',
    'GET /admin config/routes/admin.rb:2 rails',
    'GET /admin/reports config/routes/admin.rb:10 rails',
    'GET /admin/users config/routes/admin.rb:4 rails',
    'GET /admin/users/new config/routes/admin.rb:4 rails',
    'GET /admin/users/{id} config/routes/admin.rb:4 rails',
    'GET /admin/users/{id}/edit config/routes/admin.rb:4 rails',
    'GET /api/v1/search config/routes.rb:40 rails',
    'GET /api/v1/users config/routes.rb:37 rails',
    'GET /api/v1/users/{id} config/routes.rb:37 rails',
    'GET /api/v1/users/{user_id}/orders config/routes.rb:38 rails',
    'GET /articles config/routes.rb:12 rails',
    'GET /articles config/routes.rb:15 rails',
    'GET /articles/drafts config/routes.rb:21 rails',
    'GET /articles/new config/routes.rb:15 rails',
    'GET /articles/page/{page} config/routes.rb:12 rails',
    'GET /articles/{article_id}/comments config/routes.rb:8 rails',
    'GET /articles/{article_id}/revisions config/routes.rb:24 rails',
    'GET /articles/{article_id}/revisions/{number} config/routes.rb:24 rails',
    'GET /articles/{id} config/routes.rb:15 rails',
    'GET /articles/{id}/edit config/routes.rb:15 rails',
    'GET /articles/{id}/preview config/routes.rb:23 rails',
    'GET /billing/invoices config/routes.rb:45 rails',
    'GET /billing/invoices/{id} config/routes.rb:45 rails',
    'GET /categories config/routes.rb:77 rails',
    'GET /categories/{id} config/routes.rb:77 rails',
    'GET /dev/mailers config/routes.rb:64 rails',
    'GET /files/{path} config/routes.rb:56 rails',
    'GET /images config/routes.rb:31 rails',
    'GET /images/{id} config/routes.rb:31 rails',
    'GET /images/{photo_id}/tags config/routes.rb:32 rails',
    'GET /payments engines/payments/config/routes.rb:5 rails',
    'GET /payments/charges engines/payments/config/routes.rb:2 rails',
    'GET /profile config/routes.rb:27 rails',
    'GET /profile/avatar config/routes.rb:28 rails',
    'GET /tags/{id} config/routes.rb:32 rails',
    'GET /up config/routes.rb:3 rails',
    'PATCH /account config/routes.rb:73 rails',
    'PATCH /account/password config/routes.rb:73 rails',
    'PATCH /admin/users/{id} config/routes/admin.rb:4 rails',
    'PATCH /admin/users/{id}/lock config/routes/admin.rb:6 rails',
    'PATCH /articles/{id} config/routes.rb:15 rails',
    'PATCH /images/{id} config/routes.rb:31 rails',
    'PATCH /profile config/routes.rb:27 rails',
    'POST /account config/routes.rb:73 rails',
    'POST /account/auth/github config/routes.rb:73 rails',
    'POST /account/auth/github/callback config/routes.rb:73 rails',
    'POST /account/confirmation config/routes.rb:73 rails',
    'POST /account/login config/routes.rb:73 rails',
    'POST /account/password config/routes.rb:73 rails',
    'POST /admin/users config/routes/admin.rb:4 rails',
    'POST /api/v1/search config/routes.rb:40 rails',
    'POST /articles config/routes.rb:15 rails',
    'POST /articles/{article_id}/comments config/routes.rb:8 rails',
    'POST /articles/{id}/publish config/routes.rb:17 rails',
    'POST /images config/routes.rb:31 rails',
    'POST /images/{photo_id}/tags config/routes.rb:32 rails',
    'POST /payments/charges engines/payments/config/routes.rb:2 rails',
    'POST /payments/charges/{id}/refund engines/payments/config/routes.rb:3 rails',
    'POST /webhooks/{provider} config/routes.rb:53 rails',
    'PUT /account config/routes.rb:73 rails',
    'PUT /account/password config/routes.rb:73 rails',
    'PUT /admin/users/{id} config/routes/admin.rb:4 rails',
    'PUT /articles/{id} config/routes.rb:15 rails',
    'PUT /images/{id} config/routes.rb:31 rails',
    'PUT /profile config/routes.rb:27 rails',
  ]);
});

// Independent apps, written as real projects look, with expected routes listed by hand (for Rails, from the tables
// of the Rails routing guide): the scan must find exactly these.

const REST = (base: string, id: string): string[] => [`GET ${base}`, `POST ${base}`, `GET ${base}/${id}`, `PUT ${base}/${id}`, `DELETE ${base}/${id}`];
const RESOURCES = (base: string, id = '{id}'): string[] => [
  `GET ${base}`,
  `POST ${base}`,
  `GET ${base}/new`,
  `GET ${base}/${id}/edit`,
  `GET ${base}/${id}`,
  `PATCH ${base}/${id}`,
  `PUT ${base}/${id}`,
  `DELETE ${base}/${id}`,
];

test('Spring PetClinic REST (OpenAPI-generated interfaces, context path /petclinic/): precision and recall 1', async () => {
  const api = '/petclinic/api';
  const expected = [
    'ANY /petclinic',
    `POST ${api}/owners`,
    `GET ${api}/owners`,
    `GET ${api}/owners/{ownerId}`,
    `PUT ${api}/owners/{ownerId}`,
    `DELETE ${api}/owners/{ownerId}`,
    `POST ${api}/owners/{ownerId}/pets`,
    `GET ${api}/owners/{ownerId}/pets/{petId}`,
    `PUT ${api}/owners/{ownerId}/pets/{petId}`,
    `POST ${api}/owners/{ownerId}/pets/{petId}/visits`,
    ...REST(`${api}/pets`, '{petId}'),
    ...REST(`${api}/pettypes`, '{petTypeId}'),
    ...REST(`${api}/specialties`, '{specialtyId}'),
    ...REST(`${api}/vets`, '{vetId}'),
    ...REST(`${api}/visits`, '{visitId}'),
    `POST ${api}/users`,
  ];
  const s = score(await scan('petclinic-rest'), expected);
  assert.deepEqual({ missing: s.missing, extra: s.extra }, { missing: [], extra: [] });
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 1);
});

test('Rails routing guide examples: precision and recall 1', async () => {
  const expected = [
    ...RESOURCES('/photos'),
    'GET /profile',
    'GET /geocoder/new',
    'POST /geocoder',
    'GET /geocoder',
    'GET /geocoder/edit',
    'PATCH /geocoder',
    'PUT /geocoder',
    'DELETE /geocoder',
    ...RESOURCES('/admin/articles'),
    ...RESOURCES('/admin/comments'),
    'GET /drafts',
    'GET /drafts/{id}',
    'GET /reviews',
    'GET /backoffice/invoices',
    'GET /backoffice/invoices/{id}',
    'GET /backoffice/receipts',
    ...RESOURCES('/magazines'),
    ...RESOURCES('/magazines/{magazine_id}/ads'),
    ...RESOURCES('/articles'),
    'GET /articles/{article_id}/comments',
    'POST /articles/{article_id}/comments',
    'GET /articles/{article_id}/comments/new',
    'GET /comments/{id}/edit',
    'GET /comments/{id}',
    'PATCH /comments/{id}',
    'PUT /comments/{id}',
    'DELETE /comments/{id}',
    'GET /articles/{article_id}/quotes',
    'GET /quotes/{id}',
    ...RESOURCES('/posts'),
    'GET /posts/{post_id}/notes',
    'POST /posts/{post_id}/notes',
    'GET /posts/{post_id}/notes/new',
    'GET /sekret/notes/{id}/edit',
    'GET /sekret/notes/{id}',
    'PATCH /sekret/notes/{id}',
    'PUT /sekret/notes/{id}',
    'DELETE /sekret/notes/{id}',
    'GET /messages/{id}',
    'GET /messages/{message_id}/remarks',
    'POST /messages/{message_id}/remarks',
    'GET /bulletins',
    'GET /bulletins/{bulletin_id}/remarks',
    'POST /bulletins/{bulletin_id}/remarks',
    'GET /bulletins/{bulletin_id}/images',
    'GET /boards/remarks',
    'POST /boards/remarks',
    ...RESOURCES('/pictures'),
    'GET /pictures/{id}/preview',
    'GET /pictures/search',
    'GET /pictures/{id}/thumbnail',
    'GET /pictures/recent',
    'GET /pictures/new/preview',
    'GET /photos',
    'GET /photos/{id}',
    'GET /photos/{id}/with_user/{user_id}',
    'GET /photos/{id}',
    'GET /exit',
    'GET /albums',
    'POST /albums',
    'ANY /everything',
    'GET /songs/{category}/{title}',
    'GET /stories',
    'GET /stories/{name}',
    'GET /photos/{id}',
    'GET /internal/dashboard',
    'GET /',
    'GET /admin',
    'GET /pets',
    'GET /tickets/{id}',
    'GET /cameras',
    'GET /cameras/{id}',
    'GET /cameras/{snapshot_id}/filters',
    'GET /recipes/make',
    'GET /recipes/{id}/change',
    'GET /kategorien/neu',
    'GET /kategorien/{id}/bearbeiten',
    'GET /videos/{identifier}',
    'GET /videos/{video_identifier}/clips',
    'GET /{account_id}/projects',
    ...RESOURCES('/users').filter((r) => !r.startsWith('DELETE')),
    'GET /api/books',
    'GET /api/{locale}/books',
    'GET /api/books/{id}',
    'GET /api/{locale}/books/{id}',
  ];
  const s = score(await scan('rails-guides'), expected);
  assert.deepEqual({ missing: s.missing, extra: s.extra }, { missing: [], extra: [] });
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 1);
});

test('Rails API app (api_only: no new/edit; shallow replies; mounts; catch-all): precision and recall 1', async () => {
  const v1 = '/api/v1';
  const expected = [
    'GET /up',
    `POST ${v1}/auth/login`,
    `POST ${v1}/users`,
    `GET ${v1}/users/{id}`,
    `PATCH ${v1}/users/{id}`,
    `PUT ${v1}/users/{id}`,
    `GET ${v1}/users/me`,
    ...RESOURCES(`${v1}/posts`).filter((r) => !r.endsWith('/new') && !r.endsWith('/edit')),
    `GET ${v1}/posts/{post_id}/comments`,
    `POST ${v1}/posts/{post_id}/comments`,
    `DELETE ${v1}/posts/{post_id}/comments/{id}`,
    `POST ${v1}/posts/{post_id}/like`,
    `DELETE ${v1}/posts/{post_id}/like`,
    `PUT ${v1}/posts/{id}/publish`,
    `GET ${v1}/posts/feed`,
    `GET ${v1}/tags`,
    `GET ${v1}/comments/{comment_id}/replies`,
    `POST ${v1}/comments/{comment_id}/replies`,
    `GET ${v1}/replies/{id}`,
    `DELETE ${v1}/replies/{id}`,
    'ANY /sidekiq',
    'ANY /{unmatched}',
  ];
  const s = score(await scan('rails-api-blog'), expected);
  assert.deepEqual({ missing: s.missing, extra: s.extra }, { missing: [], extra: [] });
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 1);
});

test('Spring config: application.yml nested and dotted keys, profile documents ignored, .properties wins, placeholders', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-spring-'));
  try {
    const java = join(dir, 'src/main/java/demo');
    const resources = join(dir, 'src/main/resources');
    mkdirSync(java, { recursive: true });
    mkdirSync(resources, { recursive: true });
    writeFileSync(
      join(resources, 'application.yml'),
      ['server:', '  servlet:', '    context-path: /from-yml', 'spring.mvc.servlet.path: /mvc', 'api:', '  base: /v3', '---', 'spring:', '  config:', '    activate:', '      on-profile: prod', 'api:', '  base: /prod', ''].join('\n'),
    );
    writeFileSync(join(resources, 'application.properties'), 'server.servlet.context-path=/app\n');
    writeFileSync(
      join(java, 'Demo.java'),
      ['package demo;', '@RestController', '@RequestMapping("${api.base}/things")', 'class Demo {', '  @GetMapping("/{id}") Object one(@PathVariable String id) { return null; }', '  @GetMapping("${missing.key}/x") Object runtime() { return null; }', '}', ''].join('\n'),
    );
    const found = (await scanCode(dir)).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(found, ['GET /app/mvc/v3/things/{id}']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
