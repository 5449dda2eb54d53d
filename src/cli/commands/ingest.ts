import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { ingestFile, type IngestCounts } from '../../capture/ingest/ingest-file.js';
import { LOG_FORMATS, type InputFormat } from '../../capture/ingest/log-formats.js';
import { defaultObserveConfig, openObservePipeline } from '../../capture/ingest/observe-pipeline.js';
import { startMirror } from '../../capture/ingest/mirror.js';

const FORMATS: readonly string[] = [...LOG_FORMATS, 'har', 'auto'];

export const ingestCommand: Command = {
  name: 'ingest',
  usage: `Usage: vigil ingest [-c vigil.yaml] [--format F] [--follow] [--db FILE] FILE...
       vigil ingest [-c vigil.yaml] [--db FILE] --mirror 127.0.0.1:8081

Each record becomes an exchange on the same pipeline as the gateway (route match, controls in monitor mode,
detection), and is recorded and alerted on. Malformed records are reported as FILE:LINE and skipped.

Options:
  -c, --config FILE   policy file (optional; without it nothing is refused and everything is recorded)
  --format F          nginx-json | nginx-combined | envoy-json | har | auto (default: auto, from the first line)
  -f, --follow        keep reading as the log grows, across rotation (rename or copytruncate); stop with Ctrl-C
  --mirror ADDR       receive nginx mirror subrequests on ADDR (answers 204); see docs/ingest.md
  --db FILE           record to this SQLite file (default: the config's store.path, else ./vigil-data/vigil.db)`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', default: 'auto' },
        follow: { type: 'boolean', short: 'f', default: false },
        mirror: { type: 'string' },
        db: { type: 'string' },
      },
    });
    if (!FORMATS.includes(values.format!)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    if (!values.mirror && positionals.length === 0) throw new UsageError('give log files to read, or --mirror ADDR');
    const format = values.format === 'auto' ? undefined : (values.format as InputFormat);
    const cfg = values.config ? loadConfig(values.config) : defaultObserveConfig();
    const pipeline = await openObservePipeline(cfg, values.db);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const say = (line: string) => console.error(`vigil ingest: ${line}`);
    let failed = false;
    try {
      const tasks: Promise<void>[] = [];
      if (values.mirror) {
        const mirror = await startMirror({
          policy: pipeline.policy,
          consumers: pipeline.consumers,
          address: values.mirror,
          bodyLimit: cfg.inspect_body_bytes,
          onError: (e) => say(`mirror: ${e.message}`),
        });
        say(`receiving nginx mirror traffic on ${values.mirror.replace(/:\d+$/, '')}:${mirror.port}; recording to ${pipeline.storePath}`);
        tasks.push(
          new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => void mirror.close().then(resolve))).then(() =>
            say(`mirror: ${mirror.received} request(s) received`),
          ),
        );
      }
      const progress = process.stderr.isTTY ? progressLine() : undefined;
      const readOne = async (file: string) => {
        try {
          const counts = await ingestFile(file, {
            policy: pipeline.policy,
            consumers: pipeline.consumers,
            format,
            follow: values.follow,
            signal: stop.signal,
            geo: pipeline.geo,
            backpressure: pipeline.recorder ? () => pipeline.recorder!.whenWritable() : undefined,
            problem: (line) => {
              progress?.clear();
              console.error(line);
            },
            progress: progress?.update,
          });
          progress?.clear();
          console.log(summary(counts));
        } catch (e) {
          progress?.clear();
          failed = true;
          say(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
        }
      };
      if (values.follow) tasks.push(...positionals.map(readOne));
      else for (const file of positionals) await readOne(file);
      await Promise.all(tasks);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await pipeline.close();
    }
    const rec = pipeline.recorder?.stats;
    if (rec) {
      const lost = rec.dropped ? `, ${rec.dropped} LOST (see vigil_recorder_dropped_total)` : '';
      const journaled = rec.spilled - rec.replayed > 0 ? `, ${rec.spilled - rec.replayed} left in the journal for the next run` : '';
      console.log(`recorded ${rec.recorded} new exchange(s) to ${pipeline.storePath}${journaled}${lost}`);
    }
    return failed ? 1 : 0;
  },
};

function summary(c: IngestCounts): string {
  const s = c.ms / 1000;
  const rate = s > 0 ? Math.round(c.records / s) : c.records;
  const mb = (c.bytes / 1048576).toFixed(1);
  const rotated = c.rotations ? `, ${c.rotations} rotation(s)` : '';
  return `${c.file} (${c.format}): ${c.records} record(s), ${c.malformed} malformed, ${mb} MB in ${s.toFixed(1)} s (${rate.toLocaleString('en')} records/s${rotated})`;
}

/** A one-line progress display on a terminal's stderr. */
function progressLine(): { update: (p: { file: string; bytesRead: number; size: number; records: number }) => void; clear: () => void } {
  const start = performance.now();
  let shown = false;
  return {
    update(p) {
      const pct = p.size > 0 ? `${Math.min(100, Math.floor((p.bytesRead / p.size) * 100))}%` : '';
      const rate = Math.round(p.records / ((performance.now() - start) / 1000));
      process.stderr.write(`\r\x1b[K${p.file} ${pct} ${p.records.toLocaleString('en')} records ${rate.toLocaleString('en')}/s`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
