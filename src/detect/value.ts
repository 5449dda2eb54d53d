import { classesOf } from './charclass.js';
import { chain, decodeValue } from './decode/index.js';
import type { RawValue, ScanValue } from './types.js';

/** A value ready for detectors: decoded once, lower-cased once, classified once; other views computed on demand and memoised. */
export function scanValue(v: RawValue, limit: number): ScanValue {
  const text = v.text.length > limit ? v.text.slice(0, limit) : v.text;
  const decoded = decodeValue(text);
  const lower = decoded.toLowerCase();
  let views: Map<string, string> | undefined;
  return {
    ...v,
    decoded,
    lower,
    classes: classesOf(decoded),
    view(names: string): string {
      views ??= new Map();
      let r = views.get(names);
      if (r === undefined) {
        r = decoded;
        for (const f of chain(names)) r = f(r);
        views.set(names, r);
      }
      return r;
    },
  };
}
