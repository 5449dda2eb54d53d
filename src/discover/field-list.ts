import type { InferredSchema } from './schema-inference.js';

// Every field of an inferred body as a flat list with the samples behind it: the confidence of each field.

export interface FieldConfidence {
  /** body:/user/email or response 200:/items/…/id, where array items are written as a star segment */
  location: string;
  types: string[];
  /** Objects that had the field … */
  samples: number;
  /** … out of the objects seen at that place. */
  of: number;
}

const MAX_FIELDS = 200;

export function fieldList(prefix: string, schema: InferredSchema, out: FieldConfidence[] = []): FieldConfidence[] {
  const walk = (s: InferredSchema, pointer: string): void => {
    for (const [name, p] of s.properties) {
      if (out.length >= MAX_FIELDS) return;
      const at = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      out.push({ location: `${prefix}:${at}`, types: [...p.types.keys()].sort(), samples: p.samples, of: s.objects });
      walk(p, at);
    }
    if (s.items) walk(s.items, `${pointer}/*`);
  };
  walk(schema, '');
  return out;
}
