import { TtlMap } from '../behaviour/state/ttl-map.js';

// Parameter profiles: per endpoint parameter, the shape of the values seen during a learning period (integer,
// uuid, enum of a few values, or free text). After learning, a value outside the shape is an anomaly; a value
// that also carries SQL or script syntax scores higher. A quote in a free-text field is never an anomaly.

export type ParamShape = 'int' | 'uuid' | 'enum' | 'token' | 'text';

export interface ParamAnomaly {
  location: string;
  expected: ParamShape;
  score: number;
  value: string;
}

interface Profile {
  samples: number;
  ints: number;
  uuids: number;
  tokens: number;
  values: Set<string> | undefined;
  maxLength: number;
  shape?: ParamShape;
}

const ENUM_MAX = 12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isInt(v: string): boolean {
  if (v.length === 0 || v.length > 19) return false;
  for (let i = v[0] === '-' ? 1 : 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return v !== '-';
}

function isToken(v: string): boolean {
  if (v.length === 0 || v.length > 128) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
    if (!ok) return false;
  }
  return true;
}

const SQL_WORDS = ['select', 'union', ' or ', ' and ', 'sleep', 'benchmark', 'waitfor', 'from', 'where', 'null', 'case', 'when', 'xor', 'like', 'having', 'order by'];
const SYNTAX_CHARS = "'\"()=;<>*|&`-#/\\";

/** How much a value outside its profile looks like code: SQL words, operators, script markers. */
export function codeLikeness(v: string): number {
  const lower = ` ${v.toLowerCase()} `;
  let score = 0;
  for (const w of SQL_WORDS) if (lower.includes(w)) score += 2;
  let syntax = 0;
  for (let i = 0; i < v.length && i < 512; i++) if (SYNTAX_CHARS.includes(v[i]!)) syntax++;
  if (syntax > 0) score += Math.min(4, syntax);
  if (lower.includes('<script') || lower.includes('javascript:')) score += 4;
  return score;
}

export class ParamProfiles {
  private readonly profiles: TtlMap<Profile>;

  constructor(
    readonly learnSamples = 40,
    maxParams = 50_000,
  ) {
    this.profiles = new TtlMap(7 * 24 * 3600_000, maxParams);
  }

  /** Learns from (or, once learned, checks) one parameter value. */
  observe(endpoint: string, location: string, value: string, now: number): ParamAnomaly | undefined {
    const key = `${endpoint} ${location}`;
    const p = this.profiles.upsert(key, now, () => ({ samples: 0, ints: 0, uuids: 0, tokens: 0, values: new Set(), maxLength: 0 }));
    if (p.shape) return this.check(p, location, value);
    p.samples++;
    if (isInt(value)) p.ints++;
    else if (value.length === 36 && UUID.test(value)) p.uuids++;
    if (isToken(value)) p.tokens++;
    if (value.length > p.maxLength) p.maxLength = value.length;
    if (p.values) {
      p.values.add(value.length <= 64 ? value : value.slice(0, 64));
      if (p.values.size > ENUM_MAX) p.values = undefined;
    }
    if (p.samples >= this.learnSamples) p.shape = settle(p);
    return undefined;
  }

  shapeOf(endpoint: string, location: string): ParamShape | undefined {
    return this.profiles.peek(`${endpoint} ${location}`)?.shape;
  }

  private check(p: Profile, location: string, value: string): ParamAnomaly | undefined {
    let ok: boolean;
    switch (p.shape) {
      case 'int':
        ok = isInt(value);
        break;
      case 'uuid':
        ok = value.length === 36 && UUID.test(value);
        break;
      case 'enum':
        ok = p.values!.has(value);
        break;
      case 'token':
        ok = isToken(value);
        break;
      default:
        ok = true;
    }
    if (ok) return undefined;
    const code = codeLikeness(value);
    const base = p.shape === 'enum' ? 1 : 3;
    return { location, expected: p.shape!, score: base + code, value: value.length <= 80 ? value : value.slice(0, 80) };
  }
}

function settle(p: Profile): ParamShape {
  const n = p.samples;
  if (p.ints >= n * 0.98) return 'int';
  if (p.uuids >= n * 0.98) return 'uuid';
  if (p.values && p.values.size <= ENUM_MAX && n >= ENUM_MAX * 3) return 'enum';
  if (p.tokens >= n * 0.98) return 'token';
  return 'text';
}
