import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { LanguageScanner } from '../language-scanner.js';
import type { CodeRoute } from '../route-model.js';
import { parserFor, withTree } from '../tree-sitter.js';
import { collectDeclarations, type FileDecls } from './go-declarations.js';
import { GoFileEvaluator } from './go-evaluator.js';
import { frameworkOfImport } from './go-frameworks.js';
import { GoWorld } from './go-packages.js';
import { RouterGraph } from './router-graph.js';
import type { Value } from './go-values.js';

// Go routes (net/http ServeMux, gin, echo, chi, gorilla/mux) with groups, sub-routers and mounts resolved across
// files and packages. Two passes: declarations of every file first (signatures, struct fields, constants, imports),
// then function bodies, so a call into another package knows what that function takes and returns.

export const goScanner: LanguageScanner = {
  name: 'go',
  // testdata/ holds inputs for tests, not packages of the program
  accepts: (file) => file.endsWith('.go') && !file.endsWith('_test.go') && !/[\\/]testdata[\\/]/.test(file),
  scan: scanGo,
};

async function scanGo(files: string[], root: string, progress: (file: string) => void): Promise<CodeRoute[]> {
  const parser = await parserFor('go');
  try {
    const sources = new Map<string, string>();
    const decls: FileDecls[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      sources.set(file, source);
      decls.push(withTree(parser, source, (tree) => collectDeclarations(file, tree)));
      progress(file);
    }
    const world = new GoWorld(decls, root);
    const graph = new RouterGraph();
    // A router value only reaches code that imports a router package (net/http included) or a package that does:
    // the rest of the tree (models, storage, utilities) is not read a second time.
    const routing = new Set(decls.filter((d) => world.importsOf(d.file).some((p) => frameworkOfImport(p))).map((d) => d.dir));
    // files declaring package-level literal data (route tables) first, so the files ranging over it find it
    const dataFirst = new Set(decls.filter((d) => [...d.vars.values()].some((v) => v.init?.kind === 'composite')).map((d) => d.file));
    const order = [...sources.keys()].sort((a, b) => Number(dataFirst.has(b)) - Number(dataFirst.has(a)));
    const packageData = new Map<string, Value>();
    for (const file of order) {
      const source = sources.get(file)!;
      if (!routing.has(dirname(file)) && !world.importsOf(file).some((p) => routing.has(p))) continue;
      try {
        withTree(parser, source, (tree) => new GoFileEvaluator(world, graph, file, dirname(file), packageData).evaluateFile(tree));
      } catch (e) {
        // a pathological file (expressions nested past the stack) loses its own routes, not the scan's
        if (!(e instanceof RangeError)) throw e;
      }
    }
    return graph.link((file) => relative(root, file));
  } finally {
    parser.delete();
  }
}
