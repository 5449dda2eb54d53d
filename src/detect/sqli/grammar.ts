import type { Token } from './tokenizer.js';
import { fragments } from './fragments.js';
import { AMBIGUOUS_FUNCTIONS, CATALOGS, DANGEROUS, SQL_FUNCTIONS, TIME_FUNCTIONS } from './words.js';

// Grammar-level analysis of a token stream: which SQL constructs the stream forms, not which words it contains.
// Every check looks a bounded number of tokens ahead, so the analysis is linear in the number of tokens.

export interface SqlSignal {
  rule: string;
  score: number;
  /** Index range of tokens forming the evidence. */
  from: number;
  to: number;
  paranoia?: number;
  /** SQL as data (a whole saved statement): as ordinary in a name (a map keyed by query text) as in a value. */
  data?: boolean;
}

/** Calls that read what the server is (or force a duplicate-key error): passed into another call, they exfiltrate. */
const INFO_FUNCTIONS = new Set(['version', 'database', 'user', 'current_user', 'system_user', 'session_user', 'schema', 'db_name', 'user_name', 'suser_name', 'host_name', 'sqlite_version', 'getpgusername', 'current_setting', 'rand', 'connection_id']);
/** Calls that build text from character codes (chr(123)): an evasion primitive, never a stored expression. */
const CODE_BUILDERS = new Set(['chr', 'char', 'nchar', 'unhex', 'unistr']);
const PG_TYPES = new Set(['json', 'jsonb', 'int', 'integer', 'int4', 'int8', 'bigint', 'text', 'varchar', 'numeric', 'bool', 'boolean', 'regclass', 'oid', 'bytea', 'xml', 'date', 'timestamp', 'float', 'real', 'char', 'name', 'inet', 'uuid', 'double', 'smallint', 'decimal', 'money', 'cstring', 'regproc']);
/** Oracle packages whose calls leak data through errors or the network (never a value's comparison operand). */
const ORACLE_PACKAGES = new Set(['ctxsys', 'dbms_utility', 'dbms_xmlgen', 'dbms_xmlquery', 'dbms_ldap', 'dbms_java', 'dbms_aw', 'dbms_scheduler', 'dbms_export_extension', 'utl_http', 'utl_inaddr', 'utl_file', 'utl_smtp', 'utl_tcp', 'ordsys']);
/** Arithmetic between two quoted halves ('-', '*'); not | / + %, which quoted are also a delimiter setting. */
const ARITHMETIC = new Set(['-', '*', '^', '&']);
const NUMERIC_TYPES = new Set(['int', 'integer', 'int4', 'int8', 'bigint', 'smallint', 'numeric', 'decimal', 'float', 'real', 'double']);
/** The word that follows a statement word before its table: insert into, delete from, drop table. */
const STATEMENT_OBJECT: Record<string, string> = { insert: 'into', delete: 'from', drop: 'table', truncate: 'table', alter: 'table' };
const JSON_OPS = new Set(['->', '->>', '#>', '#>>', '?', '?|', '?&', '@>', '<@']);
/** Types a variable is declared with (MSSQL's declare @b varchar(8000)). */
const MSSQL_TYPES = new Set(['int', 'integer', 'bigint', 'smallint', 'tinyint', 'bit', 'varchar', 'nvarchar', 'char', 'nchar', 'text', 'ntext', 'datetime', 'datetime2', 'date', 'time', 'sysname', 'decimal', 'numeric', 'float', 'real', 'money', 'uniqueidentifier', 'xml', 'binary', 'varbinary', 'sql_variant']);
const OBJECTS = new Set(['table', 'database', 'view', 'index', 'trigger', 'procedure', 'function', 'schema', 'user', 'column', 'sequence', 'type', 'role', 'login']);
const COMPARE = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>', 'like', 'rlike', 'regexp', 'is', 'in', 'between', 'glob', 'sounds', 'similar', 'ilike', '^=', '==']);

const SYMBOL_COMPARE = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>', '==']);

const isLiteral = (t: Token | undefined): boolean => !!t && (t.t === '1' || t.t === 's' || t.t === 'v');
const isTerm = (t: Token | undefined): boolean => !!t && (t.t === '1' || t.t === 's' || t.t === 'v' || t.t === 'n' || t.t === 'f');
const isKw = (t: Token | undefined, w: string): boolean => !!t && (t.t === 'k' || t.t === 'E' || t.t === 'o' || t.t === 'n') && t.v === w;
const ends = (t: Token | undefined): boolean => !t || t.t === ';' || t.t === ')';

/** Skips one expression term (name, literal, call with balanced parentheses up to a bound, dotted name). Returns the next index or -1. */
function term(ts: Token[], i: number): number {
  let t = ts[i];
  if (!t) return -1;
  if (t.t === 'o' && (t.v === '-' || t.v === '+' || t.v === '~' || t.v === '!')) t = ts[++i];
  if (!t) return -1;
  if (t.v === '*' && t.t === 'o') return i + 1;
  if (t.t === '(' || t.t === 'f') {
    let j = t.t === 'f' ? i + 2 : i + 1;
    let depth = 1;
    for (let k = 0; j < ts.length && k < 64; j++, k++) {
      if (ts[j]!.t === '(') depth++;
      else if (ts[j]!.t === ')' && --depth === 0) return j + 1;
    }
    return depth > 0 && j >= ts.length ? j : -1;
  }
  // case when ... end: one term, up to its end
  if (t.t === 'k' && t.v === 'case') {
    let depth = 0;
    for (let j = i, k = 0; j < ts.length && k < 64; j++, k++) {
      if (ts[j]!.t === 'k' && ts[j]!.v === 'case') depth++;
      else if (ts[j]!.t === 'k' && ts[j]!.v === 'end' && --depth === 0) return j + 1;
    }
    return -1;
  }
  if (!isTerm(t) && !(t.t === 'k' && t.v === 'distinct')) return -1;
  let j = i + 1;
  while (ts[j]?.t === '.' && isTerm(ts[j + 1])) j += 2;
  if (ts[j]?.t === '.' && ts[j + 1]?.v === '*') j += 2;
  // a package's function called: dbms_pipe.receive_message(chr(65), 5)
  else if (j > i + 1 && ts[j]?.t === '(' && ts[j]!.start === ts[j - 1]!.end) {
    let depth = 0;
    for (let k = 0; j < ts.length && k < 64; j++, k++) {
      if (ts[j]!.t === '(') depth++;
      else if (ts[j]!.t === ')' && --depth === 0) return j + 1;
    }
    return -1;
  }
  return j;
}

/** select+specialty+hospital: a + glued between two words joins them, as a URL writes spaces; it is not arithmetic. */
function joiner(ts: Token[], i: number): boolean {
  const a = ts[i - 1];
  const p = ts[i]!;
  const b = ts[i + 1];
  return p.v === '+' && !!a && !!b && (a.t === 'n' || a.t === 'E') && b.t === 'n' && a.end === p.start && p.end === b.start;
}

