import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit, occurrences } from './util.js';

// JNDI / Log4Shell: ${jndi:ldap://...} and the nested-lookup obfuscations (${${lower:j}ndi:, ${${::-j}${::-n}di:,
// ${${env:X:-j}ndi:). Lookups are collapsed with a small stack machine (linear), then the result is checked.

const LOOKUPS = ['lower:', 'upper:', 'env:', 'sys:', 'java:', 'date:', 'main:', 'ctx:', 'map:', 'sd:', 'base64:', 'bundle:', 'jvmrunargs:', 'log4j:', 'marker:', 'spring:', 'k8s:', 'docker:', 'web:', 'event:'];

/** Collapses nested log4j lookups in a window: ${lower:j} → j, ${::-j} → j, ${env:X:-j} → j. */
export function collapseLookups(s: string): string {
  let out = '';
  const marks: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      marks.push(out.length);
      i++;
      continue;
    }
    if (s[i] === '}' && marks.length) {
      marks.pop();
      continue;
    }
    if (s[i] === ':' && s[i + 1] === '-' && marks.length) {
      out = out.slice(0, marks[marks.length - 1]);
      i++;
      continue;
    }
    if (marks.length && out.length === marks[marks.length - 1]) {
      // ${date:'j'} formats a quoted literal: j
      if (s.startsWith("date:'", i)) {
        const close = s.indexOf("'", i + 6);
        if (close > 0 && close - i < 40) {
          out += s.slice(i + 6, close);
          i = close;
          continue;
        }
      }
      const l = LOOKUPS.find((p) => s.startsWith(p, i) && (p === 'lower:' || p === 'upper:' || p === 'base64:'));
      if (l) {
        i += l.length - 1;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

/** The argument of a base64 lookup, decoded: another lookup, or JNDI. */
function base64Lookup(arg: string): boolean {
  const end = arg.indexOf('}');
  const text = Buffer.from(end < 0 ? arg : arg.slice(0, end), 'base64').toString('latin1').toLowerCase();
  return text.includes('${') || text.includes('jndi:');
}

const detector: Detector = {
  category: 'jndi',
  triggers: C.DOLLAR,
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    for (const i of occurrences(s, '${', 16)) {
      const win = s.slice(i, i + 300);
      const flat = collapseLookups(win).replace(/\s/g, '');
      if (flat.includes('jndi:') || /^j\s*n\s*d\s*i/.test(flat)) return hit(ctx, 'jndi.lookup', 5, win.slice(0, 80));
      const inner = win.slice(2);
      // ${base64:...} is substituted again: a lookup hidden in it (base64 is case-sensitive: read the decoded text)
      if (inner.startsWith('base64:') && v.decoded.length === s.length && base64Lookup(v.decoded.slice(i + 9, i + 400))) return hit(ctx, 'jndi.lookup', 5, win.slice(0, 80));
      // $${ inside a default value makes the substitution recurse without end (CVE-2021-45105)
      if (win.includes('$${') && win.includes('::-')) return hit(ctx, 'jndi.recursive-lookup', 5, win.slice(0, 80));
      if (LOOKUPS.some((p) => inner.startsWith(p) && p !== 'date:') && /\$\{[a-z0-9]{2,12}:[^}]{0,80}\}/.test(win)) return hit(ctx, 'jndi.log4j-lookup', 4, win.slice(0, 80));
      if (inner.startsWith('${') && /\$\{[^}]{0,40}:-[a-z]\}/.test(win)) return hit(ctx, 'jndi.obfuscated-lookup', 5, win.slice(0, 80));
    }
  },
};

registerDetector(detector);
