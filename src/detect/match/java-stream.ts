import { constants, gunzipSync } from 'node:zlib';

// A Java serialized object is the stream magic AC ED 00 05 followed by the stream's first element, a type code from
// TC_NULL (0x70) to TC_ENUM (0x7E) (an object is TC_OBJECT 0x73 then its class description, 0x72): the magic alone
// (rO0ABQ, the bare 4 bytes) carries no object. Found here in base64 at its three byte alignments, in base64 of gzip
// (H4sI...: JSF view state, compressed cookies) and in hex.

function base64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95;
}

/** The stream header at `off` of `b`: magic, a valid first type code, and at least one byte after it. */
function streamAt(b: Uint8Array, off: number): boolean {
  return b.length >= off + 6 && b[off] === 0xac && b[off + 1] === 0xed && b[off + 2] === 0 && b[off + 3] === 5 && b[off + 4]! >= 0x70 && b[off + 4]! <= 0x7e;
}

/** The bytes of the base64 run starting at `start`, at most `chars` characters of it. */
function decodeRun(s: string, start: number, chars: number): Buffer {
  let end = start;
  while (end < s.length && end - start < chars && base64Char(s.charCodeAt(end))) end++;
  return Buffer.from(s.slice(start, end), 'base64');
}

function tokenStart(s: string, i: number): boolean {
  return i === 0 || !base64Char(s.charCodeAt(i - 1));
}

/** Base64 markers of the magic: the characters it fixes at each alignment, and where the 4-character group starts. */
const MARKERS: readonly [marker: string, back: number, offset: number][] = [
  ['rO0AB', 0, 0],
  ['ztAA', 2, 1],
  ['s7QAF', 3, 2],
];

/** 2: the magic and a stream; 1: the magic's characters with nothing after them (rO0ABQ) or cut off; 0: neither. */
function base64Stream(s: string): number {
  let found = 0;
  for (const [marker, back, offset] of MARKERS) {
    for (let i = s.indexOf(marker), n = 0; i >= 0 && n < 8; i = s.indexOf(marker, i + 1), n++) {
      const g = i - back;
      // the other alignments only where a token starts: one or two bytes before the magic, not the middle of a blob
      if (offset === 0 || (g >= 0 && tokenStart(s, g))) found = 1;
      if (g < 0 || (offset > 0 && !tokenStart(s, g))) continue;
      if (streamAt(decodeRun(s, g, 16), offset)) return 2;
    }
  }
  return found;
}

/** Base64 of gzip (1F 8B 08 → H4sI) where a token starts, whose first inflated bytes are a stream header. */
function gzipStream(s: string): boolean {
  for (let i = s.indexOf('H4sI'), n = 0; i >= 0 && n < 4; i = s.indexOf('H4sI', i + 1), n++) {
    if (!tokenStart(s, i)) continue;
    try {
      // a prefix is enough for the first bytes (a sync flush accepts the cut); the output cap bounds a bomb
      const out = gunzipSync(decodeRun(s, i, 256), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 14 });
      if (streamAt(out, 0)) return true;
    } catch {
      // not gzip, or more output than a header needs: not a serialized stream we can see
    }
  }
  return false;
}

/** aced0005 then a type code byte and one more, in lower-case hex (2), or the magic alone (1). */
function hexStream(lower: string): number {
  for (let i = lower.indexOf('aced0005'), n = 0; i >= 0 && n < 8; i = lower.indexOf('aced0005', i + 1), n++) {
    const t = lower.charCodeAt(i + 9);
    if (lower[i + 8] === '7' && ((t >= 48 && t <= 57) || (t >= 97 && t <= 101)) && /^[0-9a-f]{2}/.test(lower.slice(i + 10, i + 12))) return 2;
  }
  return 1;
}

/**
 * A Java serialized object in a value, in base64, gzip-base64 or hex (raw bytes are checked by the caller): 2 when the
 * magic starts a stream, 1 when only the magic's characters are there (a probe, or a coincidence), 0 otherwise.
 */
export function javaSerializedText(decoded: string, lower: string): number {
  let found = 0;
  if (decoded.includes('rO0AB') || decoded.includes('ztAA') || decoded.includes('s7QAF')) found = base64Stream(decoded);
  if (found < 2 && decoded.includes('H4sI') && gzipStream(decoded)) found = 2;
  if (found < 2 && lower.includes('aced0005')) found = Math.max(found, hexStream(lower));
  return found;
}
