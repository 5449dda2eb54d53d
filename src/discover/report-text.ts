import type { DiscoveryReport, EndpointEntry } from './report-model.js';
import { markdownCode, markdownText, terminalText } from '../report/escape.js';

// Human-readable discovery reports: plain text for the terminal and Markdown for sharing.

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

export function authText(e: EndpointEntry): string {
  return e.auth.length ? e.auth.join(',') : '-';
}

export function sensitiveText(e: EndpointEntry): string {
  return [...new Set(e.sensitive.map((s) => s.class))].sort().join(',') || '-';
}

export function codeText(e: EndpointEntry): string {
  return (e.code ?? []).map((c) => `${c.file}:${c.line}`).join(', ');
}

export function sortedFindings(r: DiscoveryReport): DiscoveryReport['findings'] {
  return [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.path < b.path ? -1 : 1));
}

export function counts(r: DiscoveryReport): string {
  const by = new Map<string, number>();
  for (const e of r.endpoints) by.set(e.status, (by.get(e.status) ?? 0) + 1);
  return [...by].map(([s, n]) => `${n} ${s}`).join(', ');
}

export function textReport(r: DiscoveryReport): string {
  const lines = [`${r.endpoints.length} endpoints (${counts(r) || 'none'}), ${r.findings.length} findings`, ''];
  const width = Math.min(70, Math.max(10, ...r.endpoints.map((e) => e.path.length)));
  for (const e of r.endpoints) {
    lines.push(
      `${terminalText(e.method).padEnd(7)} ${terminalText(e.path).padEnd(width)} ${e.status.padEnd(10)} ${String(e.requests).padStart(6)} req  err ${(e.errorRate * 100).toFixed(0).padStart(3)}%  auth ${authText(e)}  sensitive ${sensitiveText(e)}  ${terminalText(e.host)}${codeText(e) ? `  code ${terminalText(codeText(e))}` : ''}`.trimEnd(),
    );
  }
  if (r.findings.length) {
    lines.push('', 'Findings:');
    for (const f of sortedFindings(r)) lines.push(`  [${f.severity}] ${f.type} ${terminalText(`${f.method} ${f.path}: ${f.detail}`)}`);
  }
  return lines.join('\n') + '\n';
}

export function markdownReport(r: DiscoveryReport): string {
  const lines = ['# API discovery', '', `${r.endpoints.length} endpoints (${counts(r) || 'none'}), ${r.findings.length} findings.`, ''];
  if (r.findings.length) {
    lines.push('## Findings', '', '| severity | type | endpoint | detail |', '|---|---|---|---|');
    for (const f of sortedFindings(r)) lines.push(`| ${f.severity} | ${f.type} | ${markdownCode(`${f.method} ${f.path}`)} | ${markdownText(f.detail)} |`);
    lines.push('');
  }
  lines.push('## Endpoints', '', '| method | path | host | status | sources | requests | error rate | auth | sensitive data | code |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const e of r.endpoints) {
    lines.push(
      `| ${markdownText(e.method)} | ${markdownCode(e.path)} | ${markdownText(e.host) || '-'} | ${e.status} | ${e.sources.join(', ')} | ${e.requests} | ${(e.errorRate * 100).toFixed(1)}% | ${authText(e)} | ${sensitiveText(e)} | ${markdownText(codeText(e)) || '-'} |`,
    );
  }
  return lines.join('\n') + '\n';
}
