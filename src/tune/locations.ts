// Finding locations generalised into exclusion patterns: the parts of a location that name one item (an array
// index, a record id used as a key) become `*`, so one exclusion covers the field wherever it appears.
// `body:/widgets/3/query` → `body:/widgets/*/query`; `query:filter[42][name]` → `query:filter[*][name]`.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_ID = /^[0-9a-f]{12,64}$/i;
const TOKEN_ID = /^[A-Za-z0-9_-]{20,128}$/;

/** A name that identifies one item rather than a field: an index, a UUID, a hex or opaque id. */
export function isIdLike(segment: string): boolean {
  if (segment.length === 0 || segment.length > 128) return false;
  if (/^\d+$/.test(segment)) return true;
  if (UUID.test(segment)) return true;
  if (HEX_ID.test(segment) && /\d/.test(segment)) return true;
  return TOKEN_ID.test(segment) && /\d/.test(segment) && /[A-Za-z]/.test(segment) && /\d.*\d.*\d/.test(segment);
}

/** `filter[42][name]` → `filter[*][name]`; a name that is itself an id → `*`. */
function generaliseName(name: string): string {
  if (isIdLike(name)) return '*';
  let out = '';
  let i = 0;
  while (i < name.length) {
    const open = name.indexOf('[', i);
    if (open < 0) break;
    const close = name.indexOf(']', open + 1);
    if (close < 0) break;
    const inner = name.slice(open + 1, close);
    out += name.slice(i, open + 1) + (isIdLike(inner) ? '*' : inner) + ']';
    i = close + 1;
  }
  return out + name.slice(i);
}

/** A JSON pointer or XML path: each id-like segment becomes `*`. */
function generalisePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((s, i) => (i === 0 ? s : isIdLike(s) ? '*' : generaliseName(s)))
    .join('/');
}

/**
 * The exclusion pattern of a finding's location. Nested parts (`…>name`, `…:base64`) keep their suffix; only the
 * outer location is generalised.
 */
export function generaliseLocation(location: string): string {
  const nested = location.indexOf('>');
  const outer = nested < 0 ? location : location.slice(0, nested);
  const suffix = nested < 0 ? '' : location.slice(nested);
  const colon = outer.indexOf(':');
  if (colon < 0) return location;
  const kind = outer.slice(0, colon + 1);
  const rest = outer.slice(colon + 1);
  const general = rest.startsWith('/') ? generalisePointer(rest) : generaliseName(rest);
  return kind + general + suffix;
}
