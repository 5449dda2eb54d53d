import { C, SPECIAL } from '../charclass.js';
import { registerDetector } from '../registry.js';
import { analyze, type SqlSignal } from '../sqli/grammar.js';
import { identifierBreak, magicFloat, quoteProbe } from '../sqli/probes.js';
import { isProse } from '../sqli/prose.js';
import { tokenize, type Token } from '../sqli/tokenizer.js';
import { CATALOGS, DANGEROUS, STATEMENTS, TIME_FUNCTIONS, UNIONS } from '../sqli/words.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { Detector, Report, ScanValue, ScanContext } from '../types.js';
import { browserAgent } from './util.js';

// SQL injection: the value is tokenized as SQL three ways (as is, as if injected inside '...', inside "..."),
// and the grammar analysis reports the constructs the token stream forms.

// Words whose halves around an inline comment give away the evasion: "DR" + comment + "OP".
const SQL_WORDS = new Set([...STATEMENTS, ...UNIONS, 'from', 'where', 'and', 'or', 'order', 'group', 'having', 'into', 'values', 'table', 'concat', 'char', 'sleep', 'benchmark']);

function signals(text: string, quote: string | undefined, out: SqlSignal[]): Token[] {
  const raw = tokenize(text, quote);
  const ts: Token[] = [];
  for (let k = 0; k < raw.length; k++) {
    const t = raw[k]!;
    if (t.t !== 'c') {
      ts.push(t);
      continue;
    }
    // a comment used as a space, touching SQL words on both sides (union, comment, select; "DR", comment, "OP")
    const a = raw[k - 1];
    const b = raw[k + 1];
    if (t.v === '/*' && a && b && a.end === t.start && b.start === t.end) {
      const sqlA = a.t === 'E' || a.t === 'U' || a.t === '&' || (a.t === 'k' && SQL_WORDS.has(a.v));
      const sqlB = b.t === 'E' || b.t === 'U' || b.t === '&' || (b.t === 'k' && SQL_WORDS.has(b.v)) || b.t === 'f';
      if ((sqlA && (sqlB || b.t === 'n' || b.t === '1' || b.t === 'o' || b.t === 'v')) || (sqlB && (a.t === 'n' || a.t === '1' || a.t === ')')) || (a.t === 'n' && b.t === 'n' && SQL_WORDS.has(a.v + b.v))) {
        out.push({ rule: 'sqli.comment-obfuscation', score: 5, from: ts.length - 1, to: ts.length + 1 });
      }
    }
    // 9999 or /*+ hint */ true: a comment between a number's logic word and its operand hides the condition
    else if (t.v === '/*' && a?.t === '&' && b && (b.t === '1' || b.t === 's') && raw[k - 2] && (raw[k - 2]!.t === '1' || raw[k - 2]!.t === 's')) {
      out.push({ rule: 'sqli.comment-obfuscation', score: 5, from: ts.length - 2, to: ts.length + 1 });
    }
  }
  const last = raw[raw.length - 1];
  const commentEnd = last?.t === 'c' && !(quote !== undefined && quotedText(text, quote, last));
  // a closed identifier leaves the value continuing a name (` AS `x` FROM), read like any value; a closed string breaks out
  analyze(ts, quote !== undefined && quote !== '`', commentEnd, out);
  return ts;
}

/**
 * A "comment" that holds the quote again around text is the rest of quoted text (href="#top">, '--version', {…},
 * '#/definitions/str'), not a truncation; a lone quote after the marker balances the payload's quotes (' = # ').
 */
function quotedText(text: string, quote: string, c: Token): boolean {
  const q = text.indexOf(quote, c.start);
  if (q < 0 || q >= c.end) return false;
  const marker = text[c.start] === '#' ? 1 : 2;
  return text.slice(c.start + marker, q).trim().length > 0 || text.slice(q + 1, c.end).trim().length > 0;
}

/**
 * A JSON object's key, where a whole statement is as ordinary as in a value (a map of query statistics keyed by query
 * text); a form body that is one statement is not a map.
 */
function mapKey(v: ScanValue | undefined): boolean {
  return v?.kind === 'body-key' && v.location.startsWith('body-key:/');
}

/** A form, query or cookie parameter name (a JSON key can be data: statistics keyed by a search or a query). */
function plainName(v: ScanValue): boolean {
  return v.kind === 'query-key' || v.kind === 'cookie-key' || (v.kind === 'body-key' && !v.location.startsWith('body-key:/'));
}

/** A query or form parameter's value, the ones a form decoder reads (not JSON, XML, cookies or headers). */
function formValue(v: ScanValue): boolean {
  return v.kind === 'query' || (v.kind === 'body' && !v.location.startsWith('body:/'));
}

