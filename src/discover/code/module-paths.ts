import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Resolves a relative import specifier to a source file the way TypeScript and Node do (extensions, index files,
// `.js` specifiers naming `.ts` sources). Package imports resolve to undefined.

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function resolveModule(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base];
  const js = /\.([mc]?)js$/.exec(base);
  if (js) candidates.push(`${base.slice(0, -js[0].length)}.${js[1]}ts`);
  for (const e of EXTENSIONS) candidates.push(base + e);
  for (const e of EXTENSIONS) candidates.push(`${base}/index${e}`);
  return candidates.find(isFile);
}
