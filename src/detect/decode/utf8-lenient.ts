/**
 * Decodes bytes as UTF-8 the way a lax server would: overlong forms (%c0%ae for '.') decode to their code point,
 * and bytes that form no sequence stay as the Latin-1 character of the same value.
 */
export function decodeUtf8Lenient(bytes: number[]): string {
  let out = '';
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    let need = 0;
    let cp = 0;
    if (b >= 0xc0 && b < 0xe0) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b < 0xf0) {
      need = 2;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b < 0xf8) {
      need = 3;
      cp = b & 0x07;
    }
    let ok = need > 0 && i + need < n;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp <= 0x10ffff) {
      out += String.fromCodePoint(cp);
      i += need;
    } else out += String.fromCharCode(b);
  }
  return out;
}
