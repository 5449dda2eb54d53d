import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { Matcher, wordBounded } from '../match/aho.js';
import { proseWords } from '../match/prose-words.js';
import { hit, isAlpha, occurrences, skipSpace } from './util.js';
import { escapedIdentifier, spacedTagName } from './xss-evasions.js';
import { jsCased, wholeValueCall } from './whole-call.js';
import { codeSpansInProse } from './cmdi-prose.js';

// Cross-site scripting: HTML tags that run script, event handler attributes (also after an attribute breakout),
// script URLs, and JavaScript sinks. Scans the decoded, lower-cased value; tags are parsed, not pattern-matched.

const SCRIPT_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'base', 'meta', 'link', 'style', 'form', 'isindex', 'xss', 'template', 'portal', 'animate', 'set', 'handler', 'listener', 'import', 'vmlframe', 'xml', 'xmp', 'plaintext', 'noscript']);
const HTML_TAGS = new Set(['a', 'img', 'image', 'body', 'html', 'div', 'span', 'input', 'button', 'textarea', 'select', 'option', 'video', 'audio', 'source', 'details', 'marquee', 'table', 'td', 'tr', 'p', 'b', 'i', 'u', 'h1', 'h2', 'h3', 'title', 'head', 'bgsound', 'blink', 'keygen', 'layer', 'ilayer', 'br', 'hr', 'ul', 'li', 'ol', 'font', 'center', 'label', 'fieldset', 'legend', 'area', 'map', 'picture', 'track', 'canvas', 'dialog', 'output', 'menu', 'summary', 'x', 'abbr', 'code', 'pre', 'em', 'strong', 'small', 'nav', 'section', 'article', 'header', 'footer', 'main', 'aside', 'tbody', 'thead', 'col', 'frame', 'q', 'dl', 'dt', 'dd', 'sub', 'sup', 'kbd', 's', 'strike', 'tt', 'var', 'wbr', 'comment', 'event-source', 'xmp']);
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'lowsrc', 'dynsrc', 'poster', 'codebase', 'srcdoc', 'to', 'values', 'from', 'by', 'attributename'];
const SCHEMES = ['javascript:', 'vbscript:', 'livescript:', 'mocha:', 'data:text/html', 'data:image/svg', 'data:application/', 'data:text/xml', 'data:text/javascript'];

const sinks = new Matcher([
  'alert', 'prompt', 'confirm', 'eval', 'settimeout', 'setinterval', 'fromcharcode', 'atob', 'btoa', 'execscript', 'function', 'import',
  'document.cookie', 'document.write', 'document.domain', 'document.location', 'window.location', 'location.href', 'location.hash',
  'innerhtml', 'outerhtml', 'insertadjacenthtml', 'document.createelement', 'appendchild', 'localstorage', 'sessionstorage',
  'window.open', 'top.location', 'self[', 'top[', 'window[', 'parent[', 'this[', 'globalthis', '.constructor(', 'jquery.globaleval',
  'expression(', '-moz-binding', 'behavior:', '@import', 'xmlhttprequest', 'fetch(', 'srcdoc', 'onerror', 'onload',
]);

const EVENTS = new Set('abort afterprint animationend animationiteration animationstart auxclick beforecopy beforecut beforeinput beforepaste beforeprint beforeunload begin blur bounce canplay canplaythrough change click close contextmenu copy cuechange cut dblclick drag dragend dragenter dragleave dragover dragstart drop durationchange end emptied ended error finish focus focusin focusout formdata fullscreenchange hashchange input invalid keydown keypress keyup load loadeddata loadedmetadata loadend loadstart message mousedown mouseenter mouseleave mousemove mouseout mouseover mouseup mousewheel offline online pagehide pageshow paste pause play playing pointerdown pointerenter pointerleave pointermove pointerout pointerover pointerrawupdate pointerup popstate progress ratechange readystatechange repeat reset resize scroll scrollend search seeked seeking select selectionchange selectstart show start stalled storage submit suspend timeupdate toggle touchend touchmove touchstart transitioncancel transitionend transitionrun transitionstart unload volumechange waiting wheel webkitanimationend webkittransitionend activate beforeactivate beforedeactivate deactivate propertychange filterchange help losecapture move moveend movestart rowenter rowexit rowsdelete rowsinserted'.split(' '));

