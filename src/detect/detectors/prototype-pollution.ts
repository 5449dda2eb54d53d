import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';

// Prototype pollution: __proto__ or constructor.prototype reached through parameter names (JSON keys, a[__proto__][x],
// a.__proto__.x, constructor[prototype]) — a merge of such input writes to Object.prototype.

/** Every pattern needs one of these (tested on the decoded text: no lower-cased copy for the many clean values). */
const ANCHOR = /proto|constructor/i;

const detector: Detector = {
  category: 'prototype-pollution',
  namesAreItsInput: true,
  triggers: 0,
  plainMin: 5,
  scan(v: ScanValue, ctx: ScanContext): void {
    if (v.decoded.length < 5 || !ANCHOR.test(v.decoded)) return;
    const s = v.lower;
    const key = v.kind === 'body-key' || v.kind === 'query-key' || v.kind === 'cookie-key';
    if (key) {
      if (s.includes('__proto__')) return hit(ctx, 'prototype-pollution.proto-key', 5, v.decoded.slice(0, 60));
      if (/constructor\s*(?:\]\s*)?[.[]\s*['"]?prototype/.test(s) || (s === 'prototype' && v.location.includes('/constructor/'))) return hit(ctx, 'prototype-pollution.constructor-prototype', 5, v.decoded.slice(0, 60));
      return;
    }
    // a[__proto__], x.__proto__.y, "__proto__":, and a property path that starts at it (__proto__.isAdmin=1)
    if (/\[\s*["']?__proto__["']?\s*\]|\.__proto__\s*[.[=]|["']__proto__["']\s*:|^\s*__proto__\s*[.[]/.test(s)) hit(ctx, 'prototype-pollution.proto-in-value', 5, s.slice(Math.max(0, s.indexOf('__proto__') - 10), s.indexOf('__proto__') + 40));
    else if (/constructor\s*[.[]\s*["']?prototype\s*["']?\s*\]?\s*[.[]/.test(s)) hit(ctx, 'prototype-pollution.constructor-prototype', 5, s.slice(s.indexOf('constructor'), s.indexOf('constructor') + 50));
    else if (/["']constructor["']\s*:\s*\{\s*["']prototype["']/.test(s)) hit(ctx, 'prototype-pollution.constructor-prototype', 5, s.slice(s.indexOf('constructor'), s.indexOf('constructor') + 50));
    // Object.prototype.isAdmin = true, Object.prototype["x"]=1 as the value: a built-in's prototype assigned, which is what
    // the pollution does when the value reaches an eval (a comparison or a method call is code being talked about)
    else if (/^\s*(?:object|array|function|string)\s*\.\s*prototype\s*(?:\.\s*[a-z_$][a-z0-9_$]{0,40}|\[\s*["'][^"'\]]{1,40}["']\s*\])\s*=(?!=)/.test(s)) hit(ctx, 'prototype-pollution.builtin-prototype', 5, s.slice(0, 60));
  },
};

registerDetector(detector);
