import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { defaultObserveConfig, openObservePipeline } from '../../src/capture/ingest/observe-pipeline.js';
import { startMirror } from '../../src/capture/ingest/mirror.js';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers/temp.js';
import { freePort } from '../alerts/receivers.js';

const NGINX = '/usr/sbin/nginx';

function nginxConfig(dir: string, port: number, upstream: number, mirror: number): string {
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  return `${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body; proxy_temp_path ${dir}/tmp/proxy; fastcgi_temp_path ${dir}/tmp/fcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi; scgi_temp_path ${dir}/tmp/scgi;
  upstream app { server 127.0.0.1:${upstream}; }
  server {
    listen 127.0.0.1:${port};
    location / {
      mirror /vigil_mirror;
      mirror_request_body on;
      proxy_pass http://app;
    }
    # the snippet of docs/ingest.md
    location = /vigil_mirror {
      internal;
      proxy_pass http://127.0.0.1:${mirror}$request_uri;
      proxy_set_header Host $host;
      proxy_set_header X-Original-URI $request_uri;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-ID $request_id;
      proxy_connect_timeout 200ms;
      proxy_read_timeout 2s;
    }
  }
}
`;
}

function request(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitForPort(port: number, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a real nginx mirrors requests to `vigil ingest --mirror`: recorded with client, id, method and body', { skip: !existsSync(NGINX) && 'nginx is not installed' }, async () => {
  const { dir, cleanup } = tempDir();
  const upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const pipeline = await openObservePipeline(defaultObserveConfig(), join(dir, 'v.db'));
  const mirror = await startMirror({ policy: pipeline.policy, consumers: pipeline.consumers, address: '127.0.0.1:0', bodyLimit: 65536 });
  const port = await freePort();
  mkdirSync(join(dir, 'tmp'));
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, port, (upstream.address() as AddressInfo).port, mirror.port));
  const nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  try {
    await waitForPort(port);
    assert.equal(await request(port, 'GET', '/items/7?q=1', { 'x-forwarded-for': '198.51.100.23', 'user-agent': 'mirror-test' }), 200);
    assert.equal(await request(port, 'POST', '/login', { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.24' }, '{"user":"bob","password":"MirrorSecret42"}'), 200);
    assert.equal(await request(port, 'DELETE', '/items/7', {}), 200);
    const end = Date.now() + 5000;
    while (mirror.received < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.equal(mirror.received, 3);
  } finally {
    nginx.kill('SIGTERM');
    await new Promise((r) => nginx.once('exit', r));
    await mirror.close();
    await pipeline.close();
    upstream.close();
  }
  try {
    const store = new SqliteTrafficStore(join(dir, 'v.db'), { readonly: true });
    const rows = await store.find({}, { limit: 10, order: 'asc' });
    await store.close();
    const byMethod = Object.fromEntries(rows.map((r) => [r.method, r]));
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.source === 'mirror' && /^[0-9a-f]{32}$/.test(r.id)), 'ids are nginx $request_id');
    assert.equal(byMethod.GET!.client_ip, '198.51.100.23');
    assert.equal(byMethod.GET!.path, '/items/7');
    assert.equal(byMethod.GET!.query, 'q=1');
    assert.equal(byMethod.GET!.user_agent, 'mirror-test');
    assert.equal(byMethod.POST!.client_ip, '198.51.100.24');
    assert.equal(byMethod.POST!.req_body, '{"user":"bob","password":"[REDACTED]"}');
    assert.equal(byMethod.DELETE!.client_ip, '127.0.0.1');
    assert.equal(byMethod.DELETE!.req_headers?.['x-original-uri'], undefined, 'the mirror headers are not part of the request');
  } finally {
    cleanup();
  }
});
