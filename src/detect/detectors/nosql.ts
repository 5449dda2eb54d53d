import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';

// NoSQL (MongoDB-style) operator injection: operators as JSON keys or as bracketed query keys (user[$ne]=x),
// and server-side JavaScript in $where-style values.

const OPERATORS = new Set(['$ne', '$eq', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$regex', '$where', '$exists', '$or', '$and', '$nor', '$not', '$expr', '$function', '$accumulator', '$elemmatch', '$size', '$type', '$mod', '$all', '$text', '$search', '$lookup', '$jsonschema', '$options']);
const CODE = new Set(['$where', '$function', '$accumulator', '$expr']);

const detector: Detector = {
  category: 'nosqli',
  namesAreItsInput: true,
  triggers: C.DOLLAR,
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    if (v.kind === 'body-key' || v.kind === 'query-key' || v.kind === 'cookie-key') {
      // the key itself ($ne) or a bracketed operator (user[$ne], filter[a][$regex])
      let op = OPERATORS.has(s) ? s : '';
      if (!op) {
        const m = /\[\s*(\$[a-z]{2,12})\s*\]/.exec(s);
        if (m && OPERATORS.has(m[1]!)) op = m[1]!;
      }
      if (op) hit(ctx, CODE.has(op) ? 'nosqli.code-operator' : 'nosqli.operator-key', 5, v.decoded.slice(0, 60));
      return;
    }
    // operators inside a JSON-looking string value: {"$ne": 1}, {"$where": "sleep(100)"}
    const i = s.indexOf('$');
    if (i < 0) return;
    const m = /["']?\$(where|ne|gt|gte|lt|lte|regex|nin|in|exists|expr|function|accumulator|or|and|nor|elemmatch)["']?\s*:/.exec(s);
    if (m && /[{,]\s*$/.test(s.slice(Math.max(0, m.index - 4), m.index))) hit(ctx, 'nosqli.operator-in-value', CODE.has(`$${m[1]}`) ? 5 : 4, s.slice(m.index, m.index + 60));
    else if (/\$where\b/.test(s) && /\b(?:sleep|this\.|function\s*\(|return\s)/.test(s)) hit(ctx, 'nosqli.where-code', 5, s.slice(s.indexOf('$where'), s.indexOf('$where') + 60));
  },
};

registerDetector(detector);
