import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Severity } from '../alerts/alert.js';
import type { BaselineRule, BehaviourRule, Condition, KeyField, MatchSpec, SequenceRule, SequenceStep, ThresholdRule, WindowSpec } from './rule.js';
import { condition, duration, isObj, keyField, keyFields, matchSpec, num, RuleError, str, type Obj } from './rule-parse.js';

// Loads rule files once, validating everything; an error names the file, the rule and the key.

export class RuleFileError extends Error {}

const SEVERITIES: Severity[] = ['low', 'medium', 'high', 'critical'];
const COMMON = ['id', 'type', 'severity', 'summary', 'match', 'group_by', 'dedup', 'description'];
const THRESHOLD_KEYS = [...COMMON, 'window', 'bucket', 'leak', 'count', 'distinct', 'when'];
const SEQUENCE_KEYS = [...COMMON, 'sequence'];
const BASELINE_KEYS = [...COMMON, 'baseline'];

function checkKeys(r: Obj, allowed: string[]): void {
  for (const k of Object.keys(r)) if (!allowed.includes(k)) throw new RuleError(k, `unknown key (allowed here: ${allowed.join(', ')})`);
}

function windowOf(r: Obj): WindowSpec {
  const ms = duration(r.window, 'window');
  const kind = r.bucket === undefined ? 'sliding' : r.bucket;
  if (kind !== 'sliding' && kind !== 'leaky') throw new RuleError('bucket', 'expected sliding or leaky');
  const leak = r.leak === undefined ? 0 : num(r.leak, 'leak');
  if (kind === 'leaky' && leak <= 0) throw new RuleError('leak', 'a leaky bucket needs leak: events drained per second (> 0)');
  return { kind, ms, leakPerSecond: leak };
}

function checkMetric(c: Condition, counters: Map<string, MatchSpec>, distinct: Map<string, KeyField>, key: string): void {
  const dot = c.metric.indexOf('.');
  const head = dot < 0 ? c.metric : c.metric.slice(0, dot);
  const name = dot < 0 ? '' : c.metric.slice(dot + 1);
  if (c.metric === 'count' || c.metric === 'sequential' || c.metric === 'level') return;
  if ((head === 'count' || head === 'ratio') && counters.has(name)) return;
  if (head === 'distinct' && distinct.has(name)) return;
  const known = ['count', 'sequential', ...[...counters.keys()].flatMap((n) => [`count.${n}`, `ratio.${n}`]), ...[...distinct.keys()].map((n) => `distinct.${n}`)];
  throw new RuleError(key, `unknown metric "${c.metric}" (this rule declares: ${known.join(', ')})`);
}

function thresholdRule(r: Obj, base: Omit<ThresholdRule, 'kind' | 'window' | 'counters' | 'distinct' | 'when'>): ThresholdRule {
  checkKeys(r, THRESHOLD_KEYS);
  const counters = new Map<string, MatchSpec>();
  if (r.count !== undefined) {
    if (!isObj(r.count)) throw new RuleError('count', 'expected a mapping of counter name → match conditions');
    for (const [n, m] of Object.entries(r.count)) counters.set(n, matchSpec(m, `count.${n}`));
  }
  const distinct = new Map<string, KeyField>();
  if (r.distinct !== undefined) {
    if (!isObj(r.distinct)) throw new RuleError('distinct', 'expected a mapping of name → field (ip, account, fingerprint...)');
    for (const [n, f] of Object.entries(r.distinct)) distinct.set(n, keyField(f, `distinct.${n}`));
  }
  if (!Array.isArray(r.when) || r.when.length === 0) throw new RuleError('when', 'expected a list of conditions such as "count >= 20"');
  const when = r.when.map((c, i) => condition(c, `when[${i}]`));
  when.forEach((c, i) => checkMetric(c, counters, distinct, `when[${i}]`));
  return { ...base, kind: 'threshold', window: windowOf(r), counters, distinct, when };
}

