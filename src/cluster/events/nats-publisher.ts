import type { JetStreamClient, NatsConnection } from 'nats';
import type { Exchange } from '../../exchange/exchange.js';
import type { ExchangeConsumer } from '../../pipeline/consumer.js';
import { encodeExchange } from './exchange-message.js';
import { SpoolJournal } from './spool-journal.js';
import { InflightJournal, type JournalSegment } from './inflight-journal.js';
import { connectNats } from './nats-connection.js';
import { ensureExchangeStream, exchangeSubject } from './jetstream-setup.js';

export interface NatsPublisherOptions {
  url: string;
  stream: string;
  spoolDir: string;
  /** Request and response bodies are carried up to this many bytes; default 4096. */
  maxBodyBytes?: number;
  /** Publishes awaiting their acknowledgement; beyond it events queue in memory. Default 256. */
  maxInFlight?: number;
  /** Events held in memory before they go to the spool; default 10 000. */
  maxQueued?: number;
  /** How long a publish waits for its acknowledgement before the event is spooled; default 2 s. */
  ackTimeoutMs?: number;
  /** Journal every event held in memory, so a killed process loses none (default true). */
  journal?: boolean;
}

export interface PublisherStats {
  published: number;
  duplicates: number;
  spooled: number;
  replayed: number;
}

interface Pending {
  id: string;
  data: Uint8Array;
  /** Where the event was journalled while it is held in memory. */
  segment?: JournalSegment;
}

/**
 * Publishes every completed exchange to the JetStream stream, the request id as message id (Nats-Msg-Id), so a
 * re-publish is stored once. Nothing waits on NATS: events queue in memory, and while NATS is unreachable (or a
 * publish is not acknowledged in time) they are appended to a local spool journal, replayed once NATS answers.
 * Backpressure never reaches the gateway: the worst case is disk, bounded by what the outage produces.
 */
export class NatsExchangePublisher implements ExchangeConsumer {
  readonly name = 'nats-publisher';
  readonly stats: PublisherStats = { published: 0, duplicates: 0, spooled: 0, replayed: 0 };
  private readonly spool: SpoolJournal;
  private readonly journal?: InflightJournal;
  private readonly queue: Pending[] = [];
  private readonly subject: string;
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private connected = false;
  private inFlight = 0;
  private replaying = false;
  private closed = false;
  private readonly connecting: Promise<void>;
  private readonly replayTimer: NodeJS.Timeout;
  private readonly settled = new Set<Promise<void>>();
  private readonly stopConnecting = new AbortController();

  constructor(private readonly opts: NatsPublisherOptions) {
    this.subject = exchangeSubject(opts.stream);
    this.spool = new SpoolJournal(opts.spoolDir);
    if (opts.journal !== false) this.journal = new InflightJournal(opts.spoolDir);
    this.connecting = this.connect();
    // ready() hands the failure to whoever waits; nobody waiting must not make it an unhandled rejection
    this.connecting.catch(() => undefined);
    this.replayTimer = setInterval(() => this.replay(), 1000);
    this.replayTimer.unref();
  }

  consume(ex: Exchange): void {
    const item: Pending = { id: ex.id, data: encodeExchange(ex, this.opts.maxBodyBytes ?? 4096) };
    // while anything is spooled, new events join the spool: one path out, replayed in order of arrival
    if (!this.connected || this.spool.pending || this.queue.length >= (this.opts.maxQueued ?? 10_000)) return this.toSpool(item);
    // on disk before it waits in memory: a killed process leaves it for the next publisher
    item.segment = this.journal?.append(item.data);
    this.queue.push(item);
    this.pump();
  }

  /** Resolves once the first connection is made and the stream exists. */
  ready(): Promise<void> {
    return this.connecting;
  }

  /** Events neither acknowledged by the stream nor spooled yet. */
  get unsettled(): number {
    return this.queue.length + this.inFlight;
  }

  /** True while events wait in the spool for NATS. */
  get spooling(): boolean {
    return this.spool.pending;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopConnecting.abort();
    clearInterval(this.replayTimer);
    await Promise.allSettled([...this.settled]);
    for (const item of this.queue.splice(0)) this.toSpool(item);
    // sealed, what is left is replayed by the next publisher on this spool directory
    this.spool.seal();
    this.journal?.close();
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const nc = await connectNats(this.opts.url, `vigil-gateway-${process.pid}`, this.stopConnecting.signal);
    this.nc = nc;
    if (this.closed) {
      await nc.close();
      return;
    }
    await ensureExchangeStream(await nc.jetstreamManager(), this.opts.stream);
    this.js = nc.jetstream();
    this.connected = true;
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect') this.connected = false;
        else if (s.type === 'reconnect') {
          this.connected = true;
          this.replay();
        }
      }
    })();
    this.replay();
  }

  private toSpool(item: Pending): void {
    this.spool.append(item.data);
    this.stats.spooled++;
    this.settle(item);
  }

  private settle(item: Pending): void {
    if (item.segment) this.journal?.settle(item.segment);
    item.segment = undefined;
  }

  private pump(): void {
    const max = this.opts.maxInFlight ?? 256;
    while (this.queue.length > 0 && this.inFlight < max && this.connected && this.js) {
      const item = this.queue.shift()!;
      this.inFlight++;
      const done = this.publish(item).then(
        () => this.settle(item),
        () => this.toSpool(item),
      );
      const tracked = done.finally(() => {
        this.inFlight--;
        this.settled.delete(tracked);
        this.pump();
      });
      this.settled.add(tracked);
    }
    if (!this.connected) for (const item of this.queue.splice(0)) this.toSpool(item);
  }

  private async publish(item: Pending): Promise<void> {
    const ack = await this.js!.publish(this.subject, item.data, { msgID: item.id, timeout: this.opts.ackTimeoutMs ?? 2000 });
    if (ack.duplicate) this.stats.duplicates++;
    else this.stats.published++;
  }

  /** Publishes the spool, file by file; a sealed file is deleted once all of it is acknowledged. */
  private replay(): void {
    if (this.replaying || !this.connected || !this.js || !this.spool.pending) return;
    this.replaying = true;
    const run = async () => {
      this.spool.seal();
      for (const file of this.spool.sealedFiles()) {
        const lines = this.spool.read(file);
        for (let i = 0; i < lines.length; i += 128) {
          const chunk = lines.slice(i, i + 128);
          await Promise.all(chunk.map((data) => this.publish({ id: idOf(data), data })));
          this.stats.replayed += chunk.length;
        }
        this.spool.done(file);
      }
    };
    const tracked = run()
      .catch(() => undefined)
      .finally(() => {
        this.replaying = false;
        this.settled.delete(tracked);
        // events spooled during the replay go out in the next pass, right away
        if (this.spool.pending && this.connected && !this.closed) setImmediate(() => this.replay());
      });
    this.settled.add(tracked);
  }
}

/** The request id of a spooled event, without parsing the whole message. */
function idOf(data: Uint8Array): string {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 200)).toString('utf8');
  const m = /^\{"id":"([^"]+)"/.exec(head);
  if (!m) throw new Error('spooled event without an id');
  return m[1]!;
}
