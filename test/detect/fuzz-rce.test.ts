import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect, type Req } from './helpers.js';

// Adversarial 1 MB inputs for the command, PHP, Java, Node, SSRF, mail and ORM scanners added for CRS 930–944 (the
// same method as fuzz.test.ts: compared with a plain baseline of the same size, with a generous absolute bound).

const MB = 1 << 20;

function time(r: Req): number {
  inspect(r);
  const t0 = performance.now();
  inspect(r);
  return performance.now() - t0;
}

const body = (v: string): Req => ({ body: JSON.stringify({ v }), contentType: 'application/json' });

const CASES: [string, Req][] = [
  ['brace lists', body('{a,'.repeat(MB / 3))],
  ['empty brace elements', body('{,'.repeat(MB / 2))],
  ['glued braces', body('c{a,b}t'.repeat(MB / 7))],
  ['quote-split words', body("c'a".repeat(MB / 3))],
  ['special parameters', body('a$?'.repeat(MB / 3))],
  ['empty substitutions', body('a``$()'.repeat(MB / 6))],
  ['variable subscripts', body('$a['.repeat(MB / 3))],
  ['nested subscripts', body('$_[$_['.repeat(MB / 6))],
  ['comments after names', body('exec/*'.repeat(MB / 6))],
  ['hash comments after names', { body: JSON.stringify({ v: 'system#\n'.repeat(MB / 8) }), contentType: 'application/json' }],
  ['parenthesised names', body('(a)'.repeat(MB / 3))],
  ['zero-padded references', body(`&#${'0'.repeat(MB)}`)],
  ['many zero-padded references', body('&#00'.repeat(MB / 4))],
  ['mail lines', body('\na001 '.repeat(MB / 6))],
  ['smtp lines', body('\nMAIL FROM:<'.repeat(MB / 12))],
  ['batch if', body('if a == '.repeat(MB / 8))],
  ['netcat words', body('nc a -x '.repeat(MB / 8))],
  ['netcat words without options', body('nc '.repeat(MB / 3))],
  ['function definitions', body('f(){ f '.repeat(MB / 7))],
  ['function calls', body('f() '.repeat(MB / 4))],
  ['sqlite separators', body('; \n.x'.repeat(MB / 6))],
  ['option tokens', body(`set ${'-o '.repeat(MB / 3)}`)],
  ['batch if quotes', body('if "'.repeat(MB / 4))],
  ['cmdlets', body('get-x -'.repeat(MB / 7))],
  ['schemes without slashes', body('http:'.repeat(MB / 5))],
  ['userinfo', body(`http://a${'@'.repeat(MB)}`)],
  ['while loops', body('while(('.repeat(MB / 7))],
  ['perl interpolation', body('@{['.repeat(MB / 3))],
  ['ORM-like key', body('a__'.repeat(MB / 3))],
  ['hidden path', { path: '/.a'.repeat(MB / 3) }],
  ['tomcat path parameters', body('..;'.repeat(MB / 3))],
  ['a run of dots', body('.'.repeat(MB))],
  ['stream magic', body('rO0AB'.repeat(MB / 5))],
  ['gzip magic', body('H4sI '.repeat(MB / 5))],
  ['package names in one line', body('com.sun.'.repeat(MB / 8))],
  ['coordinates', body('org.springframework.a:b '.repeat(MB / 24))],
  ['frames', body('\tat java.lang.reflect.M.invoke(M.java:1)\n'.repeat(MB / 42))],
  ['exception lines', body('java.lang.XException: java.lang.reflect '.repeat(MB / 40))],
  ['xml class elements', { body: '<java.lang.Runtime>x'.repeat(MB / 20), contentType: 'application/xml' }],
  ['xml class elements with open comments', { body: '<java.lang.Runtime><!--'.repeat(MB / 23), contentType: 'application/xml' }],
  ['entity declarations', { body: '<!ENTITY a "&b'.repeat(MB / 14), contentType: 'application/xml' }],
  ['doctypes', { body: '<!DOCTYPE a PUBLIC "'.repeat(MB / 20), contentType: 'application/xml' }],
  ['xml dotted names', { body: '<a.b.c.d '.repeat(MB / 9), contentType: 'application/xml' }],
  ['xml decoder voids', { body: '<java><void x>'.repeat(MB / 14), contentType: 'application/xml' }],
  // separators inside one run of whitespace or openers: each used to read the rest of the run again (3 s for 1 MB)
  ['line breaks', body('\n'.repeat(MB))],
  ['tabs and line breaks', body('\t\n'.repeat(MB / 2))],
  ['line breaks before one command and its spaces', body(`${'\n'.repeat(300)}cat${' '.repeat(MB)}`)],
  ['line breaks then spaces', body(`${'\n'.concat(' '.repeat(4000)).repeat(256)}`)],
  ['opening braces', body(' {'.repeat(MB / 2))],
  // a command word and a backtick, again and again (each backtick counted the sentence's words anew)
  ['commands in backticks', body('id `'.repeat(MB / 4))],
];

test('new scanners stay linear on adversarial 1 MB inputs', () => {
  const baseline = Math.max(time(body('a'.repeat(MB))), time(body('lorem ipsum '.repeat(MB / 12))), 2);
  for (const [name, r] of CASES) {
    const t = time(r);
    assert.ok(t < Math.max(40 * baseline, 250), `${name}: ${t.toFixed(1)} ms vs baseline ${baseline.toFixed(1)} ms`);
  }
});
