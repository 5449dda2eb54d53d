// The vocabulary of `vigil validate`: checks derived from a policy, a spec and a plan, and their outcomes.

export type CheckStatus = 'pass' | 'fail' | 'error';

export type ControlKind =
  | 'authentication'
  | 'authorization'
  | 'traffic-filter'
  | 'rate-limit'
  | 'attack-blocking'
  | 'schema'
  | 'exposure'
  | 'detection'
  | 'expectation';

/** One finished check, as every report format carries it. */
export interface CheckResult {
  id: string;
  control: ControlKind;
  route: string;
  expected: string;
  observed: string;
  status: CheckStatus;
  /** Probes sent and what came back, one line each, with nothing secret in them. */
  evidence: string[];
}

export interface Outcome {
  status: CheckStatus;
  observed: string;
  evidence: string[];
}

/** A check before it runs: what it will send (for --dry-run) and how it decides. */
export interface CheckDef {
  id: string;
  control: ControlKind;
  route: string;
  expected: string;
  /** One line per probe: `GET /api/orders (no token)`. */
  probes: string[];
  /** Rate-limit checks drain buckets: they run after every other check. */
  late?: boolean;
  run(): Promise<Outcome>;
}

/** Something the policy or spec asks for that could not be turned into a check, and why. */
export interface SkipNote {
  control: ControlKind;
  route: string;
  reason: string;
}

export interface ValidationReport {
  runId: string;
  target: string;
  startedAt: string;
  finishedAt: string;
  checks: CheckResult[];
  skipped: SkipNote[];
}

export function summarise(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const out: Record<CheckStatus, number> = { pass: 0, fail: 0, error: 0 };
  for (const c of checks) out[c.status]++;
  return out;
}
