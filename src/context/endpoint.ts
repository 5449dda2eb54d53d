import type { Exchange } from '../exchange/exchange.js';

// The endpoint an exchange addressed: the configured route template when one matched, else one inferred from the
// path by replacing identifier-like segments with {id}. Each identifier is named after the segment before it.

export interface Endpoint {
  /** METHOD /template */
  key: string;
  template: string;
  /** Path parameters: name → value. */
  params: Record<string, string>;
  /** Resource type of each parameter (the literal segment before it), e.g. id → orders. */
  paramTypes: Record<string, string>;
  segments: string[];
}

const HEX = /^[0-9a-f]+$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 20) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A path segment that names one object rather than a collection or an action. */
export function isIdSegment(s: string): boolean {
  if (isDigits(s)) return true;
  if (s.length === 36 && UUID.test(s)) return true;
  if (s.length >= 12 && s.length <= 64 && HEX.test(s)) return true;
  // mixed letters and digits, e.g. ord_8f3k2, ABC-12345
  if (s.length >= 6 && s.length <= 64) {
    let digits = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
    }
    return digits >= 2 && digits < s.length;
  }
  return false;
}

function singular(word: string): string {
  return word.endsWith('s') && word.length > 3 ? word.slice(0, -1) : word;
}

export function endpointOf(ex: Exchange): Endpoint {
  const method = ex.request.method;
  const path = ex.request.path;
  const raw = path === '/' ? [] : path.slice(1).split('/');
  if (ex.route.template) {
    const tpl = ex.route.template === '/' ? [] : ex.route.template.slice(1).split('/');
    const paramTypes: Record<string, string> = {};
    for (let i = 0; i < tpl.length; i++) {
      const seg = tpl[i]!;
      if (seg.startsWith('{')) paramTypes[seg.slice(1, seg.endsWith('*}') ? -2 : -1)] = singular(i > 0 ? tpl[i - 1]! : 'root');
    }
    return { key: `${method} ${ex.route.template}`, template: ex.route.template, params: ex.route.params, paramTypes, segments: tpl };
  }
  const segments: string[] = [];
  const params: Record<string, string> = {};
  const paramTypes: Record<string, string> = {};
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const seg = raw[i]!;
    if (isIdSegment(seg)) {
      const name = n === 0 ? 'id' : `id${n + 1}`;
      n++;
      params[name] = seg;
      paramTypes[name] = singular(i > 0 ? raw[i - 1]!.toLowerCase() : 'root');
      segments.push(`{${name}}`);
    } else segments.push(seg.toLowerCase());
  }
  const template = '/' + segments.join('/');
  return { key: `${method} ${template}`, template, params, paramTypes, segments };
}
