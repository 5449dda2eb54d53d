import { Inventory } from '../../src/discover/inventory.js';
import { operationKey, synthesiseTraffic, type SpecOperation } from './synthesise.js';

// Endpoint precision and recall of traffic-only discovery against the spec the traffic was drawn from.

export interface TemplatingScore {
  operations: number;
  discovered: number;
  matched: number;
  precision: number;
  recall: number;
  /** Discovered endpoints with no operation, and operations not discovered (for diagnosis). */
  extra: string[];
  missed: string[];
}

/** /users/{userId}/x → /users/{}/x: parameter names do not count. */
export function shapeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;
}

export function scoreTemplating(specFile: string, requestsPerOperation = 5): TemplatingScore {
  const traffic = synthesiseTraffic(specFile, { requestsPerOperation });
  const inventory = new Inventory();
  for (const ex of traffic.exchanges) inventory.ingest(ex);
  const discovered = new Set(inventory.endpoints().map((e) => shapeKey(e.method, e.path)));
  const expected = new Set(traffic.operations.map((o: SpecOperation) => shapeKey(o.method, o.path)));
  const matched = [...discovered].filter((k) => expected.has(k)).length;
  return {
    operations: expected.size,
    discovered: discovered.size,
    matched,
    precision: discovered.size ? matched / discovered.size : 0,
    recall: expected.size ? matched / expected.size : 0,
    extra: [...discovered].filter((k) => !expected.has(k)),
    missed: [...expected].filter((k) => !discovered.has(k)),
  };
}

export { operationKey };
