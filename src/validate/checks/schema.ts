import type { ValidateContext } from '../model/context.js';
import { modeOf, operationOf, readMethod, writeMethod } from '../model/targets.js';
import { line, type Probe } from '../net/prober.js';
import type { CheckDef } from '../types.js';
import { baseProbe, outcome, slug } from './request.js';

const refusedInput = (s: number): boolean => s === 400 || s === 415 || s === 422;

/** Unknown parameters and invalid bodies are refused where the policy enforces the schema. */
export function schemaChecks(ctx: ValidateContext): CheckDef[] {
  const out: CheckDef[] = [];
  for (const t of ctx.targets) {
    const rule = t.settings.schema;
    if (!rule || modeOf(t, rule) !== 'enforce') continue;
    const cases: { kind: string; expected: string; probe: Probe }[] = [];
    if (rule.unknown_parameters) {
      const b = baseProbe(ctx, t, readMethod(t));
      cases.push({ kind: 'unknown-parameter', expected: 'an undeclared query parameter is refused (400)', probe: { ...b, path: `${t.path}?vigil_validate_unknown=1` } });
    }
    const w = writeMethod(t);
    if (w && operationOf(t, w)?.body !== undefined) {
      const b = baseProbe(ctx, t, w);
      cases.push({ kind: 'invalid-body', expected: `a body that violates the schema (an array for an object) is refused (400/422)`, probe: { ...b, body: '[["vigil-validate"]]' } });
      cases.push({ kind: 'malformed-json', expected: 'a malformed JSON body is refused (400)', probe: { ...b, body: '{"vigil-validate": ' } });
      const sample = operationOf(t, w)?.body;
      if (operationOf(t, w)?.bodyClosed && sample && typeof sample === 'object' && !Array.isArray(sample))
        cases.push({ kind: 'unknown-property', expected: 'an undeclared body property is refused (400/422): the schema closes the object', probe: { ...b, body: JSON.stringify({ ...sample, vigilValidateUnknown: true }) } });
    }
    for (const c of cases) {
      out.push({
        id: `schema.${slug(t.name)}.${c.kind}`,
        control: 'schema',
        route: t.name,
        expected: c.expected,
        probes: [`${c.probe.method} ${c.probe.path} (${c.kind})`],
        run: async () => {
          const r = await ctx.prober.send(c.probe);
          const pass = refusedInput(r.status);
          return outcome(pass, pass ? `refused with ${r.status}` : `answered ${r.status}: the request reached the API`, [line(c.probe, r, c.kind)]);
        },
      });
    }
  }
  return out;
}
