import type { Exchange, Finding } from '../exchange/exchange.js';
import './detectors/index.js';
import { detectors } from './registry.js';
import { C } from './charclass.js';
import { base64Value, extractValues, MAX_NESTED, nestedValues } from './extract/index.js';
import { scanValue, type Value } from './value.js';
import { excluded, scoreOf, shorten, totalScore, weighByLocation } from './score.js';
import type { DetectOptions, Detector, InspectResult, RawValue, Report, ScanContext, ScanValue, ValueKind } from './types.js';

// extract → decode → detect → score. Pure: reads the exchange, returns findings; the control decides what to do.

export const DEFAULT_OPTIONS: DetectOptions = { paranoia: 1, threshold: 5, exclusions: [], budget: 1 << 20 };

export function resolveOptions(o: Partial<DetectOptions> = {}): DetectOptions {
  const paranoia = Math.min(4, Math.max(1, Math.floor(o.paranoia ?? DEFAULT_OPTIONS.paranoia)));
  return {
    paranoia,
    threshold: o.threshold ?? DEFAULT_OPTIONS.threshold,
    exclusions: o.exclusions ?? [],
    budget: o.budget ?? DEFAULT_OPTIONS.budget,
  };
}

/**
 * Higher paranoia trusts weaker evidence: at 2 a high-confidence finding (4) blocks on its own, at 3 a medium one (3)
 * counts as high, at 4 it blocks on its own. Rules that are only meaningful at a level declare it (Report.paranoia).
 */
function escalate(score: number, paranoia: number): number {
  if (paranoia >= 2 && score === 4) return 5;
  if (paranoia >= 3 && score === 3) return paranoia >= 4 ? 5 : 4;
  return score;
}

class Collector implements ScanContext {
  readonly findings: Finding[] = [];
  category = '';
  /** Whether the detector reporting reads code where a name should be (its findings in names weigh more). */
  weighNames = true;
  /** The value being scanned (its location is only built when something is reported), or a fixed location. */
  at: RawValue | string = '';
  /** Reports made (before paranoia, exclusions and duplicates drop any): a value with none was found clean. */
  reports = 0;
  /** Set when a detector read the exchange: its verdict on the value then depends on more than the value. */
  exchangeRead = false;
  constructor(
    private readonly ex: Exchange,
    readonly paranoia: number,
    private readonly exclusions: DetectOptions['exclusions'],
  ) {}
  get exchange(): Exchange {
    this.exchangeRead = true;
    return this.ex;
  }
  report(r: Report): void {
    this.reports++;
    if ((r.paranoia ?? 1) > this.paranoia) return;
    const location = typeof this.at === 'string' ? this.at : this.at.location;
    const f: Finding = {
      category: this.category,
      rule: r.rule,
      severity: r.severity,
      confidence: r.confidence,
      score: escalate(this.weighNames && !r.nameNeutral ? weighByLocation(scoreOf(r), location) : scoreOf(r), this.paranoia),
      location,
      evidence: shorten(r.evidence),
    };
    if (this.exclusions.length && excluded(f, this.exclusions)) return;
    for (const g of this.findings) if (g.rule === f.rule && g.location === f.location && g.score >= f.score) return;
    this.findings.push(f);
  }
}

/** Characters base64 text never has. */
const NOT_BASE64 = (C.SPACE | C.DOT | C.PERCENT | C.SQUOTE | C.DQUOTE | C.LT | C.GT | C.SEMI | C.COLON | C.PAREN | C.COMMA | C.AT | C.AMP | C.BRACE | C.BRACKET | C.NEWLINE | C.CTRL | C.HIGH) >>> 0;

/** Letters, digits, '_' and '-' only. */
const PLAIN = C.ALNUM | C.DASH;

const ALL_KINDS: ValueKind[] = ['path', 'query', 'query-key', 'header', 'cookie', 'cookie-key', 'body', 'body-key', 'filename', 'raw-body', 'xml-doc'];
/** A detector as the value loop sees it: one shape for all (monomorphic loads in the hot loop). */
class Entry {
  readonly triggers: number;
  readonly plainMin: number;
  readonly category: string;
  readonly weighNames: boolean;
  readonly scan: (v: ScanValue, ctx: ScanContext) => void;
  constructor(d: Detector) {
    this.triggers = d.triggers;
    this.plainMin = d.plainMin ?? 0;
    this.category = d.category;
    this.weighNames = !d.namesAreItsInput;
    this.scan = d.scan!.bind(d);
  }
}

let byKind: Map<ValueKind, Entry[]> | undefined;
let registered = 0;

/** Detectors that read each value kind, computed once (and again if the registry grew). */
function entriesByKind(): Map<ValueKind, Entry[]> {
  const list = detectors();
  if (!byKind || registered !== list.length) {
    byKind = new Map(ALL_KINDS.map((k) => [k, list.filter((d) => d.scan && (!d.kinds || d.kinds.includes(k))).map((d) => new Entry(d))]));
    registered = list.length;
    for (const c of cleanByParanoia) c.clear();
  }
  return byKind;
}
const NO_ENTRIES: Entry[] = [];

