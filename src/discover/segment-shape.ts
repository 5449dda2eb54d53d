// What a single path segment looks like. Identifier shapes become parameters at once; fixed names (versions,
// RPC method names, file names) never do; plain words are left to the sibling-cardinality rule in templating.ts.

export type SegmentShape =
  | 'integer'
  | 'uuid'
  | 'date'
  | 'email'
  | 'prefixed-id'
  | 'hex'
  | 'phone'
  | 'hostname'
  | 'ipv4'
  | 'base62'
  | 'base64'
  | 'slug-with-digits'
  | 'alphanumeric'
  | 'version'
  | 'rpc-name'
  | 'file-name'
  | 'word';

const INTEGER = /^-?\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[^@\s/]+@[^@\s/]+\.[a-z]{2,}$/i;
// Twilio SIDs (CH + 32 hex), Stripe-style ids (cus_…, pi_…)
const TWILIO_SID = /^[A-Z]{2}[0-9a-f]{32}$/;
const UNDERSCORE_PREFIXED = /^[a-z]{2,6}_[A-Za-z0-9]{10,}$/;
const HEX = /^[0-9a-f]{12,}$/i;
const PHONE = /^\+\d{7,15}$/;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const HOSTNAME = /^(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|co|uk|de|fr|eu|biz|us|ai|cloud)$/i;
const ALNUM = /^[A-Za-z0-9]+$/;
const BASE64ISH = /^[A-Za-z0-9_-]{16,}={0,2}$/;
const SLUG = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+$/;
const VERSION = /^v\d+(?:\.\d+)*(?:(?:alpha|beta|rc)\d*)?$/i;
// chat.postMessage, admin.users.session.reset, conversations.list
const RPC_NAME = /^[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)+$/;
const FILE_NAME = /^[A-Za-z][\w-]*\.(?:json|xml|csv|html?|txt|yaml|yml|js|css|png|jpe?g|gif|svg|ico|pdf|php|aspx?)$/i;
const CAMEL_WORD = /^[A-Za-z][a-z]+(?:[A-Z][a-z]+)*$/;

function digits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function uppers(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) n++;
  }
  return n;
}

export function segmentShape(s: string): SegmentShape {
  if (INTEGER.test(s)) return 'integer';
  if (UUID.test(s)) return 'uuid';
  if (DATE.test(s)) return 'date';
  if (EMAIL.test(s)) return 'email';
  if (TWILIO_SID.test(s) || UNDERSCORE_PREFIXED.test(s)) return 'prefixed-id';
  const d = digits(s);
  if (HEX.test(s) && d > 0) return 'hex';
  if (PHONE.test(s)) return 'phone';
  if (IPV4.test(s)) return 'ipv4';
  if (VERSION.test(s)) return 'version';
  if (FILE_NAME.test(s)) return 'file-name';
  if (HOSTNAME.test(s)) return 'hostname';
  if (RPC_NAME.test(s)) return 'rpc-name';
  if (ALNUM.test(s)) {
    if (s.length >= 16 && (d > 0 || (uppers(s) >= 3 && !CAMEL_WORD.test(s)))) return 'base62';
    if (s.length >= 8 && d >= 2 && s.length - d >= 2) return 'alphanumeric';
    return d > 0 && s.length - d > 0 && d >= s.length / 2 ? 'alphanumeric' : 'word';
  }
  const mixedCase = uppers(s) > 0 && /[a-z]/.test(s);
  if (BASE64ISH.test(s) && d > 0 && (mixedCase || !SLUG.test(s))) return 'base64';
  if (SLUG.test(s) && d > 0) return 'slug-with-digits';
  return 'word';
}

/**
 * Shapes that identify one resource among many: always a parameter. Dates are not among them: a single date seen
 * again and again is a version (/2010-04-01/Accounts); two or more distinct dates at one place are values.
 */
export function isIdentifierShape(shape: SegmentShape): boolean {
  return shape !== 'version' && shape !== 'rpc-name' && shape !== 'file-name' && shape !== 'word' && shape !== 'date';
}

const EXTENSION = /^(.+)(\.[A-Za-z][A-Za-z0-9]{0,4})$/;

/** An identifier followed by a file extension (CA0123….json, 42.xml): the extension, else undefined. */
export function identifierSuffix(segment: string): { suffix: string; shape: SegmentShape } | undefined {
  const m = EXTENSION.exec(segment);
  if (!m) return undefined;
  const shape = segmentShape(m[1]!);
  return isIdentifierShape(shape) ? { suffix: m[2]!, shape } : undefined;
}

/** Shapes that name an operation or a version: never a parameter, however many siblings they have. */
export function isFixedNameShape(shape: SegmentShape): boolean {
  return shape === 'version' || shape === 'rpc-name' || shape === 'file-name';
}

/** Words that are static path segments in practice even beside identifiers (/users/me next to /users/{id}). */
const WELL_KNOWN_STATIC = new Set([
  'me', 'self', 'current', 'search', 'new', 'all', 'count', 'batch', 'bulk', 'export', 'import', 'latest', 'default',
  'settings', 'config', 'configuration', 'stats', 'health', 'status', 'login', 'logout', 'token', 'refresh', 'api',
]);

export function isWellKnownStatic(segment: string): boolean {
  return WELL_KNOWN_STATIC.has(segment.toLowerCase());
}

/** A JSON Schema format (or pattern hint) for a path parameter of this shape. */
export function shapeSchema(shapes: ReadonlySet<SegmentShape>): { type: string; format?: string } {
  const only = shapes.size === 1 ? [...shapes][0] : undefined;
  if (only === 'integer') return { type: 'integer' };
  if (only === 'uuid') return { type: 'string', format: 'uuid' };
  if (only === 'email') return { type: 'string', format: 'email' };
  if (only === 'ipv4') return { type: 'string', format: 'ipv4' };
  if (only === 'hostname') return { type: 'string', format: 'hostname' };
  return { type: 'string' };
}
