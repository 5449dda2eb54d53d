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
  /** `index` ≥ 0: an item of the array at `at` (its pointer segment, without an object of its own per item). */
  constructor(
    readonly kind: ValueKind,
    readonly text: string,
    readonly name: string,
    private readonly at: Pointer | undefined,
    private readonly index = -1,
  ) {}
  get location(): string {
    if (this.loc === undefined) {
      const p = this.index >= 0 ? `${pointer(this.at)}/${this.index}` : pointer(this.at);
      this.loc = `${this.kind === 'body' ? 'body:' : 'body-key:'}${p || '/'}`;
    }
    return this.loc;
  }
}

/** Every string value and every key of a JSON document, located by JSON pointer (body:/user/name). */
export function jsonValues(root: JsonValue, out: RawValue[], limit: number): void {
  const walk = (v: JsonValue, at: Pointer | undefined, depth: number, key: string): void => {
    if (out.length >= limit) return;
    if (typeof v === 'string') {
      if (v) out.push(new JsonRaw('body', v, key, at));
    } else if (Array.isArray(v)) {
      if (depth >= MAX_DEPTH) return;
      for (let i = 0; i < v.length; i++) {
        const item = v[i]!;
        // numbers, booleans and null carry nothing to inspect: no pointer, no value
        if (typeof item === 'string') {
          if (item && out.length < limit) out.push(new JsonRaw('body', item, key, at, i));
        } else if (item !== null && typeof item === 'object') walk(item, { up: at, seg: i }, depth + 1, key);
      }
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return;
      for (const k in v) {
        const p: Pointer = { up: at, seg: k };
        const lk = k.toLowerCase();
        out.push(new JsonRaw('body-key', k, lk, p));
        const item = v[k]!;
        if (typeof item === 'object' || typeof item === 'string') walk(item, p, depth + 1, lk);
      }
    }
  };
  walk(root, undefined, 0, '');
}
