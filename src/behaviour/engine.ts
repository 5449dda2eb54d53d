import type { ExchangeContext } from '../context/context.js';
import { AlertBook } from './alert-book.js';
import { BaselineEvaluator } from './baseline.js';
import type { BehaviourAlert } from './behaviour-alert.js';
import { groupKey, matches } from './match.js';
import type { BehaviourRule } from './rule.js';
import { SequenceEvaluator } from './sequence.js';
import { ThresholdEvaluator } from './threshold.js';

// The behaviour engine: every rule sees every exchange context, in time order; state is per rule and group,
// TTL'd and capped, so memory stays bounded however many clients there are.

export interface EngineOptions {
  /** Groups kept per rule (least recently active evicted first). */
  maxGroupsPerRule?: number;
  maxAlerts?: number;
  onAlert?: (a: BehaviourAlert) => void;
}

interface Evaluator {
  readonly rule: BehaviourRule;
  readonly groupCount: number;
  observe(c: ExchangeContext, key: string): void;
}

export class BehaviourEngine {
  private readonly book: AlertBook;
  private readonly evaluators: Evaluator[];
  /** Rules whose top-level match has nothing but a role list, indexed by role, so most rules skip most traffic. */
  observed = 0;

  constructor(
    readonly rules: readonly BehaviourRule[],
    opts: EngineOptions = {},
  ) {
    this.book = new AlertBook(opts.maxAlerts, opts.onAlert);
    const cap = opts.maxGroupsPerRule ?? 150_000;
    this.evaluators = rules.map((r) => {
      switch (r.kind) {
        case 'threshold':
          return new ThresholdEvaluator(r, this.book, cap);
        case 'sequence':
          return new SequenceEvaluator(r, this.book, cap);
        case 'baseline':
          return new BaselineEvaluator(r, this.book, cap);
      }
    });
  }

  observe(c: ExchangeContext): void {
    this.observed++;
    for (const e of this.evaluators) {
      if (!matches(e.rule.match, c)) continue;
      const key = groupKey(c, e.rule.groupBy);
      if (key !== undefined) e.observe(c, key);
    }
  }

  get alerts(): readonly BehaviourAlert[] {
    return this.book.all;
  }

  /** Live groups per rule id (for state-bound checks and metrics). */
  groupCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.evaluators) out[e.rule.id] = e.groupCount;
    return out;
  }
}
