import type { SimEvent } from './event.js';

// SimEvent → HAR 1.2 entry (with the _clientIP extension the HAR reader maps to client.ip).

export function harEntry(e: SimEvent): Record<string, unknown> {
  const headers = e.headers.map(([name, value]) => ({ name, value }));
  const req: Record<string, unknown> = { method: e.method, url: `https://shop.example${e.path}`, httpVersion: 'HTTP/1.1', headers, queryString: [], headersSize: -1, bodySize: 0 };
  if (e.body !== undefined) {
    const text = JSON.stringify(e.body);
    req.postData = { mimeType: 'application/json', text };
    req.bodySize = text.length;
  }
  const resText = e.response === undefined ? undefined : JSON.stringify(e.response);
  return {
    startedDateTime: new Date(e.time).toISOString(),
    time: 12,
    _clientIP: e.ip,
    request: req,
    response: {
      status: e.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: resText ? [{ name: 'content-type', value: 'application/json' }] : [],
      content: resText ? { size: resText.length, mimeType: 'application/json', text: resText } : { size: 0, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: resText?.length ?? 0,
    },
    cache: {},
    timings: { send: 0, wait: 12, receive: 0 },
  };
}

/** Writes a HAR document piece by piece (for captures too large for one string). */
export function* harChunks(events: Iterable<SimEvent>): Generator<string> {
  yield '{"log":{"version":"1.2","creator":{"name":"vigil-sim","version":"1"},"entries":[\n';
  let first = true;
  let buf = '';
  for (const e of events) {
    buf += (first ? '' : ',\n') + JSON.stringify(harEntry(e));
    first = false;
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '\n]}}\n';
}
