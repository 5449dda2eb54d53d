import type { ValidationReport } from '../types.js';

/** SARIF 2.1.0: one rule per check id, one result per failed or unrunnable check (passes are omitted). */
export function sarifReport(r: ValidationReport, version = '0.1.0'): string {
  const notPassed = r.checks.filter((c) => c.status !== 'pass');
  const ruleIds = [...new Set(r.checks.map((c) => c.id))];
  const byId = new Map(r.checks.map((c) => [c.id, c]));
  const target = new URL(r.target);
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'vigil-validate',
              version,
              informationUri: 'https://github.com/vigil/vigil/blob/main/docs/validate.md',
              rules: ruleIds.map((id) => {
                const c = byId.get(id)!;
                return { id, name: c.control, shortDescription: { text: c.expected.slice(0, 200) }, properties: { control: c.control } };
              }),
            },
          },
          automationDetails: { id: `vigil-validate/${r.runId}` },
          invocations: [{ executionSuccessful: true, startTimeUtc: r.startedAt, endTimeUtc: r.finishedAt }],
          results: notPassed.map((c) => ({
            ruleId: c.id,
            ruleIndex: ruleIds.indexOf(c.id),
            level: c.status === 'fail' ? 'error' : 'warning',
            kind: 'fail',
            message: { text: `${c.expected}: ${c.observed}` },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: new URL(c.route.startsWith('/') ? c.route : '/', target).href } },
                logicalLocations: [{ name: c.route, kind: 'route' }],
              },
            ],
            properties: { control: c.control, status: c.status, evidence: c.evidence },
          })),
        },
      ],
    },
    null,
    2,
  );
}
