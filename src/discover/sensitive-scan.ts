import type { JsonValue } from '../exchange/body.js';
import { sensitiveClasses, type SensitiveClass } from './sensitive-classes.js';

// Walks a parsed value and reports each place holding sensitive data, as `prefix:/json/pointer`.

export interface SensitiveHit {
  location: string;
  class: SensitiveClass;
}

const MAX_NODES = 2000;

export function scanJson(prefix: string, value: JsonValue, out: SensitiveHit[]): void {
  let budget = MAX_NODES;
  const walk = (v: JsonValue, pointer: string, key: string | undefined): void => {
    if (--budget < 0) return;
    if (typeof v === 'string') {
      for (const c of sensitiveClasses(key, v)) out.push({ location: `${prefix}:${pointer || '/'}`, class: c });
    } else if (typeof v === 'number' && key) {
      for (const c of sensitiveClasses(key, String(v))) if (c !== 'phone') out.push({ location: `${prefix}:${pointer}`, class: c });
    } else if (Array.isArray(v)) {
      // array items share one location: /items/*
      for (const item of v.slice(0, 50)) walk(item, `${pointer}/*`, key);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) walk(child, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, k);
    }
  };
  walk(value, '', undefined);
}

export function scanPairs(prefix: string, pairs: Iterable<[string, string]>, out: SensitiveHit[]): void {
  for (const [k, v] of pairs) for (const c of sensitiveClasses(k, v)) out.push({ location: `${prefix}:${k}`, class: c });
}
