import type { ExchangeRecord } from '../record.js';

// Recorded exchanges as a HAR 1.2 capture (redacted, as stored): for replay, browsers' tools, or `vigil inspect`.

interface HarHeader {
  name: string;
  value: string;
}

function harHeaders(h: Record<string, string | string[]> | null): HarHeader[] {
  if (!h) return [];
  return Object.entries(h).flatMap(([name, v]) => (Array.isArray(v) ? v.map((value) => ({ name, value })) : [{ name, value: v }]));
}

function queryString(q: string): HarHeader[] {
  if (!q) return [];
  return q.split('&').map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? { name: p, value: '' } : { name: p.slice(0, eq), value: p.slice(eq + 1) };
  });
}

export function toHar(records: readonly ExchangeRecord[]): object {
  return {
    log: {
      version: '1.2',
      creator: { name: 'vigil', version: '0.1.0' },
      entries: records.map((r) => {
        const reqHeaders = harHeaders(r.req_headers);
        const contentType = reqHeaders.find((h) => h.name === 'content-type')?.value ?? 'application/octet-stream';
        return {
          startedDateTime: new Date(r.time).toISOString(),
          time: r.latency_ms ?? 0,
          _requestId: r.id,
          _clientIP: r.client_ip,
          _decision: r.action,
          request: {
            method: r.method,
            url: `http://${r.host || 'unknown'}${r.path}${r.query ? `?${r.query}` : ''}`,
            httpVersion: 'HTTP/1.1',
            headers: reqHeaders,
            queryString: queryString(r.query),
            cookies: [],
            headersSize: -1,
            bodySize: r.req_bytes,
            ...(r.req_body !== null ? { postData: { mimeType: contentType, text: r.req_body } } : {}),
          },
          response: {
            status: r.status ?? 0,
            statusText: '',
            httpVersion: 'HTTP/1.1',
            headers: harHeaders(r.resp_headers),
            cookies: [],
            content: { size: r.resp_bytes ?? 0, mimeType: '', ...(r.resp_body !== null ? { text: r.resp_body } : {}) },
            redirectURL: '',
            headersSize: -1,
            bodySize: r.resp_bytes ?? -1,
          },
          cache: {},
          timings: { send: 0, wait: r.latency_ms ?? 0, receive: 0 },
        };
      }),
    },
  };
}
