import http from 'node:http';

export interface Answer {
  status: number;
  /** The gateway's request id (x-request-id), the key the store uses. */
  id: string;
  ms: number;
}

/** One GET through a gateway; rejects when the connection fails (a killed gateway). */
export function call(port: number, path: string, agent: http.Agent, headers: http.OutgoingHttpHeaders = {}): Promise<Answer> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, id: String(res.headers['x-request-id'] ?? ''), ms: performance.now() - t }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `count` requests, `concurrency` at a time; every answer in order of completion. */
export async function burst(port: number, count: number, agent: http.Agent, concurrency = 8, path = (i: number) => `/items/${i}`): Promise<Answer[]> {
  const out: Answer[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) out.push(await call(port, path(next++), agent));
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return out;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
}

export async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
