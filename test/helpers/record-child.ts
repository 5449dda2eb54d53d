// A separate process recording into a shared store, as one gateway worker of a cluster does.
// Usage: node record-child.js DB COUNT   → prints the recorder's stats as JSON and the ids it recorded, one a line.
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { Recorder } from '../../src/store/recorder/recorder.js';
import { makeExchange } from './exchange.js';

const [path, count] = process.argv.slice(2);
const rec = new Recorder({
  path: path!,
  redactor: new Redactor(compileRedactionRules(undefined)),
  record: { maxBodyChars: 512, headers: true },
  maxQueued: 2000,
  journalMaxBytes: 64 << 20,
  replayIntervalMs: 50,
  log: () => undefined,
});
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const ex = makeExchange({ ip: `10.${process.pid % 250}.${(i >> 8) & 255}.${i & 255}` });
  ids.push(ex.id);
  rec.consume(ex);
  if (i % 250 === 0) await new Promise((r) => setTimeout(r, 1));
}
await rec.close();
process.stdout.write(JSON.stringify(rec.stats) + '\n' + ids.join('\n') + '\n');