/** Vendor-prefixed events (onwebkitplaybacktargetavailabilitychanged, onmozfullscreenchange, onmsgesturechange). */
const VENDOR_EVENT = /^(?:webkit|moz|ms)[a-z]{4,40}$/;

function eventHandlerAt(s: string, i: number): number {
  // on + letters (3..48) + optional spaces + '='; returns the end index or -1
  if (s.charCodeAt(i) !== 111 || s.charCodeAt(i + 1) !== 110) return -1;
  let j = i + 2;
  while (j < s.length && j - i < 50 && isAlpha(s.charCodeAt(j))) j++;
  if (j - i < 5) return -1;
  const name = s.slice(i + 2, j);
  if (!EVENTS.has(name) && !VENDOR_EVENT.test(name)) return -1;
  j = skipSpace(s, j);
  return s[j] === '=' ? j + 1 : -1;
}

function isBoundary(c: number): boolean {
  return c !== c /* NaN: start */ || c === 32 || c === 34 || c === 39 || c === 47 || c === 96 || c === 59 || (c >= 9 && c <= 13) || c === 12;
}

/** Tags that do nothing without an attribute or markup inside (style, xmp, noscript... change how what follows parses). */
const INERT_BARE = new Set(['object', 'embed', 'applet', 'iframe', 'frame', 'frameset', 'base', 'meta', 'link', 'form', 'set', 'portal', 'animate', 'import', 'isindex', 'template', 'svg', 'math', 'handler', 'listener']);
const knownTag = (name: string): boolean => SCRIPT_TAGS.has(name) || HTML_TAGS.has(name);

