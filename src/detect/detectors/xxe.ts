import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit, occurrences, skipSpace } from './util.js';

// XML external entities and entity expansion, read from the markup (a small tolerant scan, no XML parser):
//  - an entity declaration that loads a resource (SYSTEM/PUBLIC), a parameter entity that does: the XXE itself;
//  - an entity whose value references other entities: exponential expansion ("billion laughs");
//  - any other entity declaration: unusual in a request, weaker alone;
//  - a DOCTYPE with an external DTD: a URL or an absolute path is fetched by the parser (out-of-band XXE), a relative
//    name (log4j.dtd) resolves next to the document; the public DTDs of W3C, Apple plists, Spring, MyBatis, Hibernate,
//    Struts and Java EE, named at their own hosts, are what documents of those kinds ordinarily carry;
//  - XInclude.

/** System ids of DTDs that documents ordinarily declare, at the hosts that publish them. */
const KNOWN_DTD = /^https?:\/\/(?:www\.)?(?:w3\.org\/|apple\.com\/dtds\/|springframework\.org\/dtd\/|mybatis\.org\/dtd\/|hibernate\.org\/dtd\/|hibernate\.sourceforge\.net\/|struts\.apache\.org\/dtds\/|java\.sun\.com\/dtd\/|jboss\.org\/j2ee\/dtd\/|ibatis\.apache\.org\/dtd\/|logging\.apache\.org\/log4j\/)/;

function nameEnd(s: string, i: number): number {
  const limit = i + 256;
  while (i < s.length && i < limit) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 39 || c === 62 || c === 91) break;
    i++;
  }
  return i;
}

/** The quoted literal at `i` (bounded), or undefined. */
function literal(s: string, i: number, max = 4000): string | undefined {
  const q = s[i];
  if (q !== '"' && q !== "'") return undefined;
  const close = s.slice(i + 1, i + 1 + max).indexOf(q);
  return close < 0 ? s.slice(i + 1, i + 1 + max) : s.slice(i + 1, i + 1 + close);
}

function nameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 58;
}

/** A reference to a named entity (&name; or %name;), not a character reference (&#38;). */
function entityReference(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '&' && c !== '%') continue;
    let k = i + 1;
    while (k < value.length && k - i < 100 && nameChar(value.charCodeAt(k))) k++;
    if (k > i + 1 && value[k] === ';') return true;
  }
  return false;
}

function entity(s: string, at: number, ctx: ScanContext): boolean {
  let j = skipSpace(s, at + 8);
  const param = s[j] === '%';
  if (param) j = skipSpace(s, j + 1);
  j = skipSpace(s, nameEnd(s, j));
  const evidence = s.slice(at, at + 80);
  if (s.startsWith('system', j) || s.startsWith('public', j)) {
    hit(ctx, param ? 'xxe.parameter-entity' : 'xxe.external-entity', 5, evidence);
    return true;
  }
  const value = literal(s, j);
  if (value !== undefined && entityReference(value)) {
    hit(ctx, 'xxe.entity-expansion', 5, evidence);
    return true;
  }
  hit(ctx, 'xxe.entity-declaration', 4, evidence);
  return false;
}

function doctype(s: string, at: number, ctx: ScanContext): void {
  let j = skipSpace(s, at + 9);
  j = skipSpace(s, nameEnd(s, j));
  let systemId: string | undefined;
  if (s.startsWith('system', j)) systemId = literal(s, skipSpace(s, j + 6), 1000);
  else if (s.startsWith('public', j)) {
    const k = skipSpace(s, j + 6);
    const publicId = literal(s, k, 1000);
    if (publicId !== undefined) systemId = literal(s, skipSpace(s, k + publicId.length + 2), 1000);
  }
  if (systemId === undefined || KNOWN_DTD.test(systemId.trim())) return;
  const located = /^\s*(?:[a-z][a-z0-9+.-]{1,20}:|[/\\~])/.test(systemId);
  hit(ctx, 'xxe.external-dtd', located ? 5 : 2, s.slice(at, at + 80), located ? 1 : 2);
}

const detector: Detector = {
  category: 'xxe',
  triggers: C.LT,
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    for (const at of occurrences(s, '<!entity', 64)) if (entity(s, at, ctx)) break;
    for (const at of occurrences(s, '<!doctype', 8)) doctype(s, at, ctx);
    const xi = s.indexOf('xi:include');
    const ns = xi < 0 ? s.indexOf('http://www.w3.org/2001/xinclude') : xi;
    if (ns >= 0) hit(ctx, 'xxe.xinclude', 5, s.slice(ns, ns + 80));
  },
};

registerDetector(detector);
