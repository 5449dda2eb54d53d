import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ActorBlocks } from '../../src/cluster/redis/actor-blocks.js';
import { REDIS_URL, requireService, runId } from './helpers/services.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

before(async () => {
  await requireService('redis');
});

async function until(check: () => boolean, ms: number): Promise<number> {
  const start = process.hrtime.bigint();
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setImmediate(r));
  return Number(process.hrtime.bigint() - start) / 1e6;
}

test('a block issued on one instance applies on all within one second, and expires with its TTL', async () => {
  const prefix = `${runId('blk')}:`;
  const instances = [0, 1, 2].map(() => new ActorBlocks(REDIS_URL, { prefix }));
  try {
    await Promise.all(instances.map((b) => b.ready()));
    const [a, b, c] = instances as [ActorBlocks, ActorBlocks, ActorBlocks];
    assert.equal(b.isBlocked('198.51.100.9'), false);
    const issued = a.block({ ip: '198.51.100.9' }, 1500, 'credential stuffing');
    assert.equal(a.isBlocked('198.51.100.9'), true, 'the issuing instance applies it at once');
    const took = await until(() => b.isBlocked('198.51.100.9') && c.isBlocked('198.51.100.9'), 1000);
    await issued;
    console.log(`# block propagation: ${took.toFixed(2)} ms`);
    assert.ok(b.isBlocked('198.51.100.9') && c.isBlocked('198.51.100.9'), 'applied on every instance');
    assert.ok(took < 1000);
    assert.equal(c.blockReason('198.51.100.9'), 'credential stuffing');
    assert.equal(c.isBlocked('198.51.100.10'), false, 'only that address');

    // principals, and an allow overriding a block
    await b.block({ principal: 'mallory' }, 5000);
    await until(() => a.isBlocked('192.0.2.1', 'mallory'), 1000);
    assert.equal(a.isBlocked('192.0.2.1', 'mallory'), true);
    assert.equal(a.isBlocked('192.0.2.1', 'alice'), false);
    await c.allow({ principal: 'mallory' }, 5000);
    await until(() => !a.isBlocked('192.0.2.1', 'mallory'), 1000);
    assert.equal(a.isBlocked('192.0.2.1', 'mallory'), false);
    await c.remove({ principal: 'mallory' }, 'allow');
    await until(() => a.isBlocked('192.0.2.1', 'mallory'), 1000);
    assert.equal(a.isBlocked('192.0.2.1', 'mallory'), true);
    await a.remove({ principal: 'mallory' });
    await until(() => !c.isBlocked('192.0.2.1', 'mallory'), 1000);
    assert.equal(c.isBlocked('192.0.2.1', 'mallory'), false, 'unblocked everywhere');

    // a new instance learns the current blocks from Redis (remaining TTL)
    const late = new ActorBlocks(REDIS_URL, { prefix });
    await late.ready();
    assert.equal(late.isBlocked('198.51.100.9'), true);
    await late.close();

    await until(() => !b.isBlocked('198.51.100.9'), 2000);
    assert.equal(b.isBlocked('198.51.100.9'), false, 'expired with its TTL');
  } finally {
    for (const i of instances) await i.close();
  }
});

test('a block issued while Redis is unreachable applies locally and reaches the others once Redis returns', async () => {
  const prefix = `${runId('blkr')}:`;
  const proxy = new TcpProxy(6379);
  await proxy.up();
  const cut = new ActorBlocks(`redis://${proxy.url}`, { prefix });
  const other = new ActorBlocks(REDIS_URL, { prefix });
  try {
    await Promise.all([cut.ready(), other.ready()]);
    await proxy.down();
    await cut.block({ ip: '203.0.113.50' }, 10_000);
    assert.equal(cut.isBlocked('203.0.113.50'), true);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(other.isBlocked('203.0.113.50'), false);
    await proxy.up();
    const took = await until(() => other.isBlocked('203.0.113.50'), 3000);
    assert.equal(other.isBlocked('203.0.113.50'), true, `written once Redis returned (${took.toFixed(0)} ms)`);
  } finally {
    await cut.close();
    await other.close();
    await proxy.down();
  }
});
