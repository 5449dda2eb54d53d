import { C, QUOTES, SPECIAL } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { Matcher, type Hit } from '../match/aho.js';
import { hit } from './util.js';
import { base64Forms } from '../match/base64-forms.js';
import { DANGEROUS_CLASSES, gadgetTypeId } from '../match/java-names.js';
import { hasStreamMarker, javaSerializedText, LEADING_MAGIC, STREAM } from '../match/java-stream.js';
import { proseWords } from '../match/prose-words.js';
import { JavaContext } from '../match/java-context.js';

// Java code injection and deserialization: dangerous classes and methods (Runtime, ProcessBuilder, reflection, class
// loaders, OGNL/EL member access), Commons-Collections gadget names, serialized-object magic in raw, hex and base64 forms.

const GADGETS = ['runtime', 'processbuilder', 'clonetransformer', 'forclosure', 'instantiatefactory', 'instantiatetransformer', 'invokertransformer', 'prototypeclonefactory', 'prototypeserializationfactory', 'whileclosure', 'chainedtransformer', 'constanttransformer', 'templatesimpl', 'jdbcrowsetimpl', 'getruntime', 'classloader', 'getproperty', 'fileoutputstream', 'getmethod', 'newinstance', 'forname', 'invoke'];
const STRONG = [
  'java.lang.runtime', 'java.lang.processbuilder', 'java.lang.reflect', 'java.lang.classloader', 'java.lang.system', 'java.lang.class',
  'java.lang.thread', 'java.lang.process', 'javax.script', 'javax.naming', 'javax.management', 'java.rmi', 'java.beans', 'java.net.url',
  'java.net.socket', 'java.nio.file', 'java.io.file', 'java.util.scanner', 'com.sun.', 'sun.misc.', 'sun.reflect', 'org.apache.commons.collections',
  'org.codehaus.groovy', 'groovy.lang', 'bsh.interpreter', 'com.opensymphony.xwork2', 'ognl.', '#_memberaccess', '@java.lang', 'xwork.methodaccessor',
  'class.classloader', 'class.module.classloader', '.getclass()', '.getclass(', '.forname(', '.newinstance(', '.getdeclaredmethod', '.getmethod(',
  'getruntime().exec', 'runtime.getruntime', 'processbuilder(', 'new processbuilder', 'scriptenginemanager', 'jdbcrowsetimpl',
  'templatesimpl', 'java.util.prioritityqueue', 'org.springframework.', 'freemarker.template', 'com.alibaba.fastjson',
];
const javaNames = new Matcher(['java.', 'javax.', ...STRONG]);
/** Packages that are also Maven group ids: named without a class (org.springframework.boot) they are a dependency. */
const GROUP_PACKAGES = new Set(['org.springframework.', 'org.codehaus.groovy', 'com.alibaba.fastjson']);
/** The STRONG patterns that are code (calls, member access, OGNL/SpEL syntax, type keys), not names. */
const CODE = new Set(STRONG.filter((p) => /[(#@]/.test(p) || p.startsWith('class.') || p === 'getruntime().exec' || p === 'runtime.getruntime' || p === 'new processbuilder' || p === 'xwork.methodaccessor'));
const gadgetPlain = new Matcher(GADGETS.filter((g) => g.length >= 9 || g === 'runtime'));

const B64_WORDS = ['runtime', 'processbuilder', 'clonetransformer', 'forclosure', 'instantiatefactory', 'instantiatetransformer', 'invokertransformer', 'prototypeclonefactory', 'prototypeserializationfactory', 'whileclosure', 'getruntime', 'classloader', 'java.lang', 'ProcessBuilder', 'Runtime', 'getRuntime', 'ChainedTransformer', 'InvokerTransformer', 'TemplatesImpl'];
const NAME_ANCHORS = ['opensymphony', 'xwork', 'java', 'sun.', 'ognl', 'class', 'org.', 'bsh.', 'groovy', 'processbuilder', 'runtime', 'templatesimpl', 'scriptengine', 'freemarker', 'fastjson', 'getmethod', 'forname', 'newinstance', 'getdeclared', '#_member'];
const GADGET_ANCHORS = ['runtime', 'processbuilder', 'transformer', 'factory', 'closure', 'templatesimpl', 'jdbcrowset', 'classloader', 'getproperty', 'fileoutputstream', 'getmethod', 'newinstance', 'forname'];
/** A value that is just a gadget name, alone or as a word. */
const UPPER = /[A-Z]/;
const GADGET_WORD = /^(?:processbuilder|clonetransformer|forclosure|instantiatefactory|instantiatetransformer|invokertransformer|prototypeclonefactory|prototypeserializationfactory|whileclosure|chainedtransformer|templatesimpl|jdbcrowsetimpl)$/i;
const NAME_SET = new Set(NAME_ANCHORS);
const GADGET_SET = new Set(GADGET_ANCHORS);
/** One pass over a value finds which anchors it contains. */
const anchorMatcher = new Matcher([...new Set([...NAME_ANCHORS, ...GADGET_ANCHORS])]);
const base64Gadgets = new Matcher(B64_WORDS.flatMap((w) => base64Forms(w, 8)));

/**
 * A stream is an object to deserialize, and so is the magic where a token starts (rO0ABQ, KztAAU: a probe for the
 * endpoint, or an object cut short) unless a sentence talks about it; the magic's characters inside a blob are a weak
 * sign (counted from paranoia 3).
 */
function serialized(ctx: ScanContext, found: number, d: string, lower: string): void {
  if (found === STREAM) hit(ctx, 'java.serialized-object', 5, d.slice(0, 40));
  else if (found === LEADING_MAGIC && proseWords(lower, 5) < 5) hit(ctx, 'java.serialization-magic', 5, d.slice(0, 40));
  else hit(ctx, 'java.serialization-magic', 3, d.slice(0, 40), 3);
}

const detector: Detector = {
  category: 'java',
  triggers: C.DOT | C.ALNUM | C.HIGH | C.CTRL,
  plainMin: 6,
  // not the whole XML document: its text and attribute values are scanned as values, its structure by java-xml.ts
  // (a class name as an element or attribute name constructs nothing by itself)
  kinds: ['path', 'query', 'query-key', 'header', 'cookie', 'cookie-key', 'body', 'body-key', 'filename', 'raw-body'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (!(v.classes & (SPECIAL | C.DOT))) {
      // plain words: only a base64 gadget (mixed case or digits) or a bare gadget name can matter
      const d = v.decoded;
      const upper = UPPER.test(d);
      // (no lower-cased copy is made for the many values without a marker)
      const serial = hasStreamMarker(d) ? javaSerializedText(d, v.lower) : 0;
      if (serial) serialized(ctx, serial, d, v.lower);
      if (serial === STREAM) return;
      // (a base64 token is one word: in a value with spaces, as in the path below, it is text)
      if (d.length >= 8 && upper && !(v.classes & C.SPACE) && base64Gadget(d)) return hit(ctx, 'java.base64-gadget', 5, d.slice(0, 60));
      // (GADGET_WORD's words are 10 to 29 letters long)
      if (d.length >= 10 && d.length <= 29 && !(v.classes & C.SPACE) && GADGET_WORD.test(d)) return hit(ctx, 'java.class-or-gadget', 5, d.toLowerCase().slice(0, 60));
      return;
    }
    const s = v.lower;
    // serialized Java objects: AC ED 00 05 and a stream in base64, gzip-base64 and hex (match/java-stream.ts), and raw
    // (NUL bytes are removed by decoding: AC ED 05 is the magic too; C2 AC C3 AD is the same bytes re-encoded as UTF-8)
    const serial = v.classes & C.HIGH && /\xac\xed\x00?\x05|\xc2\xac\xc3\xad\x00?\x05/.test(v.decoded) ? STREAM : javaSerializedText(v.decoded, s);
    if (serial) serialized(ctx, serial, v.decoded, s);
    if (serial === STREAM) return;
    if (!(v.classes & (C.SPACE | SPECIAL)) && gadgetTypeId(s)) return hit(ctx, 'java.gadget-type', 5, s.slice(0, 80));
    anchors.name = anchors.gadget = false;
    anchorMatcher.scan(s, onAnchor);
    const nameAnchor = anchors.name;
    const gadgetAnchor = anchors.gadget;
    const best = nameAnchor || gadgetAnchor ? namesAndGadgets(v, s, ctx, nameAnchor, gadgetAnchor) : 0;
    if (best < 5 && v.decoded.length >= 8 && !(v.classes & (C.SPACE | C.LT | QUOTES))) {
      const g = base64Gadget(v.decoded);
      if (g) hit(ctx, 'java.base64-gadget', 5, v.decoded.slice(Math.max(0, g.start - 4), g.end + 8));
    }
    if (v.kind === 'filename' || (v.kind === 'header' && /file.?name/.test(v.name ?? ''))) {
      if (/\.\s{0,4}jsp[xf]?[.\s]*$/.test(s)) hit(ctx, 'java.jsp-upload', 5, s.slice(-60));
    }
  },
};

function base64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

let gadget: Hit | undefined;
function onGadget(h: Hit): boolean {
  gadget = h;
  return true;
}

/**
 * The first base64 form of a gadget name in `d`. The forms are made of base64 characters and 8 or more long, so only
 * runs of 8+ such characters are scanned (the words of a sentence mostly are not).
 */
function base64Gadget(d: string): Hit | undefined {
  gadget = undefined;
  for (let i = 0; i < d.length && !gadget; i++) {
    if (!base64Char(d.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < d.length && base64Char(d.charCodeAt(j))) j++;
    if (j - i >= 8) base64Gadgets.scan(d, onGadget, i, j);
    i = j;
  }
  return gadget;
}

/** Which anchors a value holds, filled by one matcher pass (a module-level callback: no closure per value). */
const anchors = { name: false, gadget: false };
function onAnchor(h: Hit): boolean {
  anchors.name ||= NAME_SET.has(h.pattern);
  anchors.gadget ||= GADGET_SET.has(h.pattern);
  return anchors.name && anchors.gadget;
}

/** Dangerous class names and gadget words, weighed by where they stand (code, a name, a package, prose): the best score. */
function namesAndGadgets(v: ScanValue, s: string, ctx: ScanContext, nameAnchor: boolean, gadgetAnchor: boolean): number {
    let best = 0;
    let ev = '';
    let context: JavaContext | undefined;
    const where = (): JavaContext => (context ??= new JavaContext(s, v.decoded));
    const found = (score: number, start: number, end: number): boolean => {
      if (score > best) {
        best = score;
        ev = s.slice(Math.max(0, start - 10), end + 40);
      }
      return best >= 5;
    };
    if (v.classes & (C.DOT | C.AT | C.HASH) && nameAnchor) {
      javaNames.scan(s, (h) => {
        const prev = s.charCodeAt(h.start - 1);
        if (h.pattern === 'java.' || h.pattern === 'javax.') {
          if ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57) || prev === 46) return;
          const rest = /^[a-z0-9_.]{1,80}/.exec(s.slice(h.end))?.[0] ?? '';
          // a dangerous class named under java.* in any package spelling: java.Runtime, java.evil.ProcessBuilder
          if (rest.split('.').some((seg) => DANGEROUS_CLASSES.has(seg))) return found(Math.min(5, where().nameCeiling(h.start, h.end)), h.start, h.end);
          if (!rest.includes('.') && !/^(lang|io|net|nio|util|rmi|beans|security)$/.test(rest)) return;
          const score = /(?:exception|error)\b/.test(s.slice(h.end, h.end + 80)) && !/runtime\b|processbuilder/.test(rest) ? 2 : /^(lang|io|net|nio|rmi|beans|security)\b/.test(rest) || h.pattern === 'javax.' ? 5 : 3;
          return found(Math.min(score, where().nameCeiling(h.start, h.end)), h.start, h.end);
        }
        if (CODE.has(h.pattern)) return found(where().codeCeiling(h.start), h.start, h.end);
        // a name that continues is another class: java.lang.RuntimeException is a stack trace, not java.lang.Runtime
        if (/[a-z0-9]$/.test(h.pattern) && /[a-z0-9]/.test(s[h.end] ?? '')) return;
        const ceiling = GROUP_PACKAGES.has(h.pattern) && where().packageOnly(h.start, h.end) ? 3 : 5;
        return found(Math.min(ceiling, where().nameCeiling(h.start, h.end)), h.start, h.end);
      });
    }
    if (best < 5 && gadgetAnchor) {
      gadgetPlain.scan(s, (h) => {
        const prev = s[h.start - 1];
        const next = s[h.end];
        const glued = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c);
        if (glued(prev) || (h.pattern === 'runtime' && glued(next))) return;
        const dotted = prev === '.' || next === '.' || next === '(' || next === ':';
        // Runtime.getRuntime, Runtime( : a member or a call; "at runtime." ends a sentence
        const member = next === '(' || (next === '.' && /[a-z]/.test(s[h.end + 1] ?? ''));
        const score = h.pattern === 'runtime' ? (member ? 5 : 0) : dotted || s.length === h.pattern.length ? 5 : 3;
        const ceiling = next === '(' ? where().codeCeiling(h.start) : where().nameCeiling(h.start, h.end);
        return found(Math.min(score, ceiling), h.start, h.end);
      });
    }
    if (best) hit(ctx, 'java.class-or-gadget', best, ev, best >= 3 ? 1 : 2);
    return best;
}

registerDetector(detector);
