import type { Exchange } from '../../exchange/exchange.js';
import { firstHeader } from '../../exchange/exchange.js';
import { queryParams, requestBody } from '../../exchange/body.js';
import type { RawValue } from '../types.js';
import { headerValues } from './headers.js';
import { jsonValues } from './json.js';
import { xmlValues } from './xml.js';
import { boundaryOf, multipartValues } from './multipart.js';

/** At most this many values per request are extracted; a request with more is itself suspicious but still bounded. */
export const MAX_VALUES = 4096;

/** Every attacker-controlled value of a request, with its location. The body is parsed once (exchange/body.ts). */
export function extractValues(ex: Exchange): RawValue[] {
  const out: RawValue[] = [];
  const req = ex.request;
  if (req.path && req.path !== '/') out.push({ kind: 'path', location: 'path', text: req.path });
  for (const [k, v] of queryParams(ex)) {
    if (k) out.push({ kind: 'query-key', location: `query-key:${k}`, text: k, name: k.toLowerCase() });
    if (v) out.push({ kind: 'query', location: `query:${k}`, text: v, name: k.toLowerCase() });
  }
  headerValues(req.headers, out);
  const body = requestBody(ex);
  switch (body.kind) {
    case 'json':
      jsonValues(body.value, out, MAX_VALUES);
      break;
    case 'form':
      for (const [k, v] of body.fields) {
        if (out.length >= MAX_VALUES) break;
        if (k) out.push({ kind: 'body-key', location: `body-key:${k}`, text: k, name: k.toLowerCase() });
        if (v) out.push({ kind: 'body', location: `body:${k}`, text: v, name: k.toLowerCase() });
      }
      break;
    case 'text':
    case 'invalid': {
      const text = body.kind === 'text' ? body.text : (req.body?.toString('utf8') ?? '');
      const mt = body.mediaType;
      if (mt.startsWith('multipart/')) {
        const b = boundaryOf(firstHeader(req.headers, 'content-type') ?? '');
        if (b) multipartValues(req.body?.toString('latin1') ?? text, b, out, MAX_VALUES);
        else out.push({ kind: 'raw-body', location: 'body', text });
      } else if (mt.includes('xml') || /^\s*<[?!a-zA-Z]/.test(text)) {
        out.push({ kind: 'xml-doc', location: 'body', text });
        xmlValues(text, out, MAX_VALUES);
      } else out.push({ kind: 'raw-body', location: 'body', text });
      break;
    }
    case 'none':
      break;
  }
  if (out.length > MAX_VALUES) out.length = MAX_VALUES;
  return out;
}
