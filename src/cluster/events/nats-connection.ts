import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from 'nats';

/**
 * A NATS connection that keeps trying in the background, including when the server is down at start; once made,
 * the client reconnects forever by itself. The first attempts are our own loop rather than the client's
 * wait-on-first-connect, so that `signal` can stop them: a publisher closed while NATS is unreachable must not keep
 * its process alive.
 */
export async function connectNats(url: string, name: string, signal?: AbortSignal): Promise<NatsConnection> {
  const options = { servers: url.replace(/^nats:\/\//, ''), name, reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250, pingInterval: 2000, maxPingOut: 2 };
  for (;;) {
    signal?.throwIfAborted();
    try {
      return await connect(options);
    } catch (e) {
      if (signal?.aborted) throw e;
      await sleep(250, undefined, { signal });
    }
  }
}
