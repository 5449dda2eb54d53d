import type { ValidateContext } from '../model/context.js';
import { operationOf, readMethod, writeMethod, type RouteTarget } from '../model/targets.js';
import { line, type Probe, type ProbeReply } from '../net/prober.js';
import type { CheckDef } from '../types.js';
import { baseProbe, outcome, slug } from './request.js';
import { declared, findSensitive, stackTrace } from './sensitive-data.js';

const EVIL_ORIGIN = 'https://evil.vigil-validate.invalid';

function dataCheck(ctx: ValidateContext, t: RouteTarget): CheckDef {
  const method = readMethod(t);
  const probe = baseProbe(ctx, t, method);
  return {
    id: `exposure.data.${slug(t.name)}`,
    control: 'exposure',
    route: t.name,
    expected: 'the answer carries no emails, card numbers, JWTs or secrets that the spec does not declare',
    probes: [`${method} ${t.path} (scan the answer)`],
    run: async () => {
      const r = await ctx.prober.send(probe);
      const responses = operationOf(t, method)?.responseText ?? '';
      const leaks = findSensitive(r.body).filter((f) => !declared(f.cls, responses));
      return outcome(leaks.length === 0, leaks.length === 0 ? `nothing undeclared in ${r.body.length} bytes` : `undeclared ${leaks.map((l) => l.cls).join(', ')}`, [
        line(probe, r),
        ...leaks.map((l) => `${l.cls}: ${l.example}`),
      ]);
    },
  };
}

function malformedProbes(ctx: ValidateContext, t: RouteTarget): Probe[] {
  const read = baseProbe(ctx, t, readMethod(t));
  const out: Probe[] = [{ ...read, path: `${t.path}?${encodeURIComponent('q[$gt]')}=&q=%ff%fe&page=-1e999` }];
  if (/\{[^}]+\}/.test(t.template)) out.push({ ...read, path: t.template.replace(/\{[^}]+\}/, "%27%22%00%ff").replace(/\{[^}]+\}/g, '1') });
  const w = writeMethod(t);
  if (w) {
    const b = baseProbe(ctx, t, w);
    out.push({ ...b, body: '{"vigil": [1, 2' });
    out.push({ ...b, body: '{"quantity": "NaN", "productId": {"deep": [[[[]]]]}, "id": 1e400}' });
  }
  return out;
}

function errorCheck(ctx: ValidateContext, t: RouteTarget): CheckDef {
  const probes = malformedProbes(ctx, t);
  const rawPath = `${t.path}/%zz%`;
  return {
    id: `exposure.errors.${slug(t.name)}`,
    control: 'exposure',
    route: t.name,
    expected: 'answers to malformed input leak no stack trace',
    probes: [...probes.map((p) => `${p.method} ${p.path} (malformed${p.body ? ' body' : ''})`), `GET ${rawPath} (raw bytes, bad percent-encoding)`],
    run: async () => {
      const evidence: string[] = [];
      const leaks: string[] = [];
      const look = (p: Probe, r: ProbeReply, note: string) => {
        const trace = stackTrace(r.body);
        evidence.push(line(p, r, note));
        if (trace) leaks.push(`${p.method} ${p.path}: ${trace}`);
      };
      for (const p of probes) look(p, await ctx.prober.send(p), p.body ? 'malformed body' : 'malformed');
      const host = ctx.prober.target.host;
      const raw = await ctx.prober.raw(`GET ${ctx.prober.target.pathname.replace(/\/$/, '')}${rawPath} HTTP/1.1\r\nHost: ${host}\r\nx-vigil-validate: ${ctx.prober.runId}\r\nConnection: close\r\n\r\n`);
      look({ method: 'GET', path: rawPath }, raw, 'raw');
      evidence.push(...leaks.map((l) => `stack trace: ${l}`));
      return outcome(leaks.length === 0, leaks.length === 0 ? 'no stack trace in any answer' : `${leaks.length} answer(s) carry a stack trace`, evidence);
    },
  };
}

function headerCheck(ctx: ValidateContext, t: RouteTarget): CheckDef {
  const method = readMethod(t);
  const base = baseProbe(ctx, t, method);
  const probe: Probe = { ...base, headers: { ...base.headers, origin: EVIL_ORIGIN } };
  const required = ctx.plan?.required_headers ?? [];
  return {
    id: `exposure.headers.${slug(t.name)}`,
    control: 'exposure',
    route: t.name,
    expected: `CORS does not grant credentials to any origin; no X-Powered-By banner${required.length ? `; headers ${required.join(', ')} present` : ''}`,
    probes: [`${method} ${t.path} with Origin: ${EVIL_ORIGIN}`],
    run: async () => {
      const r = await ctx.prober.send(probe);
      const h = r.headers;
      const problems: string[] = [];
      const acao = String(h['access-control-allow-origin'] ?? '');
      const creds = String(h['access-control-allow-credentials'] ?? '').toLowerCase() === 'true';
      if (acao === '*' && creds) problems.push('Access-Control-Allow-Origin: * with credentials');
      if (acao === EVIL_ORIGIN && creds) problems.push('any Origin is reflected with Access-Control-Allow-Credentials: true');
      if (h['x-powered-by']) problems.push(`X-Powered-By: ${String(h['x-powered-by']).slice(0, 40)}`);
      for (const name of required) if (h[name.toLowerCase()] === undefined) problems.push(`missing ${name}`);
      return outcome(problems.length === 0, problems.length === 0 ? 'headers sane' : problems.join('; '), [line(probe, r, `Origin: ${EVIL_ORIGIN}`), ...problems]);
    },
  };
}

/** Sensitive data, stack traces in errors, CORS and banner headers, per route. */
export function exposureChecks(ctx: ValidateContext): CheckDef[] {
  return ctx.targets.flatMap((t) => [dataCheck(ctx, t), errorCheck(ctx, t), headerCheck(ctx, t)]);
}
