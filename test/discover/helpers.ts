import { fileURLToPath } from 'node:url';
import type { Exchange } from '../../src/exchange/exchange.js';
import { makeExchange, type ExchangeSketch } from '../helpers/exchange.js';

// dist/test/discover → /work/shared/corpora/openapi and test/fixtures/discover (sources, not compiled)
export const corpora = fileURLToPath(new URL('../../../../shared/corpora/openapi/', import.meta.url));
export const fixtures = fileURLToPath(new URL('../../../test/fixtures/discover/', import.meta.url));

/** A test exchange with an optional JSON response body. */
export function exchange(sketch: ExchangeSketch & { responseBody?: unknown }): Exchange {
  const ex = makeExchange(sketch);
  if (sketch.responseBody !== undefined && ex.response) {
    ex.response.body = Buffer.from(JSON.stringify(sketch.responseBody));
    ex.response.bodySize = ex.response.body.length;
  }
  return ex;
}
