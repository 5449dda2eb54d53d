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
  let i = s.indexOf('\\');
  if (i < 0) return s;
  // unchanged runs are copied as slices, so a long value full of other backslashes allocates nothing per character
  const parts: string[] = [];
  let last = 0;
  const n = s.length;
  for (; i >= 0 && i + 1 < n; i = s.indexOf('\\', i + 1)) {
    const k = s[i + 1];
    let code = -1;
    let end = i;
    if ((k === 'x' || k === 'X') && i + 3 < n) {
      code = hexRun(s, i + 2, 2);
      end = i + 3;
    } else if (k === 'u' && s[i + 2] === '{') {
      const close = s.indexOf('}', i + 3);
      if (close > i + 3 && close - i <= 10) {
        const v = hexRun(s, i + 3, close - i - 3);
        if (v <= 0x10ffff) code = v;
        end = close;
      }
    } else if (k === 'u' && i + 5 < n) {
      code = hexRun(s, i + 2, 4);
      end = i + 5;
    }
    if (code < 0) continue;
    parts.push(s.slice(last, i), code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code));
    last = end + 1;
    i = end;
  }
  if (last === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

registerTransform({ name: 'js-escapes', apply: jsUnescape });