/** A select list: term (op term)* [as alias | alias] (, ...)*. Returns [next index, items, special] or undefined. */
function selectList(ts: Token[], i: number): { next: number; items: number; special: boolean } | undefined {
  let items = 0;
  let special = false;
  let j = i;
  if (ts[j]?.t === 'k' && (ts[j]!.v === 'distinct' || ts[j]!.v === 'all' || ts[j]!.v === 'top')) j++;
  if (ts[j - 1]?.v === 'top' && ts[j]?.t === '1') j++;
  for (let guard = 0; guard < 64; guard++) {
    const start = j;
    j = term(ts, j);
    if (j < 0) return items ? { next: start, items, special } : undefined;
    const t = ts[start]!;
    if (t.t !== 'n' && !joiner(ts, start)) special = true;
    while (ts[j]?.t === 'o' && !COMPARE.has(ts[j]!.v)) {
      const k = term(ts, j + 1);
      if (k < 0) break;
      if (!joiner(ts, j)) special = true;
      j = k;
    }
    if (isKw(ts[j], 'as')) j += ts[j + 1] ? 2 : 1;
    else if (ts[j]?.t === 'n' || (ts[j]?.t === 's' && ts[j - 1]?.t !== 's')) j++;
    items++;
    if (ts[j]?.t === ',') {
      special = true;
      j++;
      continue;
    }
    return { next: j, items, special };
  }
  return { next: j, items, special };
}

/** How strongly a statement starts at i: 0 none, 1 plausible (could be prose), 2 certain. */
export function statementAt(ts: Token[], i: number): { strength: number; to: number } {
  const t = ts[i];
  const none = { strength: 0, to: i };
  if (!t || t.t !== 'E') return none;
  const a = ts[i + 1];
  const b = ts[i + 2];
  switch (t.v) {
    case 'select': {
      const list = selectList(ts, i + 1);
      if (!list) return none;
      const j = list.next;
      if (isKw(ts[j], 'from') || isKw(ts[j], 'into')) {
        const tbl = ts[j + 1];
        // "select col from" cut where the attacker's table would follow still has the statement's shape
        if (!tbl) return { strength: 1, to: j + 1 };
        if (!(tbl.t === 'n' || tbl.t === '(' || tbl.t === 'v' || tbl.t === 's' || tbl.t === '1')) return { strength: list.special ? 1 : 0, to: j };
        let k = term(ts, j + 1);
        if (k < 0) k = j + 2;
        const after = ts[k];
        const clean = !after || ['k', ';', ')', 'U', 'c'].includes(after.t) || (after.t === 'n' && (!ts[k + 1] || ts[k + 1]!.t === 'k' || ts[k + 1]!.t === ';'));
        return { strength: list.special || (clean && list.items > 0 && (!after || after.t !== 'n')) ? 2 : clean ? 1 : 0, to: k };
      }
      if (list.special && (ends(ts[j]) || ts[j]!.t === 'U' || ts[j]!.t === '&' || (ts[j]!.t === 'k' && ['where', 'limit', 'order', 'group'].includes(ts[j]!.v)))) return { strength: 2, to: j };
      return none;
    }
    case 'insert':
    case 'replace':
      // (insert into table (col): a reserved word as the table name, followed by its column list)
      if (isKw(a, 'into') && (b?.t === 'n' || (b?.t === 'k' && ts[i + 3]?.t === '('))) {
        const c = ts[term(ts, i + 2)] ?? ts[i + 3];
        return { strength: !c ? 1 : c.t === '(' || isKw(c, 'values') || isKw(c, 'select') || isKw(c, 'set') ? 2 : 0, to: i + 3 };
      }
      return none;
    case 'update':
      if (a?.t === 'n' && isKw(b, 'set') && ts[i + 3]?.t === 'n' && ts[i + 4]?.v === '=') return { strength: 2, to: i + 5 };
      return none;
    case 'delete':
      if (isKw(a, 'from') && b?.t === 'n') {
        const c = ts[term(ts, i + 2)];
        return { strength: !c ? 1 : isKw(c, 'where') || c.t === ';' || c.t === 'k' ? 2 : 0, to: i + 3 };
      }
      return none;
    case 'drop':
    case 'create':
    case 'alter':
    case 'truncate':
      if (a && OBJECTS.has(a.v)) {
        let j = i + 2;
        if (isKw(ts[j], 'if')) j += ts[j + 1]?.v === 'not' ? 3 : 2;
        if (ts[j]?.t === 'n' || ts[j]?.t === 'v') return { strength: 2, to: j + 1 };
      }
      if ((t.v === 'truncate' || t.v === 'drop') && a?.t === 'n' && ends(b)) return { strength: 1, to: i + 2 };
      return none;
    case 'exec':
    case 'execute':
      if (a && (a.t === '(' || a.t === 's' || a.t === 'v' || (a.t === 'n' && /^(xp_|sp_|master|dbo|sys)/.test(a.v)))) return { strength: 2, to: i + 2 };
      // Oracle dynamic SQL: execute immediate '...'
      if (a?.v === 'immediate' && (!b || b.t === 's' || b.t === 'v')) return { strength: 2, to: i + 3 };
      if (a?.t === 'f' || (a?.t === 'n' && (ends(b) || b?.t === 's' || b?.t === 'v'))) return { strength: 1, to: i + 2 };
      return none;
    case 'declare':
      // declare @b, declare @b varchar(8000), declare @t table: certain when a type, a terminator or nothing follows
      if (a?.t !== 'v') return none;
      return { strength: !b || b.t === ';' || b.t === ',' || b.v === '=' || isKw(b, 'as') || isKw(b, 'table') || isKw(b, 'cursor') || MSSQL_TYPES.has(b.v) ? 2 : 1, to: i + 2 };
    case 'backup':
    case 'restore':
      // backup database master to disk='\\evil\x.bak': copies a database out (or in)
      return (isKw(a, 'database') || a?.v === 'log') && b && (b.t === 'n' || b.t === 'v') && (ts[i + 3]?.v === 'to' || ts[i + 3]?.v === 'from') ? { strength: 2, to: i + 4 } : none;
    case 'shutdown':
      return ends(a) || isKw(a, 'with') ? { strength: 2, to: i + 1 } : none;
    case 'waitfor':
      return (isKw(a, 'delay') || isKw(a, 'time')) && b?.t === 's' ? { strength: 2, to: i + 3 } : none;
    case 'grant':
    case 'revoke': {
      for (let j = i + 1; j < Math.min(ts.length, i + 8); j++) if (isKw(ts[j], 'on') && ts[j + 1]) return { strength: 1, to: j + 2 };
      return none;
    }
    case 'call':
      return a?.t === 'f' || (a?.t === 'n' && ts[i + 2]?.t === '(') ? { strength: 1, to: i + 2 } : none;
    case 'load':
      return isKw(a, 'data') || (a?.t === 'n' && a.v === 'data') ? { strength: 1, to: i + 2 } : none;
    default:
      return none;
  }
}

/** A comparison that is always true (or decided only by the attacker): 1=1, 'a'='a', x=x, 2>1, 1 like 1, 'a' is not null. */
function tautologyAt(ts: Token[], start: number): number {
  let i = start;
  let open = 0;
  for (; ts[i]?.t === '(' && open < 4; i++) open++;
  const a = ts[i];
  // (1)=(1): each operand in its own parentheses
  let oi = i + 1;
  for (; open > 0 && ts[oi]?.t === ')'; oi++) open--;
  const op = ts[oi];
  let bi = oi + 1;
  if (!a || !op || !(op.t === 'o' && COMPARE.has(op.v))) return -1;
  if (ts[bi]?.v === 'not') bi++;
  let b = ts[bi];
  let end = bi + 1;
  if (b?.t === '(' && isLiteral(ts[bi + 1]) && ts[bi + 2]?.t === ')') {
    b = ts[bi + 1];
    end = bi + 3;
  }
  if (!b) return -1;
  if (isLiteral(a) && isLiteral(b)) return end;
  if (a.t === 'n' && b.t === 'n' && a.v === b.v) return end;
  if (isLiteral(a) && b.t === '1' && b.v === 'null') return end;
  return -1;
}

