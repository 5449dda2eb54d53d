import type { Alert } from '../alert.js';
import { alertMetrics } from '../../store/metrics.js';

/** Where alerts leave Vigil. `send` only queues; delivery, retries and backoff happen in the background. */
export interface AlertSink {
  readonly name: string;
  send(alert: Alert, update: boolean): void;
  close(): Promise<void>;
}

/** Turns an alert into the sink's messages, and delivers a batch of them (rejecting when it could not). */
export interface SinkTransport {
  encode(alert: Alert, update: boolean): string[];
  deliver(messages: string[]): Promise<void>;
  close?(): Promise<void>;
}

export interface QueuedSinkOptions {
  name: string;
  /** Messages held while the destination is down; beyond it the oldest are dropped, counted and reported. */
  queueSize: number;
  /** Give up on a batch after this many failed attempts (undefined: keep retrying while it fits the queue). */
  maxRetries?: number;
  batchSize: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  closeTimeoutMs?: number;
  onLoss?: (sink: string, count: number, reason: string) => void;
  log?: (line: string) => void;
}

export interface SinkStats {
  sent: number;
  retries: number;
  dropped: number;
}

/** A bounded queue in front of a transport: batches, retries with exponential backoff and jitter, counts losses. */
export class QueuedSink implements AlertSink {
  readonly stats: SinkStats = { sent: 0, retries: 0, dropped: 0 };
  private queue: string[] = [];
  private running = false;
  private closing = false;
  /** Messages at the head of the queue that are being delivered. */
  private inFlight = 0;
  private lastLog = 0;

  constructor(
    private readonly transport: SinkTransport,
    private readonly opts: QueuedSinkOptions,
  ) {}

  get name(): string {
    return this.opts.name;
  }

  get queued(): number {
    return this.queue.length;
  }

  send(alert: Alert, update: boolean): void {
    if (this.closing) return this.lose(1, 'closed');
    const messages = this.transport.encode(alert, update);
    this.queue.push(...messages);
    const over = this.queue.length - this.opts.queueSize;
    if (over > 0) {
      // the oldest go first, except the batch being delivered right now
      this.queue.splice(this.inFlight, over);
      this.lose(over, 'queue_full');
    }
    alertMetrics.queue.set({ sink: this.name }, this.queue.length);
    if (!this.running) void this.run();
  }

  private lose(count: number, reason: string): void {
    this.stats.dropped += count;
    alertMetrics.dropped.inc({ sink: this.name, reason }, count);
    const now = Date.now();
    if (now - this.lastLog > 5000) {
      this.lastLog = now;
      (this.opts.log ?? ((l: string) => console.error(`vigil sink ${this.name}: ${l}`)))(`${count} alert message(s) dropped (${reason}); see vigil_sink_dropped_total`);
    }
    this.opts.onLoss?.(this.name, count, reason);
  }

  private async run(): Promise<void> {
    this.running = true;
    let attempt = 0;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, this.opts.batchSize);
        this.inFlight = batch.length;
        try {
          await this.transport.deliver(batch);
          this.queue.splice(0, batch.length);
          this.inFlight = 0;
          this.stats.sent += batch.length;
          alertMetrics.sent.inc({ sink: this.name }, batch.length);
          attempt = 0;
        } catch (e) {
          this.inFlight = 0;
          attempt++;
          this.stats.retries++;
          alertMetrics.retries.inc({ sink: this.name });
          if (this.opts.maxRetries !== undefined && attempt > this.opts.maxRetries) {
            this.queue.splice(0, batch.length);
            this.lose(batch.length, 'retries_exhausted');
            attempt = 0;
            continue;
          }
          if (this.closing) break;
          const base = Math.min(this.opts.maxBackoffMs ?? 30_000, (this.opts.initialBackoffMs ?? 100) * 2 ** (attempt - 1));
          const delay = base / 2 + Math.random() * (base / 2);
          if (attempt === 1 || attempt % 10 === 0) (this.opts.log ?? ((l: string) => console.error(`vigil sink ${this.name}: ${l}`)))(`delivery failed (${(e as Error).message}); retrying`);
          await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
        }
        alertMetrics.queue.set({ sink: this.name }, this.queue.length);
      }
    } finally {
      this.running = false;
    }
  }

  /** Delivers what is queued (up to closeTimeoutMs); what is left is counted as lost and reported. */
  async close(): Promise<void> {
    const deadline = Date.now() + (this.opts.closeTimeoutMs ?? 5000);
    while (this.queue.length > 0 && Date.now() < deadline) {
      if (!this.running) void this.run();
      await new Promise((r) => setTimeout(r, 20));
    }
    this.closing = true;
    if (this.queue.length > 0) {
      this.lose(this.queue.length, 'shutdown');
      this.queue = [];
    }
    await this.transport.close?.();
  }
}
