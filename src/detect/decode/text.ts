import { registerTransform } from './transform.js';

// Small text normalisations.

registerTransform({ name: 'lower', apply: (s) => s.toLowerCase() });

/** Runs of whitespace (and NUL / vertical tab / form feed) become one space. */
export function compressWhitespace(s: string): string {
  let out = '';
  let inWs = false;
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c === 32 || (c >= 9 && c <= 13) || c === 0 || c === 160;
    if (ws) {
      if (!inWs) out += ' ';
      else changed = true;
      if (c !== 32) changed = true;
      inWs = true;
    } else {
      out += s[i];
      inWs = false;
    }
  }
  return changed ? out : s;
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
