import type { Exchange } from '../../exchange/exchange.js';
import { firstHeader } from '../../exchange/exchange.js';
import { queryParams, requestBody } from '../../exchange/body.js';
import { C, classesOf } from '../charclass.js';
import type { RawValue, ScanValue, ValueKind } from '../types.js';
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

/** At most this many nested values per request. */
export const MAX_NESTED = 256;

// (a text/plain body in form shape, name=value, is what a form with enctype="text/plain" sends: its values are body values)
const NESTED_KIND: Partial<Record<ValueKind, ValueKind>> = { query: 'query', 'query-key': 'query', body: 'body', 'body-key': 'body', cookie: 'cookie', 'cookie-key': 'cookie', header: 'header', 'raw-body': 'body' };
const PARAM_NAME = /^[A-Za-z0-9_.$@[\]-]{1,64}$/;

class NestedRaw implements RawValue {
  constructor(
    readonly kind: ValueKind,
    readonly text: string,
    readonly name: string,
    private readonly parent: RawValue,
  ) {}
  get location(): string {
    return `${this.parent.location}>${this.name}`;
  }
}

/**
 * The values of a parameter string found inside a decoded value: `pay=or 1=1` sent as one form key, `a=1&b=2` encoded
 * twice, a referer's query string. Only name=value parts with a parameter-like name count; values equal to the
 * whole are skipped.
 */
export function nestedValues(v: ScanValue, out: RawValue[]): void {
  const kind = NESTED_KIND[v.kind];
  if (!kind) return;
  if (!(v.classes & C.EQ)) return;
  let s = v.decoded;
  if (kind === 'header') {
    const q = s.indexOf('?');
    if (q < 0) return;
    s = s.slice(q + 1);
  }
  let start = 0;
  // (the next line break, looked up again only once passed: a long body is read once, not once per pair)
  let nl = v.kind === 'raw-body' ? -2 : -1;
  for (let parts = 0; parts < 16 && start < s.length && out.length < MAX_NESTED; parts++) {
    let end = s.indexOf('&', start);
    // && is an operator inside a value (pay=&&(a=1)), not an empty parameter between two separators
    while (end >= 0 && s[end + 1] === '&') end = s.indexOf('&', end + 2);
    if (end < 0) end = s.length;
    // text/plain form pairs are separated by line breaks
    if (nl !== -1) {
      if (nl < start) nl = s.indexOf('\n', start);
      if (nl >= 0 && nl < end) end = nl;
    }
    const eq = s.indexOf('=', start);
    if (eq > start && eq < end - 1 && s[eq + 1] !== '=' && PARAM_NAME.test(s.slice(start, eq))) {
      const text = s.slice(eq + 1, s[end - 1] === '\r' && v.kind === 'raw-body' ? end - 1 : end);
      if (text !== v.decoded) out.push(new NestedRaw(kind, text, s.slice(start, eq).toLowerCase(), v));
    }
    start = end + 1;
  }
}

const B64 = /^[A-Za-z0-9+/_-]{12,}={0,2}$/;
const SUSPICIOUS = C.PAREN | C.LT | C.SEMI | C.PIPE | C.DOLLAR | C.SQUOTE | C.DQUOTE | C.BRACE | C.BACKTICK;

/**
 * A value that is base64 of readable text with code-like characters (a cookie carrying `require("child_process")...`):
 * its decoded text is scanned as a value of its own. Binary, tokens of random bytes and long blobs are left alone.
 */
export function base64Value(v: ScanValue, out: RawValue[]): void {
  const t = v.decoded;
  if (t.length > 8192 || t.length < 12 || v.classes & (C.SPACE | C.DOT | C.PERCENT) || !B64.test(t)) return;
  const bytes = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (bytes.length < 8) return;
  let printable = 0;
  for (const b of bytes) if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
  if (printable < bytes.length * 0.95) return;
  const text = bytes.toString('latin1');
  if (classesOf(text) & SUSPICIOUS) out.push(new NestedRaw(v.kind === 'header' || v.kind === 'cookie' || v.kind === 'query' ? v.kind : 'body', text, `${v.name ?? ''}:base64`, v));
}
