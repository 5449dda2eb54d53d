import { latestRun } from '../validate/continuous.js';
import { summarise } from '../validate/types.js';
import type { AdminRoute } from './admin-server.js';
import type { ValidationView } from './api-types.js';

/** GET /api/validation: the last run kept in the state directory of `vigil validate --every ... --state-dir DIR`. */
export function validationRoutes(stateDir: string | undefined): AdminRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/validation',
      role: 'viewer',
      handle() {
        const report = stateDir ? latestRun(stateDir) : undefined;
        const out: ValidationView = {
          configured: stateDir !== undefined,
          ...(report
            ? {
                run: {
                  runId: report.runId,
                  target: report.target,
                  startedAt: report.startedAt,
                  finishedAt: report.finishedAt,
                  summary: summarise(report.checks),
                  checks: report.checks,
                },
              }
            : {}),
        };
        return [200, out];
      },
    },
  ];
}
