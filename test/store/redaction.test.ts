import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules, RedactionRuleError } from '../../src/redact/rules.js';
import { luhnValid, maskCardNumbers } from '../../src/redact/card-numbers.js';
import { unsafePatternProblem } from '../../src/redact/safe-regex.js';
import { toRecordRow } from '../../src/store/record.js';
import { Recorder } from '../../src/store/recorder/recorder.js';
import { secretExchanges, secretNeedles } from '../helpers/secrets.js';
import { tempDir } from '../helpers/temp.js';

const redactor = new Redactor(compileRedactionRules(undefined));

test('no seeded secret survives into a record row', () => {
  for (const ex of secretExchanges()) {
    const row = JSON.stringify(toRecordRow(ex, redactor, { maxBodyChars: 65536, headers: true }));
    for (const s of secretNeedles()) assert.ok(!row.includes(s), `secret ${s} leaked into ${row}`);
  }
});

test('no seeded secret reaches the SQLite files or the journal', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const rec = new Recorder({ path: join(dir, 'v.db'), redactor, record: { maxBodyChars: 65536, headers: true }, maxQueued: 1000, journalMaxBytes: 1 << 20 });
    for (const ex of secretExchanges()) rec.consume(ex);
    await rec.close();
    assert.equal(rec.stats.recorded, 3);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    assert.ok(files.length > 0);
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath, f.name)).toString('latin1');
      for (const s of secretNeedles()) assert.ok(!bytes.includes(s), `secret ${s} found in ${f.name}`);
    }
  } finally {
    cleanup();
  }
});

test('what is kept stays useful: names, schemes, last non-secret values', () => {
  const [a] = secretExchanges();
  const row = toRecordRow(a!, redactor, { maxBodyChars: 65536, headers: true });
  const headers = JSON.parse(row.req_headers!) as Record<string, string>;
  assert.equal(headers.authorization, 'Bearer [REDACTED]');
  assert.equal(headers.cookie, 'session=[REDACTED]; theme=[REDACTED]');
  assert.match(row.query, /^api_key=%5BREDACTED%5D&password=%5BREDACTED%5D&q=/);
  const body = JSON.parse(row.req_body!) as Record<string, unknown>;
  assert.equal(body.user, 'bob');
  assert.equal(body.password, '[REDACTED]');
});

test('card numbers need the Luhn check', () => {
  assert.ok(luhnValid('4111111111111111'));
  assert.ok(!luhnValid('4111111111111112'));
  assert.equal(maskCardNumbers('order 4111 1111 1111 1112 ok', 'X'), 'order 4111 1111 1111 1112 ok');
  assert.equal(maskCardNumbers('pay 4111-1111-1111-1111.', 'X'), 'pay X.');
  assert.equal(maskCardNumbers('id 12345678901234567890123', 'X'), 'id 12345678901234567890123');
});

test('configured rules add names and patterns; nested quantifiers are refused', () => {
  const r = new Redactor(compileRedactionRules({ fields: ['customer_ref'], headers: ['x-tenant-secret'], patterns: [{ name: 'ticket', regex: 'TCK-[0-9]{6}' }] }));
  assert.equal(r.query('customerRef=abc&x=TCK-123456'), 'customerRef=%5BREDACTED%5D&x=%5BREDACTED%5D');
  assert.equal(r.header('x-tenant-secret', 'v'), '[REDACTED]');
  assert.ok(unsafePatternProblem('(a+)+$'));
  assert.ok(unsafePatternProblem('(\\w*x)*'));
  assert.ok(unsafePatternProblem('(a|b?)+'));
  assert.equal(unsafePatternProblem('(?:ab)+[0-9]{2,4}'), undefined);
  assert.throws(() => compileRedactionRules({ patterns: [{ name: 'bad', regex: '(x+)*y' }] }), RedactionRuleError);
});

test('redaction stays linear on hostile input', () => {
  const hostile = ['a='.repeat(50_000), '1 '.repeat(50_000), 'eyJ' + 'a'.repeat(100_000), '"password":'.repeat(10_000), 'Bearer '.repeat(20_000)];
  for (const h of hostile) {
    const t0 = performance.now();
    redactor.text(h);
    assert.ok(performance.now() - t0 < 500, `slow on ${h.slice(0, 20)}`);
  }
});
