import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { parseDuration } from '../duration.js';
import { loadPlan, PlanError } from '../../validate/plan/load-plan.js';
import { parseRate } from '../../validate/net/rate-cap.js';
import { deriveChecks, runValidation, TargetNotAllowed, type ValidateOptions } from '../../validate/run.js';
import { consoleReport } from '../../validate/report/console.js';
import { jsonReport } from '../../validate/report/json.js';
import { junitReport } from '../../validate/report/junit.js';
import { sarifReport } from '../../validate/report/sarif.js';
import { alertText, runContinuous } from '../../validate/continuous.js';
import { summarise, type ControlKind, type ValidationReport } from '../../validate/types.js';
import { SpecError } from '../../policy/schema/spec-error.js';
import { IdentityError } from '../../validate/model/identities.js';

const FORMATS = ['console', 'json', 'junit', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const CONTROLS: ControlKind[] = ['authentication', 'authorization', 'traffic-filter', 'rate-limit', 'attack-blocking', 'schema', 'exposure', 'detection', 'expectation'];

function render(format: Format, r: ValidationReport, verbose: boolean): string {
  if (format === 'json') return jsonReport(r);
  if (format === 'junit') return junitReport(r);
  if (format === 'sarif') return sarifReport(r);
  return consoleReport(r, verbose);
}

export const validateCommand: Command = {
  name: 'validate',
  usage: `Usage: vigil validate --target URL [-c vigil.yaml] [--spec openapi.yaml] [--plan plan.yaml]
                      [--format console|json|junit|sarif] [--out FILE] [--dry-run] [--rate 50/s]
                      [--allow-target HOST]... [--only CONTROLS] [--every 15m --state-dir DIR [--alerts FILE]] [--verbose]

Derives checks from the policy (auth, ip, geo, rate limits, schema, detection per route and mode), the spec
(operations with security must refuse anonymous calls) and the plan (identities, owned objects, admin routes,
privilege fields, origin URL, explicit expectations), sends probes marked X-Vigil-Validate: <run id>, and
reports each check as pass, fail or error. Exit code: 0 when every check passed, 1 otherwise, 2 on usage errors.

  --target URL        the gateway, WAF or API to probe (loopback is allowed; anything else needs --allow-target)
  -c, --config FILE   the policy the target should enforce (expectations come from it)
  --spec FILE         OpenAPI spec (default: the policy's specs)
  --plan FILE         validation plan (YAML; see docs/validate.md)
  --dry-run           list every probe without sending any
  --rate N/s          probe rate cap (default 100/s)
  --every 15m         continuous mode: run every interval, store runs in --state-dir, alert on regressions
  --only a,b          only these controls: authentication, authorization, traffic-filter, rate-limit,
                      attack-blocking, schema, exposure, detection, expectation
  --events-deadline S seconds to wait for a monitor-mode decision event (default 5)`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        target: { type: 'string' },
        config: { type: 'string', short: 'c' },
        spec: { type: 'string' },
        plan: { type: 'string' },
        format: { type: 'string', default: 'console' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        rate: { type: 'string', default: '100/s' },
        'allow-target': { type: 'string', multiple: true, default: [] },
        every: { type: 'string' },
        'state-dir': { type: 'string' },
        alerts: { type: 'string' },
        'max-runs': { type: 'string' },
        'events-deadline': { type: 'string', default: '5' },
        verbose: { type: 'boolean', default: false },
        only: { type: 'string' },
      },
    });
    if (!values.target) throw new UsageError('--target URL is required');
    try {
      new URL(values.target);
    } catch {
      throw new UsageError(`--target "${values.target}" is not a URL`);
    }
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    let rate: number;
    try {
      rate = parseRate(values.rate);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const only = values.only?.split(',').map((x) => x.trim());
    const unknown = only?.find((x) => !CONTROLS.includes(x as ControlKind));
    if (unknown !== undefined) throw new UsageError(`--only: "${unknown}" is not a control (${CONTROLS.join(', ')})`);
    if (values.every && !values['state-dir']) throw new UsageError('--every needs --state-dir to keep the runs it compares');
    let opts: ValidateOptions;
    try {
      opts = {
        target: values.target,
        config: values.config ? loadConfig(values.config) : undefined,
        specFile: values.spec,
        plan: values.plan ? loadPlan(values.plan) : undefined,
        ratePerSecond: rate,
        allowTargets: values['allow-target'],
        eventsDeadlineMs: Number(values['events-deadline']) * 1000,
        controls: only as ControlKind[] | undefined,
      };
      if (values['dry-run']) {
        const { ctx, checks } = await deriveChecks(opts, true);
        let probes = 0;
        for (const c of checks) {
          console.log(`${c.id}  [${c.control}] expect: ${c.expected}`);
          for (const p of c.probes) console.log(`    ${p}`);
          probes += c.probes.length;
        }
        for (const s of ctx.skipped) console.log(`not checked: ${s.control} ${s.route}: ${s.reason}`);
        console.log(`${checks.length} checks, ${probes} probe lines; every probe carries X-Vigil-Validate: ${ctx.prober.runId}; nothing was sent`);
        return 0;
      }
      const emit = (r: ValidationReport) => {
        const text = render(format, r, values.verbose);
        if (values.out) {
          writeFileSync(values.out, text);
          if (format !== 'console') console.log(consoleReport(r).split('\n').slice(-1)[0]);
        } else console.log(text);
      };
      if (values.every) {
        let last: ValidationReport | undefined;
        const ac = new AbortController();
        process.once('SIGINT', () => ac.abort());
        process.once('SIGTERM', () => ac.abort());
        await runContinuous({
          everyMs: parseDuration(values.every),
          stateDir: values['state-dir']!,
          alertsFile: values.alerts,
          maxRuns: values['max-runs'] ? Number(values['max-runs']) : undefined,
          signal: ac.signal,
          run: () => runValidation(opts),
          onRun: (r, alert) => {
            last = r;
            emit(r);
            if (alert) console.log(alertText(alert));
          },
        });
        return last && summarise(last.checks).pass === last.checks.length ? 0 : 1;
      }
      const report = await runValidation(opts);
      emit(report);
      const n = summarise(report.checks);
      return n.fail + n.error > 0 ? 1 : 0;
    } catch (e) {
      if (e instanceof PlanError || e instanceof SpecError || e instanceof TargetNotAllowed || e instanceof IdentityError) {
        console.error(`vigil validate: ${e.message}`);
        return 2;
      }
      throw e;
    }
  },
};
