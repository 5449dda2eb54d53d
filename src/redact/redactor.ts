import type { Headers } from '../exchange/exchange.js';
import type { JsonValue } from '../exchange/body.js';
import { maskCardNumbers, mayHoldCardNumber } from './card-numbers.js';
import { normaliseName, type RedactionRules } from './rules.js';

// Removes secrets from everything Vigil writes or sends: header values, query strings, JSON and form bodies,
// free text (logs, evidence). Patterns have no nested quantifiers; the card scan is a linear loop.

const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const AUTH_SCHEME = /\b(Bearer|Basic|Digest|Token|ApiKey)([ \t]{1,8})([A-Za-z0-9._~+/=-]{6,})/gi;
const KNOWN_KEYS = /\b(?:AKIA[0-9A-Z]{16}|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,})/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[^-]{0,8192}(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g;
// key = value / "key": "value" / key: value in free text (also truncated JSON and form bodies that were not parsed)
const KEY_VALUE = /["']?([A-Za-z][A-Za-z0-9_.-]{0,63})["']?[ \t]{0,4}[:=][ \t]{0,4}/g;

export class Redactor {
  constructor(readonly rules: RedactionRules) {}

  /** Names repeat (headers, parameters, JSON keys): answers are cached, the cache is bounded. */
  private readonly nameCache = new Map<string, boolean>();

  isSecretName(name: string): boolean {
    const cached = this.nameCache.get(name);
    if (cached !== undefined) return cached;
    const n = normaliseName(name);
    let secret = this.rules.secretNames.has(n);
    for (const f of this.rules.secretNameFragments) if (!secret && n.includes(f)) secret = true;
    if (this.nameCache.size >= 4096) this.nameCache.clear();
    if (name.length <= 64) this.nameCache.set(name, secret);
    return secret;
  }

  /** Secret-looking values in free text: tokens, keys, card numbers, `password=...` pairs and configured patterns. */
  text(s: string): string {
    if (s.length < 6) return s;
    const r = this.rules.replacement;
    let out = s;
    if (out.includes('eyJ')) out = out.replace(JWT, r);
    if (out.includes(' ') || out.includes('\t')) out = out.replace(AUTH_SCHEME, (_m, scheme: string, sp: string) => `${scheme}${sp}${r}`);
    out = out.replace(KNOWN_KEYS, r);
    if (out.includes('-----BEGIN')) out = out.replace(PRIVATE_KEY, r);
    if (out.includes('=') || out.includes(':')) out = this.keyValues(out);
    if (mayHoldCardNumber(out)) out = maskCardNumbers(out, r);
    for (const p of this.rules.patterns) out = out.replace(p.regex, r);
    return out;
  }

  /** Replaces the value after every `secretname=` or `"secretname": ` in text. */
  private keyValues(s: string): string {
    const r = this.rules.replacement;
    let out = '';
    let copied = 0;
    KEY_VALUE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = KEY_VALUE.exec(s)) !== null) {
      if (!this.isSecretName(m[1]!)) continue;
      const valueStart = m.index + m[0].length;
      const valueEnd = endOfValue(s, valueStart);
      if (valueEnd === valueStart) continue;
      const quoted = s[valueStart] === '"' || s[valueStart] === "'";
      out += s.slice(copied, valueStart) + (quoted ? `${s[valueStart]}${r}${s[valueStart]}` : r);
      copied = valueEnd;
      KEY_VALUE.lastIndex = valueEnd;
    }
    return copied === 0 ? s : out + s.slice(copied);
  }

  headers(h: Headers): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(h)) {
      if (value === undefined) continue;
      out[name] = Array.isArray(value) ? value.map((v) => this.header(name, v)) : this.header(name, value);
    }
    return out;
  }

  header(name: string, value: string): string {
    const r = this.rules.replacement;
    if (name === 'cookie') return this.cookies(value, ';');
    if (name === 'set-cookie') {
      const eq = value.indexOf('=');
      const semi = value.indexOf(';');
      return eq < 0 ? r : `${value.slice(0, eq + 1)}${r}${semi > eq ? value.slice(semi) : ''}`;
    }
    if (name === 'authorization' || name === 'proxy-authorization') {
      const space = value.indexOf(' ');
      return space > 0 && space < 16 ? `${value.slice(0, space)} ${r}` : r;
    }
    if (this.rules.secretHeaders.has(name) || this.isSecretName(name)) return r;
    return this.text(value);
  }

  /** Cookie names are kept (they tell what the client sent); every value is hidden. */
  private cookies(value: string, sep: string): string {
    const r = this.rules.replacement;
    return value
      .split(sep)
      .map((part) => {
        const eq = part.indexOf('=');
        return eq < 0 ? part : `${part.slice(0, eq + 1)}${r}`;
      })
      .join(sep);
  }

  /** A raw query string (or form body): secret parameters lose their value; the others are scanned as text. */
  query(q: string): string {
    if (!q) return q;
    const r = encodeURIComponent(this.rules.replacement);
    return q
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const rawName = eq < 0 ? pair : pair.slice(0, eq);
        if (eq < 0) return this.text(pair);
        if (this.isSecretName(decodeLenient(rawName))) return `${rawName}=${r}`;
        const rawValue = pair.slice(eq + 1);
        const decoded = decodeLenient(rawValue);
        const redacted = this.text(decoded);
        return redacted === decoded ? pair : `${rawName}=${encodeURIComponent(redacted)}`;
      })
      .join('&');
  }

  /** A JSON value with secret fields replaced and every string scanned. */
  json(v: JsonValue): JsonValue {
    if (typeof v === 'string') return this.text(v);
    if (Array.isArray(v)) return v.map((x) => this.json(x));
    if (v !== null && typeof v === 'object') {
      const out: { [k: string]: JsonValue } = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.isSecretName(k) && x !== null ? this.rules.replacement : this.json(x);
      return out;
    }
    return v;
  }

  /**
   * A body as stored: redacted by its media type, then cut to `maxChars`. `complete` is false when the
   * captured bytes are only the head of the body (then JSON is scanned as text).
   */
  body(body: Buffer, mediaType: string, complete: boolean, maxChars: number): string {
    // scan a little past the cut so that a secret across the boundary is still recognised
    const head = body.subarray(0, maxChars + 512).toString('utf8');
    const whole = complete && body.length <= maxChars + 512;
    let redacted: string;
    if (whole && (mediaType === 'application/json' || mediaType.endsWith('+json'))) {
      try {
        redacted = JSON.stringify(this.json(JSON.parse(head) as JsonValue));
      } catch {
        redacted = this.text(head);
      }
    } else if (mediaType === 'application/x-www-form-urlencoded') redacted = this.query(head);
    else redacted = this.text(head);
    return redacted.length > maxChars ? redacted.slice(0, maxChars) : redacted;
  }
}

function decodeLenient(s: string): string {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** End of a value in free text: a quoted string (with escapes) or up to a delimiter. */
function endOfValue(s: string, start: number): number {
  const q = s[start];
  if (q === '"' || q === "'") {
    for (let i = start + 1; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === q) return i + 1;
    }
    return s.length;
  }
  let i = start;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '&' || c === ',' || c === ';' || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '}' || c === ']' || c === '"' || c === "'" || c === '<') break;
    i++;
  }
  return i;
}
