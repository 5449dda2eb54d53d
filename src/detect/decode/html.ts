import { registerTransform } from './transform.js';

const named: Record<string, string> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', colon: ':', tab: '\t', newline: '\n',
  lpar: '(', rpar: ')', sol: '/', bsol: '\\', semi: ';', equals: '=', num: '#', excl: '!', percnt: '%',
  plus: '+', comma: ',', period: '.', grave: '`', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}', lbrack: '[',
  rbrack: ']', lbrace: '{', rbrace: '}', hat: '^', quest: '?', commat: '@', dollar: '$', ast: '*', vert: '|',
  verbar: '|', lowbar: '_', dash: '-', hyphen: '-',
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** HTML character references: &#NN; &#xHH; (the ; optional, as browsers accept) and the named ones attacks use. */
export function htmlDecode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const ch = s[i]!;
    if (ch !== '&' || i + 1 >= n) {
      out += ch;
      continue;
    }
    if (s[i + 1] === '#') {
      let j = i + 2;
      const isX = s[j] === 'x' || s[j] === 'X';
      if (isX) j++;
      // leading zeros pad a reference to any length (&#0000000123; is '{'): skip them, then read at most 8 digits
      const zeros = j;
      while (j < n && s.charCodeAt(j) === 48) j++;
      const start = j;
      while (j < n && j - start < 8 && (isX ? isHex(s.charCodeAt(j)) : s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57)) j++;
      if (j > zeros) {
        const cp = j > start ? parseInt(s.slice(start, j), isX ? 16 : 10) : 0;
        if (cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          i = s[j] === ';' ? j : j - 1;
          continue;
        }
      }
      out += ch;
      continue;
    }
    let j = i + 1;
    while (j < n && j - i <= 8 && /[A-Za-z]/.test(s[j]!)) j++;
    const name = s.slice(i + 1, j).toLowerCase();
    const rep = named[name];
    if (rep !== undefined && (s[j] === ';' || name.length >= 2)) {
      out += rep;
      i = s[j] === ';' ? j : j - 1;
    } else out += ch;
  }
  return out;
}

registerTransform({ name: 'html', apply: htmlDecode });
