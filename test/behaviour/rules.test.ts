import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRules, parseRules, RuleFileError } from '../../src/behaviour/rule-load.js';

const rule = (body: string): string => `rules:\n  - id: r1\n${body}`;

function fails(text: string, pattern: RegExp): void {
  assert.throws(() => parseRules(text, 'my-rules.yaml'), (e: unknown) => e instanceof RuleFileError && pattern.test(e.message) && e.message.startsWith('my-rules.yaml: '));
}

test('shipped rules load and validate', () => {
  const rules = loadRules();
  assert.ok(rules.length >= 15);
  for (const id of ['brute-force-account', 'credential-stuffing', 'account-takeover', 'bola-foreign-objects', 'card-testing', 'user-enumeration', 'mass-assignment-privilege', 'endpoint-volume']) assert.ok(rules.some((r) => r.id === id), id);
});

test('a valid threshold rule parses with its window, counters and conditions', () => {
  const [r] = parseRules(rule('    match: { role: login }\n    group_by: [fingerprint]\n    window: 30m\n    count: { failures: { outcome: failure, status: 4xx } }\n    distinct: { accounts: account }\n    when: ["ratio.failures >= 0.8", "distinct.accounts > 5"]\n'), 'f.yaml');
  assert.ok(r && r.kind === 'threshold');
  assert.equal(r.window.ms, 30 * 60_000);
  assert.deepEqual(r.counters.get('failures')?.status, [[400, 499]]);
  assert.deepEqual(r.when[1], { metric: 'distinct.accounts', op: '>', value: 5 });
});

test('rule errors name the file, the rule and the key', () => {
  fails('rules: 3', /expected a top-level "rules:" list/);
  fails('rules: [\n', /not valid YAML/);
  fails(rule('    group_by: ip\n    window: 1h\n    when: ["count >= 1"]\n    colour: red\n'), /rules\[0\] \(r1\): colour: unknown key/);
  fails(rule('    group_by: ip\n    window: soon\n    when: ["count >= 1"]\n'), /window: "soon" is not a duration/);
  fails(rule('    group_by: ip\n    window: 1h\n    match: { role: logon }\n    when: ["count >= 1"]\n'), /match\.role: expected one of login/);
  fails(rule('    group_by: ip\n    window: 1h\n    match: { colour: 1 }\n    when: ["count >= 1"]\n'), /match\.colour: unknown condition/);
  fails(rule('    group_by: ip\n    window: 1h\n    distinct: { ips: ip }\n    when: ["distinct.ipz >= 3"]\n'), /when\[0\]: unknown metric "distinct\.ipz" \(this rule declares: .*distinct\.ips/);
  fails(rule('    group_by: ip\n    window: 1h\n    when: ["count lots"]\n'), /when\[0\]: "count lots" is not a condition/);
  fails(rule('    group_by: ipaddr\n    window: 1h\n    when: ["count >= 1"]\n'), /group_by: expected one of ip/);
  fails(rule('    group_by: ip\n    severity: urgent\n    window: 1h\n    when: ["count >= 1"]\n'), /severity: expected one of low/);
  fails(rule('    group_by: ip\n    window: 1h\n    bucket: leaky\n    when: ["count >= 1"]\n'), /leak: a leaky bucket needs leak/);
  fails(rule('    group_by: ip\n    sequence: { within: 1h, steps: [{ match: { role: login } }] }\n'), /sequence\.steps: expected a list of at least two steps/);
  fails(rule('    group_by: ip\n    window: 1h\n    when: ["count >= 1"]\n  - id: r1\n    group_by: ip\n    window: 1h\n    when: ["count >= 1"]\n'), /rules\[1\] \(r1\): id: duplicate rule id/);
});
