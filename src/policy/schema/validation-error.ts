import type { ErrorObject } from 'ajv';
import type { Refusal } from '../../pipeline/control.js';
import { escapePointer, safeName, snippet, valueAt } from './evidence.js';

/** The property an error is about, when Ajv names it in params rather than in the instance path. */
function namedProperty(err: ErrorObject): string | undefined {
  const p = err.params as { missingProperty?: unknown; additionalProperty?: unknown; propertyName?: unknown };
  const name = p.missingProperty ?? p.additionalProperty ?? p.propertyName;
  return typeof name === 'string' ? name : undefined;
}

/** The first Ajv error on a parameter group (an object keyed by parameter name) as a refusal: query:limit. */
export function paramRefusal(group: 'path' | 'query' | 'header' | 'form', err: ErrorObject, data: Record<string, unknown>): Refusal {
  const [first] = err.instancePath.slice(1).split('/');
  const name = (first ? first.replace(/~1/g, '/').replace(/~0/g, '~') : namedProperty(err)) ?? '';
  const missing = err.keyword === 'required';
  const what = group === 'form' ? 'form field' : group === 'path' ? 'path parameter' : `${group} parameter`;
  return {
    rule: missing ? `schema.${group}.missing` : `schema.${group}.invalid`,
    message: missing ? `required ${what} "${safeName(name)}" is missing` : `${what} "${safeName(name)}" ${err.message ?? 'is invalid'}`,
    location: `${group === 'form' ? 'body' : group}:${safeName(name)}`,
    status: 400,
    ...(missing ? {} : { evidence: snippet(valueAt(data, err.instancePath)) }),
  };
}

/** The first Ajv error on a JSON body as a refusal located by JSON pointer: body:/items/0/qty. */
export function bodyRefusal(err: ErrorObject, data: unknown): Refusal {
  const property = err.keyword === 'required' || err.keyword === 'additionalProperties' ? namedProperty(err) : undefined;
  const pointer = property !== undefined ? `${err.instancePath}/${escapePointer(property)}` : err.instancePath;
  return {
    rule: err.keyword === 'required' ? 'schema.body.missing-property' : err.keyword === 'additionalProperties' ? 'schema.body.unknown-property' : 'schema.body.invalid',
    message: `request body ${safeName(pointer || '/')} ${err.message ?? 'is invalid'}`,
    location: `body:${safeName(pointer || '/')}`,
    status: 400,
    ...(err.keyword === 'required' ? {} : { evidence: snippet(valueAt(data, pointer)) }),
  };
}
