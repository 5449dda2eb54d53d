import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { junitReport } from '../../src/validate/report/junit.js';
import { sarifReport } from '../../src/validate/report/sarif.js';
import { jsonReport } from '../../src/validate/report/json.js';
import { parsePlan, PlanError } from '../../src/validate/plan/load-plan.js';
import type { ValidationReport } from '../../src/validate/types.js';

const report: ValidationReport = {
  runId: 'vv-test',
  target: 'http://127.0.0.1:8080',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:02.500Z',
  skipped: [],
  checks: [
    { id: 'authentication.orders.alg-none', control: 'authentication', route: 'orders', expected: 'refused', observed: 'refused with 401', status: 'pass', evidence: ['GET /api/orders -> 401'] },
    { id: 'attack-blocking.products.xss.query', control: 'attack-blocking', route: '/api/products', expected: 'every <xss> probe "refused" & logged', observed: '1/4 blocked', status: 'fail', evidence: ['MISSED GET /api/products?q=<script> -> 200', 'bad \u0001 byte'] },
    { id: 'detection.reviews.monitor-event', control: 'detection', route: 'reviews', expected: 'an event', observed: 'could not run', status: 'error', evidence: [] },
  ],
};

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict little XML reader: one root, balanced tags, quoted attributes, only the five entities. */
function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlNode[] = [{ name: '#doc', attrs: {}, children: [], text: '' }];
  const token = /<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = token.exec(body))) {
    at = token.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      assert.equal(top.name, m[1], `</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
      const node: XmlNode = { name: m[2], attrs, children: [], text: '' };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    } else {
      assert.doesNotMatch(m[5]!, /&(?!(amp|lt|gt|quot|apos);)/, 'bare ampersand');
      top.text += m[5];
    }
  }
  assert.equal(at, body.length, `unparsed XML at ${body.slice(at, at + 40)}`);
  assert.equal(stack.length, 1, 'unclosed tags');
  const doc = stack[0]!.children.filter((c) => c.name);
  assert.equal(doc.length, 1, 'one root element');
  return doc[0]!;
}

test('JUnit XML parses and has one suite per control and the right counts', () => {
  const root = parseXml(junitReport(report));
  assert.equal(root.name, 'testsuites');
  assert.deepEqual([root.attrs.tests, root.attrs.failures, root.attrs.errors, root.attrs.time], ['3', '1', '1', '2.500']);
  const suites = root.children.filter((c) => c.name === 'testsuite');
  assert.deepEqual(suites.map((s) => s.attrs.name), ['authentication', 'attack-blocking', 'detection']);
  const failing = suites[1]!.children[0]!;
  assert.equal(failing.attrs.name, 'attack-blocking.products.xss.query');
  const failure = failing.children[0]!;
  assert.equal(failure.name, 'failure');
  assert.equal(failure.attrs.message, '1/4 blocked');
  assert.match(failure.text, /MISSED GET \/api\/products\?q=&lt;script&gt; -&gt; 200/);
  assert.equal(suites[2]!.children[0]!.children[0]!.name, 'error');
  assert.equal(suites[0]!.children[0]!.children.length, 0, 'a pass has no child');
});

const sarifShape = {
  type: 'object',
  required: ['version', 'runs', '$schema'],
  properties: {
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: { driver: { type: 'object', required: ['name', 'rules'], properties: { rules: { type: 'array', items: { type: 'object', required: ['id'] } } } } },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'message', 'level', 'locations'],
              properties: {
                message: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                ruleIndex: { type: 'integer', minimum: 0 },
                locations: {
                  type: 'array',
                  items: { type: 'object', properties: { physicalLocation: { type: 'object', required: ['artifactLocation'], properties: { artifactLocation: { type: 'object', required: ['uri'] } } } } },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

test('SARIF 2.1.0 carries the required fields; failures are errors, unrunnable checks warnings, passes absent', () => {
  const sarif = JSON.parse(sarifReport(report)) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string }[] }[] };
  const validate = new Ajv({ strict: false }).compile(sarifShape);
  const valid: boolean = validate(JSON.parse(JSON.stringify(sarif)));
  assert.ok(valid, JSON.stringify(validate.errors));
  const run = sarif.runs[0]!;
  assert.deepEqual(run.results.map((r) => [r.ruleId, r.level]), [['attack-blocking.products.xss.query', 'error'], ['detection.reviews.monitor-event', 'warning']]);
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
});

test('JSON report has the checks with every field', () => {
  const j = JSON.parse(jsonReport(report)) as { checks: Record<string, unknown>[]; summary: Record<string, number> };
  assert.deepEqual(Object.keys(j.checks[0]!).sort(), ['control', 'evidence', 'expected', 'id', 'observed', 'route', 'status']);
  assert.deepEqual(j.summary, { pass: 1, fail: 1, error: 1 });
});

test('plan errors name the file, line and key', () => {
  const bad = (text: string) => {
    try {
      parsePlan(text, 'plan.yaml');
    } catch (e) {
      assert.ok(e instanceof PlanError);
      return e.message;
    }
    assert.fail('accepted');
  };
  assert.equal(bad('identities:\n  alice: { token: t, pasword: x }\n'), 'plan.yaml:2: identities.alice.pasword: is not a known setting');
  assert.match(bad('identities:\n  alice: {}\n'), /^plan\.yaml:2: identities\.alice: needs exactly one of/);
  assert.equal(bad('identities:\n  alice: { token: t }\nobjects:\n  - { path: /x, owner: mallory }\n'), 'plan.yaml:4: objects[0].owner: unknown identity "mallory" (declared: alice)');
  assert.match(bad('expect:\n  - { name: x, request: { path: nope }, status: 200 }\n'), /^plan\.yaml:2: expect\[0\]\.request\.path: must match pattern/);
  assert.match(bad('jwt: [1'), /^plan\.yaml:1: \(top level\): invalid YAML/);
});