const EXEC_NAME = /^\s*exec(?:ute)?\s+[a-z_][a-z0-9_$.]{0,63}\s*$/i;

function report(text: string, quote: string | undefined, ctx: ScanContext, v?: ScanValue): void {
  const out: SqlSignal[] = [];
  const ts = signals(text, quote, out);
  for (const s of out) {
    const a = ts[Math.max(0, s.from)];
    const b = ts[Math.min(ts.length, Math.max(s.to, s.from + 1)) - 1];
    const evidence = a && b ? text.slice(a.start, b.end) : text;
    // c'); cut out of qs.parse('a[]=b&a[]=c'); by the parameter split: in a value found inside another one, the quote a
    // bare terminator closes may be the outer text's own
    const score = s.rule === 'sqli.string-break-terminate' && v?.location.includes('>') ? 3 : s.score;
    ctx.report({ rule: s.rule, severity: severity(score), confidence: score / 5, score, evidence, paranoia: s.paranoia, nameNeutral: s.data && mapKey(v) });
  }
}

function severity(score: number): 'critical' | 'high' | 'medium' | 'low' {
  return score >= 5 ? 'critical' : score === 4 ? 'high' : score === 3 ? 'medium' : 'low';
}

/** SQL punctuation: a value with any of these is tokenized. */
const SQL_CHARS = C.PAREN | C.SEMI | C.EQ | C.LT | C.GT | C.PIPE | C.STAR | C.HASH | C.AT | C.TILDE_CARET | C.BACKTICK | C.AMP;
const escape = (w: string): string => w.replace(/[.$]/g, (c) => `\\${c}`);
/**
 * Words that can make SQL without any punctuation ("union select password from users", "drop table x", a catalog name).
 * Every grammar rule that can fire on a value without SQL_CHARS needs one of them; a value with none is prose.
 */
const ANCHOR_WORDS = new RegExp(
  `\\b(?:${[...STATEMENTS, ...UNIONS, ...CATALOGS, ...DANGEROUS, ...TIME_FUNCTIONS, 'order', 'group', 'having', 'limit', 'where', 'procedure', 'into', 'collate', 'from']
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})\\b`,
  'i',
);
/** After a quote (string break) or a leading number, a logic word alone matters: ' or 'a, 5 or 6. */
const LOGIC_WORDS = /\b(?:and|or|xor|not|like|rlike|regexp|div|glob|is|in|between)\b/i;
const EXECUTABLE_COMMENT = /\/\*!\d{0,6}\s{0,8}([a-z_]{2,12})/i;
/** Names that are SQL and nothing else (sleep and benchmark are also words, so not on their own). */
const STANDALONE = new RegExp(`^(?:${[...CATALOGS, ...DANGEROUS, 'pg_sleep', 'dbms_lock', 'dbms_pipe', 'randomblob'].filter((w) => w.length >= 8).map(escape).join('|')})$`, 'i');
const LOOKALIKE_QUOTES = /[\u2018\u2019\u00b4\u02bc\uff07]/;
const LOOKALIKE_QUOTES_ALL = /[\u2018\u2019\u00b4\u02bc\uff07]/g;
const SYSTEM_VARIABLE = /^@@[a-z_]{3,40}$/i;
const LEADING_NUMBER = /^\s*[-+]?\.?[0-9]/;
/** A path segment that starts with a number and has a space: /items/1 or true. */
const SEGMENT_NUMBER = /\/[-+]?[0-9][^/\s]*\s/;
/** A short value that starts with a condition operator is a fragment to look at: is null, rlike, not between 1 and 2, case when. */
const LEADING_OPERATOR = /^\s*(?:is|not|like|rlike|regexp|in|between|xor|glob|sounds|similar|ilike|case\s+when)\b/i;

/**
 * Whether the first character is one a regex starting with ^\s* could skip as space (all of JavaScript's spaces are
 * at or below 32 or at 160 and above): a character check spares the regex call on most values.
 */
function spaceFirst(c: number): boolean {
  return c <= 32 || c >= 160;
}

/** LEADING_NUMBER.test(d), without the regex call for values that start with a letter. */
function leadingNumber(d: string): boolean {
  const c = d.charCodeAt(0);
  return ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || spaceFirst(c)) && LEADING_NUMBER.test(d);
}

/** The first letters of LEADING_OPERATOR's words, lower-cased: i n l r b x g s c. */
const OPERATOR_INITIALS = new Set([105, 110, 108, 114, 98, 120, 103, 115, 99]);

/** LEADING_OPERATOR.test(d), without the regex call for values that cannot start with one of its words. */
function leadingOperator(d: string): boolean {
  const c = d.charCodeAt(0);
  return (OPERATOR_INITIALS.has(c | 0x20) || spaceFirst(c)) && LEADING_OPERATOR.test(d);
}

