import { basename, dirname, join, relative, sep } from 'node:path';
import type { LanguageScanner } from '../language-scanner.js';
import { readSource } from '../read-source.js';
import type { CodeRoute } from '../route-model.js';
import { parserFor, type SyntaxNode } from '../tree-sitter.js';
import { deviseModelIn } from './devise-model.js';
import { RailsMapper, type RailsApp } from './rails-mapper.js';
import { ROOT_SCOPE } from './rails-scope.js';

// Ruby on Rails: config/routes.rb of every app (and engine) under the directory, with `draw :name` files from
// config/routes/ and `config.api_only` from config/application.rb (API apps get no new/edit routes).

const ROUTES_FILE = `${sep}config${sep}routes.rb`;
const ROUTES_DIR = `${sep}config${sep}routes${sep}`;
const APPLICATION_FILE = `${sep}config${sep}application.rb`;
const DRAW_METHODS = new Set(['draw', 'prepend', 'append']);
/** Test harness apps of engines and gems. */
const DUMMY_APPS = [`${sep}spec${sep}dummy${sep}`, `${sep}test${sep}dummy${sep}`];

interface DrawBlock {
  file: string;
  block: SyntaxNode;
  /** `Blorgh::Engine` for an engine's routes; undefined for an application's. */
  engine?: string;
}

function walk(node: SyntaxNode, visit: (n: SyntaxNode) => boolean): void {
  if (!visit(node)) return;
  for (const c of node.namedChildren) if (c) walk(c, visit);
}

function constantName(text: string): string {
  return text.replace(/^::/, '').replace(/\s+/g, '');
}

/** `Rails.application.routes.draw do … end`, `Blorgh::Engine.routes.draw do … end` (also prepend/append). */
function drawBlocks(root: SyntaxNode, file: string): DrawBlock[] {
  const out: DrawBlock[] = [];
  walk(root, (n) => {
    if (n.type !== 'call') return true;
    const receiver = n.childForFieldName('receiver');
    const block = n.childForFieldName('block');
    if (!block || !DRAW_METHODS.has(n.childForFieldName('method')?.text ?? '') || receiver?.type !== 'call') return true;
    if (receiver.childForFieldName('method')?.text !== 'routes') return true;
    const owner = receiver.childForFieldName('receiver');
    const ownerName = owner ? constantName(owner.text) : '';
    const isEngine = owner?.type === 'scope_resolution' && ownerName.endsWith('Engine');
    out.push({ file, block, engine: isEngine ? ownerName : undefined });
    return false;
  });
  return out;
}

function isApiOnly(application: SyntaxNode | undefined): boolean {
  let found = false;
  if (application) {
    walk(application, (n) => {
      if (n.type === 'assignment' && n.childForFieldName('left')?.text.endsWith('.api_only') && n.childForFieldName('right')?.type === 'true') found = true;
      return !found;
    });
  }
  return found;
}

function isRailsFile(file: string): boolean {
  if (DUMMY_APPS.some((d) => file.includes(d))) return false;
  return file.endsWith(ROUTES_FILE) || (file.includes(ROUTES_DIR) && file.endsWith('.rb')) || file.endsWith(APPLICATION_FILE);
}

async function scanRails(files: string[], root: string, progress: (file: string) => void): Promise<CodeRoute[]> {
  const parser = await parserFor('ruby');
  const trees: { delete(): void }[] = [];
  const roots = new Map<string, SyntaxNode>();
  try {
    for (const f of files) {
      const source = readSource(f);
      const tree = source === undefined ? null : parser.parse(source);
      if (tree) {
        trees.push(tree);
        roots.set(f, tree.rootNode);
      }
      progress(f);
    }
    const seen = new Set<string>();
    const out: CodeRoute[] = [];
    const sink = {
      route(method: string, path: string, file: string, line: number): void {
        const r: CodeRoute = { method, path, file: relative(root, file), line, framework: 'rails' };
        const key = `${r.method} ${r.path} ${r.file}:${r.line}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(r);
        }
      },
    };
    const draws = [...roots].filter(([f]) => f.endsWith(ROUTES_FILE)).flatMap(([f, tree]) => drawBlocks(tree, f));
    const engines = new Map(draws.filter((d) => d.engine).map((d) => [d.engine!, d]));
    const mounted = new Set<string>();
    const running = new Set<string>();
    const run = (d: DrawBlock, path: string): void => {
      const configDir = dirname(d.file);
      const app: RailsApp = {
        drawDir: join(configDir, basename(d.file, '.rb')),
        apiOnly: isApiOnly(roots.get(join(configDir, 'application.rb'))),
        files: roots,
        deviseModel: (resource, className) => deviseModelIn(dirname(configDir), resource, className, parser),
        mountEngine: (constant, scope) => {
          const engine = engines.get(constantName(constant));
          if (!engine || running.has(engine.engine!)) return false;
          mounted.add(engine.engine!);
          running.add(engine.engine!);
          try {
            run(engine, scope.path);
          } finally {
            running.delete(engine.engine!);
          }
          return true;
        },
      };
      new RailsMapper(app, sink).block(d.block, { ...ROOT_SCOPE, path }, d.file);
    };
    for (const d of draws) if (!d.engine) run(d, '');
    for (const d of draws) if (d.engine && !mounted.has(d.engine)) run(d, '');
    return out;
  } finally {
    for (const t of trees) t.delete();
    parser.delete();
  }
}

export const railsScanner: LanguageScanner = {
  name: 'rails',
  accepts: isRailsFile,
  scan: scanRails,
};
