import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, nanos, type JetStreamManager } from 'nats';

/** The subject completed exchanges are published on, for a stream name. */
export function exchangeSubject(stream: string): string {
  return `vigil.exchanges.${stream}`;
}

export interface StreamOptions {
  /** Message ids seen within this window are not stored twice; default 10 minutes. */
  duplicateWindowMs?: number;
  /** Events older than this are discarded from the stream; default 7 days. */
  maxAgeMs?: number;
}

/** Creates the exchange stream when missing (file storage, deduplication window). Idempotent. */
export async function ensureExchangeStream(jsm: JetStreamManager, stream: string, opts: StreamOptions = {}): Promise<void> {
  try {
    await jsm.streams.info(stream);
    return;
  } catch {
    // missing: created below
  }
  await jsm.streams.add({
    name: stream,
    subjects: [exchangeSubject(stream)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(opts.duplicateWindowMs ?? 600_000),
    max_age: nanos(opts.maxAgeMs ?? 7 * 86_400_000),
  });
}

/** Creates the durable pull consumer the store writers share (explicit acks). Idempotent. */
export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, durable: string, ackWaitMs = 30_000): Promise<void> {
  try {
    await jsm.consumers.info(stream, durable);
    return;
  } catch {
    // missing: created below
  }
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(ackWaitMs),
    max_ack_pending: 20_000,
  });
}
