import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES } from './setup.js';
import { startVulnerableApi, type VulnerableApi } from '../../src/validate/vulnerable-api.js';
import { runValidation } from '../../src/validate/run.js';
import { parsePlan } from '../../src/validate/plan/load-plan.js';
import { readFileSync } from 'node:fs';
import type { ValidationReport } from '../../src/validate/types.js';
import { consoleReport } from '../../src/validate/report/console.js';

// The deliberately vulnerable API, probed directly with its spec and a plan: each planted flaw is found.

let api: VulnerableApi;
let report: ValidationReport;
before(async () => {
  api = await startVulnerableApi();
  const plan = parsePlan(readFileSync(join(FIXTURES, 'vulnerable-plan.yaml'), 'utf8') + `origin: ${api.url}\n`, 'vulnerable-plan.yaml');
  report = await runValidation({ target: api.url, specFile: join(FIXTURES, 'vulnerable-openapi.yaml'), plan, ratePerSecond: 5000 });
});
after(() => api.close());

const status = (id: string) => {
  const c = report.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id}:\n${consoleReport(report)}`);
  return c;
};

test('BOLA: bob reads alice\'s note', () => {
  const c = status('authorization.bola.GET_api_notes_1');
  assert.equal(c.status, 'fail');
  assert.match(c.observed, /bob got 200/);
  assert.match(c.evidence.join('\n'), /as owner alice\) -> 200[\s\S]*as bob\) -> 200/);
});

test('mass assignment: the profile keeps role=admin', () => {
  const c = status('authorization.mass-assignment.0.api_profile');
  assert.equal(c.status, 'fail');
  assert.match(c.observed, /kept role/);
  assert.ok(c.evidence.includes('stored: role="admin"'));
});

test('a leaky error: malformed JSON answers a stack trace (on every route that parses a body)', () => {
  const c = status('exposure.errors.api_search');
  assert.equal(c.status, 'fail');
  assert.match(c.evidence.join('\n'), /stack trace: POST \/api\/search: at [^ ]+ \(file:/);
});

test('a route its spec says needs a token answers without one', () => {
  const c = status('authentication.api_invoices_id.no-credential');
  assert.equal(c.status, 'fail');
  assert.match(c.observed, /answered 200/);
  assert.equal(status('authentication.api_notes_id.no-credential').status, 'pass');
  assert.equal(status('authentication.api_notes_id.alg-none').status, 'pass');
});

test('what the API does right passes, and the origin is reported reachable', () => {
  assert.equal(status('authorization.admin-route.GET_api_admin_users').status, 'pass');
  assert.equal(status('traffic-filter.origin-direct').status, 'fail');
  assert.ok(!report.checks.some((c) => c.route === '/api/search' && c.control === 'authentication'), 'security: [] makes an operation public');
  const failing = report.checks.filter((c) => c.status !== 'pass').map((c) => c.id).sort();
  assert.deepEqual(failing, [
    'authentication.api_invoices_id.no-credential',
    'authentication.api_invoices_id.alg-none',
    'authentication.api_invoices_id.foreign-key',
    'authentication.api_invoices_id.garbage-token',
    'authorization.bola.GET_api_notes_1',
    'authorization.mass-assignment.0.api_profile',
    'exposure.errors.api_profile',
    'exposure.errors.api_search',
    'traffic-filter.origin-direct',
  ].sort());
});
