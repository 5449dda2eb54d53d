import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import { createHash } from 'node:crypto';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { startVigil } from '../helpers/vigil-process.js';
import { request } from '../helpers/http.js';

let up: EchoUpstream;
const dir = mkdtempSync(join(tmpdir(), 'vigil-proc-'));

before(async () => {
  up = await startEchoUpstream();
});
after(async () => {
  await up.close();
});

function policy(extraRoute = ''): string {
  return `
listen: 127.0.0.1:0
admin: { address: 127.0.0.1:0 }
workers: 2
upstreams: { api: { url: "${up.url}" } }
routes:
  - name: limited
    match: { path: /limited }
    rate_limit: { key: ip, rate: 1/h, burst: 10 }
  - name: slow
    match: { path: /slow }
${extraRoute}`;
}

test('two workers share one rate limit exactly, and the admin listener aggregates their metrics', async () => {
  const file = join(dir, 'shared-limit.yaml');
  writeFileSync(file, policy());
  const v = await startVigil(['gateway', '-c', file]);
  try {
    assert.match(v.output(), /2 worker\(s\)/);
    // fresh connections are spread over both workers
    const codes = await Promise.all(Array.from({ length: 30 }, () => request(v.ports[0]!, '/limited').then((r) => r.status)));
    assert.equal(codes.filter((c) => c === 200).length, 10, `allowed: ${codes.join(',')}`);
    assert.equal(codes.filter((c) => c === 429).length, 20);
    const health = await request(v.adminPort!, '/healthz');
    assert.equal(health.json<{ workers: number }>().workers, 2);
    const metrics = (await request(v.adminPort!, '/metrics')).body;
    const allowed = /vigil_requests_total\{route="limited",action="allow"\} (\d+)/.exec(metrics);
    const blocked = /vigil_requests_total\{route="limited",action="block"\} (\d+)/.exec(metrics);
    assert.equal(Number(allowed?.[1]), 10, metrics);
    assert.equal(Number(blocked?.[1]), 20);
    // the workers' own health, where latency tails come from: event-loop delay and GC pauses
    assert.match(metrics, /^nodejs_eventloop_lag_p99_seconds \d/m);
    assert.match(metrics, /^# TYPE nodejs_gc_duration_seconds histogram$/m);
  } finally {
    v.child.kill('SIGTERM');
    assert.equal(await v.exited, 0);
  }
});

test('SIGHUP reloads the policy without dropping a request in flight; a broken file keeps the old policy', async () => {
  const file = join(dir, 'reload.yaml');
  writeFileSync(file, policy());
  const v = await startVigil(['gateway', '-c', file]);
  try {
    up.delayMs = 800;
    const inFlight = request(v.ports[0]!, '/slow');
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(file, policy(`    ip: { deny: [127.0.0.1] }`));
    v.child.kill('SIGHUP');
    await v.waitFor('configuration reloaded');
    await new Promise((r) => setTimeout(r, 200));
    up.delayMs = 0;
    assert.equal((await inFlight).status, 200, 'the request in flight finished under the old policy');
    assert.equal((await request(v.ports[0]!, '/slow')).status, 403, 'the new policy applies');
    writeFileSync(file, 'routes: [ {');
    v.child.kill('SIGHUP');
    await v.waitFor(/reload failed, keeping the running configuration: .*reload\.yaml:1/);
    assert.equal((await request(v.ports[0]!, '/slow')).status, 403);
  } finally {
    up.delayMs = 0;
    v.child.kill('SIGTERM');
    await v.exited;
  }
});

test('SIGTERM stops gracefully: a request in flight completes, then the process exits 0', async () => {
  const file = join(dir, 'stop.yaml');
  writeFileSync(file, policy());
  const v = await startVigil(['gateway', '-c', file]);
  up.delayMs = 600;
  try {
    const inFlight = request(v.ports[0]!, '/slow');
    await new Promise((r) => setTimeout(r, 150));
    v.child.kill('SIGTERM');
    assert.equal((await inFlight).status, 200);
    assert.equal(await v.exited, 0);
  } finally {
    up.delayMs = 0;
  }
});

test('HTTPS listener from cert and key files', async () => {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  const file = join(dir, 'tls.yaml');
  writeFileSync(file, `
listen: [{ address: 127.0.0.1:0, tls: { cert: cert.pem, key: key.pem } }]
workers: 1
upstreams: { api: { url: "${up.url}" } }
`);
  const v = await startVigil(['gateway', '-c', file]);
  try {
    assert.match(v.output(), /listening on https:\/\//);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port: v.ports[0], path: '/tls', rejectUnauthorized: false }, (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d));
          res.on('end', () => resolve(b));
        })
        .on('error', reject);
    });
    const seen = JSON.parse(body) as { headers: Record<string, string> };
    assert.equal(seen.headers['x-forwarded-proto'], 'https');
  } finally {
    v.child.kill('SIGTERM');
    await v.exited;
  }
});

