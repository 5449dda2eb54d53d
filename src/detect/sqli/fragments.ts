import type { Token } from './tokenizer.js';
import type { SqlSignal } from './grammar.js';

// Values that are a piece of a query and nothing else: an operator, a condition's right-hand side, the tail of a select
// list, a clause. An application field holds data, not these, so they are probes or injected fragments. Each shape must
// span the whole value (prose that merely contains the words does not match); the weakest only count at higher paranoia.

/** Operators that start the right-hand side of a condition: is null, like null, in (0,1), not between 1 and 2. */
const CONDITION_OPS = new Set(['is', 'like', 'rlike', 'regexp', 'in', 'between', 'glob', 'similar', 'ilike', 'sounds']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>', '==', 'like', 'rlike', 'regexp', 'is', 'in', 'between', 'glob', 'ilike']);
const CLAUSES = new Set(['where', 'group', 'order', 'having', 'limit']);

const literal = (t: Token | undefined): boolean => !!t && (t.t === '1' || t.t === 's' || t.t === 'v');
const word = (t: Token | undefined, w: string): boolean => !!t && t.v === w && (t.t === 'k' || t.t === 'o' || t.t === 'E' || t.t === '&');

/** Index after a run of literals joined by commas, logic words and parentheses (0,1), ('a', 'b'), 1 and 2; or -1. */
function operands(ts: Token[], i: number): number {
  let depth = 0;
  let seen = false;
  for (; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.t === '(') depth++;
    else if (t.t === ')') {
      if (--depth < 0) return -1;
    } else if (literal(t)) seen = true;
    else if (t.t === ',' || t.t === '&' || (t.t === 'o' && t.v === '-')) continue;
    else return -1;
  }
  return seen && depth === 0 ? i : -1;
}

/** Dotted name: db.table, `db`.`table`. Returns the index after it, or -1. */
function dottedName(ts: Token[], i: number): number {
  if (ts[i]?.t !== 'n') return -1;
  let j = i + 1;
  while (ts[j]?.t === '.' && ts[j + 1]?.t === 'n') j += 2;
  return j;
}

/** Names i..j (a dotted name) all quoted as identifiers (`db`.`t`, [db].[t]) with at least one dot: SQL, not prose. */
function quotedDotted(ts: Token[], i: number, j: number): boolean {
  if (j - i < 3) return false;
  for (let k = i; k < j; k += 2) if (ts[k]!.end - ts[k]!.start !== ts[k]!.v.length + 2) return false;
  return true;
}

/** The value starts by closing the application's parenthesis: what follows is SQL written to continue its query. */
const closes = (ts: Token[]): boolean => ts[0]!.t === ')';