/** Tokens written without spaces between them ('a'='b). */
function glued(ts: Token[]): boolean {
  for (let k = 1; k < ts.length; k++) if (ts[k]!.start !== ts[k - 1]!.end) return false;
  return true;
}

/** A whole value that is one closed call over names and plain literals: f(a, 'b', 1). */
function plainExpression(ts: Token[]): boolean {
  const n = ts.length;
  if (n < 3 || ts[n - 1]!.t !== ')') return false;
  for (let k = 2; k < n - 1; k++) {
    const t = ts[k]!;
    if (!(t.t === 'n' || t.t === ',' || t.t === 's' || (t.t === '1' && !t.v.startsWith('0x')) || t.t === '.')) return false;
  }
  return true;
}

/** Index after a parenthesised row of literals from i ((1,2), ('a', 'b')), or -1. */
function literalRow(ts: Token[], i: number): number {
  if (ts[i]?.t !== '(' || !isLiteral(ts[i + 1])) return -1;
  let j = i + 2;
  while (ts[j]?.t === ',' && isLiteral(ts[j + 1])) j += 2;
  return ts[j]?.t === ')' ? j + 1 : -1;
}

/** Index after a run of numbers joined by commas from i (3 or 1,2,3), or -1. */
function numberList(ts: Token[], i: number): number {
  if (ts[i]?.t !== '1') return -1;
  let j = i + 1;
  while (ts[j]?.t === ',' && ts[j + 1]?.t === '1') j += 2;
  return j;
}

/** Whether the call at i is followed by a comparison or concatenation and an operand: length(x)>5, chr(65)||chr(66)='AB'. */
function callCompared(ts: Token[], i: number): boolean {
  const j = term(ts, i);
  const op = ts[j];
  return j > 0 && !!op && ((op.t === 'o' && (COMPARE.has(op.v) || op.v === '||')) || (op.t === '&' && op.v === '||')) && !!ts[j + 1];
}

/**
 * Whether the call at i has the arguments of a delay: sleep(5), pg_sleep(5*2), sleep(("10")), benchmark(5000000,md5(1)),
 * or cut after them (sleep(5); not the words of "sleep (8 hours)" or "benchmark (2024)": a number then prose, or
 * benchmark without its expression).
 */
function timeArguments(ts: Token[], i: number): boolean {
  const a = ts[i + 2];
  if (!a) return false;
  if (a.t === 'o') return ts[i + 3]?.t !== ')';
  if (!(a.t === '1' || a.t === 's' || a.t === 'f' || a.t === '(')) return false;
  const j = term(ts, i + 2);
  const after = ts[j];
  if (ts[i]!.v === 'benchmark') return after?.t === ',';
  return j >= ts.length || after?.t === ')' || after?.t === ',' || after?.t === 'o';
}

/** Word operators only SQL has (not like, which is also an English word). */
const SQL_WORD_OPS = new Set(['rlike', 'regexp', 'glob', 'sounds', 'similar', 'ilike']);

/** Operators between two literals that only SQL writes: 42 like 42, 42<=>42 (and is not, is null). */
const SQL_ONLY_OPS = new Set(['like', 'rlike', 'regexp', 'glob', 'sounds', 'similar', 'ilike', '<=>']);

/**
 * A literal comparison ts[0..end) written as SQL (a SQL-only operator, a quoted operand: 'x'!='y) that is always true
 * (the condition that opens every row; an always-false one, 1 is not 1, is weaker evidence).
 */
function sqlTautology(ts: Token[], end: number): boolean {
  const negated = ts[1]!.v === 'not' || ts[2]?.v === 'not' || ts[1]!.v === '!=' || ts[1]!.v === '<>';
  const sql = SQL_ONLY_OPS.has(ts[1]!.v) || ts[0]!.t === 's' || ts[end - 1]!.t === 's' || negated;
  return sql && negated !== (ts[0]!.v === ts[end - 1]!.v);
}

/** b,1=1 or 'admin', '1'='1': the appended comparison is an always-true one written as code (see sqlTautology). */
function commaTautology(ts: Token[], from: number, end: number): boolean {
  const c = ts.slice(from, end);
  return c.length >= 3 && (sqlTautology(c, c.length) || (c[1]!.v === '=' && c[0]!.v === c[c.length - 1]!.v));
}

/**
 * A comparison on a column from i: (name = ", e ===, c=!1), uid!=( — parentheses, a name or literal, a comparison
 * operator, at most one operand and closing parentheses. Returns the index after it, or -1.
 */
function conditionOnColumn(ts: Token[], i: number): number {
  let k = i;
  while (ts[k]?.t === '(' && k < i + 3) k++;
  const a = ts[k];
  const op = ts[k + 1];
  if (!a || !(a.t === 'n' || isLiteral(a)) || op?.t !== 'o' || !(COMPARE.has(op.v) || op.v === '!')) return -1;
  let j = k + 2;
  for (let u = 0; u < 2 && ts[j]?.t === 'o' && (ts[j]!.v === '=' || ts[j]!.v === '!' || ts[j]!.v === '-'); u++) j++;
  if (ts[j] && (isTerm(ts[j]) || ts[j]!.t === '(')) j++;
  while (ts[j]?.t === ')') j++;
  return j;
}

/**
 * Reports the SQL constructs found in `ts` (comments removed). `broke`: the stream starts with a string the value closed
 * (the value was injected inside a quoted literal and left it). `commentEnd`: the raw stream ended in a comment.
 */
