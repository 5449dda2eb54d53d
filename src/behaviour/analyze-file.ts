import type { HarProblem } from '../capture/har/har.js';
import type { Exchange } from '../exchange/exchange.js';
import { Analyzer, type AnalyzerOptions } from './analyzer.js';
import type { BehaviourAlert } from './behaviour-alert.js';
import { streamHar } from './har-stream.js';
import type { BehaviourRule } from './rule.js';
import { ReorderBuffer } from './time-order.js';
import { analyzeHarFileParallel, defaultWorkers } from './parallel.js';

// Runs the analyzer over a HAR file in time order (entries streamed, nearly ordered input reordered in a
// bounded buffer); evidence is the HAR entry index.

export interface FileAnalysis {
  alerts: readonly BehaviourAlert[];
  problems: HarProblem[];
  entries: number;
  analyzer: Analyzer;
}

export interface FileAnalysisOptions extends AnalyzerOptions {
  /** Worker threads for parsing, signatures and the stateless half of context; 0 runs everything on this thread (default: one per core on a multi-core machine). */
  workers?: number;
}

export async function analyzeHarFile(file: string, rules: readonly BehaviourRule[], opts: FileAnalysisOptions = {}): Promise<FileAnalysis> {
  const { workers = defaultWorkers(), ...rest } = opts;
  if (workers > 0) return analyzeHarFileParallel(file, rules, rest, workers);
  return analyzeHarFileSerial(file, rules, rest);
}

async function analyzeHarFileSerial(file: string, rules: readonly BehaviourRule[], opts: AnalyzerOptions): Promise<FileAnalysis> {
  const analyzer = new Analyzer(rules, opts);
  const reorder = new ReorderBuffer<{ index: number; exchange: Exchange }>();
  const ready: { index: number; exchange: Exchange }[] = [];
  const problems: HarProblem[] = [];
  let entries = 0;
  const flush = (): void => {
    for (const r of ready) analyzer.observe(r.exchange, r.index);
    ready.length = 0;
  };
  for await (const batch of streamHar(file)) {
    problems.push(...batch.problems);
    entries += batch.exchanges.length + batch.problems.length;
    for (const item of batch.exchanges) reorder.push(item.exchange.timings.start, item, ready);
    flush();
  }
  reorder.drain(ready);
  flush();
  return { alerts: analyzer.engine.alerts, problems, entries, analyzer };
}
