import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { VigilConfig } from '../config/types.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import { LeasedLimiter, type RateLimiter } from '../policy/ratelimit/limiter.js';
import type { ActorBlocks } from './redis/actor-blocks.js';

// Which engine backs each shared concern: embedded (in process, SQLite) unless the `cluster` section names a
// service. Engines are chosen at start; a reload does not switch them. Their drivers (ioredis, nats) are loaded
// only when a config names a service (loadEngineDrivers, awaited at start): a gateway on the embedded default does
// not pay for loading them in each of its processes.

interface Drivers {
  createRedisClient: typeof import('./redis/redis-client.js').createRedisClient;
  RedisLimiter: typeof import('./redis/redis-limiter.js').RedisLimiter;
  ActorBlocks: typeof import('./redis/actor-blocks.js').ActorBlocks;
  NatsExchangePublisher: typeof import('./events/nats-publisher.js').NatsExchangePublisher;
}
let drivers: Drivers | undefined;

/** Loads the drivers of the services a config names; the functions below need it awaited first. */
export async function loadEngineDrivers(cfg: VigilConfig): Promise<void> {
  if (drivers || (!cfg.cluster?.redis && !cfg.cluster?.nats)) return;
  const [client, limiter, blocks, publisher] = await Promise.all([
    import('./redis/redis-client.js'),
    import('./redis/redis-limiter.js'),
    import('./redis/actor-blocks.js'),
    import('./events/nats-publisher.js'),
  ]);
  drivers = { createRedisClient: client.createRedisClient, RedisLimiter: limiter.RedisLimiter, ActorBlocks: blocks.ActorBlocks, NatsExchangePublisher: publisher.NatsExchangePublisher };
}

function loaded(): Drivers {
  if (!drivers) throw new Error('cluster engines used before loadEngineDrivers() was awaited');
  return drivers;
}

const openClients = new Set<Redis>();
const openBlocks = new Set<ActorBlocks>();

/** One line naming the engines a config uses, printed by `vigil gateway` at start. */
export function describeEngines(cfg: VigilConfig): string {
  const c = cfg.cluster;
  const limits = c?.redis ? `Redis ${redacted(c.redis)} (shared; local 1/${c.gateways} share while it is down)` : 'in process';
  const events = c?.nats ? `NATS JetStream ${redacted(c.nats)} stream ${c.stream} (spool ${c.spool_dir})` : 'none';
  const store = c?.postgres
    ? `PostgreSQL ${redacted(c.postgres)} via vigil worker`
    : cfg.store
      ? `SQLite ${cfg.store.path}`
      : 'not recording';
  return `engines: rate limits ${limits}; events ${events}; store ${store}`;
}

/** The rate limiter shared through Redis, when the config names one. */
export function sharedLimiterFor(cfg: VigilConfig): RateLimiter | undefined {
  const c = cfg.cluster;
  if (!c?.redis) return undefined;
  const { createRedisClient, RedisLimiter } = loaded();
  const client = createRedisClient(c.redis);
  openClients.add(client);
  const shared = new RedisLimiter(client, { prefix: c.key_prefix, gateways: c.gateways });
  // tokens are leased from Redis in small batches, as workers lease from the primary in embedded mode: one round
  // trip per batch instead of one per request; holders are every worker of every gateway instance
  const holders = c.gateways * (typeof cfg.workers === 'number' ? cfg.workers : 1);
  return new LeasedLimiter((key, spec, want) => Promise.resolve(shared.takeMany(key, spec, want)), holders);
}

/** Runtime blocks shared through Redis, when the config names one. */
export function sharedBlocksFor(cfg: VigilConfig): ActorBlocks | undefined {
  const c = cfg.cluster;
  if (!c?.redis) return undefined;
  const blocks = new (loaded().ActorBlocks)(c.redis, { prefix: c.key_prefix });
  openBlocks.add(blocks);
  return blocks;
}

/** Consumers that carry exchanges to the shared engines (the event stream), when configured. */
export function clusterConsumers(cfg: VigilConfig): ExchangeConsumer[] {
  const c = cfg.cluster;
  if (!c?.nats) return [];
  const { NatsExchangePublisher } = loaded();
  return [
    new NatsExchangePublisher({
      url: c.nats,
      stream: c.stream,
      spoolDir: resolve(cfg.baseDir, c.spool_dir),
      maxBodyBytes: cfg.store?.max_body_bytes ?? 4096,
    }),
  ];
}

/** Closes the connections opened for shared limiters (on gateway stop). */
export async function closeSharedEngines(): Promise<void> {
  for (const c of openClients) c.disconnect();
  openClients.clear();
  await Promise.all([...openBlocks].map((b) => b.close()));
  openBlocks.clear();
}

/** A service URL without its password, for logs. */
function redacted(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