export function analyze(ts: Token[], broke: boolean, commentEnd: boolean, out: SqlSignal[]): void {
  const n = ts.length;
  if (broke) breakout(ts, commentEnd, out);
  const lead = ts[0];
  if (!broke && lead && (lead.t === '1' || lead.t === 's' || lead.t === '(')) {
    const end = tautologyAt(ts, 0);
    if (end > 0 && (ts[end]?.t === '&' || (commentEnd && end >= n - 1))) out.push({ rule: 'sqli.tautology', score: 5, from: 0, to: end + 1 });
    // 1=1, 42 like 42, '1'='1': a whole value that is a comparison of two literals (a blind-injection probe); certain when
    // it is code and always true (1=1, 11!=1, 1 is not 2); 2>1 or 5 is 5 could be prose
    else if (end > 0 && end >= n && ts[0]!.v === ts[end - 1]!.v) out.push({ rule: 'sqli.tautology', score: sqlTautology(ts, end) || ts[1]!.v === '=' ? 5 : 4, from: 0, to: end });
    else if (end > 0 && end >= n && (ts[1]!.t === 'o' && ts[1]!.v !== '=' && ts[1]!.v !== '<' && ts[1]!.v !== '>')) out.push({ rule: 'sqli.tautology', score: sqlTautology(ts, end) ? 5 : 4, from: 0, to: end });
    // '1'='2, 'a'<>'b: a quoted literal compared, with no spaces, with one the application's closing quote completes
    // (the always-false half of a boolean-blind pair; the always-true one is a tautology above)
    else if (end === 3 && n === 3 && (ts[1]!.v === '=' || ts[1]!.v === '<>' || ts[1]!.v === '!=') && glued(ts) && ts[0]!.t === 's' && !ts[0]!.open && ts[0]!.start === 0 && ts[2]!.t === 's' && ts[2]!.open && ts[0]!.v.length <= 16 && !/\s/.test(ts[0]!.v + ts[2]!.v)) out.push({ rule: 'sqli.tautology', score: 5, from: 0, to: 3 });
    else if (n >= 4 && n <= 5 && isLiteral(ts[0]) && ts[1]!.v === 'not' && ts[2]?.t === 'o' && COMPARE.has(ts[2]!.v) && isLiteral(ts[3]) && n === 4) out.push({ rule: 'sqli.tautology', score: sqlTautology(ts, 4) ? 5 : 4, from: 0, to: 4 });
  }
  // context-free numeric injection: 1 or 1=1, 1) or (1=1, -1 union ...
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    switch (t.t) {
      case 'U': {
        let j = i + 1;
        if (ts[j]?.t === 'k' && (ts[j]!.v === 'all' || ts[j]!.v === 'distinct' || ts[j]!.v === 'distinctrow')) j++;
        while (ts[j]?.t === '(') j++;
        const st = statementAt(ts, j);
        if (ts[j]?.v === 'select' && (st.strength > 0 || selectList(ts, j + 1)?.special)) out.push({ rule: 'sqli.union-select', score: 5, from: i, to: Math.max(j + 1, st.to) });
        // "union select" with nothing SQL after it: a probe, or prose about a credit union
        else if (ts[j]?.v === 'select' && ts[j]!.t === 'E') {
          // sElEcT / UnIoN written to slip past a case-sensitive filter; else a bare probe, or prose ("how does a union select work")
          const score = t.mixed || ts[j]!.mixed ? 5 : !ts[j + 1] || ts[j + 1]!.t === 'c' || ts[j - 1]!.v === 'all' ? 4 : 3;
          out.push({ rule: 'sqli.union-select', score, from: i, to: j + 1 });
        }
        // except values(1,2), union values (...): a row constructor appended to the query
        // (certain when the row is literals and the value starts with the union or appends it to a literal)
        else if (isKw(ts[j], 'values') && ts[j + 1]?.t === '(') out.push({ rule: 'sqli.union-select', score: literalRow(ts, j + 1) >= n && (i === 0 || isLiteral(ts[i - 1]) || ts[i - 1]!.t === ')') ? 5 : 4, from: i, to: j + 2 });
        break;
      }
      case ';': {
        const st = statementAt(ts, i + 1);
        // (; delete from users cut there is a whole statement)
        const deletes = isKw(ts[i + 1], 'delete') && isKw(ts[i + 2], 'from') && ts[i + 3]?.t === 'n' && i + 4 >= n;
        if (st.strength) out.push({ rule: 'sqli.stacked-query', score: st.strength === 2 || deletes ? 5 : 4, from: i, to: st.to });
        // ;SET @saved_mode = ..., ; set @a: a session variable assignment after a terminator
        else if (isKw(ts[i + 1], 'set') && ts[i + 2]?.t === 'v') out.push({ rule: 'sqli.stacked-query', score: 5, from: i, to: i + 3 });
        // "; update your imports", "; select the member option": a statement word then plain words is a sentence;
        // ";update users" cut right there is a probe; so is a value that is a terminator and a statement word (;drop)
        else if (ts[i + 1]?.t === 'E' && ts[i + 2] && (ts[i + 2]!.t === 'k' || ts[i + 2]!.t === 'n' || ts[i + 2]!.t === 'f' || ts[i + 2]!.t === 'v')) {
          // (a statement word and a name cut at the end of the value, after a terminator that follows an operator or
          // a literal rather than a sentence's words: pay=;update users)
          const sentence = ts[i + 2]!.t === 'n' && !ts[i + 1]!.mixed && (ts[i + 3] !== undefined || !(i === 0 || ts[i - 1]!.t === 'o' || isLiteral(ts[i - 1]) || ts[i - 1]!.t === ')'));
          // ; insert into, ;delete from: the whole value is a terminator and a statement cut where its table follows
          const opened = i === 0 && n === 3 && ts[2]!.t === 'k' && STATEMENT_OBJECT[ts[1]!.v] === ts[2]!.v;
          if (!(ts[i + 2]!.t === 'n' && !ts[i + 1]!.mixed) || !ts[i + 3] || ts[i + 3]!.t === ';') out.push({ rule: 'sqli.stacked-query', score: opened ? 5 : sentence ? 3 : 4, from: i, to: i + 3 });
        } else if (i === 0 && n === 2 && ts[1]!.t === 'E') out.push({ rule: 'sqli.stacked-query', score: 4, from: 0, to: 2 });
        break;
      }
      case 'E': {
        // a hyphenated word (select-quote, drop-down, update-check) is a name, not a statement
        const nx = ts[i + 1];
        const pv = ts[i - 1];
        if ((nx?.v === '-' && nx.start === t.end && ts[i + 2]?.start === nx.end && ts[i + 2]!.t === 'n') || (pv?.v === '-' && pv.end === t.start && ts[i - 2]?.end === pv.start)) break;
        // waitfor delay '0:0:5' anywhere: MSSQL's sleep, never prose
        if (t.v === 'waitfor' && i > 0 && statementAt(ts, i).strength === 2) out.push({ rule: 'sqli.time-based', score: 5, from: i, to: i + 3 });
        if (i === 0 || ts[i - 1]!.t === '(' || ts[i - 1]!.t === '&' || (ts[i - 1]!.t === 'o' && ts[i - 1]!.v !== ':')) {
          const st = statementAt(ts, i);
          const sqlish = ts.slice(i + 1, st.to + 1).some((x) => x.t === 'f' || x.t === ',' || x.t === 'v' || x.t === 's' || x.t === '1' || x.v === '*');
          // a statement the value ends by commenting out the rest of the query: DROP x;--
          const cut = commentEnd && st.to >= n - 1;
          // a value that is one whole statement, start to end (a query builder's or snippet's SQL), is SQL as data:
          // injection has to break out of the application's query, which this does not
          const whole = i === 0 && !broke && !cut && wholeStatement(ts, st.to);
          // a whole statement is SQL as data (a saved query, a snippet): 4, so it blocks from paranoia 2 (fields that
          // should not carry code); hex literals and alternating case make it an evasion
          // (declare @b on its own declares nothing a saved query would use: a probe for MSSQL; nor does waitfor delay)
          const data = i === 0 && !broke && !cut && t.v !== 'declare' && t.v !== 'waitfor' && !ts.some((x) => x.mixed || (x.t === '1' && x.v.startsWith('0x')));
          if (st.strength === 2) out.push({ rule: i > 0 && ts[i - 1]!.t === '(' ? 'sqli.subquery' : 'sqli.statement', score: data && (!sqlish || whole) ? 4 : 5, from: i, to: st.to, data: data && (!sqlish || whole) });
          // in (select * from, exists (select x from: a subquery cut where the application's table follows
          // (certain when the list is code, select * or select count(*), and the value ends right there)
          else if (st.strength === 1 && ts[i - 1]?.t === '(' && (ts[i - 2]?.v === 'in' || ts[i - 2]?.v === 'exists' || ts[i - 2]?.t === '&')) out.push({ rule: 'sqli.subquery', score: st.to >= n && t.v === 'select' && selectList(ts, i + 1)?.special ? 5 : 4, from: i - 2, to: st.to });
          else if (st.strength === 1) out.push({ rule: 'sqli.statement', score: cut || t.mixed ? 5 : 3, from: i, to: st.to });
          // id = (select, x<>( SELECT: a comparison's operand opened as a subquery where the value ends
          else if (t.v === 'select' && i === n - 1 && ts[i - 1]?.t === '(' && ts[i - 2]?.t === 'o' && SYMBOL_COMPARE.has(ts[i - 2]!.v)) out.push({ rule: 'sqli.subquery', score: 5, from: i - 2, to: n });
        }
        break;
      }
      case '&': {
        const prev = ts[i - 1];
        if (i === 0 && !broke) {
          // a value that starts with a logic operator: "or 1=1", "and 1=2"
          const end = tautologyAt(ts, ts[1]?.v === 'not' || ts[1]?.v === '!' ? 2 : 1);
          if (end > 0) out.push({ rule: 'sqli.tautology', score: 5, from: 0, to: end });
          else if (isLiteral(ts[1]) && ts[2]?.t === 'o' && ts[3] && (isLiteral(ts[3]) || ts[3]!.t === 'n' || ts[3]!.t === '(' || ts[3]!.t === 'f')) out.push({ rule: 'sqli.boolean-expression', score: 5, from: 0, to: 4 });
          // or 1#, or 1-- -: a condition that comments out the rest of the query
          else if (isLiteral(ts[1]) && n === 2 && commentEnd) out.push({ rule: 'sqli.boolean-expression', score: 5, from: 0, to: 2 });
          // xor 2 <, or 'a' >: a comparison cut where the application's operand follows
          // (certain with xor, || or && or a quoted operand: not how a sentence starts)
          else if (isLiteral(ts[1]) && ts[2]?.t === 'o' && (COMPARE.has(ts[2]!.v) || t.v === 'xor') && n === 3) out.push({ rule: 'sqli.boolean-expression', score: (t.v !== 'or' && t.v !== 'and') || ts[1]!.t === 's' ? 5 : 4, from: 0, to: 3 });
          else if (t.v === 'xor' && isTerm(ts[1])) out.push({ rule: 'sqli.boolean-expression', score: 4, from: 0, to: 2 });
          // or json_extract(...) = 'x', and sleep(: a condition that is a SQL call
          else if (ts[1]?.t === 'f' && ts[2]?.t === '(') out.push({ rule: 'sqli.boolean-function', score: AMBIGUOUS_FUNCTIONS.has(ts[1]!.v) ? 3 : 5, from: 0, to: 3 });
          // ||(elt(...)), and (sleep(5)): the call in parentheses
          else if (ts[1]?.t === '(' && ts[2]?.t === 'f' && ts[3]?.t === '(' && !AMBIGUOUS_FUNCTIONS.has(ts[2]!.v)) out.push({ rule: 'sqli.boolean-function', score: 5, from: 0, to: 4 });
          // and value = ', or (name = ", && (e ===, ||(c=!1): a condition on a column, the whole value; certain when cut
          // right at the quote that opens the application's value
          else {
            const end = conditionOnColumn(ts, 1);
            if (end >= n) out.push({ rule: 'sqli.boolean-expression', score: ts[n - 1]!.t === 's' && ts[n - 1]!.open && ts[n - 1]!.v === '' ? 5 : 4, from: 0, to: Math.min(n, end) });
          }
          break;
        }
        if (!prev || !(isLiteral(prev) || prev.t === ')' || prev.t === 'n')) break;
        // (1 and not 1=2: the negated comparison, the other half of a boolean-blind pair)
        const end = tautologyAt(ts, ts[i + 1]?.v === 'not' || ts[i + 1]?.v === '!' ? i + 2 : i + 1);
        if (end > 0 && (prev.t !== 'n' || i === 1 || broke)) {
          out.push({ rule: 'sqli.tautology', score: 5, from: Math.max(0, i - 1), to: end });
          break;
        }
        const nx = ts[i + 1];
        // 1 and length(database())>5, 1 and chr(65)||chr(66)='AB': a call compared with an operand is a condition
        const compared = nx?.t === 'f' ? callCompared(ts, i + 1) : false;
        if (nx?.t === 'f' && (compared || TIME_FUNCTIONS.has(nx.v) || DANGEROUS.has(nx.v) || !AMBIGUOUS_FUNCTIONS.has(nx.v))) out.push({ rule: 'sqli.boolean-function', score: compared || (i === 1 && lead?.t === '1' && !AMBIGUOUS_FUNCTIONS.has(nx.v) && term(ts, i + 1) >= n) ? 5 : 4, from: i - 1, to: i + 2 });
        else if (nx?.t === '(' && ts[i + 2]?.t === 'E') out.push({ rule: 'sqli.boolean-subquery', score: 5, from: i - 1, to: i + 3 });
        // 1 or 2, 1 xor 1, 1 or true: certain with xor or a boolean literal (not how prose counts)
        else if (lead?.t === '1' && i === 1 && isLiteral(nx) && (ts[i + 2]?.t === 'o' || !ts[i + 2])) out.push({ rule: 'sqli.boolean-numeric', score: t.v === 'xor' || nx!.v === 'true' || nx!.v === 'false' ? 5 : 4, from: 0, to: i + 3 });
        break;
      }
      case 'f': {
        if (ts[i + 1]?.t !== '(') break;
        const standalone = i === 0 && (n <= 3 || term(ts, 0) >= n);
        if (TIME_FUNCTIONS.has(t.v) && timeArguments(ts, i)) out.push({ rule: 'sqli.time-based', score: 5, from: i, to: i + 3 });
        else if (TIME_FUNCTIONS.has(t.v) && (ts[i + 2]?.t === 'n' || ts[i + 2]?.t === 'v')) out.push({ rule: 'sqli.time-based', score: 4, from: i, to: i + 3 });
        // if(1=1, if(2=: MySQL's IF over a constant compared with = (in C-like code that assigns to a literal)
        else if (t.v === 'if' && isLiteral(ts[i + 2]) && ts[i + 3]?.t === 'o' && (ts[i + 3]!.v === '=' || ts[i + 3]!.v === '<>' || ts[i + 3]!.v === '<=>')) out.push({ rule: 'sqli.conditional-call', score: 5, from: i, to: i + 4 });
        // iif(1>1, 'a', 'b'), if(2<1, sleep(5), 0): SQL's conditional call over two constants, its branches after a comma
        // (C-like code closes the condition of its if with a parenthesis)
        else if ((t.v === 'if' || t.v === 'iif') && isLiteral(ts[i + 2]) && ts[i + 3]?.t === 'o' && COMPARE.has(ts[i + 3]!.v) && isLiteral(ts[i + 4]) && ts[i + 5]?.t === ',') out.push({ rule: 'sqli.conditional-call', score: 5, from: i, to: i + 6 });
        // , find_in_set('22', category): a SQL call appended to the application's select list or sort
        else if (i === 1 && ts[0]!.t === ',' && !AMBIGUOUS_FUNCTIONS.has(t.v) && term(ts, 1) >= n) out.push({ rule: 'sqli.function-call', score: 5, from: 0, to: 3 });
        else if (standalone && !DANGEROUS.has(t.v)) {
          // the whole value is a call of a SQL function: concat(, db_name(, version(): a probe, not prose
          // (closed over plain columns and literals, coalesce(price, 0) or concat(first, ' ', last), it is also an
          // expression a reporting API stores: high, not certain; version(), concat(0x7e, user()) stay certain)
          if (!AMBIGUOUS_FUNCTIONS.has(t.v)) out.push({ rule: 'sqli.function-call', score: plainExpression(ts) && !INFO_FUNCTIONS.has(t.v) && !CODE_BUILDERS.has(t.v) ? 4 : 5, from: i, to: i + 2 });
          // date(, round (: a call opened and cut, a probe; but also a word, so not certain on its own (it blocks from
          // paranoia 2, or in a parameter name)
          else if (term(ts, 0) >= n && ts[n - 1]!.t !== ')') out.push({ rule: 'sqli.function-call-common', score: 4, from: i, to: i + 2 });
          // count(*), date(created_at): a whole expression, also the name of a result column
          else {
            out.push({ rule: 'sqli.function-call', score: 2, from: i, to: i + 2, paranoia: 2 });
            out.push({ rule: 'sqli.function-call-common', score: 5, from: i, to: i + 2, paranoia: 2 });
          }
        }
        else if (DANGEROUS.has(t.v)) out.push({ rule: 'sqli.dangerous-function', score: 5, from: i, to: i + 2 });
        // concat(version(), floor(rand(: what the server is, or an error-forcing random, passed into another call
        else if (ts[i + 2]?.t === 'f' && ts[i + 3]?.t === '(' && INFO_FUNCTIONS.has(ts[i + 2]!.v)) out.push({ rule: 'sqli.nested-functions', score: 5, from: i, to: i + 4 });
        else if (ts[i + 2]?.t === 'f' && ts[i + 3]?.t === '(' && !AMBIGUOUS_FUNCTIONS.has(ts[i + 2]!.v)) out.push({ rule: 'sqli.nested-functions', score: 4, from: i, to: i + 4 });
        else if (!AMBIGUOUS_FUNCTIONS.has(t.v)) out.push({ rule: 'sqli.function-call', score: 3, from: i, to: i + 2, paranoia: t.v.includes('_') || n <= 3 ? 1 : 2 });
        else out.push({ rule: 'sqli.function-call', score: 2, from: i, to: i + 2, paranoia: 2 });
        break;
      }
      case 's':
        // PostgreSQL casts and JSON operators on a literal: '{"a":1}'::jsonb, '1'::int
        if (ts[i + 1]?.v === '::' && ts[i + 2]?.t === 'n' && PG_TYPES.has(ts[i + 2]!.v)) out.push({ rule: 'sqli.pg-cast', score: ts[i - 1]?.t === '&' || ts[i - 1]?.t === 'o' || (ts[i + 2]!.v.startsWith('json') && ts[i + 3]?.t === 'o') ? 5 : 4, from: i, to: i + 4 });
        // '{"a":"b"}' ? 'a', '[1,2]' ?| array[...], '{...}' -> '$.c': PostgreSQL/MySQL JSON operators on a JSON literal
        else if (ts[i + 1]?.t === 'o' && JSON_OPS.has(ts[i + 1]!.v) && (t.v.startsWith('{') || t.v.startsWith('[')) && ts[i + 2]) out.push({ rule: 'sqli.json-operator', score: ts[i - 1]?.t === '&' ? 5 : 4, from: i, to: i + 3 });
        // '{"a":2}' < '$.a': a JSON document compared with a JSON path (MySQL reads the path), SQL and nothing else
        else if (ts[i + 1]?.t === 'o' && COMPARE.has(ts[i + 1]!.v) && (t.v.startsWith('{') || t.v.startsWith('[')) && ts[i + 2]?.t === 's' && /^\$[.[]/.test(ts[i + 2]!.v)) out.push({ rule: 'sqli.json-operator', score: 5, from: i, to: i + 3 });
        break;
      case '1':
        // 1.e(ascii), 1.e.tables: MySQL reads "1.e" as a number, so the word after it touches the number (a WAF evasion)
        // (1.e( is code and nothing else; 1.e. could be an outline number, "1.e.g.")
        if (t.v.endsWith('.e') && ts[i + 1]?.start === t.end && (ts[i + 1]!.t === '(' || ts[i + 1]!.t === '.')) out.push({ rule: 'sqli.number-evasion', score: ts[i + 1]!.t === '(' ? 5 : 4, from: i, to: i + 2 });
        // current_user::int: a function-like literal cast to force an error that shows its value
        // (current_user::int is nothing but that: a user name is not a number)
        else if (ts[i + 1]?.v === '::' && /^[a-z_]+$/.test(t.v) && PG_TYPES.has(ts[i + 2]?.v ?? '')) out.push({ rule: 'sqli.pg-cast', score: t.v.endsWith('user') && NUMERIC_TYPES.has(ts[i + 2]!.v) ? 5 : 4, from: i, to: i + 3 });
        break;
      case ')':
        // a call's result cast to a type: starts_with(password,'a')::int, encode(lo_get(1),'base64')::int (error-based extraction)
        if (ts[i + 1]?.v === '::' && PG_TYPES.has(ts[i + 2]?.v ?? '') && i > 1) out.push({ rule: 'sqli.pg-cast', score: 5, from: 0, to: i + 3 });
        break;
      case ',': {
        // b,1=1, 'admin', '1'='1': a tautology appended as another list item
        const end = tautologyAt(ts, i + 1);
        if (end > 0 && end >= n && i <= 3) out.push({ rule: 'sqli.tautology', score: commaTautology(ts, i + 1, end) ? 5 : 4, from: i, to: end });
        break;
      }
      case 'v':
        // (the whole value: @@version, @@datadir, a probe for the server itself)
        if (t.v.startsWith('@@')) out.push({ rule: 'sqli.system-variable', score: n === 1 && t.v.length > 3 ? 5 : 4, from: i, to: i + 1 });
        break;
      case 'n':
        // password::int, current_user::int: a column cast in a value (PostgreSQL error-based extraction)
        if (ts[i + 1]?.v === '::' && ts[i + 2]?.t === 'n' && PG_TYPES.has(ts[i + 2]!.v) && ts[i + 1]!.start === t.end && n <= 5) out.push({ rule: 'sqli.pg-cast', score: 4, from: i, to: i + 3 });
        // 1=ctxsys.drithsx.sn(1, …), 1=dbms_utility.sqlid_to_sqlhash(…): an Oracle package abused for error-based
        // extraction, called as a literal's comparison operand (a condition, not a PL/SQL statement)
        if (ORACLE_PACKAGES.has(t.v) && ts[i + 1]?.t === '.' && (ts[i + 3]?.t === '(' || (ts[i + 3]?.t === '.' && ts[i + 5]?.t === '(')) && ts[i - 1]?.t === 'o' && COMPARE.has(ts[i - 1]!.v) && isLiteral(ts[i - 2])) out.push({ rule: 'sqli.dangerous-function', score: 5, from: i - 2, to: i + 3 });
        else if ((DANGEROUS.has(t.v) || (TIME_FUNCTIONS.has(t.v) && t.v.includes('_'))) && t.v.length > 5) out.push({ rule: 'sqli.dangerous-function', score: n <= 2 ? 5 : 4, from: i, to: i + 1 });
        if (CATALOGS.has(t.v) || (ts[i + 1]?.t === '.' && CATALOGS.has(`${t.v}.${ts[i + 2]?.v ?? ''}`))) {
          const prev = ts[i - 1];
          out.push({ rule: 'sqli.catalog', score: (prev && (isKw(prev, 'from') || isKw(prev, 'join') || prev.t === '.')) || n <= 3 ? 5 : 3, from: i, to: i + 1 });
        }
        break;
      case 'k':
        // (case when 1=1 then id else name end): a conditional on a constant, the blind form of a sort or select item
        if (t.v === 'case' && isKw(ts[i + 1], 'when')) {
          let e = tautologyAt(ts, i + 2);
          for (let u = 0; e > 0 && u < 4 && ts[e]?.t === ')'; u++) e++;
          if (e > 0 && isKw(ts[e], 'then')) out.push({ rule: 'sqli.conditional-call', score: 5, from: i, to: e + 1 });
        }
        if (t.v === 'into' && (isKw(ts[i + 1], 'outfile') || isKw(ts[i + 1], 'dumpfile'))) out.push({ rule: 'sqli.file-write', score: 5, from: i, to: i + 2 });
        // order by (case when / (select: a conditional sort, the blind-injection form of order by
        else if ((t.v === 'order' || t.v === 'group') && isKw(ts[i + 1], 'by') && ts[i + 2]?.t === '(' && (isKw(ts[i + 3], 'case') || isKw(ts[i + 3], 'select')) && i > 0) out.push({ rule: 'sqli.order-by-probe', score: 5, from: i - 1, to: i + 4 });
        // 5 order by 3: counting the query's columns; certain after a closing parenthesis, with the rest of the query
        // commented out, or as the whole value (1) order by 1--, 1 order by 1)
        else if ((t.v === 'order' || t.v === 'group') && isKw(ts[i + 1], 'by') && ts[i + 2]?.t === '1' && (i === 0 ? false : isLiteral(ts[i - 1]) || ts[i - 1]!.t === ')')) out.push({ rule: 'sqli.order-by-probe', score: ts[i - 1]!.t === ')' || ((commentEnd || i === 1) && numberList(ts, i + 2) >= n) ? 5 : 4, from: i - 1, to: i + 3 });
        // 1 limit 1, 1 limit 0,1: the whole value is a number with a limit appended
        else if (t.v === 'limit' && i === 1 && lead?.t === '1' && ts[2]?.t === '1' && numberList(ts, 2) >= n) out.push({ rule: 'sqli.order-by-probe', score: 5, from: 0, to: n });
        // procedure analyse(: MySQL's column statistics, appended to leak the schema
        else if (t.v === 'procedure' && isKw(ts[i + 1], 'analyse')) out.push({ rule: 'sqli.procedure-analyse', score: 5, from: i, to: i + 2 });
        else if (t.v === 'having' && tautologyAt(ts, i + 1) > 0) out.push({ rule: 'sqli.tautology', score: 5, from: i, to: i + 4 });
        break;
      default:
        break;
    }
  }
  // 1,1,1)--: the rest of a numeric insert's values, the real rest commented out
  if (!broke && commentEnd && lead?.t === '1' && ts[1]?.t === ',' && valuesTail(ts, 0)) out.push({ rule: 'sqli.values-tail', score: 5, from: 0, to: n });
  if (!broke) fragments(ts, out);
  // the calls inside a statement that is SQL as data (now(), count()) are part of that data, not extra evidence
  if (out.length > 1 && out.some((x) => x.rule === 'sqli.statement' && x.from === 0 && x.score === 4 && x.to > 1)) {
    for (let k = out.length - 1; k >= 0; k--) if ((out[k]!.rule === 'sqli.function-call' && out[k]!.score < 5) || out[k]!.rule === 'sqli.nested-functions') out.splice(k, 1);
  }
}

