import { KEYWORDS, LITERALS, LOGIC, SQL_FUNCTIONS, STATEMENTS, UNIONS, WORD_OPS } from './words.js';

// A lexical SQL tokenizer (single pass, no backtracking) for MySQL, PostgreSQL, MSSQL, Oracle and SQLite syntax.
// Token types (one character, like libinjection's): s string, 1 number, v variable, n name, f function call,
// E statement word, U union, & logic, o operator, k keyword, ( ) , ; . c comment, ? anything else.

export type TokenType = 's' | '1' | 'v' | 'n' | 'f' | 'E' | 'U' | '&' | 'o' | 'k' | '(' | ')' | ',' | ';' | '.' | 'c' | '?';

export interface Token {
  t: TokenType;
  /** Lower-cased word, operator or literal text (strings without their quotes). */
  v: string;
  start: number;
  end: number;
  /** Strings: opened but never closed (runs to the end of the input). */
  open?: boolean;
  /** Statement, union and clause words written in alternating case (sElEcT, UnIoN, ORder): a filter evasion, not how people type. */
  mixed?: boolean;
  /** Keywords and word operators written in capitals (AS, FROM, LIKE): how SQL is written, not how a sentence is. */
  upper?: boolean;
}

const MAX_TOKENS = 4096;

function isWordStart(c: number): boolean {
  // (a no-break space separates words: MySQL reads 0xA0 as white space, an old filter evasion)
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && c !== 160);
}
function isWord(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0;
}

const OPS3 = ['<=>', '!~*', '->>', '#>>'];
const OPS2 = ['==', '<=', '>=', '<>', '!=', '::', '<<', '>>', '||', '&&', '!<', '!>', ':=', '->', '~*', '!~', '@>', '<@', '#>', '?|', '?&', '^='];
const OPCHARS = '=<>!+-*/%^|&~:?@#';

