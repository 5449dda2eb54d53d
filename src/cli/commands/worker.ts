import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadConfig, normaliseStore } from '../../config/load.js';
import { toRecordRow } from '../../store/record.js';
import { redactorFor } from '../../store/recording-setup.js';
import { PostgresStore } from '../../store/postgres/postgres-store.js';
import { connectNats } from '../../cluster/events/nats-connection.js';
import { ExchangeWorker } from '../../cluster/worker/exchange-worker.js';

export const workerCommand: Command = {
  name: 'worker',
  usage: `Usage: vigil worker -c vigil.yaml [--durable NAME]

Consumes the config's cluster.stream with a durable pull consumer and writes each exchange, redacted, to
cluster.postgres: at least once from the stream, exactly once in the store (request id key). Run as many as the
store needs; workers sharing a durable name split the messages. Stops gracefully on SIGTERM/SIGINT.

Options:
  -c, --config FILE   policy file with a cluster section naming nats and postgres
  --durable NAME      durable consumer name (default vigil-store)`,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, durable: { type: 'string' } } });
    if (!values.config) throw new UsageError('give a policy file (-c)');
    const cfg = loadConfig(values.config);
    const c = cfg.cluster;
    if (!c?.nats || !c.postgres) throw new UsageError('the config needs cluster.nats and cluster.postgres');
    const log = (line: string) => console.log(`vigil worker: ${line}`);
    const record = cfg.store ?? normaliseStore({});
    const redactor = redactorFor(cfg);
    const store = await PostgresStore.open({ url: c.postgres, schema: c.postgres_schema });
    const nc = await connectNats(c.nats, `vigil-worker-${process.pid}`);
    const worker = new ExchangeWorker({
      nc,
      stream: c.stream,
      durable: values.durable ?? 'vigil-store',
      store,
      toRow: (ex) => toRecordRow(ex, redactor, { maxBodyChars: record.max_body_bytes, headers: record.headers }),
      log,
    });
    await worker.start();
    log(`consuming ${c.stream} into PostgreSQL schema ${c.postgres_schema}`);
    return new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        log(`${signal}: finishing the batch in flight`);
        worker
          .stop()
          .then(() => nc.drain())
          .then(() => store.close())
          .then(() => {
            log(`stopped: ${worker.stats.written} written, ${worker.stats.duplicates} duplicate(s)`);
            resolve(0);
          });
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  },
};
