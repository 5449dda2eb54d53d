import type { EndpointRole } from '../context/role.js';
import { ENDPOINT_ROLES } from '../context/role.js';
import type { Outcome } from '../context/outcome.js';
import type { Comparison, Condition, KeyField, MatchSpec } from './rule.js';
import { KEY_FIELDS } from './rule.js';

// Parsers for the pieces of a rule. Each throws a RuleError naming the key it could not read.

export class RuleError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
  }
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const OUTCOMES: Outcome[] = ['success', 'failure', 'throttled', 'error'];
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function duration(v: unknown, key: string): number {
  if (typeof v === 'number' && v > 0) return v * 1000;
  if (typeof v !== 'string') throw new RuleError(key, 'expected a duration such as 90s, 15m, 24h or 7d');
  const t = v.trim();
  const unit = t.endsWith('ms') ? 'ms' : t.slice(-1);
  const n = Number(t.slice(0, t.length - unit.length));
  const mult = UNITS[unit];
  if (!mult || !Number.isFinite(n) || n <= 0) throw new RuleError(key, `"${v}" is not a duration such as 90s, 15m, 24h or 7d`);
  return n * mult;
}

export function str(v: unknown, key: string): string {
  if (typeof v !== 'string' || !v.trim()) throw new RuleError(key, 'expected a non-empty string');
  return v.trim();
}

export function num(v: unknown, key: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new RuleError(key, `expected a number ≥ ${min}`);
  return v;
}

function list(v: unknown, _key: string): unknown[] {
  return Array.isArray(v) ? v : [v];
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], key: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new RuleError(key, `expected one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
  return v as T;
}

function bool(v: unknown, key: string): boolean {
  if (typeof v !== 'boolean') throw new RuleError(key, 'expected true or false');
  return v;
}

function statusRange(v: unknown, key: string): [number, number] {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599) return [v, v];
  if (typeof v === 'string' && v.length === 3 && v.endsWith('xx') && v[0]! >= '1' && v[0]! <= '5') {
    const base = Number(v[0]) * 100;
    return [base, base + 99];
  }
  throw new RuleError(key, `expected a status such as 401 or a class such as 4xx (got ${JSON.stringify(v)})`);
}

const MATCH_KEYS = ['role', 'method', 'status', 'outcome', 'endpoint', 'has_finding', 'signature_attack', 'foreign_object', 'has_object', 'non_browser', 'authenticated', 'privilege_fields', 'unknown_fields', 'has_page', 'anomaly_score_min', 'amount_max'];

export function matchSpec(v: unknown, key: string): MatchSpec {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) throw new RuleError(key, 'expected a mapping of conditions');
  const m: MatchSpec = {};
  for (const [k, val] of Object.entries(v)) {
    const at = `${key}.${k}`;
    switch (k) {
      case 'role':
        m.role = list(val, at).map((x) => oneOf<EndpointRole>(x, ENDPOINT_ROLES, at));
        break;
      case 'method':
        m.method = list(val, at).map((x) => str(x, at).toUpperCase());
        break;
      case 'status':
        m.status = list(val, at).map((x) => statusRange(x, at));
        break;
      case 'outcome':
        m.outcome = list(val, at).map((x) => oneOf<Outcome>(x, OUTCOMES, at));
        break;
      case 'endpoint':
        m.endpoint = list(val, at).map((x) => str(x, at));
        break;
      case 'has_finding':
        m.hasFinding = bool(val, at);
        break;
      case 'signature_attack':
        m.signatureAttack = bool(val, at);
        break;
      case 'foreign_object':
        m.foreignObject = bool(val, at);
        break;
      case 'has_object':
        m.hasObject = bool(val, at);
        break;
      case 'non_browser':
        m.nonBrowser = bool(val, at);
        break;
      case 'authenticated':
        m.authenticated = bool(val, at);
        break;
      case 'privilege_fields':
        m.privilegeFields = bool(val, at);
        break;
      case 'unknown_fields':
        m.unknownFields = bool(val, at);
        break;
      case 'has_page':
        m.hasPage = bool(val, at);
        break;
      case 'anomaly_score_min':
        m.anomalyScoreMin = num(val, at);
        break;
      case 'amount_max':
        m.amountMax = num(val, at);
        break;
      default:
        throw new RuleError(at, `unknown condition (known: ${MATCH_KEYS.join(', ')})`);
    }
  }
  return m;
}

export function keyField(v: unknown, key: string): KeyField {
  return oneOf<KeyField>(v, KEY_FIELDS, key);
}

export function keyFields(v: unknown, key: string): KeyField[] {
  const out = list(v, key).map((x) => keyField(x, key));
  if (out.length === 0) throw new RuleError(key, 'expected at least one field');
  return out;
}

const OPS: Comparison[] = ['>=', '<=', '==', '>', '<'];

/** "distinct.accounts >= 20" */
export function condition(v: unknown, key: string): Condition {
  const text = str(v, key);
  for (const op of OPS) {
    const at = text.indexOf(op);
    if (at <= 0) continue;
    const metric = text.slice(0, at).trim();
    const value = Number(text.slice(at + op.length).trim());
    if (!metric || !Number.isFinite(value)) break;
    return { metric, op, value };
  }
  throw new RuleError(key, `"${text}" is not a condition such as "count >= 20" or "ratio.failures >= 0.8"`);
}
