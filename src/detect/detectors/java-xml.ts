import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { dangerousClassName } from '../match/java-names.js';
import { hit, skipSpace } from './util.js';

// Java deserialization gadgets written as XML (XStream, XMLDecoder), read from the document's structure. Class names
// in class="..." attributes and element text are values of their own (java.ts); what only the structure shows is here:
//  - XStream names the class of an object by its element: <java.lang.ProcessBuilder><command>... An element named
//    after a dangerous class is a gadget when it is an object, i.e. it has child elements or custom serialization;
//    the same name around plain text (<java.lang.Runtime>value</java.lang.Runtime>) constructs nothing.
//  - XStream's <dynamic-proxy> with a <handler>: the trigger of most XStream chains.
//  - An XMLDecoder program: <java> with <object>/<void> elements that name classes or call methods.

function nameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45 || c === 36 || c === 58;
}

/** Whether the element whose start tag ends at `tagEnd` holds child elements (not just text); comments are skipped. */
function hasChildElements(s: string, tagEnd: number): boolean {
  if (s.charCodeAt(tagEnd - 1) === 47) return false;
  let k = skipSpace(s, tagEnd + 1);
  for (let n = 0; n < 16 && (s.startsWith('<!--', k) || s.startsWith('<?', k)); n++) {
    // within a window: an unclosed comment after every element must not make the scan quadratic
    const comment = s.startsWith('<!--', k);
    const close = s.slice(k, k + 2000).indexOf(comment ? '-->' : '?>', 2);
    if (close < 0) return false;
    k = skipSpace(s, k + close + (comment ? 3 : 2));
  }
  const c = s.charCodeAt(k + 1);
  return s[k] === '<' && ((c >= 97 && c <= 122) || c === 95);
}

const MAX_TAGS = 20000;

const detector: Detector = {
  category: 'java',
  triggers: C.LT,
  kinds: ['xml-doc'],
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    let inJava = false;
    let proxy = -1;
    let tags = 0;
    for (let i = s.indexOf('<'); i >= 0 && tags < MAX_TAGS; i = s.indexOf('<', i + 1), tags++) {
      let j = i + 1;
      while (j < s.length && nameChar(s.charCodeAt(j))) j++;
      if (j === i + 1) continue;
      const name = s.slice(i + 1, j);
      if (name.indexOf('.') > 0 && dangerousClassName(name)) {
        const gt = s.indexOf('>', j);
        if (gt < 0) return;
        if (s.slice(j, gt).includes('serialization=') || hasChildElements(s, gt)) return hit(ctx, 'java.xml-gadget', 5, s.slice(i, i + 80));
      } else if (name === 'dynamic-proxy') proxy = i;
      else if (name === 'handler' && proxy >= 0) return hit(ctx, 'java.xstream-proxy', 5, s.slice(proxy, proxy + 80));
      else if (name === 'java') inJava = true;
      else if (inJava && (name === 'object' || name === 'void' || name === 'new')) {
        const gt = s.indexOf('>', j);
        const tag = s.slice(j, gt < 0 ? s.length : gt);
        if (tag.includes('class=') || tag.includes('method=')) return hit(ctx, 'java.xmldecoder', 5, s.slice(i, i + 80));
      }
    }
  },
};

registerDetector(detector);
