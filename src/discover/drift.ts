import type { DiscoveredEndpoint } from './inventory.js';
import type { InferredSchema } from './schema-inference.js';
import type { OperationFacts } from './spec-catalog.js';
import type { DiscoveryFinding } from './report-model.js';
import { isParameterHeader } from './auth-schemes.js';

// Where traffic to a documented operation differs from its description: undeclared query parameters, headers,
// body fields and status codes, and values of another type than declared.

const AUTH_QUERY = /^(?:api[-_]?key|apikey|key|access[-_]?token|token)$/i;

export function driftFindings(e: DiscoveredEndpoint, op: OperationFacts): DiscoveryFinding[] {
  const out: DiscoveryFinding[] = [];
  const add = (severity: DiscoveryFinding['severity'], detail: string): void => {
    out.push({ type: 'drift', severity, method: e.method, path: e.path, detail });
  };
  const s = e.stats;
  for (const [name, schema] of s.query) {
    if (!op.query.has(name)) {
      if (!AUTH_QUERY.test(name)) add('medium', `undeclared query parameter "${name}" (${schema.samples} requests)`);
    } else typeMismatch(op.query.get(name), schema, `query parameter "${name}"`, add);
  }
  for (const [name, schema] of s.headers) if (isParameterHeader(name) && !op.headers.has(name)) add('low', `undeclared header "${name}" (${schema.samples} requests)`);
  if (op.bodyFields) {
    for (const [name, schema] of s.requestBody.properties) {
      if (!op.bodyFields.has(name)) add('medium', `undeclared request body field "${name}" (${schema.samples} requests)`);
      else typeMismatch(op.bodyFields.get(name), schema, `request body field "${name}"`, add);
    }
  }
  for (const [status, n] of s.statuses) {
    if (status === 0) continue;
    const code = String(status);
    if (op.responses.has(code) || op.responses.has(`${code[0]}XX`) || op.responses.has('DEFAULT')) continue;
    add(status >= 500 ? 'medium' : 'low', `undeclared response status ${code} (${n} responses)`);
  }
  return out;
}

function typeMismatch(declared: string | undefined, seen: InferredSchema, what: string, add: (sev: DiscoveryFinding['severity'], detail: string) => void): void {
  if (!declared) return;
  const observed = seen.dominantType();
  if (!observed || observed === 'null') return;
  const compatible =
    observed === declared ||
    (declared === 'number' && observed === 'integer') ||
    // values that arrived as text: a declared string may well look numeric
    (declared === 'string' && (observed === 'integer' || observed === 'number' || observed === 'boolean')) ||
    (declared === 'array' && observed !== 'object') ||
    (declared === 'object' && observed === 'string');
  if (!compatible) add('medium', `${what} is declared ${declared} but traffic sends ${observed}`);
}
