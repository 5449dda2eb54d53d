import type { BehaviourAlert } from './behaviour-alert.js';
import { addEvidence, newAlert } from './behaviour-alert.js';
import type { Evidence } from './evidence.js';
import type { BehaviourRule } from './rule.js';

// Every alert raised, deduplicated: a rule firing again for the same group within its dedup window updates the
// alert it raised instead of raising another.

export class AlertBook {
  private readonly byKey = new Map<string, BehaviourAlert>();
  readonly all: BehaviourAlert[] = [];
  private n = 0;

  constructor(
    private readonly maxAlerts = 100_000,
    private readonly onRaise?: (a: BehaviourAlert) => void,
  ) {}

  /** Returns the alert, and whether it is new. */
  fire(rule: BehaviourRule, key: string, summary: string, evidence: readonly Evidence[], now: number): BehaviourAlert | undefined {
    const k = `${rule.id}\u0000${key}`;
    const prev = this.byKey.get(k);
    if (prev && now - prev.lastSeen <= rule.dedupMs) {
      for (const e of evidence) addEvidence(prev, e);
      prev.summary = summary;
      prev.message = summary;
      return prev;
    }
    if (this.all.length >= this.maxAlerts) return undefined;
    const a = newAlert(rule, key, summary, evidence, now, ++this.n);
    this.byKey.set(k, a);
    this.all.push(a);
    this.onRaise?.(a);
    return a;
  }
}