export function fragments(ts: Token[], out: SqlSignal[]): void {
  const n = ts.length;
  const first = ts[0];
  if (!first || n > 64) return;
  // <>, ||, xor, rlike: a bare operator (only at paranoia 3; alone it blocks at 4)
  if (n <= 2 && ts.every((t) => t.t === 'o' || t.t === '&')) {
    out.push({ rule: 'sqli.operator', score: 3, from: 0, to: n, paranoia: 3 });
    return;
  }
  // is null, like null, in (0,1), not between 1 and 2, is not 2 (blocks from paranoia 2, or in a parameter name)
  let k = 0;
  if (word(ts[k], 'not')) k++;
  if (ts[k]?.t === 'o' && CONDITION_OPS.has(ts[k]!.v)) {
    let j = k + 1;
    if (word(ts[j], 'not')) j++;
    if (operands(ts, j) === n) out.push({ rule: 'sqli.condition-fragment', score: 4, from: 0, to: n });
    return;
  }
  // ) as cc from, ` as `name` from, 6 as" from: the end of a select list, cut where the application's table follows
  const last = ts[n - 1]!;
  if (n >= 4 && n <= 6 && word(last, 'from') && word(ts[n - 3], 'as') && (ts[n - 2]!.t === 'n' || ts[n - 2]!.t === 's')) {
    const p = ts[n - 4]!;
    if (p.t === ')' || p.t === 'n' || literal(p)) out.push({ rule: 'sqli.select-tail', score: closes(ts) ? 5 : 4, from: n - 4, to: n });
    return;
  }
  // 1234 AS "foobar" FROM tablevar: a number aliased and selected from a table, in capitals as SQL is written (prose
  // would say 'known as "Bob" from Texas' in lower case and not after a number)
  if (n >= 5 && n <= 8 && first.t === '1' && ts[1]!.upper && ts[1]!.v === 'as' && (ts[2]!.t === 's' || ts[2]!.t === 'n') && ts[3]!.upper && ts[3]!.v === 'from' && ts[4]!.t === 'n') {
    out.push({ rule: 'sqli.select-tail', score: 5, from: 0, to: 5 });
    return;
  }
  // from t where x = ..., from `db`.`t` limit, from t group by: a query's tail
  if (word(first, 'from')) {
    const j = dottedName(ts, 1);
    const c = ts[j];
    if (j > 0 && c && c.t === 'k' && CLAUSES.has(c.v)) {
      const ok = c.v === 'limit' ? !ts[j + 1] || ts[j + 1]!.t === '1' : c.v === 'where' ? ts[j + 2]?.t === 'o' || ts[j + 2]?.t === '(' : ts[j + 1]?.v === 'by';
      // (certain with the clause words in capitals, as SQL is written: FROM termine GROUP BY tag1; "from the group by
      // the river" is a sentence; or with the table named as MySQL quotes a database's table: from `db`.`t` limit)
      const certain = (first.upper && c.upper && (c.v === 'limit' || c.v === 'where' || ts[j + 1]!.upper)) || quotedDotted(ts, 1, j);
      if (ok) out.push({ rule: 'sqli.clause-fragment', score: certain ? 5 : 4, from: 0, to: j + 2 });
    }
    return;
  }
  // having count(id) > 5, where x = 1: a condition clause on its own
  if ((word(first, 'having') || word(first, 'where')) && n <= 12) {
    let j = 1;
    if (ts[j]?.t === 'f' || ts[j]?.t === '(') {
      let depth = 0;
      for (; j < n; j++) {
        if (ts[j]!.t === '(') depth++;
        else if (ts[j]!.t === ')' && --depth === 0) break;
      }
      j++;
    } else if (ts[j]?.t === 'n' || literal(ts[j])) j++;
    else return;
    const op = ts[j];
    // (having count(x) > 5: a condition on an aggregate, SQL and nothing else)
    if (op?.t === 'o' && COMPARISONS.has(op.v)) out.push({ rule: 'sqli.clause-fragment', score: word(first, 'having') && ts[1]!.t === 'f' ? 5 : 4, from: 0, to: j + 1 });
    return;
  }
  // set @saved_mode, (select: a session variable assignment, a subquery opened and cut
  if ((word(first, 'set') && ts[1]?.t === 'v' && (n === 2 || ts[2]!.v === '=' || ts[2]!.v === ':=')) || (n === 2 && first.t === '(' && ts[1]!.t === 'E' && ts[1]!.v === 'select')) {
    out.push({ rule: 'sqli.clause-fragment', score: 4, from: 0, to: 2 });
    return;
  }
  // values ('192.168.0.1', 'test'): a row constructor
  if (word(first, 'values') && ts[1]?.t === '(' && operands(ts, 1) === n) {
    out.push({ rule: 'sqli.clause-fragment', score: 4, from: 0, to: n });
    return;
  }
  // case when x then, ) when 234 then: a conditional expression's middle
  if ((word(first, 'case') || first.t === ')') && word(ts[1], 'when')) {
    for (let j = 2; j < Math.min(n, 8); j++) {
      if (word(ts[j], 'then')) {
        out.push({ rule: 'sqli.clause-fragment', score: closes(ts) ? 5 : 4, from: 0, to: j + 1 });
        return;
      }
    }
  }
  // ) like (, )=(: an operator between the closing and opening of two conditions
  if (n === 3 && first.t === ')' && ts[1]!.t === 'o' && COMPARISONS.has(ts[1]!.v) && ts[2]!.t === '(') {
    out.push({ rule: 'sqli.condition-fragment', score: 5, from: 0, to: 3 });
    return;
  }
  // name LIKE ', col = ": a comparison cut right after the quote that opens the application's value
  // (certain with LIKE in capitals: "I like '" is how a sentence would start a quotation)
  if (n === 3 && last.t === 's' && last.open && last.v === '' && ts[n - 2]!.t === 'o' && COMPARISONS.has(ts[n - 2]!.v) && ts[n - 3]!.t === 'n') {
    out.push({ rule: 'sqli.condition-fragment', score: ts[n - 2]!.upper && ts[n - 3]!.v.length > 1 ? 5 : 4, from: n - 3, to: n });
    return;
  }
  // ORder by, GrOuP by, fRoM: clause words in alternating case next to other SQL words
  for (let i = 0; i + 1 < n && i < 8; i++) {
    const t = ts[i]!;
    const u = ts[i + 1]!;
    if ((t.mixed || u.mixed) && (t.t === 'k' || t.t === 'E' || t.t === 'U') && (u.t === 'k' || u.t === 'E' || u.t === 'U')) {
      out.push({ rule: 'sqli.case-evasion', score: 4, from: i, to: i + 2 });
      return;
    }
  }
}
