import { newDecision, type Exchange } from '../../src/exchange/exchange.js';
import { Inventory } from '../../src/discover/inventory.js';
import { SpecCatalog } from '../../src/discover/spec-catalog.js';
import { buildReport } from '../../src/discover/classify.js';
import { shapeKey } from './evaluate.js';
import { Random, HEX } from './random.js';
import { operationKey, synthesiseTraffic } from './synthesise.js';

// Traffic with 3 documented operations left out and 3 undocumented endpoints added, compared with the spec:
// the shadow and orphan findings must name exactly those.

export interface SpecDiffScore {
  removed: string[];
  added: string[];
  shadows: string[];
  orphans: string[];
  exact: boolean;
}

export function scoreSpecDiff(specFile: string): SpecDiffScore {
  const all = synthesiseTraffic(specFile, { requestsPerOperation: 1 }).operations;
  const removedOps = [all[Math.floor(all.length / 4)]!, all[Math.floor(all.length / 2)]!, all[Math.floor((3 * all.length) / 4)]!];
  const skip = new Set(removedOps.map((o) => operationKey(o.method, o.path)));
  const traffic = synthesiseTraffic(specFile, { skip });
  const base = commonBase(all.map((o) => o.path));
  const rpc = all.every((o) => /\/[a-z]+(\.[a-zA-Z0-9]+)+$/.test(o.path));
  const undocumented: [string, string][] = rpc
    ? [['POST', `${base}/internal.debugDump`], ['GET', `${base}/admin.secrets.export`], ['POST', `${base}/users.impersonate`]]
    : [['GET', `${base}/internal/exports`], ['GET', `${base}/internal/exports/{id}`], ['POST', `${base}/debug/Flush`]];
  const rnd = new Random(99);
  const exchanges = [...traffic.exchanges];
  for (const [method, template] of undocumented) {
    for (let i = 0; i < 5; i++) exchanges.push(undocumentedCall(method, template.replace('{id}', String(rnd.int(1000, 999999))), traffic.host, i, rnd));
  }
  const inventory = new Inventory();
  for (const ex of exchanges) inventory.ingest(ex);
  const catalog = new SpecCatalog();
  catalog.add(specFile);
  const report = buildReport(inventory.endpoints(), catalog);
  const shadows = report.findings.filter((f) => f.type === 'shadow').map((f) => shapeKey(f.method, f.path)).sort();
  const orphans = report.findings.filter((f) => f.type === 'orphan').map((f) => shapeKey(f.method, f.path)).sort();
  const added = undocumented.map(([m, p]) => shapeKey(m, p)).sort();
  const removed = removedOps.map((o) => shapeKey(o.method, o.path)).sort();
  return { removed, added, shadows, orphans, exact: same(shadows, added) && same(orphans, removed) };
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function commonBase(paths: string[]): string {
  const first = paths[0]?.split('/')[1] ?? '';
  return /^(v\d+|api)$/.test(first) && paths.every((p) => p.startsWith(`/${first}/`)) ? `/${first}` : '';
}

function undocumentedCall(method: string, path: string, host: string, i: number, rnd: Random): Exchange {
  const body = method === 'POST' ? Buffer.from(JSON.stringify({ email: `ops${i}@example.com`, reason: 'check' })) : undefined;
  const res = Buffer.from(JSON.stringify({ id: rnd.chars(HEX, 12), ok: true }));
  return {
    id: `undocumented-${i}`,
    source: 'har',
    client: { ip: '198.51.100.9', peerIp: '198.51.100.9', forwardedFor: [] },
    request: {
      method, url: path, path, query: '', host, scheme: 'https', httpVersion: '1.1',
      headers: { host, ...(body ? { 'content-type': 'application/json' } : {}) },
      body, bodySize: body?.length ?? 0, bodyTruncated: false,
    },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: res, bodySize: res.length },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: Date.UTC(2026, 0, 6) + i * 1000 },
  };
}
