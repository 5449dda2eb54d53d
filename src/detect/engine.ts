import type { Exchange, Finding } from '../exchange/exchange.js';
import './detectors/index.js';
import { detectors } from './registry.js';
import { extractValues } from './extract/index.js';
import { scanValue } from './value.js';
import { excluded, scoreOf, shorten, totalScore } from './score.js';
import type { DetectOptions, Detector, InspectResult, Report, ScanContext, ScanValue, ValueKind } from './types.js';

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

class Collector implements ScanContext {
  readonly findings: Finding[] = [];
  category = '';
  location = '';
  constructor(
    readonly exchange: Exchange,
    readonly paranoia: number,
    private readonly exclusions: DetectOptions['exclusions'],
  ) {}
  report(r: Report): void {
    if ((r.paranoia ?? 1) > this.paranoia) return;
    const f: Finding = {
      category: this.category,
      rule: r.rule,
      severity: r.severity,
      confidence: r.confidence,
      score: scoreOf(r),
      location: this.location,
      evidence: shorten(r.evidence),
    };
    if (this.exclusions.length && excluded(f, this.exclusions)) return;
    for (const g of this.findings) if (g.rule === f.rule && g.location === f.location && g.score >= f.score) return;
    this.findings.push(f);
  }
}

const ALL_KINDS: ValueKind[] = ['path', 'query', 'query-key', 'header', 'cookie', 'cookie-key', 'body', 'body-key', 'filename', 'raw-body', 'xml-doc'];
let byKind: Map<ValueKind, Detector[]> | undefined;
let registered = 0;

/** Detectors that read each value kind, computed once (and again if the registry grew). */
function forKind(kind: ValueKind): Detector[] {
  const list = detectors();
  if (!byKind || registered !== list.length) {
    byKind = new Map(ALL_KINDS.map((k) => [k, list.filter((d) => d.scan && (!d.kinds || d.kinds.includes(k)))]));
    registered = list.length;
  }
  return byKind.get(kind) ?? [];
}

export function inspectExchange(ex: Exchange, options: Partial<DetectOptions> = {}): InspectResult {
  const opts = resolveOptions(options);
  const ctx = new Collector(ex, opts.paranoia, opts.exclusions);
  const list = detectors();
  let budget = opts.budget;
  const values: ScanValue[] = [];
  // repeated values (the same key in every array item, the same word in many fields) are scanned once while clean
  const clean = new Set<string>();
  for (const raw of extractValues(ex)) {
    const memo = raw.text.length <= 64 ? `${raw.kind}\0${raw.name ?? ''}\0${raw.text}` : undefined;
    if (memo !== undefined && clean.has(memo)) continue;
    const before = ctx.findings.length;
    if (budget <= 0) {
      ctx.category = 'detect';
      ctx.location = raw.location;
      ctx.report({ rule: 'detect.budget-exceeded', severity: 'low', confidence: 1, score: opts.paranoia >= 3 ? 5 : 0, evidence: `${raw.text.length} characters not inspected` });
      break;
    }
    const v = scanValue(raw, budget);
    budget -= v.decoded.length;
    values.push(v);
    ctx.location = v.location;
    const classes = v.classes;
    for (const d of forKind(v.kind)) {
      if (d.triggers === 0 || (classes & d.triggers) !== 0) {
        ctx.category = d.category;
        d.scan!(v, ctx);
      }
    }
    if (memo !== undefined && ctx.findings.length === before) clean.add(memo);
  }
  for (const d of list) {
    if (d.scanExchange) {
      ctx.category = d.category;
      ctx.location = 'request';
      d.scanExchange(ex, values, ctx);
    }
  }
  const findings = ctx.findings.sort((a, b) => b.score - a.score);
  const score = totalScore(findings);
  return { score, attack: score >= opts.threshold, findings };
}
