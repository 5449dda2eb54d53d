import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';

// A small shop API for the demo and the examples: products, login, orders, reviews, an admin page.
// It trusts the gateway in front of it, as a typical origin does.

const products = ['Laptop', 'Desk lamp', 'Coffee grinder', 'Mechanical keyboard', 'Monitor arm', 'Headphones', 'Notebook', 'Backpack'].map(
  (name, i) => ({ id: i + 1, name, price: 19 + i * 37 }),
);
const users: Record<string, string> = { alice: 'wonderland', bob: 'builder' };

export interface DemoApi {
  port: number;
  close(): Promise<void>;
}

export const demoIssuer = 'https://shop.demo';
export const demoAudience = 'shop-api';

export async function demoToken(secret: string, user: string): Promise<string> {
  return new SignJWT({ sub: user })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(demoIssuer)
    .setAudience(demoAudience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function subjectOf(req: http.IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  const payload = auth.split('.')[1];
  if (!payload) return 'anonymous';
  try {
    return String((JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: string }).sub ?? 'anonymous');
  } catch {
    return 'anonymous';
  }
}

export async function startDemoApi(port: number, jwtSecret: string): Promise<DemoApi> {
  const orders: { id: number; owner: string; productId: number; quantity: number }[] = [
    { id: 1, owner: 'alice', productId: 1, quantity: 1 },
    { id: 2, owner: 'bob', productId: 3, quantity: 2 },
  ];
  const reviews: { text: string }[] = [{ text: 'Great lamp, O\'Brien approved.' }];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://demo');
      const path = url.pathname;
      let body: Record<string, unknown> = {};
      try {
        if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      } catch {
        return send(res, 400, { error: 'invalid JSON' });
      }
      if (path === '/api/login' && req.method === 'POST') {
        const { username, password } = body as { username?: string; password?: string };
        if (username && users[username] === password) return void demoToken(jwtSecret, username).then((token) => send(res, 200, { token }));
        return send(res, 401, { error: 'wrong username or password' });
      }
      if (path === '/api/products') {
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        return send(res, 200, { items: products.filter((p) => p.name.toLowerCase().includes(q)) });
      }
      const product = /^\/api\/products\/(\d+)$/.exec(path);
      if (product) {
        const p = products.find((x) => x.id === Number(product[1]));
        return p ? send(res, 200, p) : send(res, 404, { error: 'no such product' });
      }
      if (path === '/api/orders' && req.method === 'GET') return send(res, 200, { items: orders.filter((o) => o.owner === subjectOf(req)) });
      if (path === '/api/orders' && req.method === 'POST') {
        const order = { id: orders.length + 1, owner: subjectOf(req), productId: Number(body.productId), quantity: Number(body.quantity) };
        orders.push(order);
        return send(res, 201, order);
      }
      const order = /^\/api\/orders\/(\d+)$/.exec(path);
      if (order) {
        const o = orders.find((x) => x.id === Number(order[1]));
        return o ? send(res, 200, o) : send(res, 404, { error: 'no such order' });
      }
      if (path === '/api/reviews') {
        if (req.method === 'POST') reviews.push({ text: String(body.text ?? '') });
        return send(res, 200, { items: reviews.slice(-20) });
      }
      if (path.startsWith('/admin/')) return send(res, 200, { users: Object.keys(users).length, orders: orders.length });
      send(res, 404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