/**
 * Values every detector scanned without reporting anything, across requests: the same keys, user agents, cookies and
 * paths come back in request after request (body and query values are not remembered: most are new each time, and
 * remembering them cost more than it saved when they were). A detector's verdict on a value depends only on its
 * kind, name and text (and the paranoia level: one set per level), unless the detector read the exchange or the
 * value's location while scanning it; such values are never remembered, so a hit here is exactly the verdict a scan
 * would give. Bounded: short values only, and the set is emptied when full.
 */
const CLEAN_MAX_TEXT = 128;
const CLEAN_MAX_ENTRIES = 8192;

/** Clean texts by kind and name (no key strings to build: the value's own strings are looked up). */
class SeenClean {
  private readonly byKind = new Map<ValueKind, Map<string | undefined, Set<string>>>();
  private size = 0;
  has(v: Value): boolean {
    return this.byKind.get(v.kind)?.get(v.name)?.has(v.text) === true;
  }
  add(v: Value): void {
    if (this.size >= CLEAN_MAX_ENTRIES) this.clear();
    let names = this.byKind.get(v.kind);
    if (!names) this.byKind.set(v.kind, (names = new Map()));
    let texts = names.get(v.name);
    if (!texts) names.set(v.name, (texts = new Set()));
    texts.add(v.text);
    this.size++;
  }
  clear(): void {
    this.byKind.clear();
    this.size = 0;
  }
}
const cleanByParanoia: SeenClean[] = [new SeenClean(), new SeenClean(), new SeenClean(), new SeenClean(), new SeenClean()];

/** Values seen clean in this request (the same key in every array item, the same word in many fields), by text. */
class CleanSet {
  private readonly byText = new Map<string, RawValue>();
  has(v: RawValue): boolean {
    const x = this.byText.get(v.text);
    return x !== undefined && x.kind === v.kind && x.name === v.name;
  }
  add(v: RawValue): void {
    // the first value seen with a text stands for it (another kind or name with the same text is scanned again)
    if (!this.byText.has(v.text)) this.byText.set(v.text, v);
  }
}

export function inspectExchange(ex: Exchange, options: Partial<DetectOptions> = {}): InspectResult {
  const opts = resolveOptions(options);
  const ctx = new Collector(ex, opts.paranoia, opts.exclusions);
  const list = detectors();
  let budget = opts.budget;
  const values: ScanValue[] = [];
  const seenClean = cleanByParanoia[opts.paranoia]!;
  const kinds = entriesByKind();
  // repeated JSON keys are scanned once while clean
  const clean = new CleanSet();
  // a parameter string inside a value (a=1&b=2 double-encoded, a form body sent as one key, a referer's query):
  // its values are scanned as values of their own, after the others and once (no recursion)
  const nested: RawValue[] = [];
  const extracted = extractValues(ex);
  const total = extracted.length;
  for (let idx = 0; idx < total + nested.length; idx++) {
    const raw = idx < total ? extracted[idx]! : nested[idx - total]!;
    // keys repeat (the same key in every item of an array) and are cheap to look up; values rarely repeat
    const memo = raw.kind === 'body-key' && raw.text.length <= 64;
    if (memo && clean.has(raw)) continue;
    const before = ctx.findings.length;
    if (budget <= 0) {
      ctx.category = 'detect';
      ctx.at = raw;
      ctx.report({ rule: 'detect.budget-exceeded', severity: 'low', confidence: 1, score: opts.paranoia >= 3 ? 5 : 0, evidence: `${raw.text.length} characters not inspected` });
      break;
    }
    const v = scanValue(raw, budget);
    budget -= v.decoded.length;
    values.push(v);
    ctx.at = v;
    const classes = v.classes;
    const entries = kinds.get(v.kind) ?? NO_ENTRIES;
    const remember = v.text.length <= CLEAN_MAX_TEXT && v.kind !== 'body' && v.kind !== 'query';
    if (!remember || !seenClean.has(v)) {
      const plainLength = (classes & ~PLAIN) === 0 ? v.decoded.length : 1 << 30;
      const reportsBefore = ctx.reports;
      ctx.exchangeRead = false;
      for (let k = 0; k < entries.length; k++) {
        const d = entries[k]!;
        if ((d.triggers === 0 || (classes & d.triggers) !== 0) && plainLength >= d.plainMin) {
          ctx.category = d.category;
          ctx.weighNames = d.weighNames;
          d.scan(v, ctx);
        }
      }
      if (remember && ctx.reports === reportsBefore && !ctx.exchangeRead && !v.locationRead) seenClean.add(v);
    }
    if (memo && ctx.findings.length === before) clean.add(raw);
    if (idx < total && nested.length < MAX_NESTED && (classes & C.ALNUM) !== 0 && v.kind !== 'path') {
      // (a parameter string has an =)
      if (classes & C.EQ) nestedValues(v, nested);
      if (v.decoded.length >= 12 && !(classes & NOT_BASE64)) base64Value(v, nested);
    }
  }
  for (const d of list) {
    if (d.scanExchange) {
      ctx.category = d.category;
      ctx.weighNames = !d.namesAreItsInput;
      ctx.at = 'request';
      d.scanExchange(ex, values, ctx);
    }
  }
  const findings = ctx.findings.sort((a, b) => b.score - a.score);
  const score = totalScore(findings);
  return { score, attack: score >= opts.threshold, findings };
}
