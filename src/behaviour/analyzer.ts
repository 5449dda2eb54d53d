import type { Exchange } from '../exchange/exchange.js';
import { inspectExchange, resolveOptions } from '../detect/engine.js';
import type { DetectOptions } from '../detect/types.js';
import { ContextBuilder, type ContextOptions } from '../context/builder.js';
import type { ExchangeContext } from '../context/context.js';
import { BehaviourEngine, type EngineOptions } from './engine.js';
import type { BehaviourRule } from './rule.js';

// Signatures, context and behaviour over one stream of exchanges, in order: the shared core of `vigil analyze`,
// the simulator bench and the live consumer.

export interface AnalyzerOptions extends EngineOptions, ContextOptions {
  detect?: Partial<DetectOptions>;
  /** Run the signature engine on exchanges that carry no findings yet (default true). */
  signatures?: boolean;
}

export class Analyzer {
  readonly context: ContextBuilder;
  readonly engine: BehaviourEngine;
  private readonly detect: DetectOptions;
  private readonly signatures: boolean;

  constructor(rules: readonly BehaviourRule[], opts: AnalyzerOptions = {}) {
    this.context = new ContextBuilder(opts);
    this.engine = new BehaviourEngine(rules, opts);
    this.detect = resolveOptions(opts.detect);
    this.signatures = opts.signatures ?? true;
  }

  observe(ex: Exchange, seq: number): ExchangeContext {
    let sig = { score: 0, attack: false, findings: ex.findings };
    if (ex.findings.length) sig = { score: ex.findings.reduce((s, f) => s + f.score, 0), attack: ex.decision.action !== 'allow', findings: ex.findings };
    else if (this.signatures) sig = inspectExchange(ex, this.detect);
    const ctx = this.context.build(ex, seq, sig);
    this.engine.observe(ctx);
    return ctx;
  }
}
