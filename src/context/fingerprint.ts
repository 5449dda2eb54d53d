import type { Exchange } from '../exchange/exchange.js';
import { firstHeader } from '../exchange/exchange.js';
import { fnv1a } from './hash.js';

// A client fingerprint: the software and its habits, not the address. Many users of one browser share one.

/** Header names that vary per request rather than per client; left out of the order hash. */
const VOLATILE = new Set(['content-length', 'content-type', 'authorization', 'cookie', 'host', 'x-request-id', 'x-forwarded-for', 'traceparent']);

const BROWSER_MARKERS = ['mozilla/', 'applewebkit', 'gecko', 'safari', 'okhttp', 'cfnetwork', 'dalvik'];
const TOOL_MARKERS = ['curl/', 'python-requests', 'python-urllib', 'aiohttp', 'go-http-client', 'java/', 'wget', 'libwww', 'httpclient', 'axios/', 'node-fetch', 'scrapy', 'headlesschrome', 'phantomjs', 'postman'];

export function fingerprintOf(ex: Exchange): string {
  const h = ex.request.headers;
  let order = '';
  for (const name of Object.keys(h)) if (!VOLATILE.has(name)) order += name + ',';
  const ua = firstHeader(h, 'user-agent') ?? '';
  const lang = firstHeader(h, 'accept-language') ?? '';
  return (fnv1a(`${ua}\n${order}\n${lang}`) >>> 0).toString(36);
}

/** A client that does not present itself as a browser or a mobile app: scripts, tools, headless browsers. */
export function isNonBrowser(ex: Exchange): boolean {
  const ua = (firstHeader(ex.request.headers, 'user-agent') ?? '').toLowerCase();
  if (!ua) return true;
  for (const m of TOOL_MARKERS) if (ua.includes(m)) return true;
  for (const m of BROWSER_MARKERS) if (ua.includes(m)) return false;
  return true;
}
