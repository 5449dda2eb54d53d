// One spelling per path, so that /admin, /%61dmin, //admin and /x/../admin all match the same route.
// Encoded slashes stay encoded (they are data, not separators); a path that climbs above the root is refused.

export type NormalisedPath = { ok: true; path: string } | { ok: false; problem: string };

export function normalisePath(raw: string): NormalisedPath {
  let decoded = raw;
  if (raw.indexOf('%') >= 0) {
    try {
      decoded = decodeURIComponent(raw.replace(/%2f/gi, '%252F'));
    } catch {
      return { ok: false, problem: 'malformed percent-encoding in path' };
    }
  }
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return { ok: false, problem: 'control character in path' };
  }
  if (decoded.indexOf('//') < 0 && decoded.indexOf('/.') < 0) return { ok: true, path: decoded || '/' };
  const out: string[] = [];
  const parts = decoded.split('/');
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === '' && i < parts.length - 1) continue;
    if (p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return { ok: false, problem: 'path climbs above the root' };
      out.pop();
      continue;
    }
    out.push(p);
  }
  return { ok: true, path: '/' + out.join('/') };
}
