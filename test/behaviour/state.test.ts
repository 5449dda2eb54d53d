import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import assert from 'node:assert/strict';
import { BehaviourEngine } from '../../src/behaviour/engine.js';
import { loadRules } from '../../src/behaviour/rule-load.js';
import { DistinctCounter } from '../../src/behaviour/state/distinct.js';
import { TtlMap } from '../../src/behaviour/state/ttl-map.js';
import type { ExchangeContext } from '../../src/context/context.js';

test('distinct counts are exact when small and within a few percent when sketched', () => {
  const d = new DistinctCounter();
  for (let i = 0; i < 50; i++) d.add(`a${i % 40}`);
  assert.equal(d.count(), 40);
  const big = new DistinctCounter();
  for (let i = 0; i < 100_000; i++) big.add(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
  assert.ok(Math.abs(big.count() - 100_000) < 8_000, String(big.count()));
});

test('TTL maps expire by event time and respect their cap', () => {
  const m = new TtlMap<number>(1000, 4);
  m.set('a', 1, 0);
  assert.equal(m.get('a', 500), 1);
  assert.equal(m.get('a', 1600), undefined);
  for (const k of ['b', 'c', 'd', 'e', 'f', 'g']) m.set(k, 1, 3000);
  assert.ok(m.size <= 4);
  assert.equal(m.peek('b'), undefined);
  assert.equal(m.get('g', 3500), 1);
});

function ctx(i: number, time: number): ExchangeContext {
  const ip = `${10 + (i >> 24)}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  return {
    seq: i, requestId: `r${i}`, time, ip, fingerprint: 'fp1', nonBrowser: false, principalVerified: false,
    method: i % 4 === 0 ? 'POST' : 'GET', endpoint: i % 4 === 0 ? 'POST /api/login' : 'GET /api/products', role: i % 4 === 0 ? 'login' : 'list',
    status: i % 4 === 0 ? 401 : 200, outcome: i % 4 === 0 ? 'failure' : undefined, account: i % 4 === 0 ? `user${i % 5000}` : undefined,
    objects: [], foreignObjects: [], owners: [], page: String(i % 7), privilegeFields: [], unknownFields: [], findings: [],
    signatureScore: 0, signatureAttack: false, paramAnomalies: [], anomalyScore: 0, responseShape: '200:4',
  };
}

/** A full collection, so that heap figures count what is retained rather than garbage not yet collected. */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

test('state for 1M distinct client addresses stays under 500 MB', () => {
  collect();
  const before = process.memoryUsage().heapUsed;
  // the rules that keep state per address (grouped by address or actor, or counting distinct addresses)
  const perAddress = loadRules().filter((r) => r.groupBy.some((g) => g === 'ip' || g === 'actor') || (r.kind === 'threshold' && [...r.distinct.values()].includes('ip')));
  assert.ok(perAddress.length >= 5);
  const engine = new BehaviourEngine(perAddress);
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 1_000_000; i++) engine.observe(ctx(i, t0 + i * 5));
  collect();
  const used = process.memoryUsage().heapUsed - before;
  assert.ok(used < 500 * 1024 * 1024, `${Math.round(used / 1048576)} MB`);
  for (const [rule, n] of Object.entries(engine.groupCounts())) assert.ok(n <= 150_000, `${rule}: ${n} groups`);
});
