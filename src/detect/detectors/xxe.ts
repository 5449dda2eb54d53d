import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit, skipSpace } from './util.js';

// XML external entities: a DOCTYPE declaring entities that load SYSTEM/PUBLIC resources, parameter entities,
// external DTDs, and XInclude. A small tolerant scan of the markup (no XML parser).

const detector: Detector = {
  category: 'xxe',
  triggers: C.LT,
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    const ent = s.indexOf('<!entity');
    if (ent >= 0) {
      let j = skipSpace(s, ent + 8);
      const param = s[j] === '%';
      if (param) j = skipSpace(s, j + 1);
      const win = s.slice(j, j + 300);
      if (/\s(?:system|public)\s/.test(win)) return hit(ctx, param ? 'xxe.parameter-entity' : 'xxe.external-entity', 5, s.slice(ent, ent + 80));
      return hit(ctx, 'xxe.entity-declaration', 4, s.slice(ent, ent + 80));
    }
    const dt = s.indexOf('<!doctype');
    if (dt >= 0) {
      const win = s.slice(dt, dt + 300);
      if (/\s(?:system|public)\s+["']/.test(win) && !/^<!doctype\s+html\s+public\s+["']-\/\/w3c\/\/dtd/.test(win)) hit(ctx, 'xxe.external-dtd', 4, win.slice(0, 80));
    }
    if (s.includes('xi:include') || s.includes('http://www.w3.org/2001/xinclude')) hit(ctx, 'xxe.xinclude', 5, s.slice(Math.max(0, s.indexOf('xi')), s.indexOf('xi') + 80));
  },
};

registerDetector(detector);
