import type { ExchangeContext } from '../context/context.js';
import type { AlertBook } from './alert-book.js';
import type { Evidence } from './evidence.js';
import { evidenceOf, pushRecent } from './evidence.js';
import { matches } from './match.js';
import type { SequenceRule } from './rule.js';
import { TtlMap } from './state/ttl-map.js';
import { renderSummary } from './summary.js';

// Sequence rules: steps that must happen in order for one group within a time limit, each at least `min` times
// (e.g. ≥ 5 failed logins, then a success, then a password change). Repeats of the last completed step are
// evidence; the sequence restarts once it completes or runs out of time.

const MAX_EVIDENCE = 40;

interface Progress {
  start: number;
  /** Steps completed. */
  stage: number;
  /** Matches of the current step so far. */
  n: number;
  evidence: Evidence[];
  counts: number[];
}

export class SequenceEvaluator {
  private readonly groups: TtlMap<Progress>;

  constructor(
    readonly rule: SequenceRule,
    private readonly book: AlertBook,
    maxGroups: number,
  ) {
    this.groups = new TtlMap(rule.withinMs, maxGroups);
  }

  get groupCount(): number {
    return this.groups.size;
  }

  observe(c: ExchangeContext, key: string): void {
    const steps = this.rule.steps;
    const now = c.time;
    let p = this.groups.get(key, now);
    if (p && now - p.start > this.rule.withinMs) p = undefined;
    if (!p) {
      if (!matches(steps[0]!.match, c)) return;
      p = { start: now, stage: 0, n: 0, evidence: [], counts: new Array<number>(steps.length).fill(0) };
    }
    const next = steps[p.stage]!;
    if (matches(next.match, c)) {
      p.n++;
      p.counts[p.stage]!++;
      pushRecent(p.evidence, evidenceOf(c), MAX_EVIDENCE);
      if (p.n >= next.min) {
        p.stage++;
        p.n = 0;
      }
    } else if (p.stage > 0 && matches(steps[p.stage - 1]!.match, c)) {
      p.counts[p.stage - 1]!++;
      pushRecent(p.evidence, evidenceOf(c), MAX_EVIDENCE);
    } else {
      // a later step before this one completed breaks the sequence (a failure or two, then a success, is benign)
      for (let i = p.stage + 1; i < steps.length; i++) {
        if (matches(steps[i]!.match, c)) {
          this.groups.delete(key);
          return;
        }
      }
      if (p.stage === 0) return;
    }
    if (p.stage < steps.length) {
      this.groups.set(key, p, now);
      return;
    }
    const counts = p.counts;
    const summary = renderSummary(this.rule.summary, key, (m) => (m.startsWith('step') ? counts[Number(m.slice(4)) - 1] : undefined));
    this.book.fire(this.rule, key, summary, p.evidence, now);
    this.groups.delete(key);
  }
}
