import { openSync, readSync, closeSync, statSync } from 'node:fs';
import type { ValidateContext } from '../model/context.js';
import { modeOf, operationOf, readMethod, type RouteTarget } from '../model/targets.js';
import { line, PROBE_ID_HEADER, type Probe } from '../net/prober.js';
import type { CheckDef } from '../types.js';
import { baseProbe, blocked, slug } from './request.js';

interface EventLine {
  request_id?: string;
  time?: string;
  method?: string;
  path?: string;
  action?: string;
  reasons?: { control?: string; rule?: string }[];
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function readFrom(file: string, offset: number): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const size = statSync(file).size;
      if (size <= offset) return '';
      const buf = Buffer.alloc(size - offset);
      readSync(fd, buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

function parseLines(text: string): EventLine[] {
  return text.split('\n').flatMap((l) => {
    if (!l.trim()) return [];
    try {
      return [JSON.parse(l) as EventLine];
    } catch {
      return [];
    }
  });
}

function monitorCheck(ctx: ValidateContext, t: RouteTarget, file: string): CheckDef {
  const method = readMethod(t);
  const probeId = ctx.prober.nextProbeId();
  const param = operationOf(t, method)?.queryStrings[0] ?? 'q';
  const base = baseProbe(ctx, t, method);
  const probe: Probe = { ...base, path: `${t.path}?${param}=${encodeURIComponent(`' UNION SELECT password FROM users -- ${probeId}`)}`, headers: { ...base.headers, [PROBE_ID_HEADER]: probeId } };
  const deadline = ctx.eventsDeadlineMs;
  return {
    id: `detection.${slug(t.name)}.monitor-event`,
    control: 'detection',
    route: t.name,
    expected: `a marked attack probe is let through and appears as a would-block decision in ${file} within ${deadline / 1000}s`,
    probes: [`${method} ${probe.path} (${PROBE_ID_HEADER}: ${probeId})`],
    run: async () => {
      const offset = sizeOf(file);
      const started = Date.now();
      const r = await ctx.prober.send(probe);
      const evidence = [line(probe, r, `probe ${probeId}`)];
      const wanted = typeof r.headers['x-request-id'] === 'string' ? r.headers['x-request-id'] : undefined;
      while (Date.now() - started < deadline) {
        const hit = parseLines(readFrom(file, offset)).find(
          (e) => (wanted ? e.request_id === wanted : e.method === method && e.path === t.path && Date.parse(e.time ?? '') >= started - 1000) && e.action !== 'allow',
        );
        if (hit) {
          const reasons = (hit.reasons ?? []).map((x) => `${x.control}:${x.rule}`).join(', ');
          evidence.push(`event request_id=${hit.request_id} action=${hit.action} reasons=${reasons} after ${Date.now() - started} ms`);
          const ok = hit.action === 'would-block' && !blocked(r);
          return { status: ok ? 'pass' : 'fail', observed: ok ? `would-block event after ${Date.now() - started} ms` : `the probe was ${hit.action === 'block' ? 'blocked, not monitored' : hit.action}`, evidence };
        }
        await new Promise((res) => setTimeout(res, 50));
      }
      evidence.push(`no decision event for the probe in ${file} after ${deadline} ms`);
      return { status: 'fail', observed: 'no would-block event: the alert pipeline did not see the attack', evidence };
    },
  };
}

/** On routes where detection runs in monitor mode, a marked probe must show up in the decision events file. */
export function monitorChecks(ctx: ValidateContext): CheckDef[] {
  const monitored = ctx.targets.filter((t) => t.fromPolicy && modeOf(t, t.settings.detect ?? {}) === 'monitor');
  if (monitored.length === 0) return [];
  const file = ctx.eventsFile;
  if (!file) {
    for (const t of monitored) ctx.skipped.push({ control: 'detection', route: t.name, reason: 'the policy has no events.file to read decisions from' });
    return [];
  }
  return monitored.map((t) => monitorCheck(ctx, t, file));
}
