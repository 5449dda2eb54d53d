import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import { Analyzer, type AnalyzerOptions } from './analyzer.js';
import type { BehaviourAlert } from './behaviour-alert.js';
import { loadRules } from './rule-load.js';
import type { BehaviourRule } from './rule.js';

// Behaviour detection on live traffic: completed exchanges are queued (consume stays cheap) and analysed off the
// request path in small batches; new alerts go to onAlert. Over the queue bound, exchanges are dropped and counted.

const MAX_QUEUE = 20_000;
const BATCH = 500;

export class BehaviourConsumer implements ExchangeConsumer {
  readonly name = 'behaviour';
  readonly analyzer: Analyzer;
  private readonly queue: Exchange[] = [];
  private scheduled = false;
  private seq = 0;
  dropped = 0;

  constructor(opts: AnalyzerOptions & { rules?: readonly BehaviourRule[]; ruleFiles?: string[] } = {}) {
    this.analyzer = new Analyzer(opts.rules ?? loadRules(opts.ruleFiles ?? []), opts);
  }

  get alerts(): readonly BehaviourAlert[] {
    return this.analyzer.engine.alerts;
  }

  consume(ex: Exchange): void {
    if (this.queue.length >= MAX_QUEUE) {
      this.dropped++;
      return;
    }
    this.queue.push(ex);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, BATCH);
    for (const ex of batch) this.analyzer.observe(ex, this.seq++);
    if (this.queue.length && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  async close(): Promise<void> {
    while (this.queue.length) this.drain();
  }
}
