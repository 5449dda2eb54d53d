import type { Exchange } from '../exchange/exchange.js';
import { inspectExchange, resolveOptions } from '../detect/engine.js';
import type { DetectOptions } from '../detect/types.js';
import { ContextBuilder, prepareContext, type ContextOptions, type PreparedContext, type SignatureResult } from '../context/builder.js';
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
    const ctx = this.context.build(ex, seq, signatureOf(ex, this.signatures, this.detect));
    this.engine.observe(ctx);
    return ctx;
  }

  /** The stateful half, for a context whose stateless half was prepared elsewhere (a worker thread). */
  observePrepared(pre: PreparedContext, seq: number): ExchangeContext {
    const ctx = this.context.complete(pre, seq);
    this.engine.observe(ctx);
    return ctx;
  }
}

/** The signature verdict on an exchange: its own findings when it carries some, else the signature engine's. */
export function signatureOf(ex: Exchange, signatures: boolean, detect: DetectOptions): SignatureResult {
  if (ex.findings.length) return { score: ex.findings.reduce((s, f) => s + f.score, 0), attack: ex.decision.action !== 'allow', findings: ex.findings };
  if (signatures) return inspectExchange(ex, detect);
  return { score: 0, attack: false, findings: ex.findings };
}

/** Prepares the stateless half of an exchange's context (signatures included), e.g. in a worker thread. */
export function prepareExchange(ex: Exchange, signatures: boolean, detect: DetectOptions): PreparedContext {
  return prepareContext(ex, signatureOf(ex, signatures, detect));
}
