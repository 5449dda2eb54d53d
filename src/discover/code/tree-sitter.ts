import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

// Parsers for the non-JavaScript languages scan-code reads, from the WASM grammars VS Code ships on npm
// (@vscode/tree-sitter-wasm: one runtime and the grammars built against it, so versions always match).

export type SyntaxNode = TreeSitter.Node;
export type TreeSitterLanguage = 'python' | 'go' | 'java' | 'ruby';

const require = createRequire(import.meta.url);
const runtime = require('@vscode/tree-sitter-wasm') as typeof TreeSitter;
const wasmDir = dirname(require.resolve('@vscode/tree-sitter-wasm'));

let ready: Promise<void> | undefined;
const languages = new Map<TreeSitterLanguage, Promise<TreeSitter.Language>>();

/** A parser for one language; the runtime and each grammar are loaded once per process. */
export async function parserFor(language: TreeSitterLanguage): Promise<TreeSitter.Parser> {
  ready ??= runtime.Parser.init();
  await ready;
  let lang = languages.get(language);
  if (!lang) {
    lang = runtime.Language.load(join(wasmDir, `tree-sitter-${language}.wasm`));
    languages.set(language, lang);
  }
  const parser = new runtime.Parser();
  parser.setLanguage(await lang);
  return parser;
}

/** Parse a source text; the caller owns the tree only for the callback (WASM memory is freed after). */
export function withTree<T>(parser: TreeSitter.Parser, source: string, use: (root: SyntaxNode) => T): T {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** 1-based line of a node, as editors and CodeRoute report it. */
export function lineOf(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}
