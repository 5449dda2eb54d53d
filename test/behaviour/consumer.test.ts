import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BehaviourConsumer } from '../../src/behaviour/consumer.js';
import { makeExchange } from '../helpers/exchange.js';

test('the live consumer queues exchanges and raises a brute-force alert across addresses', async () => {
  const raised: string[] = [];
  const c = new BehaviourConsumer({ onAlert: (a) => raised.push(a.type), signatures: false });
  const t0 = Date.parse('2026-01-01T10:00:00Z');
  for (let i = 0; i < 20; i++) {
    c.consume(makeExchange({ time: t0 + i * 30_000, ip: `198.51.100.${i}`, method: 'POST', url: '/api/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: `p${i}` }), status: 401 }));
  }
  await c.close();
  assert.ok(raised.includes('brute-force'), raised.join(','));
  const a = c.alerts.find((x) => x.type === 'brute-force')!;
  assert.ok(a.actors.ips.length >= 15);
  assert.ok(a.requestIds.length > 0);
});
