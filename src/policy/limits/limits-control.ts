import type { LimitsConfig } from '../../config/types.js';
import type { Control } from '../../pipeline/control.js';
import { firstHeader } from '../../exchange/exchange.js';
import { mediaType } from '../../exchange/body.js';

/**
 * Method allowlist and size limits, checked on the request head. A body without Content-Length (chunked) is
 * measured while it streams by the gateway against the same max_body_bytes.
 */
export function createLimitsControl(rule: LimitsConfig, mode: 'enforce' | 'monitor'): Control | undefined {
  const methods = rule.methods ? new Set(rule.methods) : undefined;
  const types = rule.content_types ? new Set(rule.content_types.map((t) => t.toLowerCase())) : undefined;
  const { max_body_bytes: maxBody, max_header_bytes: maxHeader, max_url_bytes: maxUrl } = rule;
  if (!methods && !types && maxBody === undefined && maxHeader === undefined && maxUrl === undefined) return undefined;
  return {
    id: 'limits',
    phase: 'headers',
    mode,
    check(ex) {
      const req = ex.request;
      if (methods && !methods.has(req.method))
        return { rule: 'limits.method', message: `method ${req.method} is not allowed on this route`, location: 'method', status: 405 };
      if (maxUrl !== undefined && req.url.length > maxUrl)
        return { rule: 'limits.url-size', message: `request target longer than ${maxUrl} bytes`, location: 'url', status: 414 };
      if (maxHeader !== undefined) {
        let size = 0;
        for (const [k, v] of Object.entries(req.headers)) {
          if (v === undefined) continue;
          for (const one of Array.isArray(v) ? v : [v]) size += k.length + one.length + 4;
        }
        if (size > maxHeader)
          return { rule: 'limits.header-size', message: `headers larger than ${maxHeader} bytes`, location: 'headers', status: 431 };
      }
      const length = Number(firstHeader(req.headers, 'content-length') ?? 0);
      if (maxBody !== undefined && length > maxBody)
        return { rule: 'limits.body-size', message: `body larger than ${maxBody} bytes`, location: 'body', status: 413 };
      const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
      if (types && hasBody && !types.has(mediaType(ex)))
        return { rule: 'limits.content-type', message: 'content type is not allowed on this route', location: 'header:content-type', status: 415 };
      return undefined;
    },
  };
}
