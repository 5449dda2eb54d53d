import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startShop, FIXTURES, type Shop } from './setup.js';
import { runValidation, type ValidateOptions } from '../../src/validate/run.js';
import { loadPlan } from '../../src/validate/plan/load-plan.js';
import type { CheckResult, ControlKind, ValidationReport } from '../../src/validate/types.js';
import { consoleReport } from '../../src/validate/report/console.js';

// Vigil's own gateway, in process, with the known policy in front of the demo shop API.

let shop: Shop;
before(async () => {
  shop = await startShop();
});
after(() => shop.close());

function options(controls?: ControlKind[]): ValidateOptions {
  return { target: shop.target, config: shop.reference, plan: loadPlan(join(FIXTURES, 'plan.yaml')), ratePerSecond: 5000, controls, eventsDeadlineMs: 1500 };
}

function failed(r: ValidationReport): CheckResult[] {
  return r.checks.filter((c) => c.status !== 'pass');
}

function check(r: ValidationReport, id: string): CheckResult {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${r.checks.map((x) => x.id).join(' ')}`);
  return c;
}

test('every check passes against the gateway enforcing the known policy', async () => {
  const r = await runValidation(options());
  assert.deepEqual(failed(r), [], consoleReport(r));
  const controls = new Set(r.checks.map((c) => c.control));
  for (const k of ['authentication', 'authorization', 'traffic-filter', 'rate-limit', 'attack-blocking', 'schema', 'exposure', 'detection', 'expectation'])
    assert.ok(controls.has(k as ControlKind), `no ${k} check`);
  for (const kind of ['no-credential', 'garbage-token', 'alg-none', 'foreign-key', 'tampered-token', 'expired-token', 'wrong-audience', 'wrong-issuer'])
    assert.equal(check(r, `authentication.orders.${kind}`).status, 'pass');
  assert.match(check(r, 'rate-limit.orders.0').observed, /recovered/);
  assert.ok(check(r, 'rate-limit.login.0').evidence.some((e) => /recovery not checked/.test(e)), 'slow rates say recovery was skipped');
  assert.ok(r.checks.filter((c) => c.control === 'attack-blocking').length >= 30);
  assert.ok(r.skipped.some((s) => s.route === 'admin' && /geo/.test(s.reason)), 'the untestable geo deny list is reported');
});

test('dropping auth on a route fails its authentication checks with the answer as evidence', async () => {
  await shop.breakWith((y) => y.replace(/(name: order\n.*\n) {4}auth: \{ jwt: shop \}\n/, '$1'));
  const r = await runValidation(options(['authentication']));
  const c = check(r, 'authentication.order.no-credential');
  assert.equal(c.status, 'fail');
  assert.match(c.observed, /answered 200/);
  assert.match(c.evidence[0]!, /GET \/api\/orders\/1 \(no credential\) -> 200/);
  assert.equal(check(r, 'authentication.order.alg-none').status, 'fail');
  assert.equal(check(r, 'authentication.orders.no-credential').status, 'pass', 'the other route is untouched');
});

test('trusting every proxy lets spoofed forwarding headers through the ip allow list', async () => {
  await shop.breakWith((y) => y.replace('trusted_proxies: []', 'trusted_proxies: [0.0.0.0/0, "::/0"]'));
  const r = await runValidation(options(['traffic-filter']));
  const xff = check(r, 'traffic-filter.ip-spoof.admin.x-forwarded-for');
  assert.equal(xff.status, 'fail');
  assert.match(xff.observed, /bypassed: x-forwarded-for .* 10\.0\.0\.1/);
  assert.match(xff.evidence.join('\n'), /baseline\) -> 403 ip\.not-allowed[\s\S]*-> 200/);
  assert.equal(check(r, 'traffic-filter.ip-spoof.admin.forwarded').status, 'fail');
  // X-Real-IP is not among the client_ip_headers the gateway reads
  assert.equal(check(r, 'traffic-filter.ip-spoof.admin.x-real-ip').status, 'pass');
});

test('detection turned off fails the monitor-mode event check and the attack-blocking checks', async () => {
  await shop.breakWith((y) =>
    y.replace('    mode: monitor\n', '    mode: monitor\n    detect: { mode: off }\n').replace('schema: { spec: shop, unknown_parameters: true }', 'schema: { spec: shop, unknown_parameters: true }\n    detect: { mode: off }'),
  );
  const r = await runValidation(options(['detection', 'attack-blocking']));
  const m = check(r, 'detection.reviews.monitor-event');
  assert.equal(m.status, 'fail');
  assert.match(m.observed, /no would-block event/);
  const sqli = check(r, 'attack-blocking.products.sqli.query');
  assert.equal(sqli.status, 'fail');
  assert.match(sqli.observed, /^0\/4 blocked/);
  assert.ok(sqli.evidence.every((e) => e.startsWith('MISSED')));
  assert.equal(check(r, 'attack-blocking.product.sqli.query').status, 'pass', 'detection still on elsewhere');
});

test('a raised rate limit fails the rate-limit check', async () => {
  await shop.breakWith((y) => y.replace('rate_limit: { key: ip, rate: 10/m, burst: 5 }', 'rate_limit: { key: ip, rate: 100/m, burst: 500 }'));
  const r = await runValidation(options(['rate-limit']));
  const c = check(r, 'rate-limit.login.0');
  assert.equal(c.status, 'fail');
  assert.match(c.observed, /no 429 after \d+ requests/);
  assert.match(c.evidence.join('\n'), /configured 10\/m burst 5/);
});
