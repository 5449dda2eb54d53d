// Prose ABOUT SQL (a help-desk message, an article on injection quoting its classic payloads) is text, not a query
// fragment: its SQL sits between sentences, far from where an application's query would be cut. An injected value is
// a payload; one that is several sentences of words is writing.

const MIN_LENGTH = 160;
const MIN_WORDS = 30;
const MIN_SENTENCES = 2;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 0xc0;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/**
 * Whether `s` is written prose: long, mostly words of letters (at least MIN_WORDS), with at least MIN_SENTENCES
 * sentence ends (". " then a capital, or a blank line). One pass.
 */
export function isProse(s: string): boolean {
  const n = s.length;
  if (n < MIN_LENGTH) return false;
  let words = 0;
  let letters = 0;
  let sentences = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isLetter(c)) {
      run++;
      letters++;
      continue;
    }
    if (run >= 2) words++;
    run = 0;
    // ". Next", "? Next", "!\nNext", or a paragraph break
    if ((c === 46 || c === 63 || c === 33) && (s[i + 1] === ' ' || s[i + 1] === '\n') && isUpper(s.charCodeAt(i + 2))) sentences++;
    else if (c === 10 && s[i + 1] === '\n') sentences++;
  }
  if (run >= 2) words++;
  return words >= MIN_WORDS && sentences >= MIN_SENTENCES && letters >= n * 0.6;
}
