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
  let i = s.indexOf('&');
  if (i < 0) return s;
  const parts: string[] = [];
  let last = 0;
  const n = s.length;
  for (; i >= 0 && i + 1 < n; i = s.indexOf('&', i + 1)) {
    let rep: string | undefined;
    let end = i;
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
          rep = String.fromCodePoint(cp);
          end = s[j] === ';' ? j : j - 1;
        }
      }
    } else {
      let j = i + 1;
      while (j < n && j - i <= 8 && isLetter(s.charCodeAt(j))) j++;
      const name = s.slice(i + 1, j).toLowerCase();
      const named_ = named[name];
      if (named_ !== undefined && (s[j] === ';' || name.length >= 2)) {
        rep = named_;
        end = s[j] === ';' ? j : j - 1;
      }
    }
    if (rep === undefined) continue;
    parts.push(s.slice(last, i), rep);
    last = end + 1;
    i = end;
  }
  if (last === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

registerTransform({ name: 'html', apply: htmlDecode });
