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
  assert.ok(granted >= 1000 - 2 * 80, `granted ${granted}: at most 1.25 leases per worker may sit unused`);
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

test('under steady load the next batch is asked for ahead: only the very first request waits for the authority', async () => {
  const a = authority();
  const w = new LeasedLimiter(a.ask, 2);
  const spec = { rate: 1_000_000, burst: 1_000_000 };
  let waited = 0;
  for (let i = 0; i < 2000; i++) {
    const g = w.take('steady', spec);
    if (g instanceof Promise) {
      waited++;
      assert.equal((await g).granted, 1);
    } else assert.equal(g.granted, 1);
    // the event loop turns between requests, as it does between requests on a socket
    if (i % 8 === 0) await new Promise((r) => setImmediate(r));
  }
  assert.equal(waited, 1, `${waited} requests waited for the authority`);
  // batches double while they last under 100 ms: far fewer than 2000 / 64 asks
  assert.ok(a.asks() <= 10, `asked ${a.asks()} times`);
});

test('a slow authority under heavy load: batches grow, so requests stop waiting for it; the bucket still holds', async () => {
  const buckets = new TokenBuckets();
  let asks = 0;
  // an answer takes 3 ms, as an IPC round trip to a busy primary can
  const ask = (key: string, spec: BucketSpec, want: number): Promise<Grant> => {
    asks++;
    return new Promise((r) => setTimeout(() => r(buckets.take(key, spec, want)), 3));
  };
  const w = new LeasedLimiter(ask, 2);
  const spec = { rate: 0.001, burst: 1_000_000 };
  let waited = 0;
  let granted = 0;
  for (let i = 0; i < 20_000; i++) {
    let g = w.take('busy', spec);
    if (g instanceof Promise) {
      waited++;
      g = await g;
    }
    granted += g.granted;
    if (i % 8 === 0) await new Promise((r) => setImmediate(r));
  }
  assert.equal(granted, 20_000);
  // fixed 64-token batches waited about once per batch here (~300 requests)
  assert.ok(waited <= 20, `${waited} requests waited for the authority (${asks} asks)`);
  assert.ok(buckets.take('busy', spec, 1_000_000).granted <= 1_000_000 - 20_000, 'the authority gave out what was leased');
});

test('small limits keep small batches: the tokens one holder leaves unused stay a small share of the burst', async () => {
  const buckets = new TokenBuckets();
  const wants: number[] = [];
  const w = new LeasedLimiter((key, spec, want) => {
    wants.push(want);
    return Promise.resolve(buckets.take(key, spec, want));
  }, 2);
  const spec = { rate: 0.001, burst: 1000 };
  for (let i = 0; i < 1000; i++) await w.take('small', spec);
  assert.ok(Math.max(...wants) <= 1000 / 8, `batches ${wants.join(',')}`);
});

test('an authority that fails: the request fails (the control refuses), and the next request asks again', async () => {
  let fail = true;
  const buckets = new TokenBuckets();
  const w = new LeasedLimiter((key, spec, want) => (fail ? Promise.reject(new Error('primary gone')) : Promise.resolve(buckets.take(key, spec, want))), 1);
  const spec = { rate: 1, burst: 100 };
  await assert.rejects(Promise.resolve(w.take('k', spec)), /primary gone/);
  fail = false;
  assert.equal((await w.take('k', spec)).granted, 1);
});
