import type { ConsumerMessages, JsMsg, NatsConnection } from 'nats';

export interface ContinuousPullOptions {
  nc: NatsConnection;
  stream: string;
  durable: string;
  /** Most messages handed to `handle` at once. */
  batch: number;
  /** How long the first message of a batch waits for others; default 5 ms. */
  flushMs?: number;
  /** Handles one batch; the next batch is handed over only after it resolves (one batch at a time). */
  handle: (msgs: JsMsg[]) => Promise<void>;
  log?: (line: string) => void;
}

/**
 * A durable pull consumer read continuously (`consume()`: the client keeps pull requests open and refills them),
 * handed over in batches: a batch closes when it is full or `flushMs` after its first message. At low load a
 * message waits a few milliseconds instead of a fetch's expiry; under load messages gather while the previous
 * batch is handled, so batches stay full. What is buffered is bounded by the consumer's max_ack_pending.
 */
export class ContinuousPull {
  private readonly buffer: JsMsg[] = [];
  private messages?: ConsumerMessages;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private stopping = false;
  private restart?: NodeJS.Timeout;

  constructor(private readonly opts: ContinuousPullOptions) {}

  async start(): Promise<void> {
    const consumer = await this.opts.nc.jetstream().consumers.get(this.opts.stream, this.opts.durable);
    const messages = await consumer.consume({ max_messages: this.opts.batch * 2, callback: (m) => this.take(m) });
    if (this.stopping) return void (await messages.close());
    this.messages = messages;
    void messages.closed().then((err) => {
      if (this.stopping) return;
      // the client gave up (consumer deleted, permissions): start again after a pause
      this.opts.log?.(`consumer stopped${err ? `: ${err.message}` : ''}; resuming in 1 s`);
      this.restart = setTimeout(() => void this.start().catch((e: Error) => this.opts.log?.(`resume failed: ${e.message}`)), 1000);
    });
  }

  /** Stops pulling and hands over what was already received. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restart);
    await this.messages?.close().catch(() => undefined);
    clearTimeout(this.timer);
    await this.drain();
  }

  private take(m: JsMsg): void {
    this.buffer.push(m);
    if (this.draining) return; // picked up by the running drain
    if (this.buffer.length >= this.opts.batch) void this.drain();
    else this.timer ??= setTimeout(() => void this.drain(), this.opts.flushMs ?? 5);
  }

  private drain(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // the reset runs after the assignment (a finally callback is always asynchronous)
    this.draining ??= this.handOver().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async handOver(): Promise<void> {
    while (this.buffer.length > 0) {
      const msgs = this.buffer.splice(0, this.opts.batch);
      await this.opts.handle(msgs).catch((e: Error) => {
        this.opts.log?.(`batch failed, ${msgs.length} message(s) redelivered: ${e.message}`);
        for (const m of msgs) m.nak(1000);
      });
    }
  }
}
