import type { Exchange } from '../exchange/exchange.js';

/**
 * A stage that runs after the exchange is complete and off the request path: recording, alerting, discovery,
 * behaviour. `consume` must return quickly (queue the work); the exchange must not be changed.
 */
export interface ExchangeConsumer {
  readonly name: string;
  consume(ex: Exchange): void;
  /** Flushes what is queued; called on shutdown. */
  close?(): Promise<void>;
}

/** Fans completed exchanges out to every consumer; a failing consumer never affects traffic or the others. */
export class ConsumerSet {
  private readonly consumers: ExchangeConsumer[] = [];
  errors = 0;

  add(c: ExchangeConsumer): void {
    this.consumers.push(c);
  }

  emit(ex: Exchange): void {
    for (const c of this.consumers) {
      try {
        c.consume(ex);
      } catch {
        this.errors++;
      }
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.close?.()));
  }
}
