import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SpecDocument } from './parse-document.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export const SPEC_ID = 'https://spec.vigil.invalid/openapi.json';

/**
 * Two Ajv instances over one (normalised) document: parameters and form fields arrive as strings and are coerced
 * (`coerceTypes: 'array'` also turns a repeated scalar into a type error), JSON bodies are typed and are not.
 */
export class SpecValidators {
  private readonly coercing: Ajv2020;
  private readonly strict: Ajv2020;

  constructor(doc: SpecDocument, formats: Iterable<string>) {
    const common = { strict: false, allErrors: false, validateSchema: false, logger: false, addUsedSchema: false } as const;
    this.coercing = new Ajv2020({ ...common, coerceTypes: 'array' });
    this.strict = new Ajv2020({ ...common });
    for (const ajv of [this.coercing, this.strict]) {
      addFormats(ajv);
      for (const f of formats) if (!(f in ajv.formats)) ajv.addFormat(f, true);
      ajv.addSchema(doc, SPEC_ID);
    }
  }

  /** A validator for a schema that may $ref into the document (by `#/…` pointers). */
  compile(schema: object, coerce: boolean): ValidateFunction {
    return (coerce ? this.coercing : this.strict).compile(schema);
  }
}

/** A `$ref` to the schema at a JSON pointer of the document, usable inside synthesised schemas. */
export function refTo(pointer: string): { $ref: string } {
  return { $ref: `${SPEC_ID}#${pointer.split('/').map(encodeURIComponent).join('/')}` };
}
