import type { DiscoveredEndpoint } from './inventory.js';
import type { OperationFacts, SpecCatalog } from './spec-catalog.js';
import { driftFindings } from './drift.js';
import { endpointEntry } from './endpoint-entry.js';
import { mergeCode } from './code-merge.js';
import type { CodeRoute } from './code/route-model.js';
import type { DiscoveryFinding, DiscoveryReport, EndpointEntry } from './report-model.js';

// Traffic against specs: every endpoint documented, shadow (called, not described), zombie (deprecated, or an older
// version beside a newer one, still answering 2xx) or orphan (described, never called), plus drift and auth findings;
// with routes from the code, also unused (declared, never called, in no spec) and not-in-code findings.

const VERSION = /^v(\d+)$/i;

export function buildReport(endpoints: DiscoveredEndpoint[], catalog?: SpecCatalog, code?: CodeRoute[]): DiscoveryReport {
  const entries: EndpointEntry[] = [];
  const examples = new Map<EndpointEntry, string[]>();
  const findings: DiscoveryFinding[] = [];
  const versions = versionIndex(endpoints, catalog);
  for (const e of endpoints) {
    const entry = endpointEntry(e);
    const ok2xx = [...e.stats.statuses].filter(([c]) => c >= 200 && c < 300).reduce((n, [, k]) => n + k, 0);
    const op = catalog ? matchOperation(e, catalog) : undefined;
    if (op) {
      op.called = true;
      entry.sources = ['traffic', 'spec'];
      entry.status = 'documented';
      entry.spec = { file: op.specFile, path: op.template, deprecated: op.deprecated };
      if (op.deprecated && ok2xx > 0) {
        entry.status = 'zombie';
        findings.push({ type: 'zombie', severity: 'high', method: e.method, path: e.path, detail: `deprecated in ${op.specFile} but answered 2xx to ${ok2xx} requests` });
      }
      findings.push(...driftFindings(e, op));
      const open = e.stats.auth2xx.get('none') ?? 0;
      if (op.securityRequired && open > 0) {
        findings.push({
          type: 'auth-mismatch',
          severity: e.stats.sensitive.size > 0 ? 'critical' : 'high',
          method: e.method,
          path: e.path,
          detail: `the spec requires authentication but ${open} unauthenticated requests got 2xx`,
        });
      }
    } else if (catalog) {
      const sensitive = e.stats.sensitive.size > 0;
      const open = (e.stats.auth2xx.get('none') ?? 0) > 0;
      findings.push({
        type: 'shadow',
        severity: sensitive || open ? 'high' : 'medium',
        method: e.method,
        path: e.path,
        detail: `called ${e.stats.requests} times on ${e.host} but described in no spec${sensitive ? '; carries sensitive data' : ''}${open ? '; answers unauthenticated requests' : ''}`,
      });
    }
    const newer = newerVersion(e, versions);
    if (entry.status !== 'zombie' && newer && ok2xx > 0) {
      entry.status = 'zombie';
      findings.push({ type: 'zombie', severity: 'high', method: e.method, path: e.path, detail: `older version still answering 2xx (${ok2xx} requests) while ${newer} exists` });
    }
    entries.push(entry);
    examples.set(entry, e.stats.examples);
  }
  for (const op of catalog?.operations() ?? []) {
    if (op.called) continue;
    entries.push({ method: op.method, host: op.host, path: op.fullPath, status: 'orphan', sources: ['spec'], auth: [], sensitive: [], requests: 0, errorRate: 0, statuses: {}, parameters: [], responses: {}, fields: [], spec: { file: op.specFile, path: op.template, deprecated: op.deprecated } });
    findings.push({ type: 'orphan', severity: 'low', method: op.method, path: op.fullPath, detail: `described in ${op.specFile} but never called` });
  }
  if (code) mergeCode({ entries, findings, examples: (entry) => examples.get(entry) ?? [], routes: code });
  return { endpoints: entries, findings };
}

/** The operation most of the endpoint's example requests reach. */
function matchOperation(e: DiscoveredEndpoint, catalog: SpecCatalog): OperationFacts | undefined {
  const votes = new Map<OperationFacts, number>();
  for (const path of e.stats.examples) {
    const op = catalog.match(e.host, e.method, path);
    if (op) votes.set(op, (votes.get(op) ?? 0) + 1);
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Path shapes with the version segment replaced: `GET /{}/users/{}` → versions in traffic or specs. */
function versionIndex(endpoints: DiscoveredEndpoint[], catalog?: SpecCatalog): Map<string, Set<number>> {
  const index = new Map<string, Set<number>>();
  const add = (method: string, path: string): void => {
    const v = versioned(method, path);
    if (!v) return;
    let set = index.get(v.key);
    if (!set) index.set(v.key, (set = new Set()));
    set.add(v.version);
  };
  for (const e of endpoints) add(e.method, e.path);
  for (const op of catalog?.operations() ?? []) add(op.method, op.fullPath);
  return index;
}

function versioned(method: string, path: string): { key: string; version: number } | undefined {
  const segments = path.split('/');
  const i = segments.findIndex((s) => VERSION.test(s));
  if (i < 0) return undefined;
  const version = Number(VERSION.exec(segments[i]!)![1]);
  segments[i] = 'v*';
  return { key: `${method} ${segments.join('/').replace(/\{[^}]+\}/g, '{}')}`, version };
}

function newerVersion(e: DiscoveredEndpoint, index: Map<string, Set<number>>): string | undefined {
  const v = versioned(e.method, e.path);
  if (!v) return undefined;
  const newer = [...(index.get(v.key) ?? [])].filter((n) => n > v.version).sort((a, b) => b - a)[0];
  return newer === undefined ? undefined : `v${newer}`;
}
