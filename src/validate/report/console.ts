import { summarise, type ValidationReport } from '../types.js';

const MARK = { pass: 'PASS ', fail: 'FAIL ', error: 'ERROR' } as const;

/** A human summary: failures with their evidence, passes one line each, then the totals. */
export function consoleReport(r: ValidationReport, verbose = false): string {
  const out: string[] = [`vigil validate ${r.target} (run ${r.runId})`, ''];
  const order = { fail: 0, error: 1, pass: 2 } as const;
  for (const c of [...r.checks].sort((a, b) => order[a.status] - order[b.status])) {
    out.push(`${MARK[c.status]} ${c.id}  ${c.observed}`);
    if (c.status !== 'pass' || verbose) {
      out.push(`      expected: ${c.expected}`);
      for (const e of c.evidence.slice(0, 12)) out.push(`      ${e}`);
      if (c.evidence.length > 12) out.push(`      … ${c.evidence.length - 12} more`);
    }
  }
  if (r.skipped.length) {
    out.push('', 'Not checked:');
    for (const s of r.skipped) out.push(`  ${s.control} ${s.route}: ${s.reason}`);
  }
  const n = summarise(r.checks);
  out.push('', `${r.checks.length} checks: ${n.pass} passed, ${n.fail} failed, ${n.error} could not run`);
  return out.join('\n');
}
