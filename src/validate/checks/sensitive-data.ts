// Sensitive data classes and error leaks in response bodies.

export type DataClass = 'email' | 'card-number' | 'jwt' | 'secret';

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const SECRETS = [/AKIA[0-9A-Z]{16}/, /\bsk_live_[0-9A-Za-z]{10,}/, /-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----/, /"(?:password|passwd|secret|api_?key)"\s*:\s*"[^"]{3,}"/i];

/** Words in a spec's responses that declare a class as an intended part of the answer. */
const DECLARED_BY: Record<DataClass, RegExp> = {
  email: /email/,
  'card-number': /card|\bpan\b/,
  jwt: /token|jwt/,
  secret: /secret|password|api_?key/,
};

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Classes found in the text, each with a masked example (never the value itself). */
export function findSensitive(text: string): { cls: DataClass; example: string }[] {
  const out: { cls: DataClass; example: string }[] = [];
  const mask = (s: string) => (s.length <= 6 ? '***' : `${s.slice(0, 3)}…${s.slice(-2)} (${s.length} chars)`);
  const email = text.match(EMAIL)?.[0];
  if (email) out.push({ cls: 'email', example: mask(email) });
  const card = (text.match(CARD) ?? []).map((c) => c.replace(/[ -]/g, '')).find((d) => d.length >= 13 && luhn(d) && !/^(\d)\1+$/.test(d));
  if (card) out.push({ cls: 'card-number', example: mask(card) });
  const jwt = text.match(JWT)?.[0];
  if (jwt) out.push({ cls: 'jwt', example: mask(jwt) });
  const secret = SECRETS.map((r) => r.exec(text)?.[0]).find((x) => x !== undefined);
  if (secret) out.push({ cls: 'secret', example: mask(secret) });
  return out;
}

export function declared(cls: DataClass, responseText: string): boolean {
  return DECLARED_BY[cls].test(responseText);
}

const STACK = [
  /\n\s*at [\w$.<>[\] ]+ \(?(?:file:\/\/|\/|[A-Za-z]:\\|node:)[^)\n]*:\d+:\d+\)?/, // Node.js
  /Traceback \(most recent call last\)/, // Python
  /\n\s*at [\w$.]+\([\w$]+\.(?:java|kt|scala):\d+\)/, // JVM
  /\.php(?: on line |:)\d+/, // PHP
  /System\.[\w.]+Exception:|\bat [\w.]+ in [^\n]+:line \d+/, // .NET
  /\bgoroutine \d+ \[running\]/, // Go
];

/** A stack-trace excerpt, when the body carries one (JSON-escaped newlines are unescaped first). */
export function stackTrace(body: string): string | undefined {
  const text = body.replace(/\\n/g, '\n').replace(/\\\//g, '/');
  for (const r of STACK) {
    const m = r.exec(text);
    if (m) return m[0].trim().slice(0, 80);
  }
  return undefined;
}