function sequenceRule(r: Obj, base: Omit<SequenceRule, 'kind' | 'withinMs' | 'steps'>): SequenceRule {
  checkKeys(r, SEQUENCE_KEYS);
  const s = r.sequence;
  if (!isObj(s)) throw new RuleError('sequence', 'expected a mapping with within and steps');
  const withinMs = duration(s.within, 'sequence.within');
  if (!Array.isArray(s.steps) || s.steps.length < 2) throw new RuleError('sequence.steps', 'expected a list of at least two steps');
  const steps: SequenceStep[] = s.steps.map((st: unknown, i: number) => {
    const at = `sequence.steps[${i}]`;
    if (!isObj(st)) throw new RuleError(at, 'expected a mapping with match (and optionally min)');
    return { match: matchSpec(st.match, `${at}.match`), min: st.min === undefined ? 1 : num(st.min, `${at}.min`, 1) };
  });
  return { ...base, kind: 'sequence', withinMs, steps };
}

function baselineRule(r: Obj, base: Omit<BaselineRule, 'kind' | 'baseline'>): BaselineRule {
  checkKeys(r, BASELINE_KEYS);
  const b = r.baseline;
  if (!isObj(b)) throw new RuleError('baseline', 'expected a mapping with metric, bucket, factor, min');
  if (b.metric !== 'count' && b.metric !== 'error_ratio') throw new RuleError('baseline.metric', 'expected count or error_ratio');
  return {
    ...base,
    kind: 'baseline',
    baseline: {
      metric: b.metric,
      bucketMs: duration(b.bucket ?? '1m', 'baseline.bucket'),
      warmupBuckets: b.warmup === undefined ? 30 : num(b.warmup, 'baseline.warmup', 1),
      factor: b.factor === undefined ? 5 : num(b.factor, 'baseline.factor', 1),
      min: b.min === undefined ? 50 : num(b.min, 'baseline.min', 1),
    },
  };
}

function ruleOf(r: unknown, source: string): BehaviourRule {
  if (!isObj(r)) throw new RuleError('(rule)', 'expected a mapping');
  const id = str(r.id, 'id');
  const severity = r.severity === undefined ? 'medium' : r.severity;
  if (!SEVERITIES.includes(severity as Severity)) throw new RuleError('severity', `expected one of ${SEVERITIES.join(', ')}`);
  const base = {
    id,
    type: r.type === undefined ? id : str(r.type, 'type'),
    severity: severity as Severity,
    summary: r.summary === undefined ? id : str(r.summary, 'summary'),
    source,
    match: matchSpec(r.match, 'match'),
    groupBy: keyFields(r.group_by, 'group_by'),
    dedupMs: r.dedup === undefined ? 6 * 3_600_000 : duration(r.dedup, 'dedup'),
  };
  if (r.sequence !== undefined) return sequenceRule(r, base);
  if (r.baseline !== undefined) return baselineRule(r, base);
  return thresholdRule(r, base);
}

/** Parses one rule document: `rules: [...]`. */
export function parseRules(text: string, file: string): BehaviourRule[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new RuleFileError(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (!isObj(doc) || !Array.isArray(doc.rules)) throw new RuleFileError(`${file}: expected a top-level "rules:" list`);
  const out: BehaviourRule[] = [];
  const ids = new Set<string>();
  doc.rules.forEach((r: unknown, i: number) => {
    const label = isObj(r) && typeof r.id === 'string' ? `rules[${i}] (${r.id})` : `rules[${i}]`;
    try {
      const rule = ruleOf(r, file);
      if (ids.has(rule.id)) throw new RuleError('id', `duplicate rule id "${rule.id}"`);
      ids.add(rule.id);
      out.push(rule);
    } catch (e) {
      if (e instanceof RuleError) throw new RuleFileError(`${file}: ${label}: ${e.message}`);
      throw e;
    }
  });
  return out;
}

export function loadRuleFile(file: string): BehaviourRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RuleFileError(`${file}: cannot read (${(e as Error).message})`);
  }
  return parseRules(text, file);
}

/** The shipped rules directory: src/behaviour/rules, found from both src/ and dist/src/. */
export function shippedRulesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromDist = resolve(here, '../../../src/behaviour/rules');
  return here.includes(`${join('dist', 'src')}`) ? fromDist : resolve(here, 'rules');
}

/** Shipped rules plus user files; a user rule with a shipped rule's id replaces it. */
export function loadRules(extraFiles: readonly string[] = [], includeShipped = true): BehaviourRule[] {
  const byId = new Map<string, BehaviourRule>();
  if (includeShipped) {
    const dir = shippedRulesDir();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) for (const r of loadRuleFile(join(dir, f))) byId.set(r.id, r);
  }
  for (const f of extraFiles) for (const r of loadRuleFile(f)) byId.set(r.id, r);
  return [...byId.values()];
}
