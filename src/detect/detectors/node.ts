import { C, SPECIAL } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';
import { proseWords } from '../match/prose-words.js';
import { Matcher } from '../match/aho.js';
import { base64Forms } from '../match/base64-forms.js';
import { jsCased, wholeValueCall } from './whole-call.js';

const b64 = new Matcher(base64Forms('_$$ND_FUNC$$_', 8));

// Node.js / JavaScript server-side code injection: node-serialize function markers, child_process and fs access,
// process internals, constructor chains to Function, React Server Components payload gadgets, and event-loop DoS loops.

/** Words one of the patterns needs: a value without any skips the pattern list (tested on the lower-cased form). */
const ANCHORS = /require|process|module|_load|constructor|nd_func|js_function|while|for|exec|spawn|function|vm|import|fs|res\.|\$[0-9a-f@]|@\{|kernel|popen|open3|console|global|reflect/;
/** A member of a server-side global called as the whole value: console.info(1), console["log"](1), process.stdout.write(1). */
/** call(1), call("x"), call(this, 1): a probe passes literals; a pasted line of code (console.log(err)) passes its variables. */
const LITERAL_ARGS = /^call\(\s*(?:this\s*,?\s*)?(?:(?:[-+]?[0-9][0-9.]{0,20}|"[^"]{0,40}"|'[^']{0,40}'|`[^`]{0,40}`)\s*,?\s*){0,4}\)/;
const GLOBAL_CALL = /^\s*(?:console|process|global|globalthis|reflect|module)\s*(?:\.\s*[a-z_$][a-z0-9_$]{0,30}|\[\s*["'`][a-z_$][a-z0-9_$]{0,30}["'`]\s*\])(?:\s*\.\s*[a-z_$][a-z0-9_$]{0,30}){0,3}\s*\(/;
const JS_FUNCTION = /__js_function/i;

const PATTERNS: [RegExp, string, number][] = [
  [/_\$\$nd_func\$\$_/, 'node.serialized-function', 5],
  [/\brequire\s*\(\s*[`'"](?:child_process|vm|worker_threads|process)[`'"]\s*\)/, 'node.require-module', 5],
  // fs, net, http... are in every code snippet people paste: alone they only raise the score
  [/\brequire\s*\(\s*[`'"](?:fs|net|http|os|cluster|dgram|module)[`'"]\s*\)/, 'node.require-module', 3],
  [/\bchild_process\b(?!\.(?:html?|md)\b)|\bexecsync\s*\(|\bspawnsync\s*\(|\.exec\s*\(\s*[`'"](?:id|ls|cat|whoami|curl|wget|sh|bash|nc|rm)\b/, 'node.child-process', 5],
  [/\bprocess\s*\.\s*(?:mainmodule|binding|dlopen|kill|exit|env\b|argv|cwd\s*\(|chdir)|\bglobal\s*\.\s*process\b|\bglobalthis\s*\.\s*process\b/, 'node.process-access', 5],
  [/\bconstructor\s*(?:\.|\[\s*['"`])\s*constructor\b|\bfunction\s*\(\s*['"`]return\s+(?:process|this|global)/, 'node.function-constructor', 5],
  [/:constructor:constructor|"\$[0-9]+:constructor|\$@[0-9]+|"then"\s*:\s*"\$[0-9]+:__proto__|"\$[0-9a-f]{1,6}(?::[a-z_$][a-z0-9_$]{0,30}){0,4}:(?:constructor|prototype|__proto__|_compile|_load)\b/, 'node.rsc-gadget', 5],
  [/\bnew\s+function\s*\(|\bvm\s*\.\s*run(?:in(?:new|this)?context|script)\s*\(|\bimport\s*\(\s*['"`](?:child_process|fs)/, 'node.code-eval', 5],
  // a loop whose condition is a constant (true, 1, Infinity, !NaN, this, a constructor, new Date): it never ends
  [/\bwhile\s{0,8}\(\s{0,8}\(?\s{0,8}!{0,2}\s{0,8}[-+]?\s{0,8}(?:true|false|1|0|\[\]|\{\}|null|undefined|nan|infinity|this|""|''|``|new\s{1,8}[a-z_$][a-z0-9_$]{0,30}(?:\s{0,8}\(\s{0,8}\))?|(?:string|number|object|array|boolean|date|function|symbol|math|json|regexp|error|promise|map|set)\b)\s{0,8}\)?\s{0,8}\)|\bfor\s*\(\s*;\s*;\s*\)/, 'node.infinite-loop', 5],
  [/\b__js_function\b|\b_\$\$nd_func\$\$_/, 'node.serialized-function', 5],
  // computed access to process/require, the module loader and exports: process["env"], require[x], require.main
  [/\bprocess\s*\[\s*(?:["'`]?(?:env|mainmodule|binding|argv|kill|exit|dlopen)\b|[a-z_$][a-z0-9_$.]{0,30}\s*[\][.])|\brequire\s*\[|\brequire\s*\.\s*(?:main|cache|resolve)\b|\bmodule\s*\.\s*(?:exports\s*=|constructor|_load|require\s*\()|\._load\s*\(/, 'node.module-access', 5],
  [/\bres\.(?:end|send|write)\s*\(\s*require\b|(?:\bfs|\brequire\s*\(\s*[`'"]fs[`'"]\s*\))\s*\.\s*(?:readfilesync|writefilesync|readdirsync|unlinksync|rmsync|appendfilesync)\s*\(/, 'node.fs-access', 5],
  // other server-side languages' ways to run a command: Ruby (Process.spawn, Kernel.system, IO.popen, Open3, %x()),
  // Perl interpolation of code into a string (@{[ system 'id' ]})
  [/\b(?:process\s{0,4}\.\s{0,4}spawn|kernel\s{0,4}\.\s{0,4}(?:system|exec|spawn|open|`)|io\s{0,4}\.\s{0,4}popen|open3\s{0,4}\.\s{0,4}(?:popen[23e]?|capture[23e]?|pipeline))\s{0,8}\(/, 'node.ruby-command', 5],
  [/@\{\s{0,16}\[\s{0,16}[a-z_][a-z0-9_:]{0,30}\b/, 'node.perl-interpolation', 5],
];

const detector: Detector = {
  category: 'node',
  triggers: C.PAREN | C.DOLLAR | C.COLON | C.DOT | C.ALNUM,
  plainMin: 13,
  scan(v: ScanValue, ctx: ScanContext): void {
    if (!(v.classes & (SPECIAL | C.DOT))) {
      if (v.decoded.length >= 13 && v.decoded.includes('__') && JS_FUNCTION.test(v.decoded)) hit(ctx, 'node.serialized-function', 5, v.lower.slice(0, 60));
      return;
    }
    if (!(v.classes & C.SPACE) && v.decoded.length >= 12 && b64.all(v.decoded, 1).length) return hit(ctx, 'node.serialized-function', 5, v.decoded.slice(0, 60));
    const s = v.lower;
    if (!ANCHORS.test(s)) return;
    if (s.length > 1 << 16 && !/require|process|constructor|nd_func|while|for\s*\(|child_process|fs\./.test(s.slice(0, 1 << 16))) return;
    if (s.length <= 160 && GLOBAL_CALL.test(s) && jsCased(v.decoded)) {
      const call = s.replace(GLOBAL_CALL, 'call(');
      if (wholeValueCall(call) === 2 && LITERAL_ARGS.test(call)) return hit(ctx, 'node.global-call', 5, s.slice(0, 60));
    }
    let prose: boolean | undefined;
    for (const [re, rule, score] of PATTERNS) {
      const m = re.exec(s);
      if (m) {
        // a sentence that names process.argv or process.env documents them; reading them is code, not prose
        if (rule === 'node.process-access' && /^process\s*\.\s*(?:env|argv|cwd|exit)\b/.test(m[0]) && (prose ??= proseWords(s, 6) >= 6)) {
          hit(ctx, rule, 3, s.slice(Math.max(0, m.index - 10), m.index + 60));
          continue;
        }
        hit(ctx, rule, score, s.slice(Math.max(0, m.index - 10), m.index + 60));
        if (score >= 5) return;
      }
    }
  },
};

registerDetector(detector);
