import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { exchangesFromHar, HarError } from '../../capture/har/har.js';
import { SpecError } from '../../policy/schema/index.js';
import { Inventory } from '../../discover/inventory.js';
import { SpecCatalog } from '../../discover/spec-catalog.js';
import { buildReport } from '../../discover/classify.js';
import { buildOpenApi } from '../../discover/openapi-build.js';
import { checkOpenApi31 } from '../../discover/openapi-check.js';
import { markdownReport, textReport } from '../../discover/report-text.js';
import { htmlReport } from '../../discover/report-html.js';
import { scanCode } from '../../discover/code/scan-code.js';
import type { CodeRoute } from '../../discover/code/route-model.js';

export const discoverCommand: Command = {
  name: 'discover',
  usage: `Usage: vigil discover CAPTURE.har ... [--spec FILE ...] [--code DIR ...] [--json] [--markdown FILE] [--html FILE] [--openapi FILE]
  --spec FILE       an OpenAPI 3.x or Swagger 2.0 file (repeatable): endpoints are classified documented, shadow,
                    zombie or orphan, with drift and auth-mismatch findings
  --code DIR        source code to read routes from, as vigil scan-code does (repeatable): endpoints declared in the
                    code get "code" in their sources, routes never called are listed as unused, traffic no route
                    declares gets a not-in-code finding
  --json            print {"endpoints":[...],"findings":[...]} instead of the readable report
  --markdown FILE   also write the report as Markdown
  --html FILE       also write the report as one self-contained HTML file (no scripts, no external assets)
  --openapi FILE    also write an OpenAPI 3.1 document (YAML, or JSON when FILE ends in .json) reconstructed from traffic`,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: 'string', multiple: true },
        code: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        markdown: { type: 'string' },
        html: { type: 'string' },
        openapi: { type: 'string' },
      },
    });
    if (positionals.length === 0) throw new UsageError('expected at least one HAR file');
    const inventory = new Inventory();
    for (const file of positionals) {
      try {
        const har = exchangesFromHar(readFileSync(file, 'utf8'), file);
        for (const p of har.problems) console.error(`${file}: entry ${p.entry} skipped: ${p.message}`);
        for (const ex of har.exchanges) inventory.ingest(ex);
      } catch (e) {
        if (e instanceof HarError || (e as NodeJS.ErrnoException).code) {
          console.error(`vigil discover: ${e instanceof HarError ? e.message : `cannot read ${file}: ${(e as Error).message}`}`);
          return 2;
        }
        throw e;
      }
    }
    let catalog: SpecCatalog | undefined;
    if (values.spec?.length) {
      catalog = new SpecCatalog();
      try {
        for (const file of values.spec) catalog.add(file);
      } catch (e) {
        if (e instanceof SpecError) {
          console.error(`vigil discover: ${e.message}`);
          return 2;
        }
        throw e;
      }
    }
    let routes: CodeRoute[] | undefined;
    for (const dir of values.code ?? []) {
      try {
        if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      } catch (e) {
        console.error(`vigil discover: cannot read ${dir}: ${(e as Error).message}`);
        return 2;
      }
      routes = [...(routes ?? []), ...(await scanCode(dir))];
    }
    const report = buildReport(inventory.endpoints(), catalog, routes);
    if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else process.stdout.write(textReport(report));
    if (values.markdown) writeFileSync(values.markdown, markdownReport(report));
    if (values.html) writeFileSync(values.html, htmlReport(report));
    if (values.openapi) {
      const doc = buildOpenApi(report);
      const problems = checkOpenApi31(doc);
      if (problems.length) console.error(`vigil discover: the reconstructed OpenAPI document has problems:\n  ${problems.slice(0, 20).join('\n  ')}`);
      writeFileSync(values.openapi, values.openapi.endsWith('.json') ? JSON.stringify(doc, null, 2) + '\n' : stringify(doc, { aliasDuplicateObjects: false }));
      if (problems.length) return 1;
    }
    return 0;
  },
};
