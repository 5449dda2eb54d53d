import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';

// LDAP injection: a value that closes the application's filter and opens a new clause: *)(uid=*, )(|(objectclass=*),
// admin)(&), or that is itself an LDAP filter with wildcards.

const detector: Detector = {
  category: 'ldapi',
  triggers: C.PAREN,
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    const i = s.indexOf(')(');
    if (i >= 0) {
      const after = s.slice(i + 2, i + 40);
      // )(| )(& )(! )(attr=   — a new filter clause after closing one
      if (/^[|&!]|^[a-z][a-z0-9-]{0,30}[~<>]?=/.test(after) && /[*=)]/.test(s.slice(Math.max(0, i - 30), i + 1) + after)) {
        const before = s.slice(Math.max(0, i - 1), i);
        return hit(ctx, 'ldapi.filter-breakout', before === '*' || /^[|&]/.test(after) || /=\*/.test(after) ? 5 : 4, s.slice(Math.max(0, i - 20), i + 40));
      }
    }
    if (/^\s*\(\s*[|&!]\s*\(\s*[a-z][a-z0-9-]{0,30}\s*[~<>]?=/.test(s)) return hit(ctx, 'ldapi.filter', 4, s.slice(0, 60));
    if (/\(\s*objectclass\s*=\s*\*\s*\)/.test(s) || /\*\)\)(?:%00|\0|$)/.test(s)) hit(ctx, 'ldapi.wildcard', 5, s.slice(0, 60));
  },
};

registerDetector(detector);