function scanTags(s: string, ctx: ScanContext, prose = false): boolean {
  let found = false;
  for (const lt of occurrences(s, '<', 128)) {
    const c1 = s.charCodeAt(lt + 1);
    if (isAlpha(c1) ? !isAlpha(s.charCodeAt(lt + 2)) : c1 === 32 || c1 === 9) {
      const spaced = spacedTagName(s, lt, knownTag);
      if (spaced) {
        hit(ctx, 'xss.spaced-tag', 5, s.slice(lt, lt + 40));
        found = true;
        continue;
      }
    }
    let j = lt + 1;
    if (s[j] === '/') j++;
    const ns = j;
    while (j < s.length && j - ns < 32 && (isAlpha(s.charCodeAt(j)) || s[j] === '-' || s[j] === ':' || (j > ns && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57))) j++;
    const raw = s.slice(ns, j);
    const name = raw.includes(':') ? raw.slice(raw.indexOf(':') + 1) : raw;
    if (!name) {
      if (s.startsWith('!--', lt + 1) || s.startsWith('![cdata[', lt + 1)) continue;
      continue;
    }
    const g = s.slice(j, j + 512).indexOf('>');
    const gt = g < 0 ? -1 : j + g;
    const attrs = s.slice(j, gt < 0 ? Math.min(s.length, j + 512) : Math.min(gt, j + 512));
    const next = s.charCodeAt(j);
    const tagLike = gt >= 0 || next === 32 || next === 47 || (next >= 9 && next <= 13) || j === s.length;
    if (!tagLike) continue;
    // an SVG image as an XML document (an upload's text) is a picture: its attributes are still read below
    // (and so is an inline icon that sizes itself: <svg width="24" viewBox="0 0 24 24"><path d=…/></svg>)
    const svgImage = name === 'svg' && ((lt > 0 && /^\s*<\?xml\s/.test(s)) || /(?:^|\s)(?:viewbox|width|height|xmlns)\s*=/.test(attrs));
    if (name === 'script' || (SCRIPT_TAGS.has(name) && s[ns - 1] !== '/' && !svgImage)) {
      // documentation names an element or a type in a sentence: `<Object>` options, __\<object\>__; it has no attributes.
      // <Object>, <Set>, <svg> without an attribute load nothing anywhere: a type in a generic (Promise<Object>), a
      // component named (markup after them is read tag by tag: <svg><animate onbegin=…> is caught at <animate)
      const closes = gt === j || (gt === j + 1 && s[j] === '\\'); // markdown escapes the bracket: \<object\>
      if ((prose && name !== 'script' && !attrs.includes('=')) || (INERT_BARE.has(name) && closes)) {
        hit(ctx, 'xss.script-tag', 3, s.slice(lt, Math.min(s.length, j + 40)));
        continue;
      }
      hit(ctx, 'xss.script-tag', 5, s.slice(lt, Math.min(s.length, j + 40)));
      found = true;
      continue;
    }
    // attributes inside the tag
    for (let k = 0; k < attrs.length; k++) {
      if (attrs[k] === 'o' && isBoundary(attrs.charCodeAt(k - 1)) && eventHandlerAt(attrs, k) > 0) {
        hit(ctx, 'xss.event-handler', 5, s.slice(lt, Math.min(s.length, j + k + 40)));
        found = true;
        break;
      }
    }
    for (const a of URL_ATTRS) {
      const at = attrs.indexOf(a);
      if (at < 0) continue;
      let v = skipSpace(attrs, at + a.length);
      if (attrs[v] !== '=') continue;
      v = skipSpace(attrs, v + 1);
      if (attrs[v] === '"' || attrs[v] === "'" || attrs[v] === '`') v++;
      const rest = attrs.slice(v, v + 40).replace(/[\s\0]/g, '');
      if (SCHEMES.some((sc) => rest.startsWith(sc))) {
        hit(ctx, 'xss.script-url', 5, s.slice(lt, Math.min(s.length, j + 80)));
        found = true;
      }
    }
    if (attrs.includes('style') && (attrs.includes('expression(') || attrs.includes('-moz-binding') || attrs.includes('behavior:'))) {
      hit(ctx, 'xss.css-expression', 5, s.slice(lt, Math.min(s.length, j + 60)));
      found = true;
    }
    if (!found && HTML_TAGS.has(name) && s[ns - 1] !== '/') hit(ctx, 'xss.html-tag', 2, s.slice(lt, Math.min(s.length, j + 40)), 2);
    else if (!found && s[ns - 1] !== '/' && gt >= 0 && attrs.includes('=')) hit(ctx, 'xss.html-tag', 2, s.slice(lt, Math.min(s.length, j + 40)), 2);
  }
  return found;
}

