import { readFile } from 'node:fs/promises';
import type { CaptureSource } from '../../exchange/exchange.js';
import type { CompiledPolicy } from '../../policy/compile.js';
import type { ConsumerSet } from '../../pipeline/consumer.js';
import { observeExchange } from '../../pipeline/observe.js';
import type { GeoLookup } from '../gateway/geo-lookup.js';
import { exchangesFromHar, HarError } from '../har/har.js';
import { accessEntryToExchange, derivedId } from './access-entry.js';
import { LineReader } from './line-reader.js';
import { detectFormat, lineParsers, type InputFormat } from './log-formats.js';

export interface IngestOptions {
  policy: CompiledPolicy;
  consumers: ConsumerSet;
  format?: InputFormat;
  follow?: boolean;
  signal?: AbortSignal;
  pollMs?: number;
  geo?: GeoLookup;
  /** Awaited every few hundred records, so that a bulk ingest goes at the store's pace. */
  backpressure?: () => Promise<void>;
  /** A malformed record: `file:line: problem`. */
  problem: (line: string) => void;
  /** Called about twice a second with the read position (for a progress line). */
  progress?: (p: { file: string; bytesRead: number; size: number; records: number }) => void;
  /** Problems reported per file before the rest are only counted. */
  maxReported?: number;
}

export interface IngestCounts {
  file: string;
  format: InputFormat;
  records: number;
  malformed: number;
  bytes: number;
  rotations: number;
  ms: number;
}

/** Reads one log file (or HAR capture) into the pipeline: each record becomes an exchange, observed, consumed. */
export async function ingestFile(file: string, opts: IngestOptions): Promise<IngestCounts> {
  const started = performance.now();
  const counts: IngestCounts = { file, format: opts.format ?? 'nginx-json', records: 0, malformed: 0, bytes: 0, rotations: 0, ms: 0 };
  const maxReported = opts.maxReported ?? 20;
  const report = (where: string, problem: string) => {
    counts.malformed++;
    if (counts.malformed <= maxReported) opts.problem(`${file}:${where}: ${problem}`);
    else if (counts.malformed === maxReported + 1) opts.problem(`${file}: more malformed records are counted but not listed`);
  };
  const observe = async (ex: Parameters<typeof observeExchange>[1]) => {
    if (opts.geo) Object.assign(ex.client, opts.geo(ex.client.ip));
    await observeExchange(opts.policy, ex, opts.consumers);
    counts.records++;
    if (opts.backpressure && counts.records % 256 === 0) await opts.backpressure();
  };

  const format = opts.format ?? (await sniff(file));
  counts.format = format;
  if (format === 'har') {
    const text = await readFile(file, 'utf8');
    counts.bytes = Buffer.byteLength(text);
    let read;
    try {
      read = exchangesFromHar(text, file);
    } catch (e) {
      if (!(e instanceof HarError)) throw e;
      report('0', e.message);
      counts.ms = performance.now() - started;
      return counts;
    }
    for (const p of read.problems) report(`entry ${p.entry}`, p.message);
    for (const ex of read.exchanges) await observe(ex);
  } else {
    const parse = lineParsers[format];
    const source: CaptureSource = 'ingest';
    const reader = new LineReader(file, { follow: opts.follow, signal: opts.signal, pollMs: opts.pollMs });
    let lastProgress = 0;
    for await (const line of reader.lines()) {
      if (line.text.trim() === '') continue;
      const r = parse(line.text);
      if (!r.ok) {
        report(String(line.no), r.problem);
      } else {
        const id = r.entry.requestId ?? derivedId(r.entry.time, line.text, line.no);
        await observe(accessEntryToExchange(r.entry, id, source, opts.policy.clientIp));
      }
      if (opts.progress && (line.no & 1023) === 0) {
        const now = performance.now();
        if (now - lastProgress > 500) {
          lastProgress = now;
          opts.progress({ file, bytesRead: reader.progress.bytesRead, size: reader.progress.size, records: counts.records });
        }
      }
    }
    counts.bytes = reader.progress.bytesRead;
    counts.rotations = reader.progress.rotations;
  }
  counts.ms = performance.now() - started;
  return counts;
}

async function sniff(file: string): Promise<InputFormat> {
  if (/\.har$/i.test(file)) return 'har';
  const reader = new LineReader(file, { chunkBytes: 64 * 1024 });
  for await (const line of reader.lines()) if (line.text.trim()) return detectFormat(file, line.text);
  return 'nginx-combined';
}
