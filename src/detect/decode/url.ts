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
  if (s.indexOf('%') < 0) return s;
  let out = '';
  let bytes: number[] = [];
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */) {
      if (i + 2 < n) {
        const h1 = hex(s.charCodeAt(i + 1));
        const h2 = hex(s.charCodeAt(i + 2));
        if (h1 >= 0 && h2 >= 0) {
          bytes.push(h1 * 16 + h2);
          i += 2;
          continue;
        }
      }
      const u = s.charCodeAt(i + 1);
      if ((u === 117 || u === 85) && i + 5 < n) {
        const a = hex(s.charCodeAt(i + 2));
        const b = hex(s.charCodeAt(i + 3));
        const d = hex(s.charCodeAt(i + 4));
        const e = hex(s.charCodeAt(i + 5));
        if (a >= 0 && b >= 0 && d >= 0 && e >= 0) {
          if (bytes.length) {
            out += decodeUtf8Lenient(bytes);
            bytes = [];
          }
          out += String.fromCharCode((a << 12) | (b << 8) | (d << 4) | e);
          i += 5;
          continue;
        }
      }
    }
    if (bytes.length) {
      out += decodeUtf8Lenient(bytes);
      bytes = [];
    }
    out += s[i];
  }
  if (bytes.length) out += decodeUtf8Lenient(bytes);
  return out;
}

registerTransform({ name: 'url', apply: urlDecode });