/** Whether the value can hold SQL at all: cheap checks that let prose and identifiers skip tokenizing. */
export function sqlCandidate(v: ScanValue): boolean {
  const c = v.classes;
  if (c & SQL_CHARS) return true;
  const d = v.decoded;
  if ((c & C.DASH && d.includes('--')) || (c & C.SLASH && d.includes('/*')) || (c & C.COLON && d.includes('::'))) return true;
  if (ANCHOR_WORDS.test(d)) return true;
  if (d.length <= 64 && leadingOperator(d)) return true;
  if (c & C.DOT && d.includes('.e.') && leadingNumber(d)) return true;
  // '-', "-": arithmetic between the application's two quoted halves; ad'+'min: MSSQL concatenation
  if (c & (C.SQUOTE | C.DQUOTE) && (((d.length === 3 || (v.kind === 'path' && d[d.length - 4] === '/')) && c & C.DASH) || (c & C.PLUS && (d.includes("'+'") || d.includes('"+"'))))) return true;
  return ((c & (C.SQUOTE | C.DQUOTE)) !== 0 || leadingNumber(d) || (v.kind === 'path' && SEGMENT_NUMBER.test(d))) && LOGIC_WORDS.test(d);
}

const detector: Detector = {
  category: 'sqli',
  triggers: SPECIAL | C.SPACE | C.ALNUM,
  plainMin: 8,
  scan(v: ScanValue, ctx: ScanContext): void {
    // 1.e.tables: the one dotted word that can be SQL (MySQL reads 1.e as a number touching the next name)
    const dotted = (v.classes & C.DOT) !== 0 && v.decoded.includes('.e.') && leadingNumber(v.decoded);
    if (!(v.classes & (SPECIAL | C.SPACE)) && !dotted) {
      // one word: only a catalog, a dangerous procedure or a time function named on its own
      if (v.decoded.length >= 8 && v.decoded.length <= 24 && STANDALONE.test(v.decoded)) ctx.report({ rule: 'sqli.catalog', severity: 'critical', confidence: 1, score: 5, evidence: v.decoded });
      // @@version, @@datadir: a server variable on its own, a probe for the server itself
      else if (v.classes & C.AT && SYSTEM_VARIABLE.test(v.decoded)) ctx.report({ rule: 'sqli.system-variable', severity: 'critical', confidence: 1, score: 5, evidence: v.decoded });
      // 2.2250738585072011e-308: the number that hangs PHP's and Java's float parsers (a denial of service, not a query)
      else if (v.classes & C.DOT && v.decoded.length >= 17 && v.decoded.includes('250738585072') && magicFloat(v.decoded)) ctx.report({ rule: 'sqli.magic-number', severity: 'critical', confidence: 1, score: 5, evidence: v.decoded.slice(0, 40) });
      return;
    }
    // "', 1)."'),(.: both quotes together at the end of the value, sqlmap's heuristic check for a query to break
    if (v.classes & C.SQUOTE && v.classes & C.DQUOTE && v.decoded.length <= 64 && quoteProbe(v.decoded)) ctx.report({ rule: 'sqli.quote-probe', severity: 'critical', confidence: 1, score: 5, evidence: v.decoded });
    // name`;, ` REGEXP: the value closes the backtick-quoted identifier the application put it in
    if (v.classes & C.BACKTICK && v.decoded.length <= 256) {
      const h = identifierBreak(v.decoded);
      if (h) ctx.report({ rule: h.rule, severity: 'critical', confidence: 1, score: 5, evidence: h.evidence });
    }
    // quote look-alikes (’ ‘ ´ ʼ ＇) that a database's charset conversion turns into the ASCII quote: read as that quote
    const lookalike = (v.classes & C.HIGH) !== 0 && LOOKALIKE_QUOTES.test(v.decoded);
    if (!(sqlCandidate(v) || (lookalike && LOGIC_WORDS.test(v.decoded))) || browserAgent(v)) return;
    const text = lookalike ? v.decoded.replace(LOOKALIKE_QUOTES_ALL, "'") : v.decoded;
    // prose about SQL: what it quotes counts once, as a medium finding (it blocks only from paranoia 4)
    const prose = v.classes & C.SPACE && isProse(text) ? new ProseFindings(ctx) : undefined;
    if (prose) ctx = prose;
    if (v.classes & C.SLASH) {
      // MySQL executable comments: /*!50000union*/ runs its body; outside mysqldump files it is an evasion
      const m = EXECUTABLE_COMMENT.exec(text);
      if (m && SQL_WORDS.has(m[1]!.toLowerCase())) ctx.report({ rule: 'sqli.executable-comment', severity: 'critical', confidence: 1, score: 5, evidence: text.slice(m.index, m.index + 40) });
      // a versioned comment around anything else (/*!32302 1/0, */): code only MySQL runs, hidden from other parsers
      else if (text.includes('/*!')) ctx.report({ rule: 'sqli.executable-comment', severity: 'high', confidence: 0.8, score: 4, evidence: text.slice(text.indexOf('/*!'), text.indexOf('/*!') + 40) });
    }
    const contexts: (string | undefined)[] = [undefined];
    if (v.classes & C.SQUOTE || lookalike) contexts.push("'");
    if (v.classes & C.DQUOTE) contexts.push('"');
    // a value that opens by closing a backtick-quoted identifier
    if (v.classes & C.BACKTICK && text.trimStart().startsWith('`')) contexts.push('`');
    for (const q of contexts) report(text, q, ctx, v);
    // execute php, exec sp_who as a form, query or cookie name: a name is an identifier, and this runs a procedure
    // (as a value it is also a search: "exec chair")
    if (EXEC_NAME.test(text) && plainName(v)) ctx.report({ rule: 'sqli.statement', severity: 'high', confidence: 0.8, score: 4, evidence: text.trim() });
    // FROM%2B%2560t%2560%2BWHERE: a query or form value still URL-encoded after its parameter was decoded is decoded
    // again by the application, and a form decoder reads + as a space there (double encoding, a WAF evasion); in JSON
    // and XML a + was never a space
    if (v.classes & C.PLUS && !(v.classes & C.SPACE) && formValue(v) && v.text.includes('%') && v.text.length !== text.length) {
      const spaced = text.replace(PLUS_ALL, ' ');
      for (const q of contexts) report(spaced, q, ctx, v);
    }
    if (v.kind === 'path') {
      if (v.classes & C.SPACE) pathSegments(text, ctx);
      // /api/items/version(), /user/@@hostname, /login/'-': a last segment that is a call, a server variable or a string
      // break, read as a value of its own (so a break that opens it is seen as opening a value)
      if (v.classes & (C.PAREN | C.AT | C.SQUOTE | C.DQUOTE)) lastSegment(text, contexts, ctx);
      // /post/24'union+all+select+1,2,3: a path rewritten into a query parameter (mod_rewrite, a router that hands a
      // segment to a form decoder) reads + as a space, and payloads copied from query strings keep it. Whether the
      // application does is a guess, so only a string break counts there (+ between words is ordinary in paths)
      if (v.classes & C.PLUS && contexts.length > 1) {
        const spaced = text.replace(PLUS_ALL, ' ');
        for (const q of contexts) if (q !== undefined) report(spaced, q, ctx, v);
      }
    }
    prose?.flush();
  },
};

