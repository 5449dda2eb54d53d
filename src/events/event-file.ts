import { createWriteStream, type WriteStream } from 'node:fs';
import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import { decisionEvent } from './decision-event.js';

/**
 * Appends one JSON line per exchange that was blocked, would have been blocked, or failed upstream.
 * Lines are batched and written with O_APPEND, so several gateway processes can share one file.
 */
export class DecisionEventFile implements ExchangeConsumer {
  readonly name = 'event-file';
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  written = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'a' });
    this.stream.on('error', (e) => console.error(`vigil: cannot write events to ${path}: ${e.message}`));
  }

  consume(ex: Exchange): void {
    if (ex.decision.action === 'allow' && !ex.error) return;
    this.pending.push(JSON.stringify(decisionEvent(ex)));
    this.timer ??= setTimeout(() => this.flush(), 50);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending.join('\n') + '\n';
    this.written += this.pending.length;
    this.pending = [];
    this.stream.write(batch);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }
}
