import { C, classesOf } from './charclass.js';
import { chain, decodeValue } from './decode/index.js';
import type { RawValue, ScanValue, ValueKind } from './types.js';

const NEEDS_DECODING = C.PERCENT | C.AMP | C.BSLASH | C.CTRL | C.HIGH;

/**
 * A value ready for detectors: decoded once and classified once; the lower-cased form, the location and other views
 * are computed on demand and memoised (most values are clean and never need them).
 */
export class Value implements ScanValue {
  readonly kind: ValueKind;
  readonly text: string;
  readonly name: string | undefined;
  readonly decoded: string;
  readonly classes: number;
  private readonly raw: RawValue;
  private low: string | undefined = undefined;
  private views: Map<string, string> | undefined = undefined;

  constructor(v: RawValue, limit: number, rawClasses: number) {
    this.raw = v;
    this.kind = v.kind;
    this.name = v.name;
    if (v.text.length > limit) {
      this.text = v.text.slice(0, limit);
      rawClasses = classesOf(this.text);
    } else this.text = v.text;
    // nothing to decode (no %, &, \\, NUL or non-ASCII): the text is its own decoded form
    if ((rawClasses & NEEDS_DECODING) === 0) {
      this.decoded = this.text;
      this.classes = rawClasses;
    } else {
      this.decoded = decodeValue(this.text);
      this.classes = this.decoded === this.text ? rawClasses : classesOf(this.decoded);
    }
  }

  /** Set when something read the location (a detector whose verdict depends on where the value is). */
  locationRead = false;

  get location(): string {
    this.locationRead = true;
    return this.raw.location;
  }

  get lower(): string {
    return (this.low ??= this.decoded.toLowerCase());
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

/** `rawClasses`: classesOf(v.text) when the caller already has it. */
export function scanValue(v: RawValue, limit: number, rawClasses = classesOf(v.text)): Value {
  return new Value(v, limit, rawClasses);
}
