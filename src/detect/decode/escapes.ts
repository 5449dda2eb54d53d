import { registerTransform } from './transform.js';

function hexv(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function hexRun(s: string, from: number, len: number): number {
  let v = 0;
  for (let k = 0; k < len; k++) {
    const h = hexv(s.charCodeAt(from + k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/** JavaScript/C-style escapes: \xNN, \uXXXX, \u{X..}. Other backslashes stay (Windows paths, shell escapes). */
export function jsUnescape(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < n) {
      const k = s[i + 1];
      if ((k === 'x' || k === 'X') && i + 3 < n) {
        const v = hexRun(s, i + 2, 2);
        if (v >= 0) {
          out += String.fromCharCode(v);
          i += 3;
          continue;
        }
      } else if (k === 'u' && s[i + 2] === '{') {
        const end = s.indexOf('}', i + 3);
        if (end > i + 3 && end - i <= 10) {
          const v = hexRun(s, i + 3, end - i - 3);
          if (v >= 0 && v <= 0x10ffff) {
            out += String.fromCodePoint(v);
            i = end;
            continue;
          }
        }
      } else if (k === 'u' && i + 5 < n) {
        const v = hexRun(s, i + 2, 4);
        if (v >= 0) {
          out += String.fromCharCode(v);
          i += 5;
          continue;
        }
      }
    }
    out += ch;
  }
  return out;
}

registerTransform({ name: 'js-escapes', apply: jsUnescape });
