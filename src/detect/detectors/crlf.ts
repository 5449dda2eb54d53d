import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';

// CRLF / header injection and response splitting: a line break followed by a header line or a second response,
// in values that may be copied into response headers (path, query, headers, cookies, short body fields).

const HEADER_LINE = /(?:^|\r?\n|\r)[ \t]*(set-cookie|location|content-type|content-length|refresh|x-xss-protection|access-control-allow-[a-z-]+|content-security-policy|transfer-encoding|host|cookie|x-forwarded-[a-z]+|link|content-disposition)[ \t]*:/;

const detector: Detector = {
  category: 'crlf',
  triggers: C.NEWLINE,
  kinds: ['path', 'query', 'query-key', 'header', 'cookie', 'body', 'body-key'],
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    const nl = s.search(/[\r\n]/);
    if (nl < 0) return;
    const tail = s.slice(nl, nl + 400);
    if (/^[\r\n]+http\/[0-9.]+ [0-9]{3}/.test(tail) || /\r?\n\r?\n[ \t]*<(?:html|script|svg)/.test(tail)) return hit(ctx, 'crlf.response-splitting', 5, tail.slice(0, 60));
    const m = HEADER_LINE.exec(tail);
    if (m && m.index <= 2) {
      const freeText = v.kind === 'body' && s.length > 200;
      hit(ctx, 'crlf.header-injection', freeText ? 3 : 5, tail.slice(0, 60));
    } else if (v.kind !== 'body' && v.kind !== 'raw-body' && /^(?:\r\n|\n|\r)[a-z][a-z0-9-]{1,40}[ \t]*:/.test(tail) && v.decoded.length < 512) hit(ctx, 'crlf.header-injection', 4, tail.slice(0, 60));
  },
};

registerDetector(detector);
