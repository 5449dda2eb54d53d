import { parentPort, workerData } from 'node:worker_threads';
import { HarError } from '../capture/har/har.js';
import { resolveOptions } from '../detect/engine.js';
import type { DetectOptions } from '../detect/types.js';
import { prepareExchange } from './analyzer.js';
import { convertEntries } from './har-stream.js';
import type { WorkerBatch, WorkerInit, WorkerResult } from './parallel.js';

// The worker side of the parallel analysis: entry texts in, prepared contexts (the stateless half: HAR parsing,
// signatures, endpoint, role, principal, objects...) out, in the order received.

const init = workerData as WorkerInit;
const detect = resolveOptions(init.detect as Partial<DetectOptions> | undefined);
const port = parentPort!;

port.on('message', (m: WorkerBatch) => {
  let out: WorkerResult;
  try {
    const b = convertEntries(m.texts, m.first, init.file);
    out = {
      batch: m.batch,
      problems: b.problems,
      times: b.exchanges.map((x) => x.exchange.timings.start),
      indices: b.exchanges.map((x) => x.index),
      prepared: b.exchanges.map((x) => prepareExchange(x.exchange, init.signatures, detect)),
    };
  } catch (e) {
    out = { batch: m.batch, problems: [], times: [], indices: [], prepared: [], error: { message: (e as Error).message, har: e instanceof HarError } };
  }
  port.postMessage(out);
});
