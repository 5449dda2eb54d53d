import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadConfig, normaliseStore } from '../../config/load.js';
import { toRecordRow } from '../../store/record.js';
import { redactorFor } from '../../store/recording-setup.js';
import { PostgresStore } from '../../store/postgres/postgres-store.js';
import { connectNats } from '../../cluster/events/nats-connection.js';
import { ExchangeWorker } from '../../cluster/worker/exchange-worker.js';
import { AnalysisWorker } from '../../cluster/worker/analysis-worker.js';
import { createRedisClient } from '../../cluster/redis/redis-client.js';

export const workerCommand: Command = {
  name: 'worker',
  usage: `Usage: vigil worker -c vigil.yaml [--durable NAME] [--no-analysis] [--lease-ms MS]

Consumes the config's cluster.stream with a durable pull consumer and writes each exchange, redacted, to
cluster.postgres: at least once from the stream, exactly once in the store (request id key). Run as many as the
store needs; workers sharing a durable name split the messages. Stops gracefully on SIGTERM/SIGINT.

It also analyses the stream (durable vigil-analysis): the alert engine and the behaviour rules (the policy's
alerts, behaviour and sinks sections) over every gateway's exchanges, alerts written to cluster.postgres and sent
to the sinks. One analysis runs at a time: with cluster.redis the workers elect it through a lease (a standby
takes over when the leader dies); without Redis every worker analyses, so run one.

Options:
  -c, --config FILE   policy file with a cluster section naming nats and postgres
  --durable NAME      durable consumer name for storing (default vigil-store)
  --no-analysis       store only
  --lease-ms MS       analysis lease time (default 5000): a dead leader is replaced within about this long`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { config: { type: 'string', short: 'c' }, durable: { type: 'string' }, 'no-analysis': { type: 'boolean' }, 'lease-ms': { type: 'string' } },
    });
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
    const redis = c.redis && !values['no-analysis'] ? createRedisClient(c.redis, { commandTimeoutMs: 1000 }) : undefined;
    const analysis = values['no-analysis']
      ? undefined
      : new AnalysisWorker({ nc, stream: c.stream, store, cfg, redis, leaseKey: `${c.key_prefix}analysis:${c.stream}`, leaseMs: values['lease-ms'] ? Number(values['lease-ms']) : undefined, log });
    await analysis?.start();
    if (analysis) log(redis ? 'analysis: standing by for the lease' : 'analysis: running (no cluster.redis: run one worker with analysis)');
    return new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        log(`${signal}: finishing the batch in flight`);
        Promise.all([worker.stop(), analysis?.stop()])
          .then(() => redis?.disconnect())
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
