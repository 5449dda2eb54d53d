import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { HarError } from '../../capture/har/har.js';
import { analyzeHarFile } from '../../behaviour/analyze-file.js';
import { analysisReport } from '../../behaviour/report.js';
import { loadRules, RuleFileError } from '../../behaviour/rule-load.js';
import { terminalText } from '../../report/escape.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  usage: `Usage: vigil analyze CAPTURE.har [--json] [--rules FILE.yaml]... [--no-shipped-rules] [--no-signatures] [--workers N]
  --json               print one JSON document: {"alerts":[{type,severity,summary,actor:{ips,principals},firstSeen,lastSeen,entries}],"incidents":[...]}
  --rules FILE         a behaviour rule file (repeatable); a rule with a shipped rule's id replaces it
  --no-shipped-rules   only the --rules files
  --no-signatures      skip the signature engine (behaviour only)
  --workers N          worker threads for parsing, signatures and stateless context (default: one per core; 0 = single-threaded)
Entries are analysed in time order; evidence is given as HAR entry indices.`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, rules: { type: 'string', multiple: true }, 'no-shipped-rules': { type: 'boolean' }, 'no-signatures': { type: 'boolean' }, workers: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('expected one HAR file');
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) throw new UsageError('--workers takes a whole number from 0 to 64');
    try {
      const rules = loadRules(values.rules ?? [], !values['no-shipped-rules']);
      const started = Date.now();
      const result = await analyzeHarFile(file, rules, { signatures: !values['no-signatures'], workers });
      for (const p of result.problems.slice(0, 20)) console.error(`${file}: entry ${p.entry} skipped: ${p.message}`);
      const report = analysisReport(result.alerts);
      if (values.json) {
        process.stdout.write(JSON.stringify(report) + '\n');
        return 0;
      }
      console.log(`${result.entries} entries, ${report.alerts.length} alerts, ${report.incidents.length} incidents (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      for (const a of report.alerts) console.log(terminalText(`${a.firstSeen}  ${a.severity.padEnd(8)} ${a.type.padEnd(20)} ${a.summary}`));
      for (const i of report.incidents) console.log(`${i.id}: ${i.severity} ${i.types.join(', ')} — ${i.alerts.length} alert(s), ${i.actor.ips.length} address(es), ${i.firstSeen} → ${i.lastSeen}`);
      return 0;
    } catch (e) {
      if (e instanceof HarError || e instanceof RuleFileError) {
        console.error(`vigil analyze: ${e.message}`);
        return 2;
      }
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(`vigil analyze: cannot read ${file}`);
        return 2;
      }
      throw e;
    }
  },
};
