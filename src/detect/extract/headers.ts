import type { Headers } from '../../exchange/exchange.js';
import type { RawValue } from '../types.js';

/** Headers whose values carry no attacker-controlled payload worth scanning (or carry credentials we must not echo). */
const SKIP = new Set([
  'accept', 'accept-encoding', 'accept-language', 'accept-charset', 'connection', 'content-length', 'content-type',
  'host', 'cache-control', 'pragma', 'if-modified-since', 'if-none-match', 'if-match', 'if-unmodified-since',
  'upgrade-insecure-requests', 'dnt', 'te', 'priority', 'authorization', 'proxy-authorization', 'keep-alive',
  'proxy-connection', 'transfer-encoding', 'date', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site',
  'sec-fetch-user', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-websocket-key', 'sec-websocket-version',
  'x-request-id', 'traceparent', 'tracestate', 'x-amzn-trace-id', 'content-md5', 'range', 'expect', 'upgrade',
]);

export function headerValues(headers: Headers, out: RawValue[]): void {
  for (const name in headers) {
    if (SKIP.has(name) || name.startsWith(':')) continue;
    const v = headers[name];
    if (v === undefined) continue;
    const list = Array.isArray(v) ? v : [v];
    for (const text of list) {
      if (name === 'cookie') cookieValues(text, out);
      else if (text) out.push({ kind: 'header', location: `header:${name}`, text, name });
    }
  }
}

export function cookieValues(header: string, out: RawValue[]): void {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (name) out.push({ kind: 'cookie-key', location: `cookie-key:${name}`, text: name, name: name.toLowerCase() });
    if (value) out.push({ kind: 'cookie', location: `cookie:${name}`, text: value, name: name.toLowerCase() });
  }
}
