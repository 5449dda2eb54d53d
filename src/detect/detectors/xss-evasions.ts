import { isAlpha } from './util.js';

// Shapes of XSS payloads written to slip past filters, as pure functions of the value: tag names spelled out with
// spaces, JavaScript identifiers written with \u escapes, and calls that are the whole value.

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * The tag name at '<' when it is spelled with a space between its letters (<f o r m, <d i a l o g) or put behind a
 * spaced namespace prefix (< x: script): filters that match `<form` miss it, and anything that later drops spaces
 * restores it. Returns the name when `known` accepts it, otherwise ''.
 */
export function spacedTagName(s: string, lt: number, known: (name: string) => boolean): string {
  let j = lt + 1;
  while (j < s.length && j - lt <= 4 && isSpace(s.charCodeAt(j))) j++;
  const prefix = /^[a-z]{1,10}:[ \t]{1,4}([a-z]{3,12})(?![a-z0-9])/.exec(s.slice(j, j + 32));
  if (prefix) return known(prefix[1]!) ? prefix[1]! : '';
  let name = '';
  while (j < s.length && name.length < 12 && isAlpha(s.charCodeAt(j)) && !isAlpha(s.charCodeAt(j + 1))) {
    name += s[j];
    const gap = j + 1;
    j = gap;
    while (j < s.length && j - gap < 2 && (s[j] === ' ' || s[j] === '\t')) j++;
    if (j === gap) break;
  }
  return name.length >= 3 && known(name) ? name : '';
}

const HEX = /^[0-9a-f]{4}$/i;

/** The ASCII letter, digit, '_' or '$' a \uXXXX escape at i stands for, or '' (6 characters long when found). */
function escapedIdentChar(t: string, i: number): string {
  if (t.charCodeAt(i) !== 92 || t[i + 1] !== 'u' || !HEX.test(t.slice(i + 2, i + 6))) return '';
  const c = parseInt(t.slice(i + 2, i + 6), 16);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 ? String.fromCharCode(c) : '';
}

function identChar(c: number): boolean {
  return isAlpha(c) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/**
 * A JavaScript identifier with ASCII letters written as \u escapes (c\u006fnsole.log, \u0061lert(1)), used as code:
 * followed by '.', '(', '[', '=' or '`'. No encoder escapes plain letters; only a hand hiding a name from a filter does.
 * Returns the identifier as written, or ''.
 */
export function escapedIdentifier(t: string): string {
  for (let i = t.indexOf('\\u'), n = 0; i >= 0 && n < 32; i = t.indexOf('\\u', i + 2), n++) {
    if (!escapedIdentChar(t, i)) continue;
    let start = i;
    while (start > 0 && i - start < 40 && identChar(t.charCodeAt(start - 1))) start--;
    let end = i;
    let escapes = 0;
    while (end < t.length && end - i < 120) {
      if (escapedIdentChar(t, end)) {
        end += 6;
        escapes++;
      } else if (identChar(t.charCodeAt(end))) end++;
      else break;
    }
    let after = end;
    while (after < t.length && after - end < 4 && isSpace(t.charCodeAt(after))) after++;
    const next = t[after];
    const letters = end - start - 5 * escapes;
    if (letters >= 3 && (next === '.' || next === '(' || next === '[' || next === '`' || (next === '=' && t[after + 1] !== '='))) return t.slice(start, end);
    i = end - 2;
  }
  return '';
}
