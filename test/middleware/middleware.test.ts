import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import Fastify from 'fastify';
import { parseConfig } from '../../src/config/load.js';
import { Sensor } from '../../src/capture/middleware/sensor.js';
import { vigilExpress } from '../../src/capture/middleware/express.js';
import { installVigil, type FastifyLike } from '../../src/capture/middleware/fastify.js';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers/temp.js';

const policy = () =>
  parseConfig(
    `upstreams: { app: { url: "http://127.0.0.1:9" } }
routes:
  - name: admin
    match: { path: /admin }
    ip: { deny: [127.0.0.0/8] }
  - name: user
    match: { path: "/users/{id}" }
`,
    'mw.yaml',
  );

async function call(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.text() };
}

async function recorded(db: string) {
  const store = new SqliteTrafficStore(db, { readonly: true });
  const rows = await store.find({}, { limit: 100, order: 'asc' });
  await store.close();
  return rows;
}

for (const mode of ['monitor', 'enforce'] as const) {
  test(`Express middleware (${mode})`, async () => {
    const { dir, cleanup } = tempDir();
    try {
      const sensor = await Sensor.open({ config: policy(), mode, db: join(dir, 'v.db') });
      const app = express();
      app.use(express.json());
      app.use(vigilExpress(sensor));
      app.get('/admin', (_req, res) => void res.json({ admin: true }));
      app.post('/users/:id', (req, res) => void res.status(201).json({ id: req.params.id }));
      const server: Server = await new Promise((r) => {
        const s = app.listen(0, '127.0.0.1', () => r(s));
      });
      const port = (server.address() as AddressInfo).port;
      const admin = await call(port, 'GET', '/admin');
      assert.equal(admin.status, mode === 'enforce' ? 403 : 200);
      assert.equal((await call(port, 'POST', '/users/7', { name: 'x', password: 'MwSecret1' })).status, 201);
      await new Promise<void>((r) => server.close(() => r()));
      await sensor.close();
      const rows = await recorded(join(dir, 'v.db'));
      assert.equal(rows.length, 2);
      const a = rows.find((r) => r.path === '/admin')!;
      assert.equal(a.action, mode === 'enforce' ? 'block' : 'would-block');
      assert.equal(a.reasons[0]!.control.startsWith('ip'), true);
      const u = rows.find((r) => r.path === '/users/7')!;
      assert.deepEqual([u.source, u.status, u.route, u.req_body], ['middleware', 201, 'user', '{"name":"x","password":"[REDACTED]"}']);
    } finally {
      cleanup();
    }
  });

  test(`Fastify hooks (${mode})`, async () => {
    const { dir, cleanup } = tempDir();
    try {
      const sensor = await Sensor.open({ config: policy(), mode, db: join(dir, 'v.db') });
      const app = Fastify();
      installVigil(app as unknown as FastifyLike, sensor);
      app.get('/admin', async () => ({ admin: true }));
      app.post('/users/:id', async (req, reply) => reply.code(201).send({ id: (req.params as { id: string }).id }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      assert.equal((await call(port, 'GET', '/admin')).status, mode === 'enforce' ? 403 : 200);
      assert.equal((await call(port, 'POST', '/users/9', { name: 'y', token: 'MwToken2' })).status, 201);
      assert.equal((await call(port, 'GET', '/nowhere')).status, 404);
      await app.close();
      await sensor.close();
      const rows = await recorded(join(dir, 'v.db'));
      assert.equal(rows.length, 3);
      assert.equal(rows.find((r) => r.path === '/admin')!.action, mode === 'enforce' ? 'block' : 'would-block');
      const u = rows.find((r) => r.path === '/users/9')!;
      assert.deepEqual([u.status, u.route, u.req_body], [201, 'user', '{"name":"y","token":"[REDACTED]"}']);
      assert.equal(rows.find((r) => r.path === '/nowhere')!.status, 404);
    } finally {
      cleanup();
    }
  });
}
