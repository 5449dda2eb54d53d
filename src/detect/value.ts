import { C, classesOf } from './charclass.js';

const NEEDS_DECODING = C.PERCENT | C.AMP | C.BSLASH | C.CTRL | C.HIGH;
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
    const raw = classesOf(this.text);
    // nothing to decode (no %, &, \\, NUL or non-ASCII): the text is its own decoded form
    if ((raw & NEEDS_DECODING) === 0) {
      this.decoded = this.text;
      this.classes = raw;
    } else {
      this.decoded = decodeValue(this.text);
      this.classes = classesOf(this.decoded);
    }
    this.lower = this.decoded.toLowerCase();
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