/** Whether the statement starting at 0 runs to the end of the value as one well-formed statement (balanced quotes and parentheses, no second statement). */
function wholeStatement(ts: Token[], to: number): boolean {
  let depth = 0;
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    if (t.t === 's' && t.open) return false;
    if (t.t === '(') depth++;
    else if (t.t === ')' && --depth < 0) return false;
    else if (t.t === ';' && k !== ts.length - 1) return false;
    else if (t.t === 'U' || (t.t === 'E' && t.v !== 'desc' && k > 0 && ts[k - 1]!.t !== '(')) return false;
  }
  return depth === 0 && to > 0;
}

/** The value ends by opening an empty string (the application's closing quote completes it). */
function emptyOpenEnd(ts: Token[]): boolean {
  const last = ts[ts.length - 1]!;
  return last.t === 's' && last.open === true && last.v === '';
}

/** Words in a text (runs separated by spaces), counted up to 4. */
function words(s: string): number {
  let n = 0;
  let inWord = false;
  for (let k = 0; k < s.length && n < 4; k++) {
    const space = s.charCodeAt(k) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

const CALL_OPENED = /[A-Za-z0-9_$]\($/;

/** From i to the end: commas, literals and parentheses, at least one literal, ending with a closing parenthesis. */
function valuesTail(ts: Token[], i: number): boolean {
  let literals = 0;
  for (let k = i; k < ts.length; k++) {
    const t = ts[k]!;
    if (isLiteral(t)) literals++;
    else if (t.t !== ',' && t.t !== '(' && t.t !== ')') return false;
  }
  return literals > 0 && ts[ts.length - 1]!.t === ')';
}

/** After a string break: what the attacker appended decides. */
function breakout(ts: Token[], commentEnd: boolean, out: SqlSignal[]): void {
  // isExtglob('+(abc)'), db.prepare('SELECT …: the quote opens a call's argument in code; it closes nothing
  if (CALL_OPENED.test(ts[0]!.v)) return;
  // Use "ORDER BY created_at DESC" to sort: a phrase the quotes wrap, with prose on both sides of them
  const end = ts[ts.length - 1]!;
  if (ts.length > 2 && end.t === 's' && end.open && /\s$/.test(ts[0]!.v) && /^\s+\S+\s+\S/.test(end.v)) return;
  let i = 1;
  while (ts[i]?.t === ')') i++;
  const next = ts[i];
  if (!next) {
    // (a line starting with `'#'` is a comment: a markdown code span quoting the comment marker, not a break)
    if (commentEnd && !ts[0]!.v.endsWith('`')) out.push({ rule: 'sqli.comment-truncation', score: 5, from: 0, to: 1 });
    return;
  }
  // x', 'admin')--, x'),('admin','pw')#: the rest of an insert's values (or another row), the real rest commented out
  if (next.t === ',' && commentEnd && valuesTail(ts, i)) out.push({ rule: 'sqli.string-break-values', score: 5, from: 0, to: ts.length });
  if (next.t === '&') {
    const after = ts[i + 1];
    if (!after) return;
    const rest = ts.length - i - 1;
    // ' or 1=1, ' or 'a'='a, 'or'a, ' and sleep(5), ' or (select ...), ' or true--
    // (or a package's function: '||utl_http.request(...)||')
    const packageCall = after.t === 'n' && ts[i + 2]?.t === '.' && ts[i + 3] && ts[i + 4]?.t === '(' && ts[i + 4]!.start === ts[i + 3]!.end;
    // ' or '' ': literals up to the string the application's closing quote completes, in a value that opens with the break
    const quotedToEnd = i === 1 && ts[0]!.v === '' && rest <= 3 && ts[ts.length - 1]!.t === 's' && ts[ts.length - 1]!.open === true && ts.slice(i + 1).every(isLiteral);
    const strong = quotedToEnd || tautologyAt(ts, i + 1) > 0 || after.t === 'f' || packageCall || after.t === '(' || after.t === 'E' || (isLiteral(after) && (rest === 1 || commentEnd || ts[i + 2]?.t === ';')) || (after.t === 'n' && ts[i + 2]?.t === 'o') || commentEnd;
    // ' or glob(id,id), ' or json (id): an operator or unknown function called as the condition
    const call = (after.t === 'o' || after.t === 'n') && ts[i + 2]?.t === '(' && ts[i + 2]!.start - after.end <= 1;
    if (strong || (isLiteral(after) && ts[i + 2]?.t === 'o') || (call && after.t === 'o')) out.push({ rule: 'sqli.string-break-boolean', score: 5, from: 0, to: Math.min(ts.length, i + 4) });
    else if (call) out.push({ rule: 'sqli.string-break-boolean', score: 4, from: 0, to: Math.min(ts.length, i + 3) });
    else if (isTerm(after) && rest <= 3) out.push({ rule: 'sqli.string-break-boolean', score: 3, from: 0, to: ts.length });
    return;
  }
  if (next.t === 'o' && (next.v === '||' || next.v === '+' || next.v === '|')) {
    const after = ts[i + 1];
    if (after && (after.t === '(' || after.t === 'f' || after.t === 'E' || after.t === 'v')) out.push({ rule: 'sqli.string-break-concat', score: 5, from: 0, to: i + 2 });
    // ad'+'min, adm'||'in: a word rebuilt from two literals, the second completed by the application's closing quote
    else if (after?.t === 's' && after.open && i === 1 && ts.length === 3 && ts[0]!.v.length > 0 && !ts[0]!.v.includes(' ') && !after.v.includes(' ')) out.push({ rule: 'sqli.string-break-concat', score: 5, from: 0, to: 3 });
  }
  // ' glob 1;, ' RLIKE 0: a condition with an operator only SQL has, on a literal, where the value ends or is terminated
  // (after one token: import glob from 'glob' is a line of code whose quote opens a string)
  const operand = ts[i + 1];
  if (next.t === 'o' && (SQL_WORD_OPS.has(next.v) || (next.v === 'like' && next.upper)) && operand && (operand.t === '1' || (operand.t === 's' && !operand.open)) && !/\s/.test(ts[0]!.v.trim()) && (ts.length === i + 2 || (ts[i + 2]!.t === ';' && ts.length === i + 3))) out.push({ rule: 'sqli.string-break-boolean', score: 5, from: 0, to: ts.length });
  if (next.t === 'o' && commentEnd && ts.length - i <= 5) out.push({ rule: 'sqli.string-break-operator', score: 5, from: 0, to: ts.length });
  // '=', 'like': the value is a comparison between the application's two quoted halves (always true for name=''=''); '-',
  // '*', '^': arithmetic on them, 0, which MySQL compares equal to every non-numeric name (name=''-'')
  else if (i === 1 && ts[0]!.v === '' && next.t === 'o' && (COMPARE.has(next.v) || ARITHMETIC.has(next.v)) && ts.length === 3 && ts[2]!.t === 's' && ts[2]!.open && ts[2]!.v === '') out.push({ rule: 'sqli.string-break-operator', score: 5, from: 0, to: 3 });
  // '-0||': operators and a literal between the application's two quoted halves (name=''-0||'')
  else if (i === 1 && ts[0]!.v === '' && next.t === 'o' && ARITHMETIC.has(next.v) && ts.length >= 4 && ts.length <= 6 && emptyOpenEnd(ts) && (ts[ts.length - 2]!.t === '&' || ts[ts.length - 2]!.t === 'o') && ts.slice(2, -2).every((t) => isLiteral(t) || t.t === 'o' || t.t === '&')) out.push({ rule: 'sqli.string-break-operator', score: 5, from: 0, to: ts.length });
  // (x'; ends the query where the value broke out; after a sentence, 'Only 3 parameters allowed.');', it ends a code line)
  if (next.t === ';' && (i === ts.length - 1 || commentEnd)) out.push({ rule: 'sqli.string-break-terminate', score: commentEnd || words(ts[0]!.v) < 4 ? 5 : 3, from: 0, to: i + 1 });
  else if (next.t === 'U' && (ts[i + 1]?.t === 'E' || ((isKw(ts[i + 1], 'all') || isKw(ts[i + 1], 'distinct') || isKw(ts[i + 1], 'distinctrow')) && ts[i + 2]?.t === 'E'))) out.push({ rule: 'sqli.string-break-union', score: 5, from: 0, to: i + 2 });
  // 'union a, ' union/, "union all x: the value opens with the break and goes straight to a union
  else if (next.t === 'U' && ts[0]!.v === '' && i === 1 && (!ts[i + 1] || ts[i + 1]!.t === 'n' || ts[i + 1]!.t === 'k' || ts[i + 1]!.t === 'o')) out.push({ rule: 'sqli.string-break', score: 4, from: 0, to: i + 2 });
  else if (next.t === ';' || next.t === 'U' || next.t === 'c') out.push({ rule: 'sqli.string-break', score: 3, from: 0, to: i + 1 });
  // 'exec', "limit": a keyword the value's quotes wrap is a quoted word
  const quotedWord = ts[0]!.end === next.start && ts[i + 1]?.t === 's' && ts[i + 1]!.start === next.end;
  if (next.t === 'E' && !quotedWord) {
    // ')waitfor delay '0:0:5'--, '; select, " alter ...: a statement right after the break
    const st = statementAt(ts, i);
    if (st.strength) out.push({ rule: 'sqli.string-break-statement', score: 5, from: 0, to: st.to });
    // 'alter a, 'select h: the value opens with the break and a statement word
    else if (ts[i + 1]) out.push({ rule: 'sqli.string-break-statement', score: ts[0]!.v === '' && i === 1 && ts[i + 1]!.t !== 's' ? 4 : 3, from: 0, to: i + 2 });
  }
  if (next.t === 'f' && ts[i + 1]?.t === '(') {
    // ' sleep(5), " benchmark(, ' concat(: a SQL call right after the break
    out.push({ rule: 'sqli.string-break-function', score: AMBIGUOUS_FUNCTIONS.has(next.v) ? 4 : 5, from: 0, to: i + 2 });
  }
  if (next.t === 'k' && !quotedWord && (next.v === 'order' || next.v === 'group' || next.v === 'having' || next.v === 'limit' || next.v === 'where' || next.v === 'procedure')) out.push({ rule: 'sqli.string-break-clause', score: 5, from: 0, to: i + 2 });
  // ' * from = 1 or '9: a comparison after the break, then a condition whose string the application's closing quote ends
  const n = ts.length;
  const last = ts[n - 1]!;
  if (n >= 5 && n <= 16 && ts[n - 2]!.t === '&' && last.t === 's' && last.open && last.v.length <= 8 && !last.v.includes(' ')) {
    for (let k = i; k < n - 3; k++) {
      if (ts[k]!.t === 'o' && (ts[k]!.v === '=' || SQL_ONLY_OPS.has(ts[k]!.v)) && isLiteral(ts[k + 1])) {
        out.push({ rule: 'sqli.string-break-boolean', score: 5, from: 0, to: n });
        break;
      }
    }
  }
  if (next.t === 'o' && (next.v === 'collate' || next.v === '::')) out.push({ rule: 'sqli.string-break-operator', score: 4, from: 0, to: i + 2 });
}

export { SQL_FUNCTIONS };
