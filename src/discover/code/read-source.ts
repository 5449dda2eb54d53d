import { readFileSync } from 'node:fs';

// A source file's text for a scanner, or undefined when it cannot be read or is too large to be hand-written code
// (generated bundles): the scan goes on without it.

const MAX_SOURCE_BYTES = 2_000_000;

export function readSource(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length <= MAX_SOURCE_BYTES ? text : undefined;
  } catch {
    return undefined;
  }
}
