import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type http from 'node:http';

// The dashboard's built assets (src/admin/ui/dist, made by `npm run build`), served from the admin listener.
// Unknown paths that are not files answer index.html (the dashboard routes on the client).

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** From dist/src/admin/ to src/admin/ui/dist/. */
export const defaultUiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src/admin/ui/dist');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
};

export async function serveUi(dir: string, path: string, res: http.ServerResponse): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('the dashboard is not built: run npm run build\n');
    return;
  }
  const rel = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  let file = resolve(dir, rel);
  if (file !== dir && !file.startsWith(dir + sep)) file = join(dir, 'index.html');
  if (rel === '' || !existsSync(file) || !extname(file)) file = join(dir, 'index.html');
  const body = await readFile(file);
  const immutable = file.includes(`${sep}assets${sep}`);
  res
    .writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    })
    .end(body);
}
