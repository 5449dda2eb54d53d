import { tokenize, type Token } from './tokenizer.js';
import { statementAt } from './grammar.js';

// Probes that are not a query fragment of their own: the characters a scanner sends to see whether a value breaks the
// application's query (sqlmap's heuristic check), a backtick-quoted identifier closed by the value, and the number
// that hangs the float parsers of old PHP and Java runtimes. Each is a whole-value shape, looked at only behind a cheap
// gate on the value's character classes.

/** sqlmap's heuristic alphabet: quotes, parentheses, comma and dot. */
const PROBE_CHARS = `'"(),.`;

/**
 * Whether the value is sqlmap's heuristic check (or a hand-typed one like it): the original value (empty or one plain
 * token) followed by a run of quotes, parentheses, commas and dots holding both a single and a double quote —
 * `"'`, `1)."'),(.`, `abc,(')"(.)`. Quoted text has its quotes around letters, not together at its end after a token.
 */
export function quoteProbe(s: string): boolean {
  let k = s.length;
  let single = 0;
  let double = 0;
  while (k > 0 && s.length - k < 24 && PROBE_CHARS.includes(s[k - 1]!)) {
    const c = s[k - 1];
    if (c === "'") single++;
    else if (c === '"') double++;
    k--;
  }
  if (!single || !double || k > 40) return false;
  for (let j = 0; j < k; j++) {
    const c = s.charCodeAt(j);
    const plain = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46 || c === 64 || c === 58 || c === 43;
    if (!plain) return false;
  }
  return true;
}

/** Operators only SQL writes, which close a condition on the identifier the value broke out of. */
const SQL_WORD_OPS = new Set(['regexp', 'rlike', 'glob', 'sounds', 'similar', 'ilike']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>', '==', 'like', 'rlike', 'regexp', 'glob', 'ilike']);

export interface ProbeHit {
  rule: string;
  evidence: string;
}

/**
 * A value that closes the backtick-quoted identifier the application wraps it in (MySQL's ORDER BY `…`, a column or
 * table name taken from the request) and goes on as SQL:
 * - `admin@example.com`;` or `id`;--: the one backtick then a terminator, a comment or a statement;
 * - `` ` REGEXP ``, `` ` RLIKE '^a' ``: the value opens by closing it and compares it with an operator only SQL has;
 * - `` ` < 0) AND ` ``, `` ` = 1 or 1=1 ``: a comparison with a literal, then a logic word that opens the next condition.
 * Markdown code spans open with the backtick and close with another one around their text: `x` = 1 or `y` has a name
 * right after the backtick, and a span's closing backtick is never followed by a terminator as the value's end.
 */
export function identifierBreak(text: string): ProbeHit | undefined {
  const first = text.indexOf('`');
  if (first < 0) return undefined;
  const second = text.indexOf('`', first + 1);
  if (second >= 0 && text.indexOf('`', second + 1) >= 0) return undefined;
  const raw = tokenize(text, '`');
  if (raw.length < 2) return undefined;
  const ts: Token[] = raw.filter((t) => t.t !== 'c');
  const commentEnd = raw[raw.length - 1]!.t === 'c';
  const name = ts[0]!;
  const next = ts[1];
  const evidence = (to: number): string => text.slice(0, Math.min(text.length, (ts[Math.min(to, ts.length) - 1] ?? name).end));
  // name`; name`;-- name`; drop table x: the value ends the query right after the identifier
  if (second < 0 && next?.t === ';' && IDENTIFIER.test(name.v) && (ts.length === 2 || commentEnd || statementAt(ts, 2).strength > 0)) {
    return { rule: 'sqli.identifier-break', evidence: evidence(3) };
  }
  // the rest only when the value opens with the backtick
  if (name.v !== '' || text.slice(0, first).trim() !== '' || !next || next.t !== 'o') return undefined;
  if (second < 0 && (SQL_WORD_OPS.has(next.v) || (next.v === 'like' && next.upper))) return { rule: 'sqli.identifier-break', evidence: evidence(3) };
  if (COMPARISONS.has(next.v) && isLiteral(ts[2])) {
    let j = 3;
    while (ts[j]?.t === ')' && j < 6) j++;
    if (ts[j]?.t === '&' && (second < 0 || second === text.trimEnd().length - 1)) return { rule: 'sqli.identifier-break', evidence: evidence(j + 1) };
  }
  return undefined;
}

/** What the application quotes as an identifier: a name, an email, a dotted name (not code: ${x}`; ends a template). */
const IDENTIFIER = /^[\w.@+-]{1,64}$/;

const isLiteral = (t: Token | undefined): boolean => !!t && (t.t === '1' || t.t === 's' || t.t === 'v');

/**
 * 2.2250738585072011e-308 and 2.2250738585072012e-308, in any notation (0.22250738585072012e-307, more digits): the
 * numbers just below the smallest normal double that sent PHP's (CVE-2010-4645) and Java's (CVE-2010-4476) float
 * parsers into an endless loop. DBL_MIN itself (…72014e-308) is what a client serialises; these are not.
 */
export function magicFloat(s: string): boolean {
  let i = 0;
  const n = s.length;
  if (n > 400) return false;
  if (s[i] === '-' || s[i] === '+') i++;
  let digits = '';
  let dot = false;
  for (; i < n; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') {
      if (digits.length || c !== '0') digits += c;
      if (digits.length >= 17) break;
    } else if (c === '.' && !dot) dot = true;
    else return false;
  }
  if (!(digits.startsWith('22250738585072011') || digits.startsWith('22250738585072012'))) return false;
  // the rest: more digits, then an optional exponent
  for (i++; i < n && s[i]! >= '0' && s[i]! <= '9'; i++);
  return i >= n || /^[eE][-+]?[0-9]{1,4}$/.test(s.slice(i));
}