/** Tokenizes `s` from `from`; `quote` set means the input starts inside a string opened by that quote. */
export function tokenize(s: string, quote?: string): Token[] {
  const out: Token[] = [];
  const n = s.length;
  let i = 0;
  if (quote) {
    const close = s.indexOf(quote);
    if (close < 0) return out;
    // (a backtick closes an identifier: what it ends is a name)
    out.push({ t: quote === '`' ? 'n' : 's', v: s.slice(0, close), start: 0, end: close + 1 });
    i = close + 1;
  }
  while (i < n && out.length < MAX_TOKENS) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    // strings
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let v = '';
      let closed = false;
      while (j < n) {
        const d = s[j]!;
        if (d === '\\' && j + 1 < n) {
          v += s[j + 1];
          j += 2;
          continue;
        }
        if (d === ch) {
          if (s[j + 1] === ch) {
            v += ch;
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        v += d;
        j++;
      }
      out.push({ t: 's', v, start, end: j, open: !closed });
      i = j;
      continue;
    }
    // quoted identifiers: `name`, [name]
    if (ch === '`' || (ch === '[' && i + 1 < n && isWordStart(s.charCodeAt(i + 1)))) {
      const close = s.indexOf(ch === '`' ? '`' : ']', i + 1);
      const end = close < 0 ? n : close + 1;
      out.push({ t: 'n', v: s.slice(i + 1, close < 0 ? n : close).toLowerCase(), start, end });
      i = end;
      continue;
    }
    // comments
    // PostgreSQL's JSON path operators #> #>> #- after a value are operators, not MySQL's # comment
    // (with an operand after them: "' #-" that ends the value is a comment)
    if (ch === '#' && (s[i + 1] === '>' || s[i + 1] === '-') && out.length > 0 && 'sn)'.includes(out[out.length - 1]!.t) && hasOperand(s, i + 2)) {
      const op = s[i + 1] === '>' && s[i + 2] === '>' ? '#>>' : s.slice(i, i + 2);
      out.push({ t: 'o', v: op, start, end: i + op.length });
      i += op.length;
      continue;
    }
    if ((ch === '-' && s[i + 1] === '-') || ch === '#') {
      const nl = s.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      out.push({ t: 'c', v: s.slice(i, Math.min(end, i + 2)), start, end });
      i = end;
      continue;
    }
    if (ch === '/' && s[i + 1] === '*') {
      if (s[i + 2] === '!') {
        // MySQL executable comment: its body is code
        let j = i + 3;
        while (j < n && isDigit(s.charCodeAt(j))) j++;
        i = j;
        continue;
      }
      const close = s.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      out.push({ t: 'c', v: '/*', start, end, open: close < 0 });
      i = end;
      continue;
    }
    if (ch === '*' && s[i + 1] === '/') {
      i += 2;
      continue;
    }
    // numbers
    if (isDigit(c) || (ch === '.' && isDigit(s.charCodeAt(i + 1)))) {
      let j = i;
      if (ch === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X' || s[i + 1] === 'b' || s[i + 1] === 'B')) j += 2;
      while (j < n && (isWord(s.charCodeAt(j)) || s[j] === '.')) {
        if ((s[j] === 'e' || s[j] === 'E') && (s[j + 1] === '-' || s[j + 1] === '+')) j++;
        j++;
      }
      let word = s.slice(i, j).toLowerCase();
      // MySQL reads 1.e as a number and what touches it as the next token: 1.e(ascii), 1.e.tables
      const sci = word.indexOf('.e') > 0 ? /^[0-9]+\.e(?![0-9+-])/.exec(word) : null;
      if (sci && word.length > sci[0].length) {
        word = sci[0];
        j = i + word.length;
      }
      // 1a2b is not a number but a name (e.g. a hex id); keep numbers numeric-looking
      out.push({ t: /^(0x[0-9a-f]*|0b[01]*|[0-9.]+(e[-+]?[0-9]+)?[df]?|[0-9]+\.e)$/.test(word) ? '1' : 'n', v: word, start, end: j });
      i = j;
      continue;
    }
    // variables
    if (ch === '@') {
      let j = i + 1;
      if (s[j] === '@') j++;
      const ws = j;
      while (j < n && (isWord(s.charCodeAt(j)) || s[j] === '.')) j++;
      if (j > ws || s[ws] === '`' || s[ws] === "'" || s[ws] === '"') {
        out.push({ t: 'v', v: s.slice(i, j).toLowerCase(), start, end: j });
        i = j;
        continue;
      }
    }
    if (ch === '$' && isDigit(s.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n && isDigit(s.charCodeAt(j))) j++;
      out.push({ t: 'v', v: s.slice(i, j), start, end: j });
      i = j;
      continue;
    }
    // words
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWord(s.charCodeAt(j))) j++;
      const word = s.slice(i, j).toLowerCase();
      // MSSQL N'..', PG E'..', X'..', B'..' string prefixes
      if (j - i === 1 && (s[j] === "'") && 'nexb'.includes(word)) {
        i = j;
        continue;
      }
      let k = j;
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      // a comment between a function name and its parenthesis is a classic evasion
      if (s[k] === '/' && s[k + 1] === '*') {
        const close = s.indexOf('*/', k + 2);
        if (close > 0) {
          k = close + 2;
          while (k < n && isSpace(s.charCodeAt(k))) k++;
        }
      }
      const call = s[k] === '(';
      const t = classify(word, call);
      if ((t === 'E' || t === 'U' || t === 'k' || t === 'f') && mixedCase(s, i, j)) out.push({ t, v: word, start, end: j, mixed: true });
      else if ((t === 'k' || t === 'o') && allUpper(s, i, j)) out.push({ t, v: word, start, end: j, upper: true });
      else out.push({ t, v: word, start, end: j });
      i = j;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ';' || ch === '.') {
      out.push({ t: ch, v: ch, start, end: i + 1 });
      i++;
      continue;
    }
    if (OPCHARS.includes(ch)) {
      let op = ch;
      if (OPS3.includes(s.slice(i, i + 3))) op = s.slice(i, i + 3);
      else if (OPS2.includes(s.slice(i, i + 2))) op = s.slice(i, i + 2);
      out.push({ t: op === '||' || op === '&&' ? '&' : 'o', v: op, start, end: i + op.length });
      i += op.length;
      continue;
    }
    out.push({ t: '?', v: ch, start, end: i + 1 });
    i++;
  }
  return out;
}

/** Whether something other than spaces (and the rest of a #>> operator) follows `from`. */
function hasOperand(s: string, from: number): boolean {
  for (let j = from; j < s.length; j++) if (!isSpace(s.charCodeAt(j)) && s[j] !== '>') return true;
  return false;
}

function allUpper(s: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (!(c >= 65 && c <= 90) && c !== 95) return false;
  }
  return true;
}

/** Neither lower-case, upper-case nor capitalised (sElect, UnIoN, ORder; not select, Select or SELECT). */
function mixedCase(s: string, from: number, to: number): boolean {
  if (to - from < 3) return false;
  let lower = false;
  let upperAfterFirst = false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90 && k > from) upperAfterFirst = true;
  }
  return lower && upperAfterFirst;
}

function classify(word: string, call: boolean): TokenType {
  if (LOGIC.has(word)) return '&';
  if (UNIONS.has(word)) return 'U';
  if (STATEMENTS.has(word)) return call && SQL_FUNCTIONS.has(word) ? 'f' : 'E';
  if (call && SQL_FUNCTIONS.has(word)) return 'f';
  if (WORD_OPS.has(word)) return 'o';
  if (LITERALS.has(word)) return '1';
  if (KEYWORDS.has(word)) return 'k';
  return 'n';
}
