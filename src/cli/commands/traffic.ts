import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { filterFrom, filterOptions } from '../traffic/filter-options.js';
import { openStoreForQuery, storeOptions } from '../traffic/open-store.js';
import { formatTraffic, OUTPUT_FORMATS, type OutputFormat } from '../traffic/output.js';

export const trafficCommand: Command = {
  name: 'traffic',
  usage: `Usage: vigil traffic [filters] [--format table|jsonl|csv|har] [--limit N] [--db FILE | -c vigil.yaml]

Filters:
  --ip IP|CIDR         client address or network          --principal ID     authenticated principal
  --route NAME|/tmpl   route name or path template        --status 404|5xx|400-499
  --decision allow|block|would-block                      --text STRING      in path, query, user agent, body
  --since 15m|2h|7d|DATE   --until DATE                   (newest first; --oldest-first to reverse)

Output: a table (default), JSON lines, CSV, or a HAR capture (redacted, as recorded).`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...filterOptions,
        ...storeOptions,
        format: { type: 'string', default: 'table' },
        limit: { type: 'string', default: '100' },
        'oldest-first': { type: 'boolean', default: false },
      },
    });
    if (!OUTPUT_FORMATS.includes(values.format as OutputFormat)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    const filter = filterFrom(values);
    const store = openStoreForQuery(values);
    try {
      const records = await store.find(filter, { limit, order: values['oldest-first'] ? 'asc' : 'desc' });
      console.log(formatTraffic(records, values.format as OutputFormat));
    } finally {
      await store.close();
    }
    return 0;
  },
};
