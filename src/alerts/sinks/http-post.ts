import http from 'node:http';
import https from 'node:https';

/** POSTs a body; resolves on 2xx, rejects otherwise (status, network error or timeout) so that it is retried. */
export function post(url: string, body: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<void> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => {
          const s = res.statusCode ?? 0;
          if (s >= 200 && s < 300) resolve();
          else reject(new Error(`HTTP ${s}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
