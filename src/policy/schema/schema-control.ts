import { firstHeader, type Exchange } from '../../exchange/exchange.js';
import { mediaType, queryParams, requestBody } from '../../exchange/body.js';
import type { SchemaRuleConfig } from '../../config/types.js';
import type { CheckResult, Control } from '../../pipeline/control.js';
import { safeName, snippet } from './evidence.js';
import type { CompiledMedia, CompiledOperation, LoadedSpec, ParamGroup } from './loaded-spec.js';
import { formValues, groupPairs, headerValues, pathValues, queryValues } from './request-values.js';
import { bodyRefusal, paramRefusal } from './validation-error.js';

/**
 * Positive security from an API description: the request must be an operation of the spec (optionally),
 * with valid path, query and header parameters and a body matching the declared media type and schema.
 */
export function createSchemaControl(rule: SchemaRuleConfig, spec: LoadedSpec, mode: 'enforce' | 'monitor'): Control {
  const unknownEndpoints = rule.unknown_endpoints === true;
  const unknownParameters = rule.unknown_parameters === true;
  return {
    id: 'schema',
    phase: 'body',
    mode,
    check(ex): CheckResult {
      const m = spec.match(ex.request.method, ex.request.path);
      if (m.kind === 'unknown-path') {
        if (!unknownEndpoints) return undefined;
        return { rule: 'schema.unknown-endpoint', message: 'no operation of the API matches this path', location: 'path', evidence: snippet(ex.request.path), status: 404 };
      }
      if (m.kind === 'method-not-allowed') {
        if (!unknownEndpoints || isPreflight(ex, m.allowed)) return undefined;
        return {
          rule: 'schema.method-not-allowed',
          message: `method not allowed on ${m.template} (allowed: ${m.allowed.join(', ')})`,
          location: 'method',
          evidence: snippet(ex.request.method),
          status: 405,
        };
      }
      return checkOperation(ex, m.operation, m.params, unknownParameters);
    },
  };
}

/** A CORS preflight for a method the path has: the spec rarely declares OPTIONS, and refusing it breaks browsers. */
function isPreflight(ex: Exchange, allowed: string[]): boolean {
  if (ex.request.method.toUpperCase() !== 'OPTIONS') return false;
  const requested = firstHeader(ex.request.headers, 'access-control-request-method');
  return requested !== undefined && allowed.includes(requested.trim().toUpperCase());
}

function validateGroup(group: ParamGroup, kind: 'path' | 'query' | 'header', data: Record<string, unknown>): CheckResult {
  if (!group.validate || group.validate(data)) return undefined;
  return paramRefusal(kind, group.validate.errors![0]!, data);
}

function checkOperation(ex: Exchange, op: CompiledOperation, matched: Record<string, string>, unknownParameters: boolean): CheckResult {
  const pathRefusal = validateGroup(op.path, 'path', pathValues(op.path.params, matched));
  if (pathRefusal) return pathRefusal;
  const pairs = queryParams(ex);
  if (unknownParameters && !op.openQuery) {
    for (const [name] of pairs) {
      if (op.queryNames.has(name) || op.deepObjectNames.some((d) => name.startsWith(`${d}[`))) continue;
      return { rule: 'schema.query.unknown', message: `query parameter "${safeName(name)}" is not declared`, location: `query:${safeName(name)}`, status: 400 };
    }
  }
  if (op.query.params.length > 0) {
    const refusal = validateGroup(op.query, 'query', queryValues(op.query.params, groupPairs(pairs)));
    if (refusal) return refusal;
  }
  const headerRefusal = validateGroup(op.header, 'header', headerValues(op.header.params, ex));
  if (headerRefusal) return headerRefusal;
  return checkBody(ex, op, unknownParameters);
}

function findMedia(media: CompiledMedia[], type: string): CompiledMedia | undefined {
  const family = `${type.slice(0, type.indexOf('/') + 1)}*`;
  return media.find((m) => m.type === type) ?? media.find((m) => m.type === family) ?? media.find((m) => m.type === '*/*');
}

function checkBody(ex: Exchange, op: CompiledOperation, unknownParameters: boolean): CheckResult {
  const parsed = requestBody(ex);
  if (!op.body) {
    if (parsed.kind === 'none' || !unknownParameters) return undefined;
    return { rule: 'schema.body.unexpected', message: 'this operation takes no request body', location: 'body', status: 400 };
  }
  if (parsed.kind === 'none') {
    return op.body.required ? { rule: 'schema.body.missing', message: 'a request body is required', location: 'body', status: 400 } : undefined;
  }
  const type = mediaType(ex);
  const media = op.body.media.length === 0 ? undefined : findMedia(op.body.media, type);
  if (op.body.media.length > 0 && !media)
    return {
      rule: 'schema.body.unsupported-media-type',
      message: `content type not accepted (accepted: ${op.body.media.map((m) => m.type).join(', ')})`,
      location: 'header:content-type',
      evidence: snippet(type),
      status: 415,
    };
  // a body cut at the inspection limit cannot be validated; its size is the limits control's business
  if (!media?.validate || ex.request.bodyTruncated) return undefined;
  if (parsed.kind === 'invalid')
    return { rule: 'schema.body.invalid-json', message: 'the request body is not valid JSON', location: 'body', status: 400 };
  if (parsed.kind === 'json' && media.kind === 'json') {
    if (media.coerce) {
      // Swagger 2.0 form fields sent as JSON: validate a copy, since coercion rewrites values
      const copy = structuredClone(parsed.value);
      return media.validate(copy) ? undefined : bodyRefusal(media.validate.errors![0]!, copy);
    }
    return media.validate(parsed.value) ? undefined : bodyRefusal(media.validate.errors![0]!, parsed.value);
  }
  if (parsed.kind === 'form' && media.coerce) {
    const data = formValues(parsed.fields);
    return media.validate(data) ? undefined : paramRefusal('form', media.validate.errors![0]!, data);
  }
  return undefined;
}
