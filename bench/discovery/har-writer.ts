import type { Exchange, Headers } from '../../src/exchange/exchange.js';

// Exchanges as a HAR 1.2 capture, to run `vigil discover` on synthesised traffic.

function harHeaders(h: Headers): { name: string; value: string }[] {
  return Object.entries(h).flatMap(([name, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((value) => ({ name, value }))));
}

export function toHar(exchanges: readonly Exchange[]): string {
  const entries = exchanges.map((ex) => {
    const ct = ex.request.headers['content-type'];
    return {
      startedDateTime: new Date(ex.timings.start).toISOString(),
      time: ex.timings.total ?? 0,
      request: {
        method: ex.request.method,
        url: `${ex.request.scheme}://${ex.request.host}${ex.request.url}`,
        httpVersion: 'HTTP/1.1',
        headers: harHeaders(ex.request.headers),
        queryString: [],
        ...(ex.request.body ? { postData: { mimeType: String(ct ?? 'application/octet-stream'), text: ex.request.body.toString('utf8') } } : {}),
      },
      response: {
        status: ex.response?.status ?? 0,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: harHeaders(ex.response?.headers ?? {}),
        content: { size: ex.response?.bodySize ?? 0, mimeType: String(ex.response?.headers['content-type'] ?? ''), ...(ex.response?.body ? { text: ex.response.body.toString('utf8') } : {}) },
      },
    };
  });
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'vigil-bench-discovery', version: '1' }, entries } });
}
