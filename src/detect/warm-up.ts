import type { Exchange } from '../exchange/exchange.js';
import { syntheticExchange } from '../exchange/synthetic.js';
import { inspectExchange } from './engine.js';

// A process's first inspection builds the engine's lazy parts (matchers, per-kind detector tables) and lets V8 compile
// the scanners: about 15 ms that would otherwise land on the first requests a new or reloaded worker serves.

const sample = (method: string, url: string, headers: Record<string, string>, body?: string): Exchange =>
  syntheticExchange({
    method,
    url,
    host: 'warm-up.invalid',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', cookie: 'session=Zm9vYmFy; theme=dark', ...headers },
    body,
  });

/** Ordinary requests of each body kind; none of them is an attack (the warm-up test holds them to that). */
export function warmUpSamples(): Exchange[] {
  const json = JSON.stringify({
    name: "Conor O'Brien",
    email: 'conor@example.com',
    note: 'Please ring twice & leave it at the door (side entrance).',
    items: [{ sku: 'A-100', qty: 2, price: 9.5 }],
    links: ['https://example.com/a?b=1'],
  });
  return [
    sample('GET', "/api/v1/search?q=men's+running+shoes&page=2&sort=-price", { accept: 'application/json' }),
    sample('POST', '/api/v1/orders', { 'content-type': 'application/json' }, json),
    sample('POST', '/login', { 'content-type': 'application/x-www-form-urlencoded' }, 'user=anna%40example.com&remember=on&next=%2Fhome'),
    sample('PUT', '/api/v1/notes/7', { 'content-type': 'text/plain' }, 'Meeting moved to 3pm; bring the Q3 report.'),
  ];
}

/** Inspects the samples once at each paranoia level in use. Returns how long it took (ms). */
export function warmUpDetection(paranoiaLevels: Iterable<number> = [1]): number {
  const start = performance.now();
  for (const paranoia of new Set(paranoiaLevels)) for (const ex of warmUpSamples()) inspectExchange(ex, { paranoia });
  return performance.now() - start;
}
