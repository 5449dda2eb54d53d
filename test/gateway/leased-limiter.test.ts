import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LeasedLimiter } from '../../src/policy/ratelimit/limiter.js';
import { TokenBuckets, type BucketSpec, type Grant } from '../../src/policy/ratelimit/token-bucket.js';

function authority() {
  const buckets = new TokenBuckets();
  let asks = 0;
  const ask = (key: string, spec: BucketSpec, want: number): Promise<Grant> => {
    asks++;
    return new Promise((r) => setImmediate(() => r(buckets.take(key, spec, want))));
  };
  return { ask, asks: () => asks };
}

test('workers leasing from one authority never admit more than the bucket, and ask rarely', async () => {
  const a = authority();
  const workers = [new LeasedLimiter(a.ask, 2), new LeasedLimiter(a.ask, 2)];
  const spec = { rate: 0.001, burst: 1000 };
  const results = await Promise.all(Array.from({ length: 3000 }, (_, i) => workers[i % 2]!.take('k', spec)));
  const granted = results.filter((g) => g.granted === 1).length;
  assert.ok(granted <= 1000, `granted ${granted}`);
  assert.ok(granted >= 1000 - 2 * 64, `granted ${granted}: at most a lease per worker may sit unused`);
  assert.ok(a.asks() < 100, `asked the authority ${a.asks()} times for 3000 requests`);
});

test('a refused key is answered locally for a moment instead of asking on every request', async () => {
  const a = authority();
  const w = new LeasedLimiter(a.ask, 1);
  const spec = { rate: 0.001, burst: 2 };
  const results = await Promise.all(Array.from({ length: 500 }, () => w.take('flood', spec)));
  assert.equal(results.filter((g) => g.granted === 1).length, 2);
  assert.ok(results.filter((g) => g.granted === 0).every((g) => g.retryAfter >= 1));
  assert.ok(a.asks() < 10, `asked ${a.asks()} times`);
});
