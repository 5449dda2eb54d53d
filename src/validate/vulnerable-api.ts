import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A deliberately vulnerable API for `vigil validate` to find flaws in. Never expose it.
// Flaws: BOLA on GET /api/notes/{id}; mass assignment on PATCH /api/profile; a stack trace in the 500 answer to
// malformed JSON on POST /api/search; GET /api/invoices/{id} forgets to check the token its spec requires.

export const VULNERABLE_TOKENS = { alice: 'tok-alice-7f3a', bob: 'tok-bob-91c2', root: 'tok-root-44d0' } as const;

interface User {
  name: string;
  role: 'user' | 'admin';
  display: string;
}

export interface VulnerableApi {
  port: number;
  url: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startVulnerableApi(port = 0): Promise<VulnerableApi> {
  const users = new Map<string, User>([
    [VULNERABLE_TOKENS.alice, { name: 'alice', role: 'user', display: 'Alice' }],
    [VULNERABLE_TOKENS.bob, { name: 'bob', role: 'user', display: 'Bob' }],
    [VULNERABLE_TOKENS.root, { name: 'root', role: 'admin', display: 'Root' }],
  ]);
  const notes = [
    { id: 1, owner: 'alice', text: 'alice private note' },
    { id: 2, owner: 'bob', text: 'bob private note' },
  ];
  const invoices = [{ id: 1, owner: 'alice', total: 120 }];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://vulnerable');
      const path = url.pathname;
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const user = users.get(token);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        if (text) body = JSON.parse(text) as Record<string, unknown>;
      } catch (e) {
        // flaw: the error answer carries the stack trace
        return send(res, 500, { error: (e as Error).message, stack: (e as Error).stack });
      }
      const invoice = /^\/api\/invoices\/(\d+)$/.exec(path);
      if (invoice) {
        // flaw: no authentication at all
        const i = invoices.find((x) => x.id === Number(invoice[1]));
        return i ? send(res, 200, i) : send(res, 404, { error: 'not found' });
      }
      if (path === '/api/search' && req.method === 'POST') return send(res, 200, { items: notes.filter((n) => n.text.includes(String(body.q ?? ''))).map((n) => n.id) });
      if (!user) return send(res, 401, { error: 'unauthorized' });
      const note = /^\/api\/notes\/(\d+)$/.exec(path);
      if (note) {
        // flaw: the owner is never compared with the caller
        const n = notes.find((x) => x.id === Number(note[1]));
        return n ? send(res, 200, n) : send(res, 404, { error: 'not found' });
      }
      if (path === '/api/profile' && req.method === 'GET') return send(res, 200, user);
      if (path === '/api/profile' && req.method === 'PATCH') {
        // flaw: every field of the body is merged, role included
        Object.assign(user, body);
        return send(res, 200, user);
      }
      if (path === '/api/admin/users') return user.role === 'admin' && token === VULNERABLE_TOKENS.root ? send(res, 200, { users: users.size }) : send(res, 403, { error: 'admins only' });
      send(res, 404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
