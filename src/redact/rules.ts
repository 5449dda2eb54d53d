import type { RedactionConfig } from '../config/types.js';
import { unsafePatternProblem } from './safe-regex.js';

/** What the redactor hides, compiled once from the config's `redaction` section and the built-in defaults. */
export interface RedactionRules {
  /** Lower-case header names whose whole value is secret. */
  secretHeaders: Set<string>;
  /** Name fragments (lower-case, without - _ . or spaces) that make a field, parameter or cookie secret. */
  secretNameFragments: string[];
  /** Whole names (normalised like fragments) that are secret only as a whole (short ones: pin, cvv). */
  secretNames: Set<string>;
  /** Extra value patterns (global), from the config. */
  patterns: { name: string; regex: RegExp }[];
  replacement: string;
}

export const DEFAULT_SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
];

export const DEFAULT_SECRET_NAME_FRAGMENTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'authorization',
  'sessionid',
  'cardnumber',
  'creditcard',
  'signature',
];

export const DEFAULT_SECRET_NAMES = ['pwd', 'pass', 'pin', 'cvv', 'cvc', 'cvv2', 'otp', 'ssn', 'sid', 'session', 'auth', 'key', 'jwt', 'pan'];

export function normaliseName(name: string): string {
  let out = '';
  for (const ch of name.toLowerCase()) if (ch !== '-' && ch !== '_' && ch !== '.' && ch !== ' ') out += ch;
  return out;
}

export class RedactionRuleError extends Error {}

export function compileRedactionRules(cfg: RedactionConfig | undefined): RedactionRules {
  const patterns = (cfg?.patterns ?? []).map((p, i) => {
    const problem = unsafePatternProblem(p.regex);
    if (problem) throw new RedactionRuleError(`redaction.patterns[${i}] (${p.name}): ${problem}`);
    return { name: p.name, regex: new RegExp(p.regex, 'g') };
  });
  return {
    secretHeaders: new Set([...DEFAULT_SECRET_HEADERS, ...(cfg?.headers ?? []).map((h) => h.toLowerCase())]),
    secretNameFragments: [...DEFAULT_SECRET_NAME_FRAGMENTS, ...(cfg?.fields ?? []).map(normaliseName)],
    secretNames: new Set(DEFAULT_SECRET_NAMES),
    patterns,
    replacement: cfg?.replacement ?? '[REDACTED]',
  };
}
