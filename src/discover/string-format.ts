// The JSON Schema format a string value has, if any.

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

export type StringFormat = 'date-time' | 'date' | 'email' | 'uuid' | 'uri' | 'ipv4';

export function stringFormat(s: string): StringFormat | undefined {
  if (s.length < 7 || s.length > 2048) return undefined;
  if (UUID.test(s)) return 'uuid';
  if (DATE_TIME.test(s)) return 'date-time';
  if (DATE.test(s)) return 'date';
  if (EMAIL.test(s)) return 'email';
  if (IPV4.test(s)) return 'ipv4';
  if (URI.test(s)) return 'uri';
  return undefined;
}
