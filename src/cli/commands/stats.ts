import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { filterFrom, filterOptions } from '../traffic/filter-options.js';
import { openStoreForQuery, storeOptions } from '../traffic/open-store.js';
import { table } from '../traffic/output.js';
import type { CountRow, TrafficStats } from '../../store/store.js';

export const statsCommand: Command = {
  name: 'stats',
  usage: `Usage: vigil stats [--since 24h] [--until DATE] [other traffic filters] [--top N] [--json] [--db FILE | -c vigil.yaml]`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { ...filterOptions, ...storeOptions, top: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } },
    });
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError('--top must be a positive integer');
    const store = openStoreForQuery(values);
    try {
      const stats = await store.stats(filterFrom({ since: '24h', ...values }), top);
      console.log(values.json ? JSON.stringify(stats) : render(stats));
    } finally {
      await store.close();
    }
    return 0;
  },
};

function section(title: string, rows: CountRow[], total: number): string {
  if (rows.length === 0) return `${title}\n  (none)`;
  const body = table(rows.map((r) => [`  ${String(r.key)}`, String(r.count), total ? `${((r.count / total) * 100).toFixed(1)}%` : '']));
  return `${title}\n${body}`;
}

function render(s: TrafficStats): string {
  return [
    `exchanges: ${s.total}  (${s.byDecision.map((d) => `${d.key} ${d.count}`).join(', ') || 'none'})`,
    section('top clients', s.topClients, s.total),
    section('top principals', s.topPrincipals, s.total),
    section('top routes', s.topRoutes, s.total),
    section('errors by status', s.errors, s.total),
    section('blocked / would-block reasons', s.blockedReasons, s.total),
  ].join('\n\n');
}
