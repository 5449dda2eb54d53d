import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory } from '../../src/discover/inventory.js';
import { MAX_LITERAL_CHILDREN } from '../../src/discover/path-tree.js';
import { exchange } from './helpers.js';

function templates(paths: [string, string][]): string[] {
  const inv = new Inventory();
  for (const [method, url] of paths) inv.ingest(exchange({ method, url }));
  return [...new Set(inv.endpoints().map((e) => `${e.method} ${e.path}`))];
}

test('identifier segments become parameters named after the segment before them', () => {
  const out = templates([
    ['GET', '/users/123/orders/9f1c2e3d4b5a69788796a5b4c3d2e1f0'],
    ['GET', '/users/77/orders/0a1b2c3d4e5f60718293a4b5c6d7e8f9'],
    ['GET', '/users/me'],
    ['GET', '/v2/items/3f2b9a4e-8c1d-4e5f-9a7b-1c2d3e4f5a6b'],
  ]);
  assert.deepEqual(out.sort(), ['GET /users/me', 'GET /users/{userId}/orders/{orderId}', 'GET /v2/items/{itemId}']);
});

test('many word siblings seen once are values; few repeated ones stay static', () => {
  const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
  const values = templates(names.map((n) => ['GET', `/profiles/${n}/repos`]));
  assert.deepEqual(values, ['GET /profiles/{profileId}/repos']);
  const statics = ['albums', 'tracks', 'shows', 'episodes', 'following', 'player', 'playlists', 'top'];
  const repeated = templates(statics.flatMap((s) => [['GET', `/me/${s}`], ['GET', `/me/${s}`], ['PUT', `/me/${s}`]] as [string, string][]));
  assert.equal(repeated.length, statics.length * 2);
  assert.ok(repeated.every((t) => !t.includes('{')));
});

test('174 RPC method names stay static even when each is called once', () => {
  const verbs = ['list', 'info', 'create', 'postMessage', 'update', 'delete'];
  const nouns = Array.from({ length: 29 }, (_, i) => `area${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'x' : ''}`);
  const paths = nouns.flatMap((n) => verbs.map((v): [string, string] => ['POST', `/api/${n}.${v}`]));
  assert.equal(paths.length, 174);
  const out = templates(paths);
  assert.equal(out.length, 174);
  assert.ok(out.every((t) => !t.includes('{')));
});

test('memory stays bounded: past the literal cap new words go to one parameter', () => {
  const inv = new Inventory();
  for (let i = 0; i < MAX_LITERAL_CHILDREN + 50; i++) inv.ingest(exchange({ url: `/tags/${'t'.repeat(1 + (i % 7))}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}` }));
  inv.ingest(exchange({ url: '/tags/sometag' }));
  const out = inv.endpoints().map((e) => e.path);
  assert.deepEqual(out, ['/tags/{tagId}']);
});

test('identifiers with a file extension and version dates (Twilio 2010 style)', () => {
  const sid = (p: string, i: number) => `${p}${i.toString(16).padStart(32, '0')}`;
  const paths: [string, string][] = [];
  for (let i = 1; i <= 3; i++) {
    paths.push(['GET', `/2010-04-01/Accounts/${sid('AC', i)}/Calls.json`]);
    paths.push(['GET', `/2010-04-01/Accounts/${sid('AC', i)}/Calls/${sid('CA', i * 7)}.json`]);
    paths.push(['GET', '/2010-04-01/Accounts.json']);
    paths.push(['GET', `/reports/2024-05-0${i}`]);
  }
  assert.deepEqual(templates(paths).sort(), [
    'GET /2010-04-01/Accounts.json',
    'GET /2010-04-01/Accounts/{accountId}/Calls.json',
    'GET /2010-04-01/Accounts/{accountId}/Calls/{callId}.json',
    'GET /reports/{date}',
  ]);
});

test('a few one-off siblings leading to the same sub-paths are values', () => {
  const out = templates(['acme', 'globex', 'initech'].map((org): [string, string] => ['GET', `/orgs/${org}/members`]));
  assert.deepEqual(out, ['GET /orgs/{orgId}/members']);
  const statics = templates(['albums', 'tracks', 'shows'].flatMap((s): [string, string][] => [['GET', `/me/${s}/contains`], ['GET', `/me/${s}/contains`]]));
  assert.equal(statics.length, 3);
});
