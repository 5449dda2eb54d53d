import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';
import { startDemoApi } from '../../src/demo/demo-api.js';
import { runValidation } from '../../src/validate/run.js';
import { parsePlan } from '../../src/validate/plan/load-plan.js';

// Someone else's WAF: nginx + ModSecurity v3 + OWASP CRS (paranoia 1, blocking) in front of the demo shop API.
const SCRIPT = resolve('../shared/peers/nginx-modsec.sh');
const absent = !existsSync('/usr/sbin/nginx')
  ? 'nginx is not installed (/usr/sbin/nginx absent)'
  : !existsSync('/usr/lib/nginx/modules/ngx_http_modsecurity_module.so') || !existsSync('/usr/share/modsecurity-crs')
    ? 'ModSecurity or the CRS is not installed (apt-get install libnginx-mod-http-modsecurity modsecurity-crs)'
    : !existsSync(SCRIPT)
      ? `${SCRIPT} is missing`
      : false;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => done(port));
    });
  });
}

test('the report shows which attack-blocking checks nginx + ModSecurity + CRS passes and which it misses', { skip: absent }, async (t) => {
  const api = await startDemoApi(0, 'peer-secret');
  const port = await freePort();
  execFileSync('bash', [SCRIPT, 'start', String(port), String(api.port), 'block'], { env: { ...process.env, WORKERS: '1' }, stdio: 'pipe' });
  try {
    const report = await runValidation({
      target: `http://127.0.0.1:${port}`,
      specFile: 'examples/demo/openapi.yaml',
      plan: parsePlan('attack_routes: [/api/products, /api/orders, "/api/orders/{id}"]\n', 'peer-plan.yaml'),
      ratePerSecond: 1000,
      controls: ['attack-blocking'],
    });
    const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
    const byLocation = new Map<string, string[]>();
    for (const c of report.checks) {
      const [, route, category, location] = c.id.split('.');
      const key = `${route} ${location}`;
      byLocation.set(key, [...(byLocation.get(key) ?? []), `${c.status === 'pass' ? '+' : '-'}${category}`]);
    }
    for (const [k, v] of byLocation) t.diagnostic(`${k.padEnd(24)} ${v.join(' ')}`);
    assert.equal(report.checks.length, 80, "10 categories x 8 route locations");
    assert.ok(report.checks.every((c) => c.status !== 'error'), 'every probe got an answer');
    // what CRS 3.3 at paranoia 1 refuses
    for (const id of ['api_products.sqli.query', 'api_products.xss.query', 'api_products.cmdi.query', 'api_orders.sqli.body', 'api_orders.jndi.body'])
      assert.equal(status(`attack-blocking.${id}`), 'pass', id);
    // and what it lets through: template injection, prototype pollution, payloads in custom headers
    for (const id of ['api_products.ssti.query', 'api_orders.prototype-pollution.body', 'api_products.sqli.header'])
      assert.equal(status(`attack-blocking.${id}`), 'fail', id);
    const missed = report.checks.find((c) => c.id === 'attack-blocking.api_products.ssti.query')!;
    assert.ok(missed.evidence.every((e) => /^MISSED .* -> 200$/.test(e)), missed.evidence.join('\n'));
  } finally {
    execFileSync('bash', [SCRIPT, 'stop', String(port)], { stdio: 'pipe' });
    await api.close();
  }
});
