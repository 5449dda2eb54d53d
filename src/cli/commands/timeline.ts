import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { filterFrom } from '../traffic/filter-options.js';
import { openStoreForQuery, storeOptions } from '../traffic/open-store.js';
import { actorTimeline, type TimelineEntry } from '../../store/timeline.js';
import { terminalText } from '../../report/escape.js';

export const timelineCommand: Command = {
  name: 'timeline',
  usage: `Usage: vigil timeline --ip IP|CIDR | --principal ID [--since 24h] [--until DATE] [--limit N] [--json] [--db FILE | -c vigil.yaml]`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ip: { type: 'string' },
        principal: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        limit: { type: 'string', default: '1000' },
        json: { type: 'boolean', default: false },
        ...storeOptions,
      },
    });
    if (!values.ip && !values.principal) throw new UsageError('give --ip or --principal');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    const store = openStoreForQuery(values);
    try {
      const entries = await actorTimeline(store, filterFrom(values), limit);
      if (values.json) for (const e of entries) console.log(JSON.stringify(e));
      else if (entries.length === 0) console.log('(no activity recorded for this actor)');
      else for (const e of entries) console.log(terminalText(line(e)));
    } finally {
      await store.close();
    }
    return 0;
  },
};

function line(e: TimelineEntry): string {
  const t = new Date(e.time).toISOString().replace('T', ' ').slice(0, 23);
  if (e.kind === 'alert') {
    const a = e.alert;
    const where = a.parameter ? ` at ${a.parameter}` : '';
    return `${t}  !! ALERT ${a.severity.toUpperCase()} ${a.type} ${a.rule}${where}: ${a.message} (x${a.count}, id ${a.id})`;
  }
  const x = e.exchange;
  const who = x.principal ? `${x.client_ip} (${x.principal})` : x.client_ip;
  const mark = x.action === 'allow' ? '  ' : x.action === 'block' ? 'XX' : '~~';
  const reasons = x.reasons.length ? `  ${x.action}: ${x.reasons.map((r) => `${r.control}:${r.rule}`).join(', ')}` : '';
  return `${t}  ${mark} ${who} ${x.method} ${x.path}${x.query ? `?${x.query}` : ''} -> ${x.status ?? '-'}${reasons}  [${x.id}]`;
}
