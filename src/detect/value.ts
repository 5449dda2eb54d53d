import { classesOf } from './charclass.js';
import { chain, decodeValue } from './decode/index.js';
import type { RawValue, ScanValue, ValueKind } from './types.js';

/** A value ready for detectors: decoded once, lower-cased once, classified once; other views computed on demand and memoised. */
class Value implements ScanValue {
  readonly kind: ValueKind;
  readonly location: string;
  readonly text: string;
  readonly name: string | undefined;
  readonly decoded: string;
  readonly lower: string;
  readonly classes: number;
  private views: Map<string, string> | undefined = undefined;

  constructor(v: RawValue, limit: number) {
    this.kind = v.kind;
    this.location = v.location;
    this.text = v.text.length > limit ? v.text.slice(0, limit) : v.text;
    this.name = v.name;
    this.decoded = decodeValue(this.text);
    this.lower = this.decoded.toLowerCase();
    this.classes = classesOf(this.decoded);
  }

  view(names: string): string {
    this.views ??= new Map();
    let r = this.views.get(names);
    if (r === undefined) {
      r = this.decoded;
      for (const f of chain(names)) r = f(r);
      this.views.set(names, r);
    }
    return r;
  }
}

export function scanValue(v: RawValue, limit: number): ScanValue {
  return new Value(v, limit);
}
