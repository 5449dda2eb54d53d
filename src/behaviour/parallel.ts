import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HarError, type HarProblem } from '../capture/har/har.js';
import type { PreparedContext } from '../context/builder.js';
import type { DetectOptions } from '../detect/types.js';
import { Analyzer, type AnalyzerOptions } from './analyzer.js';
import type { FileAnalysis } from './analyze-file.js';
import { streamHarTexts } from './har-stream.js';
import type { BehaviourRule } from './rule.js';
import { ReorderBuffer } from './time-order.js';

// `vigil analyze` over several cores: the main thread cuts the file into batches of entry texts and hands them to
// worker threads round-robin; each worker parses its batch, runs signatures and the stateless half of context,
// and posts back compact prepared contexts. The main thread takes the results in batch order (so in file order),
// puts them in time order and runs the stateful half (ownership, aliases, profiles, schemas) and the rules —
// the same steps on the same values as the single-threaded path, so the output is identical.

export interface WorkerInit {
  file: string;
  signatures: boolean;
  detect?: Partial<DetectOptions>;
}

export interface WorkerBatch {
  batch: number;
  first: number;
  texts: string[];
}

export interface WorkerResult {
  batch: number;
  problems: HarProblem[];
  indices: number[];
  times: number[];
  prepared: PreparedContext[];
  error?: { message: string; har: boolean };
}

const BATCH = 1000;
/** Batches in flight per worker: enough to keep workers busy, few enough to bound memory. */
const IN_FLIGHT = 4;

/** Worker threads to use by default: one per core (they share cores with the main thread's stateful half). */
export function defaultWorkers(): number {
  const n = availableParallelism();
  return n > 1 ? Math.min(n, 8) : 0;
}

interface Item {
  index: number;
  pre: PreparedContext;
}

export async function analyzeHarFileParallel(file: string, rules: readonly BehaviourRule[], opts: AnalyzerOptions, workerCount: number): Promise<FileAnalysis> {
  const analyzer = new Analyzer(rules, opts);
  const init: WorkerInit = { file, signatures: opts.signatures ?? true, detect: opts.detect };
  const waiting = new Map<number, { resolve: (r: WorkerResult) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  const fail = (e: Error): void => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const workers = Array.from({ length: Math.max(1, workerCount) }, () => {
    const w = new Worker(new URL('./har-worker.js', import.meta.url), { workerData: init });
    w.on('message', (r: WorkerResult) => {
      const entry = waiting.get(r.batch);
      waiting.delete(r.batch);
      entry?.resolve(r);
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (code !== 0) fail(new Error(`analysis worker exited with code ${code}`));
    });
    return w;
  });

  const reorder = new ReorderBuffer<Item>();
  const ready: Item[] = [];
  const problems: HarProblem[] = [];
  let entries = 0;
  const take = (r: WorkerResult): void => {
    if (r.error) throw r.error.har ? new HarError(r.error.message) : new Error(r.error.message);
    problems.push(...r.problems);
    entries += r.prepared.length + r.problems.length;
    for (let i = 0; i < r.prepared.length; i++) reorder.push(r.times[i]!, { index: r.indices[i]!, pre: r.prepared[i]! }, ready);
    for (const x of ready) analyzer.observePrepared(x.pre, x.index);
    ready.length = 0;
  };

  const queue: Promise<WorkerResult>[] = [];
  let batch = 0;
  try {
    for await (const b of streamHarTexts(file, BATCH)) {
      if (failure) throw failure;
      const n = batch++;
      queue.push(new Promise<WorkerResult>((resolve, reject) => waiting.set(n, { resolve, reject })));
      const msg: WorkerBatch = { batch: n, first: b.first, texts: b.texts };
      workers[n % workers.length]!.postMessage(msg);
      while (queue.length >= workers.length * IN_FLIGHT) take(await queue.shift()!);
    }
    while (queue.length) take(await queue.shift()!);
  } finally {
    // rejections of batches never awaited (after a failure) must not surface as unhandled
    for (const p of queue) p.catch(() => {});
    await Promise.all(workers.map((w) => w.terminate()));
  }
  reorder.drain(ready);
  for (const x of ready) analyzer.observePrepared(x.pre, x.index);
  return { alerts: analyzer.engine.alerts, problems, entries, analyzer };
}
