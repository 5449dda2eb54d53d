// Prose around shell syntax: sentence words, markdown code spans and fenced blocks, so that a command quoted in a
// sentence weighs less than one sent to a shell.

/**
 * Words of letters (2+) that start after a space, quote or bracket and end at a space or at punctuation before one: how
 * much of the value is a sentence. Stricter than match/prose-words.ts (-name, /etc, app.jpg are no words here).
 */
export function sentenceWords(s: string): number {
  let n = 0;
  let run = 0;
  // a word counts when it starts the value or follows a space or an opening quote: -name, /etc and .txt are not words
  let wordStart = true;
  for (let i = 0; i <= s.length && n < 8; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || c === 39) {
      if (run === 0 && i > 0) {
        const p = s.charCodeAt(i - 1);
        wordStart = p === 32 || p === 34 || p === 40 || p === 10;
      } else if (run === 0) wordStart = true;
      run++;
    } else {
      // a word ends a sentence at a space, or at punctuation followed by a space or the end (appa.jpg is a file name)
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 32;
      const ends = c === 32 || ((c === 44 || c === 46 || c === 63 || c === 33) && (next === 32 || next === 10 || next === 34 || next === 39));
      if (ends && run >= 2 && wordStart) n++;
      run = 0;
    }
  }
  return n;
}

/** Words of prose before position i (letters-only words separated by spaces). */
export function proseBefore(s: string, i: number): number {
  let words = 0;
  let k = i - 1;
  while (k >= 0 && s[k] === ' ') k--;
  for (let n = 0; n < 6 && k >= 0; n++) {
    const end = k;
    while (k >= 0 && end - k < 40 && /[a-z']/.test(s[k]!)) k--;
    if (end === k) break;
    words++;
    if (k < 0) break;
    if (s[k] !== ' ') break;
    while (k >= 0 && s[k] === ' ') k--;
  }
  return words;
}

/**
 * Words of prose before a code span, across what continues a sentence into it: an opening parenthesis or link bracket,
 * a wrapped line, a comma ("the tools (`psql`)", "[`npm install` command](…)", "whether\n`id` is", "function, `type`").
 */
export function proseBeforeSpan(s: string, i: number): number {
  let k = i;
  if (s[k - 1] === '(' || s[k - 1] === '[') k--;
  while (k > 0 && k > i - 8 && (s[k - 1] === ' ' || s[k - 1] === '\n' || s[k - 1] === '\r' || s[k - 1] === '\t')) k--;
  if (s[k - 1] === ',') k--;
  return proseBefore(s, k);
}

/**
 * Markdown code spans in prose: `npm ci && npm start` quoted in a sentence of at least a few words. Returns the spans
 * (open and close backtick indexes) when the text outside them is prose, else undefined.
 */
export function codeSpansInProse(s: string): [number, number][] | undefined {
  const spans: [number, number][] = [];
  let outside = '';
  let last = 0;
  for (let i = s.indexOf('`'); i >= 0 && spans.length < 32; ) {
    if (s[i + 1] === '`') return undefined; // a fence or an empty span: not the simple case
    const close = s.indexOf('`', i + 1);
    if (close < 0 || s.slice(i + 1, close).includes('\n')) break;
    spans.push([i, close]);
    outside += `${s.slice(last, i)} `;
    last = close + 1;
    i = s.indexOf('`', close + 1);
  }
  if (!spans.length) return undefined;
  outside += s.slice(last);
  const words = outside.match(/[a-z']{2,}(?=[\s,.;:!?)]|$)/g)?.length ?? 0;
  return words >= 4 ? spans : undefined;
}

/** The start of a markdown heading, block quote or list item line (what precedes a code span on it). */
export const MARKDOWN_LINE = /^\s{0,3}(?:#{1,6}\s|>\s|[*+-]\s|[0-9]{1,3}[.)]\s)/;

export const TITLE_PAIR = /^\s{0,4}[A-Z][a-z0-9]{1,30}\s{0,4}[&|;]\s{0,4}[A-Z][a-z]/;

/** A fenced code block: ```lang on a line, later a closing ``` on its own line (index scans, no backtracking). */
export function fenced(s: string): boolean {
  const a = s.indexOf('```');
  if (a < 0 || !/^```[a-z]{0,12}\n/.test(s.slice(a, a + 17))) return false;
  return s.lastIndexOf('\n```') > s.indexOf('\n', a);
}
