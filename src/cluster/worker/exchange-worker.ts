import type { JsMsg, NatsConnection } from 'nats';
import type { Exchange } from '../../exchange/exchange.js';
import type { RecordRow } from '../../store/record.js';
import type { TrafficStore } from '../../store/store.js';
import { decodeExchange, MalformedMessage } from '../events/exchange-message.js';
import { ensureDurableConsumer, ensureExchangeStream } from '../events/jetstream-setup.js';
import { ContinuousPull } from './continuous-pull.js';

export interface ExchangeWorkerOptions {
  nc: NatsConnection;
  stream: string;
  /** The durable consumer every worker of a deployment shares (they split the messages). */
  durable: string;
  store: TrafficStore;
  /** The redacted row of an exchange (redaction happens here, before anything is stored). */
  toRow: (ex: Exchange) => RecordRow;
  /** Most messages written per batch; default 256. */
  batch?: number;
  /** How long a message may wait for others to share its batch; default 5 ms. */
  flushMs?: number;
  log?: (line: string) => void;
}

export interface WorkerStats {
  received: number;
  written: number;
  /** Messages whose request id was already stored (redelivery, replay). */
  duplicates: number;
  malformed: number;
  /** Batches the store refused; their messages are redelivered. */
  failedBatches: number;
  /** Milliseconds from publish to stored, per message (the most recent 100 000). */
  lagMs: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Consumes the exchange stream with a durable pull consumer and writes to the shared store: at least once (a
 * message is acknowledged only after its batch is written), exactly once in the store (the request id is the
 * key, a row already there is ignored). A store that is slow or down holds messages in JetStream, never in the
 * gateways: the batch is negatively acknowledged and redelivered after a pause.
 */
export class ExchangeWorker {
  readonly stats: WorkerStats = { received: 0, written: 0, duplicates: 0, malformed: 0, failedBatches: 0, lagMs: [] };
  private puller?: ContinuousPull;

  constructor(private readonly opts: ExchangeWorkerOptions) {}

  async start(): Promise<void> {
    const jsm = await this.opts.nc.jetstreamManager();
    await ensureExchangeStream(jsm, this.opts.stream);
    await ensureDurableConsumer(jsm, this.opts.stream, this.opts.durable);
    this.puller = new ContinuousPull({
      nc: this.opts.nc,
      stream: this.opts.stream,
      durable: this.opts.durable,
      batch: this.opts.batch ?? 256,
      flushMs: this.opts.flushMs,
      handle: (msgs) => this.write(msgs),
      log: this.opts.log,
    });
    await this.puller.start();
  }

  async stop(): Promise<void> {
    await this.puller?.stop();
  }

  private async write(msgs: JsMsg[]): Promise<void> {
    const rows: RecordRow[] = [];
    const sent: number[] = [];
    const good: JsMsg[] = [];
    for (const m of msgs) {
      this.stats.received++;
      try {
        const { exchange, sentAt } = decodeExchange(m.data);
        rows.push(this.opts.toRow(exchange));
        sent.push(sentAt);
        good.push(m);
      } catch (e) {
        if (!(e instanceof MalformedMessage)) throw e;
        this.stats.malformed++;
        m.term();
      }
    }
    try {
      const added = await this.opts.store.insert(rows);
      this.stats.written += added;
      this.stats.duplicates += rows.length - added;
    } catch (e) {
      this.stats.failedBatches++;
      this.opts.log?.(`store write failed, ${good.length} message(s) redelivered: ${(e as Error).message}`);
      for (const m of good) m.nak(1000);
      await sleep(500);
      return;
    }
    const now = Date.now();
    for (const m of good) m.ack();
    const lag = this.stats.lagMs;
    for (const t of sent) lag.push(now - t);
    if (lag.length > 100_000) lag.splice(0, lag.length - 100_000);
  }
}
