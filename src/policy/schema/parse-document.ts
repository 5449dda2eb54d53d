import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { SpecError } from './spec-error.js';

export type SpecDocument = Record<string, unknown>;

/** Reads a YAML or JSON file (JSON is YAML) into plain data, with the failing line in the error. */
export function readSpecDocument(file: string): SpecDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpecError(file, '', `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // JSON.parse is much faster on the large JSON specs and JSON is by far the common case for them
  if (/^\s*\{/.test(text)) {
    try {
      return asObject(file, JSON.parse(text));
    } catch (e) {
      if (e instanceof SpecError) throw e;
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    throw new SpecError(file, line ? `line ${line}` : '', `invalid YAML/JSON: ${err.message.split('\n')[0]}`);
  }
  return asObject(file, doc.toJS({ maxAliasCount: 1000 }));
}

function asObject(file: string, value: unknown): SpecDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SpecError(file, '', 'is not an OpenAPI document (the top level must be a mapping)');
  return value as SpecDocument;
}
