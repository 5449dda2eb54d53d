import { readFileSync } from 'node:fs';
import { extname, relative, sep } from 'node:path';
import type { LanguageScanner } from '../language-scanner.js';
import type { CodeRoute } from '../route-model.js';
import { parserFor, withTree } from '../tree-sitter.js';
import { collectDjango } from './django.js';
import { collectFacts, type PyFacts } from './facts.js';
import { collectFastApiObjects, collectFastApiRoutes } from './fastapi.js';
import { collectFlaskObjects, collectFlaskRoutes } from './flask.js';
import { ModuleIndex } from './modules.js';
import { PyProject } from './project.js';
import { RouterSet } from './routers.js';

// Flask, FastAPI and Django (with Django REST framework) routes from the tree-sitter Python grammar: each file is
// read once into plain facts, then names are resolved across files through imports.

const MAX_FILE_BYTES = 2_000_000;

export const pythonScanner: LanguageScanner = {
  name: 'python',
  accepts: (file) => extname(file) === '.py',
  scan: scanPython,
};

/** Test code declares routes for its tests, not for the app: tests/ and test/ directories, test_*.py, conftest.py. */
function isTestCode(root: string, file: string): boolean {
  const parts = relative(root, file).split(sep);
  const name = parts.at(-1)!;
  return parts.slice(0, -1).some((d) => d === 'tests' || d === 'test') || name.startsWith('test_') || name.endsWith('_test.py') || name === 'conftest.py';
}

async function scanPython(files: string[], root: string, progress: (file: string) => void): Promise<CodeRoute[]> {
  const parser = await parserFor('python');
  const facts = new Map<string, PyFacts>();
  try {
    for (const file of files) {
      if (!isTestCode(root, file)) {
        try {
          const source = readFileSync(file, 'utf8');
          if (source.length <= MAX_FILE_BYTES) facts.set(file, withTree(parser, source, (node) => collectFacts(file, node)));
        } catch {
          // an unreadable file is skipped like a binary one; the scan goes on
        }
      }
      progress(file);
    }
  } finally {
    parser.delete();
  }
  const project = new PyProject(facts, new ModuleIndex(root, files));
  const routers = new RouterSet(project);
  collectFlaskObjects(project, routers);
  collectFastApiObjects(project, routers);
  collectFlaskRoutes(project, routers);
  collectFastApiRoutes(project, routers);
  return [...routers.routes(root), ...collectDjango(project, root)];
}
