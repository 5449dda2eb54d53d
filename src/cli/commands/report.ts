import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import type { DecisionEvent } from '../../events/decision-event.js';
import { wouldBlockReport } from '../../report/would-block.js';
import { parseDuration } from '../duration.js';
import { terminalText } from '../../report/escape.js';

async function* readEvents(file: string, problems: string[]): AsyncGenerator<DecisionEvent> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as DecisionEvent;
      if (e.type === 'decision' && Array.isArray(e.reasons)) yield e;
      else problems.push(`${file}:${n}: not a decision event`);
    } catch {
      problems.push(`${file}:${n}: not JSON`);
    }
  }
}

export const reportCommand: Command = {
  name: 'report',
  usage: `Usage: vigil report would-block [--events vigil-events.jsonl] [--since 24h] [--json]

Reads the gateway's decision events (events.file in the policy) and lists, per route and rule, how many
exchanges a control in monitor mode would have refused, from how many clients, with example request ids —
next to how often the same rule blocked where it is enforced.`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { events: { type: 'string', default: 'vigil-events.jsonl' }, since: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals[0] !== 'would-block') throw new UsageError('expected "would-block"');
    if (!existsSync(values.events)) throw new UsageError(`no events file at ${values.events} (set events.file in the policy)`);
    const since = values.since ? new Date(Date.now() - parseDuration(values.since)) : undefined;
    const problems: string[] = [];
    const events: DecisionEvent[] = [];
    for await (const e of readEvents(values.events, problems)) events.push(e);
    const report = wouldBlockReport(events, since);
    for (const p of problems.slice(0, 10)) console.error(`skipped ${p}`);
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
      return 0;
    }
    console.log(`${report.events} decision event(s)${since ? ` since ${since.toISOString()}` : ''}; ${report.rows.length} monitored rule(s) would have blocked traffic`);
    if (report.rows.length === 0) return 0;
    console.log(`${'route'.padEnd(16)} ${'control'.padEnd(10)} ${'rule'.padEnd(30)} ${'would-block'.padStart(11)} ${'clients'.padStart(7)} ${'enforced'.padStart(8)}  examples`);
    for (const r of report.rows)
      console.log(
        terminalText(`${r.route.padEnd(16)} ${r.control.padEnd(10)} ${r.rule.padEnd(30)} ${String(r.wouldBlock).padStart(11)} ${String(r.clients).padStart(7)} ${String(r.blocked).padStart(8)}  ${r.examples.join(' ')}`),
      );
    return 0;
  },
};