const PLUS_ALL = /\+/g;

/**
 * A path segment is a value of its own (/items/OR json_extract(...) = 'x'): with spaces in the path, read the last
 * segments as values too, so a condition that starts a segment is seen as starting a value.
 */
function pathSegments(text: string, ctx: ScanContext): void {
  let end = text.length;
  for (let k = 0; k < 4; k++) {
    const slash = text.lastIndexOf('/', end - 1);
    if (slash < 0) break;
    const segment = text.slice(slash + 1, end);
    if (segment.includes(' ')) report(segment, undefined, ctx);
    end = slash;
  }
}

function lastSegment(text: string, contexts: (string | undefined)[], ctx: ScanContext): void {
  const segment = text.slice(text.lastIndexOf('/') + 1);
  if (segment.length < 3 || segment.length === text.length) return;
  if (SYSTEM_VARIABLE.test(segment)) ctx.report({ rule: 'sqli.system-variable', severity: 'critical', confidence: 1, score: 5, evidence: segment });
  else if (segment.includes('(') || segment.startsWith('@@') || (contexts.length > 1 && /^\s*['"]/.test(segment))) {
    for (const q of contexts) if (q === undefined || segment.includes(q)) report(segment, q, ctx);
  }
}

/** Collects the findings in a value of prose and reports the strongest once, as medium evidence. */
class ProseFindings implements ScanContext {
  private best: Report | undefined;
  constructor(private readonly ctx: ScanContext) {}
  get paranoia(): number {
    return this.ctx.paranoia;
  }
  get exchange(): Exchange {
    return this.ctx.exchange;
  }
  report(r: Report): void {
    if ((r.paranoia ?? 1) <= this.ctx.paranoia && (!this.best || (r.score ?? 0) > (this.best.score ?? 0))) this.best = r;
  }
  flush(): void {
    const b = this.best;
    if (b) this.ctx.report({ rule: 'sqli.quoted-in-prose', severity: 'medium', confidence: 0.6, score: Math.min(3, b.score ?? 3), evidence: b.evidence });
  }
}

registerDetector(detector);
