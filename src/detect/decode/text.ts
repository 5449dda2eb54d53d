import { registerTransform } from './transform.js';

// Small text normalisations.

registerTransform({ name: 'lower', apply: (s) => s.toLowerCase() });

/** Runs of whitespace (and NUL / vertical tab / form feed) become one space. */
export function compressWhitespace(s: string): string {
  // unchanged runs are copied as slices: a value that needs no change (most) costs one pass and no allocation
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isWs(s.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < s.length && isWs(s.charCodeAt(j))) j++;
    if (j - i > 1 || s.charCodeAt(i) !== 32) {
      parts.push(s.slice(last, i), ' ');
      last = j;
    }
    i = j - 1;
  }
  if (last === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

function isWs(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0 || c === 160;
}
registerTransform({ name: 'compress-ws', apply: compressWhitespace });

registerTransform({ name: 'remove-nulls', apply: (s) => (s.indexOf('\0') < 0 ? s : s.split('\0').join('')) });

registerTransform({ name: 'remove-ws', apply: (s) => s.replace(/\s/g, '') });

/** Full-width and compatibility forms fold to ASCII (＜script＞ → <script>), only when such characters occur. */
export function unicodeFold(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x2000) return s.normalize('NFKC');
  }
  return s;
}
registerTransform({ name: 'unicode-fold', apply: unicodeFold });