test('config errors name the file, the line and the key', () => {
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, `upstreams:\n  api: { url: "http://127.0.0.1:1" }\nroutes:\n  - name: a\n    match: { path: /a }\n    upstream: nope\n`);
  let out = '';
  try {
    execFileSync(process.execPath, ['bin/vigil.js', 'config', 'check', file], { stdio: 'pipe' });
  } catch (e) {
    out = String((e as { stderr: Buffer }).stderr);
  }
  assert.match(out, /bad\.yaml:6: routes\[0\]\.upstream: unknown upstream "nope"/);
  writeFileSync(file, `upstreams:\n  api: { url: "http://127.0.0.1:1" }\nroutes:\n  - name: a\n    match: { path: /a }\n    rate_limit: { key: ip, rate: lots }\n`);
  try {
    execFileSync(process.execPath, ['bin/vigil.js', 'config', 'check', file], { stdio: 'pipe' });
  } catch (e) {
    out = String((e as { stderr: Buffer }).stderr);
  }
  assert.match(out, /bad\.yaml:6: routes\[0\]\.rate_limit/);
});

test('a runtime block through the admin API applies on every worker within a second; viewers cannot change it', async () => {
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');
  const file = join(dir, 'blocks.yaml');
  writeFileSync(
    file,
    policy().replace(
      'admin: { address: 127.0.0.1:0 }',
      `admin: { address: 127.0.0.1:0, tokens: [{ name: ops, sha256: ${sha('admin-token-1')}, role: admin }, { name: noc, sha256: ${sha('viewer-token-1')}, role: viewer }] }`,
    ),
  );
  const v = await startVigil(['gateway', '-c', file]);
  const api = (method: string, path: string, token?: string, body?: unknown) =>
    request(v.adminPort!, path, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  try {
    assert.equal((await request(v.ports[0]!, '/slow')).status, 200);
    assert.equal((await api('POST', '/api/blocks', undefined, { ip: '127.0.0.1', ttl_s: 60 })).status, 401);
    assert.equal((await api('POST', '/api/blocks', 'viewer-token-1', { ip: '127.0.0.1', ttl_s: 60 })).status, 403);
    assert.equal((await api('POST', '/api/blocks', 'admin-token-1', { ip: 'not-an-ip', ttl_s: 60 })).status, 400);
    const blocked = await api('POST', '/api/blocks', 'admin-token-1', { ip: '127.0.0.1', ttl_s: 60, reason: 'incident 42' });
    assert.equal(blocked.status, 201);
    const issued = Date.now();
    let codes: number[] = [];
    while (Date.now() - issued < 1000) {
      codes = await Promise.all(Array.from({ length: 8 }, () => request(v.ports[0]!, '/slow').then((r) => r.status)));
      if (codes.every((c) => c === 403)) break;
    }
    assert.deepEqual(codes, Array(8).fill(403), 'every worker refuses within a second');
    const list = (await api('GET', '/api/blocks', 'viewer-token-1')).json<{ items: { actor: string; reason: string }[] }>();
    assert.deepEqual(list.items.map((i) => [i.actor, i.reason]), [['ip:127.0.0.1', 'incident 42']]);
    assert.equal((await api('DELETE', '/api/blocks?ip=127.0.0.1', 'admin-token-1')).status, 200);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await request(v.ports[0]!, '/slow')).status, 200);
    const audit = (await api('GET', '/api/audit', 'admin-token-1')).json<{ items: { who: string; action: string }[] }>();
    assert.deepEqual(audit.items.map((a) => [a.who, a.action]), [['ops', 'blocks.remove'], ['ops', 'blocks.add']]);
    assert.ok(!v.output().includes('admin-token-1'), 'no token in the log');
  } finally {
    v.child.kill('SIGTERM');
    await v.exited;
  }
});
