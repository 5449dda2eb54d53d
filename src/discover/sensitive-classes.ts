import { luhnValid } from '../redact/card-numbers.js';

// Sensitive data classes recognised in one field: by the value's shape (with checksums where there are any) or by
// the field's name (passwords, addresses).

export type SensitiveClass = 'email' | 'phone' | 'card-number' | 'iban' | 'us-ssn' | 'jwt' | 'api-key' | 'password' | 'address';

const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[a-z]{2,}$/i;
// +44 20 7946 0958, +14155552671; (415) 555-2671, 415.555.2671; or any 7–15 digits in a phone-named field
const INTERNATIONAL_PHONE = /^\+[1-9][\d\s().-]{6,18}\d$/;
const NATIONAL_PHONE = /^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$/;
const PHONE_KEY = /phone|mobile|msisdn|(?:^|[_-])tel(?:$|[_-])|fax/i;
const CARD = /^\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,7}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9 ]{11,36}$/;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;
const JWT = /^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/;
const API_KEY_PATTERNS = [
  /^sk_(?:live|test)_[A-Za-z0-9]{16,}$/, // Stripe
  /^AKIA[0-9A-Z]{16}$/, // AWS access key id
  /^gh[pousr]_[A-Za-z0-9]{36,}$/, // GitHub
  /^xox[abposr]-[A-Za-z0-9-]{10,}$/, // Slack
  /^AIza[0-9A-Za-z_-]{35}$/, // Google
  /^SK[0-9a-f]{32}$/, // Twilio API key SID
];
const PASSWORD_KEY = /(?:^|[_-])(?:pass(?:word|wd|phrase)?|pwd)$|^password/i;
const SECRET_KEY = /(?:secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|private[_-]?key|client[_-]?secret)$/i;
const ADDRESS_KEY = /^(?:address|street|street[_-]?address|address[_-]?line[_-]?\d|postcode|postal[_-]?code|zip(?:[_-]?code)?)$/i;

export function ibanValid(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const part = code >= 65 ? String(code - 55) : ch;
    for (const d of part) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

function cardNumber(value: string): boolean {
  if (!CARD.test(value)) return false;
  const digits = value.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
}

function isPhone(key: string | undefined, v: string): boolean {
  const digits = v.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return false;
  if (INTERNATIONAL_PHONE.test(v) || NATIONAL_PHONE.test(v)) return true;
  return key !== undefined && PHONE_KEY.test(key) && /^[\d\s().+-]+$/.test(v);
}

/** The classes a field holds; `key` is the field's name (query, header or JSON property), if it has one. */
export function sensitiveClasses(key: string | undefined, value: string): SensitiveClass[] {
  const out: SensitiveClass[] = [];
  const v = value.trim();
  if (key && PASSWORD_KEY.test(key) && v) out.push('password');
  if (key && ADDRESS_KEY.test(key) && v) out.push('address');
  if (v.length < 6 || v.length > 4096) return out;
  if (EMAIL.test(v)) out.push('email');
  else if (JWT.test(v)) out.push('jwt');
  else if (cardNumber(v)) out.push('card-number');
  else if (IBAN.test(v) && ibanValid(v)) out.push('iban');
  else if (SSN.test(v)) out.push('us-ssn');
  else if (API_KEY_PATTERNS.some((p) => p.test(v)) || (key && SECRET_KEY.test(key) && v.length >= 12)) out.push('api-key');
  else if (isPhone(key, v)) out.push('phone');
  return out;
}
