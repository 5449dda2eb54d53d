import { registerTransform } from './transform.js';
import { decodeUtf8Lenient } from './utf8-lenient.js';

function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** One round of percent-decoding: %XX runs as lenient UTF-8 (overlong forms included), %uXXXX as UTF-16. Malformed escapes stay. */
export function urlDecode(s: string): string {
  let i = s.indexOf('%');
  if (i < 0) return s;
  // text between escapes is copied as slices: a long value with a few escapes costs a few allocations, not one per character
  const parts: string[] = [];
  let last = 0;
  const n = s.length;
  while (i >= 0) {
    let j = i;
    let decoded = '';
    let bytes: number[] = [];
    while (j < n && s.charCodeAt(j) === 37 /* % */) {
      const h1 = j + 2 < n ? hex(s.charCodeAt(j + 1)) : -1;
      const h2 = j + 2 < n ? hex(s.charCodeAt(j + 2)) : -1;
      if (h1 >= 0 && h2 >= 0) {
        bytes.push(h1 * 16 + h2);
        j += 3;
        continue;
      }
      const u = s.charCodeAt(j + 1);
      if ((u === 117 || u === 85) && j + 5 < n) {
        const a = hex(s.charCodeAt(j + 2));
        const b = hex(s.charCodeAt(j + 3));
        const d = hex(s.charCodeAt(j + 4));
        const e = hex(s.charCodeAt(j + 5));
        if (a >= 0 && b >= 0 && d >= 0 && e >= 0) {
          if (bytes.length) {
            decoded += decodeUtf8Lenient(bytes);
            bytes = [];
          }
          decoded += String.fromCharCode((a << 12) | (b << 8) | (d << 4) | e);
          j += 6;
          continue;
        }
      }
      break;
    }
    if (bytes.length) decoded += decodeUtf8Lenient(bytes);
    if (j > i) {
      parts.push(s.slice(last, i), decoded);
      last = j;
    }
    // a malformed escape stays as it is; the search goes on after it
    i = s.indexOf('%', j > i ? j : i + 1);
  }
  if (last === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

registerTransform({ name: 'url', apply: urlDecode });
