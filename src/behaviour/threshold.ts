import type { ExchangeContext } from '../context/context.js';
import { numericId } from '../context/objects.js';
import type { AlertBook } from './alert-book.js';
import type { BehaviourAlert } from './behaviour-alert.js';
import { addEvidence } from './behaviour-alert.js';
import type { Evidence } from './evidence.js';
import { evidenceOf, pushRecent } from './evidence.js';
import { fieldValue, matches } from './match.js';
import type { Condition, ThresholdRule } from './rule.js';
import { DistinctCounter } from './state/distinct.js';
import { TtlMap } from './state/ttl-map.js';
import { renderSummary } from './summary.js';

// Threshold rules: per group, a window of counts, named counters, distinct counts and the longest run of
// sequential numeric ids; when every condition holds the rule fires.

const PRE_FIRE_EVIDENCE = 24;

interface Group {
  start: number;
  last: number;
  /** Events (sliding window) or the bucket level (leaky). */
  count: number;
  /** Events since the group started (ratios divide by this). */
  events: number;
  counters: number[];
  distinct: (DistinctCounter | undefined)[];
  lastId: number;
  run: number;
  maxRun: number;
  recent: Evidence[];
  alert?: BehaviourAlert;
}

export class ThresholdEvaluator {
  private readonly groups: TtlMap<Group>;
  private readonly counterSpecs;
  private readonly distinctFields;
  private readonly needsSequential: boolean;

  constructor(
    readonly rule: ThresholdRule,
    private readonly book: AlertBook,
    maxGroups: number,
  ) {
    this.groups = new TtlMap(Math.max(rule.window.ms, 60_000), maxGroups);
    this.counterSpecs = [...rule.counters.values()];
    this.distinctFields = [...rule.distinct.values()];
    this.needsSequential = rule.when.some((c) => c.metric === 'sequential');
    this.ordered = [...rule.when].sort((a, b) => Number(a.metric.startsWith('distinct.')) - Number(b.metric.startsWith('distinct.')));
  }

  get groupCount(): number {
    return this.groups.size;
  }

  observe(c: ExchangeContext, key: string): void {
    const rule = this.rule;
    const now = c.time;
    let g = this.groups.get(key, now);
    if (g && this.expired(g, now)) g = undefined;
    if (!g) g = { start: now, last: now, count: 0, events: 0, counters: new Array<number>(this.counterSpecs.length).fill(0), distinct: new Array(this.distinctFields.length), lastId: NaN, run: 0, maxRun: 0, recent: [] };
    this.groups.set(key, g, now);
    if (rule.window.kind === 'leaky') g.count = Math.max(0, g.count - ((now - g.last) / 1000) * rule.window.leakPerSecond);
    g.last = now;
    g.count++;
    g.events++;
    for (let i = 0; i < this.counterSpecs.length; i++) if (matches(this.counterSpecs[i]!, c)) g.counters[i]!++;
    for (let i = 0; i < this.distinctFields.length; i++) this.addDistinct(g, i, c);
    if (this.needsSequential) this.trackSequential(g, c);
    const ev = evidenceOf(c);
    if (g.alert) {
      addEvidence(g.alert, ev);
      return;
    }
    pushRecent(g.recent, ev, PRE_FIRE_EVIDENCE);
    if (!this.holds(g)) return;
    const summary = renderSummary(rule.summary, key, (m) => this.metric(g, m));
    g.alert = this.book.fire(rule, key, summary, g.recent, now);
    g.recent = [];
  }

  private expired(g: Group, now: number): boolean {
    if (this.rule.window.kind === 'leaky') return g.count - ((now - g.last) / 1000) * this.rule.window.leakPerSecond <= 0;
    return now - g.start > this.rule.window.ms;
  }

  private addDistinct(g: Group, i: number, c: ExchangeContext): void {
    const field = this.distinctFields[i]!;
    let d = g.distinct[i];
    if (field === 'object') {
      if (c.objects.length === 0) return;
      d ??= g.distinct[i] = new DistinctCounter();
      for (const o of c.objects) d.add(o.key);
      return;
    }
    const v = fieldValue(c, field);
    if (v === undefined) return;
    d ??= g.distinct[i] = new DistinctCounter();
    d.add(v);
  }

  private trackSequential(g: Group, c: ExchangeContext): void {
    const o = c.objects[0];
    const id = o ? numericId(o) : undefined;
    if (id === undefined) return;
    const step = Math.abs(id - g.lastId);
    g.run = step >= 1 && step <= 3 ? g.run + 1 : 1;
    g.lastId = id;
    if (g.run > g.maxRun) g.maxRun = g.run;
  }

  metric(g: Group, name: string): number | undefined {
    let f = this.resolvers.get(name);
    if (!f) {
      f = this.resolver(name);
      this.resolvers.set(name, f);
    }
    return f(g);
  }

  private readonly resolvers = new Map<string, (g: Group) => number | undefined>();

  private resolver(name: string): (g: Group) => number | undefined {
    if (name === 'count' || name === 'level') return (g) => g.count;
    if (name === 'sequential') return (g) => g.maxRun;
    const dot = name.indexOf('.');
    const head = name.slice(0, dot);
    const tail = name.slice(dot + 1);
    if (head === 'distinct') {
      const i = [...this.rule.distinct.keys()].indexOf(tail);
      return i < 0 ? () => undefined : (g) => g.distinct[i]?.count() ?? 0;
    }
    const i = [...this.rule.counters.keys()].indexOf(tail);
    if (i < 0) return () => undefined;
    if (head === 'count') return (g) => g.counters[i];
    if (head === 'ratio') return (g) => (g.events > 0 ? g.counters[i]! / g.events : 0);
    return () => undefined;
  }

  /** Conditions with cheap metrics first, sketches last. */
  private readonly ordered: Condition[];

  private holds(g: Group): boolean {
    for (const c of this.ordered) if (!compare(this.metric(g, c.metric) ?? 0, c)) return false;
    return true;
  }
}

function compare(v: number, c: Condition): boolean {
  switch (c.op) {
    case '>=':
      return v >= c.value;
    case '>':
      return v > c.value;
    case '<=':
      return v <= c.value;
    case '<':
      return v < c.value;
    case '==':
      return v === c.value;
  }
}