/** A quote (or <) then an on* or form* attribute: the value closed an attribute and opened another. */
const QUOTED_ATTR = /(?:^|[^a-z0-9\s])\s{0,8}["'`<]\s{0,8}(?:on[a-z]{3,40}|formaction|srcdoc)\s{0,8}=/;
const DOM_OBJECT = /document|window|self|top|parent|globalthis|frames/;
const OBFUSCATED_MEMBER = /(?:document|window|self|top|parent|globalthis|frames)\)?(?:\.|\[["'`])(?:cookie|domain|location|write|writeln|alert|eval|prompt|confirm|open|execscript|settimeout|setinterval)\b/;
const UTF7 = /\+AD[w4]-/i;
/** A value that is nothing but a sensitive DOM property: document.cookie, window.location (a probe, or a key some sink reads). */
const DOM_PROPERTY = /^\s*(?:document|window|self|top|parent)\s*\.\s*(?:cookie|domain|location(?:\s*\.\s*(?:href|hash|search))?)\s*$/;
/** A global reached with a computed string key: self["\x61lert"], top['al'+'ert'] (hides the name from filters). */
const GLOBAL_INDEX = /(?:^|[^a-z0-9_$.])(?:self|window|top|parent|globalthis|frames|document)\s*\[\s*["'`]/;
/** A function called as a tagged template: [].sort.call`${alert}1`, Reflect.apply.call``: a call without parentheses. */
const SINK_ALIAS = /(?:^|[^a-z0-9_$.])([a-z_$][a-z0-9_$]{0,15})\s{0,4}=\s{0,4}(?:alert|prompt|confirm|eval|settimeout|setinterval|function)\s{0,4}[,;]\s{0,4}\1[(`]/;
const TAGGED_CALL = /\.(?:call|apply|bind)`(?:\$\{|`)/;
/**
 * A sink reached without writing its call plainly: assigned or passed as a function (onerror=alert, [1].find(alert),
 * Reflect.apply(alert, ...)), called through parentheses or optional chaining ((alert)(1), alert?.(1)), Function as a
 * tag (new Function`...`), or the page sent elsewhere (location='//evil.example').
 */
const SINK_REFERENCE = /onerror=(?:alert|prompt|confirm|eval)\b|\.(?:apply|call|find|map|filter|foreach|some|every|reduce|then)\(\s{0,4}(?:alert|prompt|confirm|eval)\s{0,4}[,)]|\((?:alert|prompt|confirm|eval)\)\(|\b(?:alert|prompt|confirm|eval)\?\.\(|\bnew\s{1,4}function\s{0,4}`|^\s*(?:(?:document|window|self|top)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*["'`](?:\/\/|https?:|javascript:|data:)/;
/** Classes that make a value worth the full scan; a value with only dots, slashes, plus signs or 8-bit text gets the cheap checks. */
const FULL_SCAN = C.LT | C.EQ | C.COLON | C.PAREN | C.BACKTICK | C.BRACKET;
const DOM_WORD = /document|window|self|top|parent|globalthis|frames/i;
const COMMENT_CLOSE = /^\s*["']?\s*--!?>\s*$/;
/** A string key made of escapes or pieces: ["\x24"], ['\u0061lert'], ['al'+'ert']. */
const HIDDEN_KEY = /\[\s*["'`](?:[^"'`\]]{0,20}\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[0-7]{1,3})|[^"'`\]]{0,20}["'`]\s*\+\s*["'`])/i;
/** The whole value writes markup or text into the page: document.querySelector("p").textContent="x". */
const DOM_WRITE = /^\s*(?:document|window|self|top|parent)\s*\.[^\s;]{0,120}\.\s*(?:innerhtml|outerhtml|textcontent|innertext|outertext)\s*=(?!=)/;
/** A data: URL carrying markup: data:,<x>, data:text/plain;charset=utf-8,<svg> (a frame renders it); the type, if any, has a '/'. */
const DATA_MARKUP = /(?:^|[^a-z0-9])data:(?:[a-z]{1,20}\/[a-z0-9+.-]{1,40})?(?:;[a-z0-9=.+-]{0,40}){0,3},<[a-z!/]/;

/**
 * Old IE read 8-bit text as US-ASCII by dropping the top bit: ¼script¾ is <script>. The value with that bit cleared;
 * UTF-8 pairs read as two Latin-1 characters (Â¼ for ¼) are joined first.
 */
function stripHighBit(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    const n = s.charCodeAt(i + 1);
    if ((c === 0xc2 || c === 0xc3) && n >= 0x80 && n <= 0xbf) {
      c = ((c & 0x1f) << 6) | (n & 0x3f);
      i++;
    }
    out += c >= 0x80 && c <= 0xff ? String.fromCharCode(c & 0x7f) : String.fromCharCode(c);
  }
  return out;
}
const OBFUSCATED_SCHEME = /(?:java|vb|live)script:/;

/**
 * An element of any name written in 8-bit form, opened and closed (¼x¾…¼/x¾): no text puts fractions around a word
 * twice with a slash, only a payload for a page read as US-ASCII. The element, for evidence.
 */
function eightBitElement(d: string): string | undefined {
  let n = 0;
  for (let i = d.indexOf('\u00bc'); i >= 0 && n < 16; i = d.indexOf('\u00bc', i + 1), n++) {
    let j = i + 1;
    while (j < d.length && j - i <= 20 && isAlpha(d.charCodeAt(j))) j++;
    if (j === i + 1 || j - i > 20) continue;
    const gt = d.indexOf('\u00be', j);
    if (gt < 0 || gt - j > 200) continue;
    const close = d.indexOf(`\u00bc/${d.slice(i + 1, j)}\u00be`, gt);
    if (close >= 0) return d.slice(i, Math.min(d.length, close + j - i + 2, i + 80));
  }
  return undefined;
}

/** The value without the operators an injection into a script expression puts around it: -alert(1)- → alert(1). */
function chainedCall(s: string): string {
  const lead = /^\s{0,4}[-+*/%|&^~!;,]{1,3}\s{0,4}/.exec(s)?.[0].length ?? 0;
  const trail = /\s{0,4}[-+*/%|&^;,]{1,3}\s{0,4}$/.exec(s)?.[0].length ?? 0;
  return lead && trail ? s.slice(lead, s.length - trail) : '';
}

/** JSFuck: JavaScript written with []()!+ only. */
function jsfuck(s: string): boolean {
  let n = 0;
  for (let i = s.indexOf('[]'); i >= 0 && n < 4; i = s.indexOf('[]', i + 2)) {
    const p = s[i - 1];
    if (p === '!' || p === '+' || p === '(' || p === '[' || p === ' ') n++;
  }
  // a short fragment is JSFuck only when it is all of the value: +!![], (![]+[])
  if (n < 3 && s.length >= 4 && s.length <= 64 && /^[\s[\]()!+]+$/.test(s) && /[!+]\[\]/.test(s)) return true;
  return n >= 3 && /^[\s[\]()!+]*$/.test(s.slice(0, 200).replace(/[a-z0-9"'.,;=]/g, (c) => (c === '=' ? '' : ' ')));
}

/** Every occurrence of `word` is inside a markdown code span of a sentence (and there is one). */
function quotedInProse(s: string, word: string): boolean {
  const spans = codeSpansInProse(s);
  if (!spans) return false;
  const at = occurrences(s, word, 16);
  return at.length > 0 && at.every((i) => spans.some(([a, b]) => i > a && i < b));
}

/** A sentence that quotes code in markdown code spans: enough words, and backticks in pairs. */
function markdownProse(s: string): boolean {
  let ticks = 0;
  for (let i = s.indexOf('`'); i >= 0 && ticks < 64; i = s.indexOf('`', i + 1)) ticks++;
  return ticks > 0 && ticks % 2 === 0 && proseWords(s) >= 5;
}

const detector: Detector = {
  category: 'xss',
  triggers: FULL_SCAN | C.DOT | C.SLASH | C.PLUS | C.HIGH | C.GT,
  kinds: ['path', 'query', 'query-key', 'header', 'cookie', 'cookie-key', 'body', 'body-key', 'filename', 'raw-body'],
  scan(v: ScanValue, ctx: ScanContext): void {
    const full = (v.classes & FULL_SCAN) !== 0;
    const dom = (v.classes & (C.DOT | C.SLASH | C.BRACKET)) !== 0 && v.decoded.length >= 5 && DOM_WORD.test(v.decoded);
    const utf7 = (v.classes & C.PLUS) !== 0 && v.decoded.includes('+AD');
    // ¼script¾: only when both halves of a tag are there in 8-bit form
    const ascii = (v.classes & C.HIGH) !== 0 && v.decoded.includes('\u00bc') && v.decoded.includes('\u00be');
    // -->, --!> alone: a probe for a value reflected inside an HTML comment
    if (v.decoded.length <= 8 && COMMENT_CLOSE.test(v.decoded)) hit(ctx, 'xss.comment-breakout', 5, v.decoded);
    if (v.text.length > v.decoded.length && v.text.includes('\\u')) {
      const id = escapedIdentifier(v.text);
      if (id) return hit(ctx, 'xss.escaped-identifier', 5, id);
    }
    if (!full && !dom && !utf7 && !ascii) return;
    const s = v.lower;
    let found = false;
    if (ascii) {
      const stripped = stripHighBit(v.decoded).toLowerCase();
      if (scanTags(stripped, ctx)) found = true;
      else {
        const pair = eightBitElement(v.decoded);
        if (pair) {
          hit(ctx, 'xss.ascii-tag', 5, pair);
          found = true;
        }
      }
    }
    if (dom && !found) {
      if (DOM_PROPERTY.test(s)) hit(ctx, 'xss.dom-property', 4, s.slice(0, 60));
      const g = GLOBAL_INDEX.exec(s);
      // called, or the key hidden by escapes or concatenation (self["\x61lert"], top['al'+'ert'])
      if (g) hit(ctx, 'xss.js-sink', /\]\s*\(/.test(s.slice(g.index)) || HIDDEN_KEY.test(v.text) ? 5 : 4, s.slice(g.index, g.index + 50));
      const w = DOM_WRITE.exec(s);
      if (w) hit(ctx, 'xss.dom-write', 5, s.slice(0, 80));
    }
    if (!full) {
      if (utf7 && UTF7.test(v.decoded)) hit(ctx, 'xss.utf7', 5, s.slice(0, 60));
      if (dom && !found && v.classes & C.SLASH) {
        // document /**/ . cookie: a member reached through comments
        const js = v.view('lower,remove-comments,remove-ws');
        const m = OBFUSCATED_MEMBER.exec(js);
        if (m && js.length < s.length) hit(ctx, 'xss.js-sink', 5, js.slice(m.index, m.index + 50));
      }
      return;
    }
    // prose quoting code in markdown (`fetch()`, `import` and `export`, `<Object>`): names, not a payload
    const docs = v.decoded.length > 40 && proseWords(s, 6) >= 6;
    if (v.classes & C.LT) found = scanTags(s, ctx, docs);
    // event handlers outside a tag, after an attribute breakout: " onmouseover=alert(1) x="
    if (!found && v.classes & C.EQ) {
      for (const i of occurrences(s, 'on', 64)) {
        const end = eventHandlerAt(s, i);
        if (end < 0) continue;
        // a quote closed the attribute value, then only attribute-like text up to the handler: " autofocus onfocus=
        const before = s.slice(Math.max(0, i - 40), i);
        const q = Math.max(before.lastIndexOf('"'), before.lastIndexOf("'"), before.lastIndexOf('`'));
        // or the value opens with whitespace and the handler: a new attribute in an unquoted one (<a title=  onload=...)
        const opensWithSpace = i > 0 && i <= 16 && skipSpace(s, 0) === i;
        if ((q >= 0 && /^[\s/a-z0-9=-]*$/.test(before.slice(q + 1)) && /[\s/]$/.test(before)) || (i > 0 && s[i - 1] === '/') || opensWithSpace) {
          hit(ctx, 'xss.attribute-breakout', 5, s.slice(Math.max(0, i - 3), i + 40));
          found = true;
          break;
        }
      }
    }
    // an attribute injected right after the quote that closed the value: "onzoom=..., 'formaction=...
    if (!found && v.classes & C.EQ && v.classes & (C.SQUOTE | C.DQUOTE | C.BACKTICK | C.LT)) {
      const m = QUOTED_ATTR.exec(s);
      if (m) {
        hit(ctx, 'xss.attribute-breakout', 5, s.slice(m.index, m.index + 40));
        found = true;
      }
    }
    // UTF-7 encoded tags (+ADw-script+AD4-) and JSFuck ([][(![]+[])[+[]]...)
    if ((v.classes & C.PLUS || v.text.includes('+')) && (UTF7.test(v.text) || UTF7.test(v.decoded))) {
      hit(ctx, 'xss.utf7', 5, s.slice(0, 60));
      found = true;
    }
    if (v.classes & C.BACKTICK) {
      const js = v.view('lower,remove-comments,remove-ws');
      const m = TAGGED_CALL.exec(js);
      if (m) {
        hit(ctx, 'xss.tagged-template', 5, js.slice(Math.max(0, m.index - 20), m.index + 40));
        found = true;
      }
    }
    if (!found && v.classes & (C.PAREN | C.EQ | C.BACKTICK)) {
      const m = SINK_REFERENCE.exec(s);
      if (m) {
        hit(ctx, 'xss.sink-reference', 5, s.slice(m.index, m.index + 50));
        found = true;
      }
    }
    // a=alert,a(1): a sink copied to another name, then called by it
    if (!found && v.classes & C.PAREN && v.classes & C.EQ) {
      const m = SINK_ALIAS.exec(s);
      if (m) {
        hit(ctx, 'xss.sink-reference', 5, s.slice(m.index, m.index + 50));
        found = true;
      }
    }
    if (v.classes & C.BRACKET && jsfuck(s)) {
      hit(ctx, 'xss.jsfuck', 5, s.slice(0, 60));
      found = true;
    }
    // CSS that runs script: -moz-binding:url(...), behavior:url(...), x:expression(...), url(javascript:...)
    if (v.classes & C.PAREN && v.classes & C.COLON) {
      const css = v.view('lower,remove-comments,remove-ws');
      if (/-moz-binding:url\(|behavior:url\(|:expression\(|:url\(['"]?(?:javascript|vbscript|livescript)/.test(css)) {
        hit(ctx, 'xss.css-expression', 5, css.slice(0, 60));
        found = true;
      }
    }
    // script URLs: javascript:alert(1) (whitespace inside the scheme is ignored by browsers)
    if (v.classes & C.COLON) {
      const compact = v.view('lower,remove-ws');
      // a scheme broken up by tabs, newlines or entities only a browser would glue back: ja&tab;vascript:
      const ob = OBFUSCATED_SCHEME.exec(compact);
      const dm = found ? null : DATA_MARKUP.exec(compact);
      if (dm) {
        hit(ctx, 'xss.script-url', 5, compact.slice(dm.index, dm.index + 60));
        found = true;
      }
      if (!found && ob && !s.includes(ob[0])) {
        hit(ctx, 'xss.script-url', 5, compact.slice(ob.index, ob.index + 60));
        found = true;
      }
      for (const sc of SCHEMES) {
        const i = compact.indexOf(sc);
        if (i < 0) continue;
        const after = compact.slice(i + sc.length, i + sc.length + 60);
        if (sc.startsWith('data:') ? /base64|<|%3c/.test(after) || after.startsWith(',') : after.length > 0 && /[a-z([`'"/{\\]/.test(after[0]!) && /[(=;`'"[/\\]/.test(after)) {
          const prev = compact.charCodeAt(i - 1);
          if (i === 0 || !isAlpha(prev)) {
            // a script URL quoted in a code span of a sentence ("an input such as `javascript:alert(1)` is rejected")
            // is text: it runs only as a link's target, which is a whole value or an attribute (read by scanTags)
            if (v.classes & C.BACKTICK && quotedInProse(s, sc)) {
              hit(ctx, 'xss.script-url', 3, compact.slice(i, i + 60));
              break;
            }
            hit(ctx, 'xss.script-url', 5, compact.slice(i, i + 60));
            found = true;
            break;
          }
        }
      }
    }
    // DOM objects reached with comments, brackets or parentheses in between: document /**/ . cookie, (document)["cookie"],
    // self [ "alert" ]("x")
    if (!found && v.classes & (C.BRACKET | C.SLASH | C.PAREN) && DOM_OBJECT.test(s)) {
      const js = v.view('lower,remove-comments,remove-ws');
      const m = OBFUSCATED_MEMBER.exec(js);
      if (m && (js.length < s.length || /\)\[|\[["'`]/.test(js.slice(m.index, m.index + m[0].length)))) {
        hit(ctx, 'xss.js-sink', 5, js.slice(m.index, m.index + 50));
        found = true;
      }
    }
    // IE's <?import implementation=...> behaviour loading
    if (!found && v.classes & C.LT && /<\??\s*import\s*implementation\s*=/.test(s)) {
      hit(ctx, 'xss.script-tag', 5, s.slice(0, 60));
      found = true;
    }
    // JavaScript sinks: alert(1), document.cookie, String.fromCharCode(...), top['al'+'ert']
    if (v.classes & (C.PAREN | C.BACKTICK | C.BRACKET | C.DOT)) {
      let n = 0;
      let ev = '';
      let first = -1;
      sinks.scan(s, (h) => {
        const at = skipSpace(s, h.end);
        const after = s[at];
        // alert(s), prompt(s): an English plural, not a call
        if (after === '(' && (s.startsWith('(s)', at) || s.startsWith('(es)', at))) return;
        const callLike = h.pattern.endsWith('(') || h.pattern.endsWith('[') || h.pattern.includes('.') || h.pattern.endsWith(':') || after === '(' || after === '`';
        if (!callLike) return;
        if (/^[a-z]/.test(h.pattern) && !wordBounded(s, { ...h, end: h.start + (h.pattern.match(/^[a-z]+/)?.[0].length ?? 0) }) && !h.pattern.includes('.')) return;
        n++;
        if (first < 0) first = h.start;
        ev ||= s.slice(Math.max(0, h.start - 10), h.end + 30);
        return n >= 3;
      });
      if (n > 0) {
        // a quote, tag or comment closed before it, or a template literal's ${ around it
        // (in a sentence that quotes code in markdown spans, a backtick closes the span: `import()`, is punctuation, and
        // sinks named there are mentions; a span that opens with a statement break, `;alert(1)//`, still breaks out)
        const quoted = markdownProse(s);
        // (a documented paragraph lists quoted words, "yes", "no": there the break has to be just before the sink)
        const near = docs ? s.slice(Math.max(0, first - 24), first + 40) : s;
        const breakout = (quoted ? /["']\s*[;)+,-]|`\s*;|<\/|-->|\$\{/ : /["'`]\s*[;)+,-]|<\/|-->|\$\{/).test(near) || v.kind === 'path';
        // the whole value is a call of a sink: alert(1), prompt(), setInterval(code, 1); labels such as Alert(s) are not
        // (also between the operators that chain it into the page's own expression: -alert(1)-, ;alert(1)//)
        const chained = n === 1 ? chainedCall(s) : '';
        const whole = n === 1 ? Math.max(jsCased(v.decoded) ? wholeValueCall(s) : 0, chained && jsCased(chainedCall(v.decoded)) ? wholeValueCall(chained) : 0) : 0;
        const score = (n >= 2 && !quoted) || breakout || found || whole === 2 ? 5 : whole === 1 || n >= 2 ? 4 : 3;
        // names in a documented sentence (`fetch()`, [Key Import (SPKI)](…)) are what the paragraph is about
        // (in a markdown code span of such a sentence they are quoted: 2, counted from paranoia 2)
        const mention = docs && !breakout && !found;
        const quotedName = mention && quoted;
        hit(ctx, 'xss.js-sink', quotedName ? 2 : mention ? Math.min(score, 3) : score, ev, quotedName ? 2 : 1);
      }
    }
  },
};

registerDetector(detector);
