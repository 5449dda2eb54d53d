import type { Exchange } from '../../src/exchange/exchange.js';
import { newDecision } from '../../src/exchange/exchange.js';
import { syntheticExchange } from '../../src/exchange/synthetic.js';

// Typical API requests for throughput measurements: a GET with three query parameters and a 2 KB JSON POST.

function exchange(method: string, url: string, headers: Record<string, string>, body?: string): Exchange {
  return syntheticExchange({ method, url, headers, body, ip: '203.0.113.7', source: 'har' });
}

const HEADERS = {
  host: 'api.example.com',
  'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  accept: 'application/json',
  'accept-encoding': 'gzip, deflate, br',
  authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl',
  cookie: 'session=4f9a8b7c6d5e; theme=dark',
};

export function typicalGet(): Exchange {
  return exchange('GET', "/api/v1/products?q=men's+running+shoes&page=2&sort=price", { ...HEADERS });
}

/** A fresh exchange object over the same request (body parsing is cached per exchange object, so copies parse again). */
export function copyOf(ex: Exchange): Exchange {
  return { ...ex, request: { ...ex.request }, findings: [], decision: newDecision() };
}

/** A 2 KB JSON body with free text, names, nested objects and numbers. */
export function typicalPost(): Exchange {
  const items = Array.from({ length: 8 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: i + 1, price: 12.5 * (i + 1), note: i % 2 ? "it's a gift, please wrap" : 'no rush' }));
  const doc = {
    customer: { name: "Conor O'Brien", email: 'conor.obrien@example.com', phone: '+1 (555) 123-4567', address: { line1: "12 King's Road", city: 'Dublin', zip: 'D02 X285' } },
    items,
    notes: "We're having friends over on Saturday, so delivery before 5pm would be nice. Select the side door (the one with the blue frame) & ring twice.",
    coupon: 'SPRING-2024',
    metadata: { source: 'ios-app', version: '3.14.1', locale: 'en-IE', tags: ['repeat', 'vip'] },
  };
  let body = JSON.stringify(doc);
  while (body.length < 2000) {
    doc.metadata.tags.push(`tag-${doc.metadata.tags.length}`);
    body = JSON.stringify(doc);
  }
  return exchange('POST', '/api/v1/orders', { ...HEADERS, 'content-type': 'application/json', 'content-length': String(body.length) }, body);
}
