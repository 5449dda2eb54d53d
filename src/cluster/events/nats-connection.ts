import { connect, type NatsConnection } from 'nats';

/** A NATS connection that keeps trying in the background forever, including when the server is down at start. */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url.replace(/^nats:\/\//, ''),
    name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
    pingInterval: 2000,
    maxPingOut: 2,
  });
}
