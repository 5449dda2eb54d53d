import type { ValidationReport } from '../types.js';
import { summarise } from '../types.js';

export function jsonReport(r: ValidationReport): string {
  return JSON.stringify({ run_id: r.runId, target: r.target, started_at: r.startedAt, finished_at: r.finishedAt, summary: summarise(r.checks), checks: r.checks, skipped: r.skipped }, null, 2);
}
