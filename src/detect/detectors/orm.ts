import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';

// ORM filter injection: parameter names that an API hands to a Django-style ORM as filter keyword arguments
// (field__relation__lookup). A client that may choose the names can walk relations to fields it should never filter
// on (password__startswith=a leaks a hash one character at a time). One ordinary lookup (name__icontains) is how
// filter APIs work, so it only counts at paranoia 2; sensitive fields and long relation walks count more.

const LOOKUPS = new Set(['exact', 'iexact', 'contains', 'icontains', 'in', 'gt', 'gte', 'lt', 'lte', 'startswith', 'istartswith', 'endswith', 'iendswith', 'range', 'isnull', 'regex', 'iregex', 'has_key', 'has_keys', 'has_any_keys', 'contained_by', 'overlap', 'search', 'date', 'year', 'month', 'day', 'week_day', 'hour', 'minute', 'second', 'len', 'keys', 'values', 'unaccent', 'trigram_similar']);
const SENSITIVE = /^(?:password|passwd|pass|pwd|password_hash|hash|salt|secret|secret_key|token|api_key|apikey|access_token|refresh_token|session|session_key|otp|totp|otp_secret|mfa_secret|private_key|is_admin|is_staff|is_superuser|reset_token|activation_key)$/;
const SHAPE = /^[a-z_][a-z0-9_]{0,40}(?:__[a-z_][a-z0-9_]{0,40}){1,12}$/;

const detector: Detector = {
  category: 'orm',
  namesAreItsInput: true,
  triggers: C.ALNUM,
  plainMin: 5,
  kinds: ['query-key', 'body-key'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (v.decoded.length > 300 || v.decoded.indexOf('__') <= 0) return;
    const s = v.lower;
    if (!SHAPE.test(s)) return;
    const parts = s.split('__');
    const lookup = parts[parts.length - 1]!;
    if (!LOOKUPS.has(lookup)) return;
    const fields = parts.slice(0, -1);
    if (fields.some((f) => SENSITIVE.test(f))) return hit(ctx, 'orm.sensitive-lookup', 5, s);
    if (fields.length >= 3) return hit(ctx, 'orm.relation-walk', 4, s);
    hit(ctx, 'orm.lookup', 3, s, 2);
  },
};

registerDetector(detector);
