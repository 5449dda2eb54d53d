import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/load.js';
import { addExclusions, exclusionsPatch, PolicyWriteError } from '../../src/tune/write-policy.js';

const x = (route: string, location = 'body:/widgets/*/query') => ({ id: 'abc123', route, exclusion: { rule: 'sqli.statement', location }, note: '12 exchanges, 4 clients' });

const POLICY = `# top comment
upstreams: { app: { url: "http://127.0.0.1:9" } }   # the app
defaults:
  detect: { paranoia: 2, exclusions: [ { location: "body:/snippet" } ] }
routes:
  - name: with-list    # has exclusions
    match: { path: /a, methods: [POST] }
    detect:
      paranoia: 2
      # reviewed 2026-01
      exclusions:
        - { location: "body:/notes" }     # free text
  - name: no-list
    match: { path: /b }
    detect:
      threshold: 7
  - name: no-detect
    match:   { path: /c }
  - name: flow
    match: { path: /d }
    detect: { paranoia: 3 }
`;

function detectOf(text: string, route: string) {
  return parseConfig(text, 'p.yaml').routes.find((r) => r.name === route)!.detect;
}

test('an exclusion is spliced into an existing list, keeping every other byte', () => {
  const r = addExclusions(POLICY, 'p.yaml', [x('with-list')]);
  assert.equal(r.added, 1);
  assert.equal(r.reprinted, false);
  const lines = r.text.split('\n');
  const at = lines.findIndex((l) => l.includes('sqli.statement'));
  assert.equal(lines[at], '        - { rule: "sqli.statement", location: "body:/widgets/*/query" } # vigil tune abc123: 12 exchanges, 4 clients');
  assert.equal([...lines.slice(0, at), ...lines.slice(at + 1)].join('\n'), POLICY, 'nothing else changed');
  assert.deepEqual(detectOf(r.text, 'with-list')!.exclusions, [{ location: 'body:/notes' }, { rule: 'sqli.statement', location: 'body:/widgets/*/query' }]);
});

test('a detect block without exclusions gets the list; a route without detect gets a copy of the defaults', () => {
  const r = addExclusions(POLICY, 'p.yaml', [x('no-list'), x('no-detect')]);
  assert.equal(r.added, 2);
  assert.equal(r.reprinted, false);
  assert.deepEqual(detectOf(r.text, 'no-list'), { threshold: 7, exclusions: [{ rule: 'sqli.statement', location: 'body:/widgets/*/query' }] });
  assert.deepEqual(detectOf(r.text, 'no-detect'), {
    paranoia: 2,
    exclusions: [{ location: 'body:/snippet' }, { rule: 'sqli.statement', location: 'body:/widgets/*/query' }],
  });
  assert.match(r.text, /match: {3}\{ path: \/c \}\n {4}# copied from defaults\.detect/);
  assert.ok(r.text.startsWith('# top comment\nupstreams: { app: { url: "http://127.0.0.1:9" } }   # the app\n'));
});

test('a flow-style detect block is edited through the document (comments kept); a second write adds nothing', () => {
  const r = addExclusions(POLICY, 'p.yaml', [x('flow')]);
  assert.equal(r.reprinted, true);
  assert.deepEqual(detectOf(r.text, 'flow'), { paranoia: 3, exclusions: [{ rule: 'sqli.statement', location: 'body:/widgets/*/query' }] });
  assert.match(r.text, /# top comment/);
  assert.match(r.text, /# reviewed 2026-01/);
  const again = addExclusions(r.text, 'p.yaml', [x('flow')]);
  assert.equal(again.added, 0);
  assert.equal(again.text, r.text);
});

test('an unknown route is an error; the patch file has the policy shape', () => {
  assert.throws(() => addExclusions(POLICY, 'p.yaml', [x('nope')]), PolicyWriteError);
  const patch = exclusionsPatch([x('with-list'), x('no-list', 'query:q')], 'p.yaml');
  const parsed = parseConfig(`upstreams: { app: { url: "http://127.0.0.1:9" } }\n${patch.replace(/^routes:/m, 'routes:')}`.replace(/name: "([^"]+)"\n/g, 'name: "$1"\n    match: { path: /x }\n'), 'patch.yaml');
  assert.deepEqual(parsed.routes.map((r) => [r.name, r.detect?.exclusions]), [
    ['with-list', [{ rule: 'sqli.statement', location: 'body:/widgets/*/query' }]],
    ['no-list', [{ rule: 'sqli.statement', location: 'query:q' }]],
  ]);
});
