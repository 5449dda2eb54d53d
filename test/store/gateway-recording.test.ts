import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseConfig } from '../../src/config/load.js';
import { startGateway } from '../../src/capture/gateway/gateway.js';
import { tempDir } from '../helpers/temp.js';
import { recorderMetrics } from '../../src/store/metrics.js';

async function startUpstream(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

function get(agent: http.Agent, port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { authorization: 'Bearer sekrit-token-value' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(String(res.headers['x-request-id'])) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

test('a gateway under load with a store stall in the middle records every exchange exactly once', async () => {
  const { dir, cleanup } = tempDir();
  const upstream = await startUpstream();
  try {
    const cfg = parseConfig(
      `listen: 127.0.0.1:0
workers: 1
upstreams: { app: { url: "http://127.0.0.1:${upstream.port}" } }
store: { path: v.db, max_queued: 300 }
`,
      'test.yaml',
    );
    cfg.baseDir = dir;
    const gw = await startGateway(cfg);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const ids: string[] = [];
    const total = 3000;
    let next = 0;
    let locker: Database.Database | undefined;
    let slowest = 0;
    const spilledBefore = (await recorderMetrics.spilled.get()).values[0]?.value ?? 0;
    const client = async () => {
      while (next < total) {
        const i = next++;
        if (i === 1000) {
          // the store stalls: another connection holds the write lock for a second
          locker = new Database(join(dir, 'v.db'));
          locker.exec('BEGIN EXCLUSIVE');
          setTimeout(() => {
            locker!.exec('COMMIT');
            locker!.close();
          }, 1000);
        }
        const started = performance.now();
        ids.push(await get(agent, gw.ports[0]!, `/items/${i}?q=${i}`));
        slowest = Math.max(slowest, performance.now() - started);
      }
    };
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 16 }, client));
    const elapsed = Date.now() - t0;
    agent.destroy();
    await gw.close();
    const db = new Database(join(dir, 'v.db'), { readonly: true });
    const stored = db.prepare('SELECT id FROM exchanges').all() as { id: string }[];
    const tokens = db.prepare("SELECT count(*) AS n FROM exchanges WHERE req_headers LIKE '%sekrit%'").get() as { n: number };
    db.close();
    assert.equal(ids.length, total);
    assert.equal(stored.length, total, 'one row per exchange');
    assert.deepEqual(new Set(stored.map((r) => r.id)), new Set(ids));
    assert.equal(tokens.n, 0);
    assert.ok((await recorderMetrics.spilled.get()).values[0]!.value > spilledBefore, 'the stall made the recorder spill to its journal');
    assert.ok(slowest < 900, `no request waited for the stalled store (slowest ${slowest.toFixed(0)} ms, total ${elapsed} ms)`);
  } finally {
    await upstream.close();
    cleanup();
  }
});
