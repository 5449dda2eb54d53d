import type { ValidationReport } from '../types.js';
import { summarise } from '../types.js';

export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '?')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: one testsuite per control kind, one testcase per check; failures and errors carry the evidence. */
export function junitReport(r: ValidationReport): string {
  const seconds = ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(3);
  const total = summarise(r.checks);
  const byControl = new Map<string, typeof r.checks>();
  for (const c of r.checks) byControl.set(c.control, [...(byControl.get(c.control) ?? []), c]);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="vigil validate" tests="${r.checks.length}" failures="${total.fail}" errors="${total.error}" time="${seconds}">`,
  ];
  for (const [control, checks] of byControl) {
    const n = summarise(checks);
    out.push(`  <testsuite name="${xmlEscape(control)}" tests="${checks.length}" failures="${n.fail}" errors="${n.error}" skipped="0" timestamp="${r.startedAt}">`);
    for (const c of checks) {
      const open = `    <testcase classname="vigil.validate.${xmlEscape(control)}" name="${xmlEscape(c.id)}"`;
      if (c.status === 'pass') {
        out.push(`${open}/>`);
        continue;
      }
      const tag = c.status === 'fail' ? 'failure' : 'error';
      const body = [`route: ${c.route}`, `expected: ${c.expected}`, `observed: ${c.observed}`, ...c.evidence].join('\n');
      out.push(`${open}>`, `      <${tag} message="${xmlEscape(c.observed)}" type="${tag}">${xmlEscape(body)}</${tag}>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
