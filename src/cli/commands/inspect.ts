import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { exchangesFromHar, HarError } from '../../capture/har/har.js';
import { inspectExchange } from '../../detect/engine.js';
import type { InspectResult } from '../../detect/types.js';
import { terminalText } from '../../report/escape.js';

function intOption(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

function jsonLine(index: number, r: InspectResult): string {
  return JSON.stringify({
    index,
    attack: r.attack,
    score: r.score,
    findings: r.findings.map((f) => ({ category: f.category, rule: f.rule, location: f.location, evidence: f.evidence })),
  });
}

const EMPTY: InspectResult = { score: 0, attack: false, findings: [] };

export const inspectCommand: Command = {
  name: 'inspect',
  usage: `Usage: vigil inspect CAPTURE.har [--json] [--threshold N] [--paranoia 1-4]
  --json          one JSON line per entry, in order: {"index","attack","score","findings":[{"category","rule","location","evidence"}]}
  --threshold N   anomaly score at which a request counts as an attack (default 5)
  --paranoia N    1 (default) to 4: higher levels enable more aggressive rules`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, threshold: { type: 'string' }, paranoia: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('expected one HAR file');
    const threshold = intOption(values.threshold, 'threshold', 1, 1e6);
    const paranoia = intOption(values.paranoia, 'paranoia', 1, 4);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      console.error(`vigil inspect: cannot read ${file}: ${(e as Error).message}`);
      return 2;
    }
    let har: ReturnType<typeof exchangesFromHar>;
    try {
      har = exchangesFromHar(text, file);
    } catch (e) {
      if (e instanceof HarError) {
        console.error(`vigil inspect: ${e.message}`);
        return 2;
      }
      throw e;
    }
    const bad = new Map(har.problems.map((p) => [p.entry, p.message]));
    for (const [entry, message] of bad) console.error(`${file}: entry ${entry} skipped: ${message}`);
    const total = har.exchanges.length + bad.size;
    const opts = { threshold, paranoia };
    const out: string[] = [];
    const rows: [number, InspectResult][] = [];
    let next = 0;
    for (let i = 0; i < total; i++) {
      const r = bad.has(i) ? EMPTY : inspectExchange(har.exchanges[next++]!, opts);
      if (values.json) {
        out.push(jsonLine(i, r));
        if (out.length >= 512) {
          process.stdout.write(out.join('\n') + '\n');
          out.length = 0;
        }
      } else rows.push([i, r]);
    }
    if (values.json) {
      if (out.length) process.stdout.write(out.join('\n') + '\n');
      return 0;
    }
    printTable(har.exchanges, rows, bad);
    return 0;
  },
};

function printTable(exchanges: ReturnType<typeof exchangesFromHar>['exchanges'], rows: [number, InspectResult][], bad: Map<number, string>): void {
  let next = 0;
  let attacks = 0;
  const byCategory = new Map<string, number>();
  const lines = ['  #  verdict  score  request                                   top finding'];
  for (const [i, r] of rows) {
    if (bad.has(i)) {
      lines.push(`${String(i).padStart(3)}  skipped      -  ${bad.get(i)}`);
      continue;
    }
    const ex = exchanges[next++]!;
    if (r.attack) attacks++;
    for (const c of new Set(r.findings.map((f) => f.category))) byCategory.set(c, (byCategory.get(c) ?? 0) + 1);
    const req = terminalText(`${ex.request.method} ${ex.request.url}`);
    const top = r.findings[0];
    lines.push(
      `${String(i).padStart(3)}  ${(r.attack ? 'ATTACK' : 'ok').padEnd(7)}  ${String(r.score).padStart(5)}  ${(req.length > 40 ? req.slice(0, 39) + '…' : req).padEnd(40)}  ${top ? terminalText(`${top.rule} at ${top.location}: ${top.evidence}`) : ''}`,
    );
  }
  lines.push('', `${rows.length} request(s): ${attacks} attack(s), ${rows.length - attacks - bad.size} clean, ${bad.size} skipped`);
  if (byCategory.size) lines.push(`findings by category: ${[...byCategory].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  console.log(lines.join('\n'));
}
