import type { ExchangeContext } from '../context/context.js';
import type { AlertBook } from './alert-book.js';
import type { BehaviourAlert } from './behaviour-alert.js';
import { addEvidence } from './behaviour-alert.js';
import type { Evidence } from './evidence.js';
import { evidenceOf, pushRecent } from './evidence.js';
import type { BaselineRule } from './rule.js';
import { TtlMap } from './state/ttl-map.js';
import { renderSummary } from './summary.js';

// Baseline rules: each group (an endpoint) against its own history. Counts per bucket feed an exponentially
// weighted mean once the bucket closes; a bucket over factor × mean (and over min) is anomalous, as is an error
// ratio far over its usual. Anomalous buckets do not teach the baseline.

const ALPHA = 0.1;
const RECENT = 32;
const MAX_GAP_BUCKETS = 120;

interface Series {
  bucket: number;
  count: number;
  errors: number;
  mean: number;
  errorMean: number;
  seen: number;
  anomalous: boolean;
  recent: Evidence[];
  alert?: BehaviourAlert;
}

export class BaselineEvaluator {
  private readonly series: TtlMap<Series>;

  constructor(
    readonly rule: BaselineRule,
    private readonly book: AlertBook,
    maxGroups: number,
  ) {
    this.series = new TtlMap(7 * 24 * 3_600_000, maxGroups);
  }

  get groupCount(): number {
    return this.series.size;
  }

  observe(c: ExchangeContext, key: string): void {
    const b = this.rule.baseline;
    const now = c.time;
    const bucket = Math.floor(now / b.bucketMs);
    const s = this.series.upsert(key, now, () => ({ bucket, count: 0, errors: 0, mean: 0, errorMean: 0, seen: 0, anomalous: false, recent: [] }));
    if (bucket > s.bucket) this.close(s, bucket);
    s.count++;
    if (c.status >= 400 || c.status === 0) s.errors++;
    const ev = evidenceOf(c);
    if (s.alert) {
      addEvidence(s.alert, ev);
      return;
    }
    pushRecent(s.recent, ev, RECENT);
    if (s.seen < b.warmupBuckets || s.count < b.min) return;
    const ratio = s.errors / s.count;
    const hit = b.metric === 'count' ? s.count > b.factor * Math.max(s.mean, 1) : ratio > Math.min(0.95, s.errorMean * b.factor + 0.3);
    if (!hit) return;
    s.anomalous = true;
    const metric = (m: string): number | undefined => (m === 'count' ? s.count : m === 'baseline' ? Math.round(s.mean * 10) / 10 : m === 'error_ratio' ? ratio : m === 'baseline_error_ratio' ? s.errorMean : undefined);
    s.alert = this.book.fire(this.rule, key, renderSummary(this.rule.summary, key, metric), s.recent, now);
    s.recent = [];
  }

  private close(s: Series, bucket: number): void {
    if (!s.anomalous) {
      s.mean = s.seen === 0 ? s.count : s.mean + ALPHA * (s.count - s.mean);
      s.errorMean = s.seen === 0 ? s.errors / Math.max(1, s.count) : s.errorMean + ALPHA * (s.errors / Math.max(1, s.count) - s.errorMean);
      s.seen++;
    }
    const gap = Math.min(MAX_GAP_BUCKETS, bucket - s.bucket - 1);
    for (let i = 0; i < gap; i++) {
      s.mean += ALPHA * (0 - s.mean);
      s.seen++;
    }
    s.bucket = bucket;
    s.count = 0;
    s.errors = 0;
    s.anomalous = false;
    s.recent = [];
    s.alert = undefined;
  }
}
