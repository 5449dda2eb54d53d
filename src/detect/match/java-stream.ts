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

/**
 * Base64 markers of the magic: the characters it fixes at each alignment (with the first character after it where
 * the marker is short), and where the 4-character group starts.
 */
const MARKERS: readonly [marker: string, back: number, offset: number][] = [
  ['rO0AB', 0, 0],
  ['ztAA', 2, 1],
  ['s7QAF', 3, 2],
];

/** What the base64 scan found: a stream (the magic then a type code), the magic leading a token, or the magic inside one. */
export const STREAM = 3;
export const LEADING_MAGIC = 2;
export const MAGIC = 1;

/** How far back from `i` the base64 token around it starts (at most 4 characters are looked at). */
function tokenOffset(s: string, i: number): number {
  let t = i;
  while (t > 0 && i - t < 4 && base64Char(s.charCodeAt(t - 1))) t--;
  return tokenStart(s, t) ? i - t : 4;
}

function base64Stream(s: string): number {
  let found = 0;
  for (const [marker, back, offset] of MARKERS) {
    for (let i = s.indexOf(marker), n = 0; i >= 0 && n < 8; i = s.indexOf(marker, i + 1), n++) {
      // the character after ztAA (24 bits) and rO0AB (30) fixes the rest of 00 05: U-X, and Q-Z or a-f
      if (offset === 1 && !/[U-X]/.test(s[i + 4] ?? '')) continue;
      const versioned = offset !== 0 || /[Q-Za-f]/.test(s[i + 5] ?? '');
      const g = i - back;
      // the magic where a token starts (its group cut anywhere before the marker: KztAAU, Cs7QAF, rO0ABQ): serialized
      // Java data, whatever follows; inside a long blob the same characters are a coincidence as often as not
      const lead = tokenOffset(s, i);
      found = Math.max(found, lead <= back && versioned ? LEADING_MAGIC : offset === 0 || (g >= 0 && tokenStart(s, g)) ? MAGIC : 0);
      if (g < 0 || (offset > 0 && !tokenStart(s, g))) continue;
      if (streamAt(decodeRun(s, g, 16), offset)) return STREAM;
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

/**
 * Whether one of the markers below is in the text: the base64 ones as written, gzip's H4sI, hex aced0005 in any case
 * (what lower.includes('aced0005') finds: no non-ASCII character lower-cases to a, c, e or d). One regex call rules
 * out the values that have none.
 */
const ANY_MARKER = /rO0AB|ztAA|s7QAF|H4sI|[aA][cC][eE][dD]0005/;

export function hasStreamMarker(decoded: string): boolean {
  return ANY_MARKER.test(decoded);
}

/** aced0005 then a type code byte and one more, in lower-case hex, or the magic alone. */
function hexStream(lower: string): number {
  for (let i = lower.indexOf('aced0005'), n = 0; i >= 0 && n < 8; i = lower.indexOf('aced0005', i + 1), n++) {
    const t = lower.charCodeAt(i + 9);
    if (lower[i + 8] === '7' && ((t >= 48 && t <= 57) || (t >= 97 && t <= 101)) && /^[0-9a-f]{2}/.test(lower.slice(i + 10, i + 12))) return STREAM;
  }
  return MAGIC;
}

/**
 * A Java serialized object in a value, in base64, gzip-base64 or hex (raw bytes are checked by the caller): STREAM when the
 * magic starts a stream (STREAM), LEADING_MAGIC when the magic's base64 starts a token without a stream after it (a
 * probe, or an object cut short), MAGIC when only the magic's characters are there (a coincidence as often), 0 otherwise.
 */
export function javaSerializedText(decoded: string, lower: string): number {
  if (!hasStreamMarker(decoded)) return 0;
  let found = 0;
  if (decoded.includes('rO0AB') || decoded.includes('ztAA') || decoded.includes('s7QAF')) found = base64Stream(decoded);
  if (found < STREAM && decoded.includes('H4sI') && gzipStream(decoded)) found = STREAM;
  if (found < STREAM && lower.includes('aced0005')) found = Math.max(found, hexStream(lower));
  return found;
}
