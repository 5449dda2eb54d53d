import type { JsonValue } from '../../exchange/body.js';
import type { RawValue, ValueKind } from '../types.js';

const MAX_DEPTH = 64;

function escapePointer(k: string): string {
  return k.indexOf('~') < 0 && k.indexOf('/') < 0 ? k : k.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON pointer built only when asked for: most values are clean and their location is never read. */
interface Pointer {
  readonly up: Pointer | undefined;
  readonly seg: string | number;
}

function pointer(p: Pointer | undefined): string {
  if (!p) return '';
  const parts: string[] = [];
  for (let q: Pointer | undefined = p; q; q = q.up) parts.push(typeof q.seg === 'number' ? String(q.seg) : escapePointer(q.seg));
  let s = '';
  for (let i = parts.length - 1; i >= 0; i--) s += `/${parts[i]}`;
  return s;
}

class JsonRaw implements RawValue {
  private loc: string | undefined = undefined;
  /** The value's pointer is `at` then `seg` (an object key or an array index): no pointer object per value. */
  constructor(
    readonly kind: ValueKind,
    readonly text: string,
    readonly name: string,
    private readonly at: Pointer | undefined,
    private readonly seg: string | number | undefined,
  ) {}
  get location(): string {
    if (this.loc === undefined) {
      const up = pointer(this.at);
      const p = this.seg === undefined ? up : `${up}/${typeof this.seg === 'number' ? this.seg : escapePointer(this.seg)}`;
      this.loc = `${this.kind === 'body' ? 'body:' : 'body-key:'}${p || '/'}`;
    }
    return this.loc;
  }
}

/** Every string value and every key of a JSON document, located by JSON pointer (body:/user/name). */
export function jsonValues(root: JsonValue, out: RawValue[], limit: number): void {
  // numbers, booleans and null carry nothing to inspect; a pointer object is only made for a container to descend into
  const walk = (v: JsonValue[] | { [k: string]: JsonValue }, at: Pointer | undefined, depth: number, key: string): void => {
    if (out.length >= limit || depth >= MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item = v[i]!;
        if (typeof item === 'string') {
          if (item && out.length < limit) out.push(new JsonRaw('body', item, key, at, i));
        } else if (item !== null && typeof item === 'object') walk(item, { up: at, seg: i }, depth + 1, key);
      }
    } else {
      for (const k in v) {
        if (out.length >= limit) return;
        const lk = k.toLowerCase();
        out.push(new JsonRaw('body-key', k, lk, at, k));
        const item = v[k]!;
        if (typeof item === 'string') {
          if (item) out.push(new JsonRaw('body', item, lk, at, k));
        } else if (item !== null && typeof item === 'object') walk(item, { up: at, seg: k }, depth + 1, lk);
      }
    }
  };
  if (typeof root === 'string') {
    if (root) out.push(new JsonRaw('body', root, '', undefined, undefined));
  } else if (root !== null && typeof root === 'object') walk(root, undefined, 0, '');
}
