import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goScanner } from './go/go-scanner.js';
import { javascriptScanner } from './javascript-scanner.js';
import { pythonScanner } from './python/index.js';
import { springScanner } from './java/spring-scanner.js';
import { railsScanner } from './ruby/rails-scanner.js';
import type { LanguageScanner } from './language-scanner.js';
import type { CodeRoute } from './route-model.js';

// `vigil scan-code`: every route a code base declares, from real parsers per language (the TypeScript compiler for
// JavaScript/TypeScript, tree-sitter grammars for the rest), with router prefixes and mounts resolved across files.

export const SCANNERS: readonly LanguageScanner[] = [javascriptScanner, pythonScanner, springScanner, railsScanner, goScanner];

const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'vendor', 'venv', '__pycache__', 'target', 'out']);
const MAX_FILES = 50_000;

export interface ScanProgress {
  /** Files to read, known before the first is read. */
  total: number;
  done: number;
  file: string;
}

export interface ScanOptions {
  onProgress?: (p: ScanProgress) => void;
}

export function sourceFiles(dir: string, accepts: (file: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (out.length >= MAX_FILES) break;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) sourceFiles(p, accepts, out);
    } else if (entry.isFile() && accepts(p)) out.push(p);
  }
  return out;
}

export async function scanCode(directory: string, options: ScanOptions = {}): Promise<CodeRoute[]> {
  const dir = resolve(directory);
  const byScanner = new Map<LanguageScanner, string[]>(SCANNERS.map((s) => [s, []]));
  const files = sourceFiles(dir, (f) => SCANNERS.some((s) => s.accepts(f)));
  for (const f of files) for (const s of SCANNERS) if (s.accepts(f)) byScanner.get(s)!.push(f);
  let done = 0;
  const progress = (file: string): void => options.onProgress?.({ total: files.length, done: ++done, file });
  const out: CodeRoute[] = [];
  for (const [scanner, list] of byScanner) if (list.length > 0) out.push(...(await scanner.scan(list, dir, progress)));
  return out.sort((a, b) => (a.file === b.file ? a.line - b.line || (a.method < b.method ? -1 : 1) : a.file < b.file ? -1 : 1));
}
