import type { JsonValue } from '../../exchange/body.js';
import type { RawValue } from '../types.js';

const MAX_DEPTH = 64;

function escapePointer(k: string): string {
  return k.indexOf('~') < 0 && k.indexOf('/') < 0 ? k : k.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every string (and number) value and every key of a JSON document, located by JSON pointer (body:/user/name). */
export function jsonValues(root: JsonValue, out: RawValue[], limit: number): void {
  const walk = (v: JsonValue, ptr: string, depth: number, key: string): void => {
    if (out.length >= limit) return;
    if (typeof v === 'string') {
      if (v) out.push({ kind: 'body', location: `body:${ptr || '/'}`, text: v, name: key });
    } else if (Array.isArray(v)) {
      if (depth >= MAX_DEPTH) return;
      for (let i = 0; i < v.length; i++) walk(v[i]!, `${ptr}/${i}`, depth + 1, key);
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return;
      for (const k in v) {
        const p = `${ptr}/${escapePointer(k)}`;
        out.push({ kind: 'body-key', location: `body-key:${p}`, text: k, name: k.toLowerCase() });
        walk(v[k]!, p, depth + 1, k.toLowerCase());
      }
    }
  };
  walk(root, '', 0, '');
}
