import type { Report, ScanContext, ScanValue, Severity } from '../types.js';

/**
 * A browser user agent in its standard shape: Mozilla/5.0 (platform) Product/version (comment) ... Nothing in that
 * grammar can carry quotes, $, {, |, <, ` or ';' outside the platform comment, so detectors looking for code skip it.
 */
const BROWSER_UA = /^Mozilla\/5\.0 \([\w .;:,/-]{1,160}\)(?: \w{1,30}\/[\w.]{1,30}(?: \([\w ,.;:-]{1,80}\))?){0,10}$/;

export function browserAgent(v: ScanValue): boolean {
  if (v.kind !== 'header' || v.name !== 'user-agent') return false;
  // several detectors ask about the same value one after the other: answer the regex once per value
  if (v !== lastAgent) {
    lastAgent = v;
    lastAgentIsBrowser = v.decoded.length < 400 && BROWSER_UA.test(v.decoded);
  }
  return lastAgentIsBrowser;
}
let lastAgent: ScanValue | undefined;
let lastAgentIsBrowser = false;

/** Reports with a score; severity and confidence follow from it (5 critical, 4 high, 3 medium, lower low). */
export function hit(ctx: ScanContext, rule: string, score: number, evidence: string, paranoia = 1): void {
  const severity: Severity = score >= 5 ? 'critical' : score >= 4 ? 'high' : score >= 3 ? 'medium' : 'low';
  const r: Report = { rule, severity, confidence: Math.min(1, score / 5), score, evidence, paranoia };
  ctx.report(r);
}

/** A window of `text` around [start, end) for evidence. */
export function around(text: string, start: number, end: number, pad = 20): string {
  return text.slice(Math.max(0, start - pad), Math.min(text.length, end + pad));
}

/** Index of the next non-space character at or after i. */
/** An uploaded file's name: a multipart part's file name, or an X-File-Name style header (x-filename, x_file_name). */
export function uploadedFileName(v: ScanValue): boolean {
  return v.kind === 'filename' || (v.kind === 'header' && v.name !== undefined && v.name.includes('file') && /^x[-_.]?file[-_.]?name$/.test(v.name));
}

export function skipSpace(s: string, i: number): number {
  while (i < s.length && (s.charCodeAt(i) === 32 || (s.charCodeAt(i) >= 9 && s.charCodeAt(i) <= 13))) i++;
  return i;
}

export function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Indexes of every occurrence of `needle` in `s`, at most `limit`. */
export function occurrences(s: string, needle: string, limit = 256): number[] {
  const out: number[] = [];
  let i = s.indexOf(needle);
  while (i >= 0 && out.length < limit) {
    out.push(i);
    i = s.indexOf(needle, i + needle.length);
  }
  return out;
}
