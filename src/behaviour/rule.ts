import type { Severity } from '../alerts/alert.js';
import type { EndpointRole } from '../context/role.js';
import type { Outcome } from '../context/outcome.js';

// A behaviour rule, as loaded and validated from YAML (see docs/behaviour.md for the language).

/** What an exchange must be for a rule (or one of its counters or steps) to count it. Every given key must hold. */
export interface MatchSpec {
  role?: EndpointRole[];
  method?: string[];
  /** Exact statuses or classes ("4xx"), as [low, high] ranges. */
  status?: [number, number][];
  outcome?: Outcome[];
  /** Endpoint keys ("GET /api/orders/{id}") or prefixes ending in *. */
  endpoint?: string[];
  hasFinding?: boolean;
  signatureAttack?: boolean;
  foreignObject?: boolean;
  hasObject?: boolean;
  nonBrowser?: boolean;
  authenticated?: boolean;
  privilegeFields?: boolean;
  unknownFields?: boolean;
  hasPage?: boolean;
  anomalyScoreMin?: number;
  amountMax?: number;
}

export const KEY_FIELDS = ['ip', 'ip24', 'principal', 'fingerprint', 'account', 'endpoint', 'owner', 'actor', 'card', 'object', 'page', 'response_shape', 'role'] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

export type Comparison = '>=' | '>' | '<=' | '<' | '==';

export interface Condition {
  /** count | count.NAME | ratio.NAME | distinct.NAME | sequential */
  metric: string;
  op: Comparison;
  value: number;
}

export interface WindowSpec {
  kind: 'sliding' | 'leaky';
  ms: number;
  /** Leaky bucket: events drained per second. */
  leakPerSecond: number;
}

export interface SequenceStep {
  match: MatchSpec;
  min: number;
}

export interface BaselineSpec {
  metric: 'count' | 'error_ratio';
  bucketMs: number;
  warmupBuckets: number;
  factor: number;
  min: number;
}

interface RuleBase {
  id: string;
  type: string;
  severity: Severity;
  summary: string;
  source: string;
  match: MatchSpec;
  groupBy: KeyField[];
  /** Firings of one group within this time update one alert. */
  dedupMs: number;
}

export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  window: WindowSpec;
  counters: Map<string, MatchSpec>;
  distinct: Map<string, KeyField>;
  when: Condition[];
}

export interface SequenceRule extends RuleBase {
  kind: 'sequence';
  withinMs: number;
  steps: SequenceStep[];
}

export interface BaselineRule extends RuleBase {
  kind: 'baseline';
  baseline: BaselineSpec;
}

export type BehaviourRule = ThresholdRule | SequenceRule | BaselineRule;
