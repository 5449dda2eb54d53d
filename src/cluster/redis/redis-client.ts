import { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** A command that takes longer fails (the caller then decides locally); default 50 ms. */
  commandTimeoutMs?: number;
  /** Reconnect attempts are spaced by this much at most; default 500 ms. */
  maxReconnectDelayMs?: number;
}

/**
 * A Redis connection that never makes the request path wait: no offline queue (commands fail at once while
 * disconnected), a short command timeout, no per-command retries, and reconnection forever in the background.
 */
export function createRedisClient(url: string, opts: RedisClientOptions = {}): Redis {
  const maxDelay = opts.maxReconnectDelayMs ?? 500;
  const client = new Redis(url, {
    commandTimeout: opts.commandTimeoutMs ?? 50,
    connectTimeout: 500,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(maxDelay, 25 * 2 ** Math.min(times, 5)),
    lazyConnect: false,
  });
  // connection errors are expected while Redis is down; the status is what callers read
  client.on('error', () => undefined);
  return client;
}

/** The client is connected and accepting commands. */
export function isReady(client: Redis): boolean {
  return client.status === 'ready';
}
