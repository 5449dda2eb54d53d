import type { Exchange, Headers } from '../../exchange/exchange.js';
import { newDecision } from '../../exchange/exchange.js';
import { newRequestId } from '../../exchange/ids.js';

// HAR 1.2 → Exchange. Input is validated at the edge: a malformed entry is reported with its index and skipped.

export interface HarProblem {
  entry: number;
  message: string;
}

export class HarError extends Error {}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function headersOf(list: unknown, where: string): Headers {
  const out: Headers = {};
  if (list === undefined) return out;
  if (!Array.isArray(list)) throw new HarError(`${where} is not an array`);
  for (const [i, h] of list.entries()) {
    if (!isObj(h) || typeof h.name !== 'string') throw new HarError(`${where}[${i}] has no name`);
    const name = h.name.toLowerCase();
    const value = h.value === undefined || h.value === null ? '' : String(h.value);
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** HAR text is decoded text: it is encoded back as UTF-8, or byte for byte when the declared charset is a single-byte one. */
function bodyOf(text: unknown, encoding: unknown, mimeType: unknown): Buffer | undefined {
  if (typeof text !== 'string') return undefined;
  if (encoding === 'base64') return Buffer.from(text, 'base64');
  const singleByte = typeof mimeType === 'string' && /charset\s*=\s*"?(?:iso-8859-1|latin-?1|us-ascii|ascii|windows-1252|cp1252)\b/i.test(mimeType);
  if (singleByte) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return Buffer.from(text, 'utf8');
  return Buffer.from(text, singleByte ? 'latin1' : 'utf8');
}

function splitUrl(raw: string): { scheme: 'http' | 'https'; host: string; path: string; query: string; url: string } {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(raw);
  const rest = m ? raw.slice(m[0].length) : raw;
  const noFrag = rest.split('#', 1)[0] ?? '';
  const url = noFrag.startsWith('/') ? noFrag : `/${noFrag}`;
  const q = url.indexOf('?');
  return {
    scheme: m && m[1]!.toLowerCase() === 'https' ? 'https' : 'http',
    host: m ? m[2]! : '',
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    url,
  };
}

function entryToExchange(e: unknown): Exchange {
  if (!isObj(e)) throw new HarError('entry is not an object');
  const req = e.request;
  if (!isObj(req)) throw new HarError('request is missing');
  if (typeof req.method !== 'string' || !req.method) throw new HarError('request.method is missing');
  if (typeof req.url !== 'string' || !req.url) throw new HarError('request.url is missing');
  const u = splitUrl(req.url);
  const headers = headersOf(req.headers, 'request.headers');
  const post = req.postData;
  if (post !== undefined && !isObj(post)) throw new HarError('request.postData is not an object');
  const body = post ? bodyOf(post.text, post.encoding, post.mimeType) : undefined;
  if (post && body && headers['content-type'] === undefined && typeof post.mimeType === 'string' && post.mimeType) headers['content-type'] = post.mimeType;
  const started = typeof e.startedDateTime === 'string' ? Date.parse(e.startedDateTime) : NaN;
  const hostHeader = headers.host;
  const host = u.host || (Array.isArray(hostHeader) ? hostHeader[0] : hostHeader) || '';
  const ip = typeof e._clientIP === 'string' && e._clientIP ? e._clientIP : '0.0.0.0';
  const ex: Exchange = {
    id: typeof e._requestId === 'string' && e._requestId ? e._requestId : newRequestId(Number.isFinite(started) ? started : Date.now()),
    source: 'har',
    client: { ip, peerIp: ip, forwardedFor: [] },
    request: {
      method: req.method.toUpperCase(),
      url: u.url,
      path: u.path,
      query: u.query,
      host,
      scheme: u.scheme,
      httpVersion: typeof req.httpVersion === 'string' ? req.httpVersion.replace(/^HTTP\//i, '') || '1.1' : '1.1',
      headers,
      body,
      bodySize: body?.length ?? 0,
      bodyTruncated: false,
    },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: Number.isFinite(started) ? started : 0, total: typeof e.time === 'number' && e.time >= 0 ? e.time : undefined },
  };
  const res = e.response;
  if (isObj(res) && typeof res.status === 'number' && res.status > 0) {
    const content = isObj(res.content) ? res.content : {};
    const rb = bodyOf(content.text, content.encoding, content.mimeType);
    ex.response = {
      status: res.status,
      headers: headersOf(res.headers, 'response.headers'),
      body: rb,
      bodySize: rb?.length ?? (typeof content.size === 'number' && content.size >= 0 ? content.size : 0),
    };
  }
  return ex;
}

/** Reads a HAR 1.2 capture. Malformed JSON or a missing log.entries throws one HarError naming the file. */
export function exchangesFromHar(text: string, file: string): { exchanges: Exchange[]; problems: HarProblem[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HarError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(doc) || !isObj(doc.log) || !Array.isArray(doc.log.entries)) throw new HarError(`${file}: not a HAR capture (no log.entries array)`);
  const exchanges: Exchange[] = [];
  const problems: HarProblem[] = [];
  doc.log.entries.forEach((e: unknown, i: number) => {
    try {
      exchanges.push(entryToExchange(e));
    } catch (err) {
      problems.push({ entry: i, message: err instanceof HarError ? err.message : `unreadable entry: ${(err as Error).message}` });
    }
  });
  return { exchanges, problems };
}
