import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, CheckStatus, ValidationReport } from './types.js';

export interface CheckChange {
  id: string;
  control: string;
  route: string;
  before: CheckStatus | 'absent';
  after: CheckStatus | 'absent';
  observed?: string;
  evidence?: string[];
}

export interface RunDiff {
  regressed: CheckChange[];
  recovered: CheckChange[];
  added: string[];
  removed: string[];
}

export interface RegressionAlert {
  type: 'validate.control-regressed';
  time: string;
  target: string;
  run_id: string;
  previous_run_id: string;
  message: string;
  diff: RunDiff;
}

/** What changed between two runs: a regression is a check that passed and now does not. */
export function diffRuns(prev: ValidationReport, next: ValidationReport): RunDiff {
  const before = new Map(prev.checks.map((c) => [c.id, c]));
  const after = new Map(next.checks.map((c) => [c.id, c]));
  const change = (a: CheckResult | undefined, b: CheckResult): CheckChange => ({
    id: b.id,
    control: b.control,
    route: b.route,
    before: a?.status ?? 'absent',
    after: b.status,
    observed: b.observed,
    evidence: b.evidence.slice(0, 6),
  });
  const diff: RunDiff = { regressed: [], recovered: [], added: [], removed: [] };
  for (const b of next.checks) {
    const a = before.get(b.id);
    if (!a) diff.added.push(b.id);
    else if (a.status === 'pass' && b.status !== 'pass') diff.regressed.push(change(a, b));
    else if (a.status !== 'pass' && b.status === 'pass') diff.recovered.push(change(a, b));
  }
  for (const a of prev.checks) if (!after.has(a.id)) diff.removed.push(a.id);
  return diff;
}

const RUN_FILE = /^run-.*\.json$/;

export function latestRun(stateDir: string): ValidationReport | undefined {
  let names: string[];
  try {
    names = readdirSync(stateDir).filter((n) => RUN_FILE.test(n)).sort();
  } catch {
    return undefined;
  }
  const last = names[names.length - 1];
  return last ? (JSON.parse(readFileSync(join(stateDir, last), 'utf8')) as ValidationReport) : undefined;
}

/** Stores the run (one JSON file per run, named so they sort by time) and returns the alert it raises, if any. */
export function recordRun(stateDir: string, report: ValidationReport, alertsFile = join(stateDir, 'alerts.jsonl')): RegressionAlert | undefined {
  mkdirSync(stateDir, { recursive: true });
  const prev = latestRun(stateDir);
  writeFileSync(join(stateDir, `run-${report.startedAt.replace(/[:.]/g, '-')}-${report.runId}.json`), JSON.stringify(report, null, 2));
  if (!prev) return undefined;
  const diff = diffRuns(prev, report);
  if (diff.regressed.length === 0) return undefined;
  const alert: RegressionAlert = {
    type: 'validate.control-regressed',
    time: new Date().toISOString(),
    target: report.target,
    run_id: report.runId,
    previous_run_id: prev.runId,
    message: `${diff.regressed.length} control check(s) that passed in run ${prev.runId} now fail: ${diff.regressed.map((c) => c.id).join(', ')}`,
    diff,
  };
  appendFileSync(alertsFile, JSON.stringify(alert) + '\n');
  return alert;
}

export function alertText(a: RegressionAlert): string {
  const lines = [`ALERT ${a.message}`];
  for (const c of a.diff.regressed) {
    lines.push(`  ${c.id}: ${c.before} -> ${c.after}: ${c.observed ?? ''}`);
    for (const e of c.evidence ?? []) lines.push(`      ${e}`);
  }
  if (a.diff.recovered.length) lines.push(`  recovered: ${a.diff.recovered.map((c) => c.id).join(', ')}`);
  return lines.join('\n');
}

export interface ContinuousOptions {
  everyMs: number;
  stateDir: string;
  alertsFile?: string;
  /** Stop after this many runs (tests); forever otherwise. */
  maxRuns?: number;
  run: () => Promise<ValidationReport>;
  onRun?: (report: ValidationReport, alert: RegressionAlert | undefined, n: number) => void | Promise<void>;
  signal?: AbortSignal;
}

/** Runs the validation every interval, storing each run and alerting on regressions. */
export async function runContinuous(o: ContinuousOptions): Promise<number> {
  let n = 0;
  while (!o.signal?.aborted) {
    const report = await o.run();
    n++;
    const alert = recordRun(o.stateDir, report, o.alertsFile);
    await o.onRun?.(report, alert, n);
    if (o.maxRuns !== undefined && n >= o.maxRuns) break;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, o.everyMs);
      o.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }
  return n;
}
