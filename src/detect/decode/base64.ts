import { registerTransform } from './transform.js';

/** Decodes a value that is clearly base64 (only base64 characters, length ≥ 16, decodes to mostly printable text); else returns it. */
export function base64Decode(s: string): string {
  const t = s.trim();
  if (t.length < 16 || t.length > 1 << 20) return s;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95 || (c === 61 && i >= t.length - 2);
    if (!ok) return s;
  }
  const text = Buffer.from(t, 'base64').toString('latin1');
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9) printable++;
  }
  return text.length > 0 && printable / text.length > 0.9 ? text : s;
}

registerTransform({ name: 'base64', apply: base64Decode });
