import { SpecError } from './spec-error.js';
import type { SpecDocument } from './parse-document.js';

export interface Resolved<T> {
  value: T;
  /** JSON pointer of where the value lives in the document, e.g. /components/parameters/limit. */
  pointer: string;
}

export function escapePointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows `$ref` chains within the document; refs to other files or URLs are refused with a clear error. */
export class RefResolver {
  constructor(
    private readonly file: string,
    private readonly doc: SpecDocument,
  ) {}

  resolve<T>(value: T, pointer: string, where: string): Resolved<T> {
    let current: unknown = value;
    let at = pointer;
    for (let hops = 0; isRef(current); hops++) {
      if (hops > 32) throw new SpecError(this.file, where, '$ref chain is circular');
      const ref = current.$ref;
      if (!ref.startsWith('#')) throw new SpecError(this.file, where, `$ref "${ref}" points outside the document (only local refs are supported)`);
      at = decodeURIComponent(ref.slice(1));
      current = this.at(at);
      if (current === undefined) throw new SpecError(this.file, where, `$ref "${ref}" does not resolve`);
    }
    return { value: current as T, pointer: at };
  }

  /** The value at a JSON pointer, or undefined. */
  at(pointer: string): unknown {
    if (pointer === '' || pointer === '/') return pointer === '' ? this.doc : undefined;
    let node: unknown = this.doc;
    for (const raw of pointer.slice(1).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }
}

export function isRef(v: unknown): v is { $ref: string } {
  return typeof v === 'object' && v !== null && typeof (v as { $ref?: unknown }).$ref === 'string';
}
