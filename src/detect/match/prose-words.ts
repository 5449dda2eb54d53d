/**
 * Words of two or more lower-case letters (apostrophes included) that end at a space — or, with `newline`, at a line
 * break — counted up to `limit`: a rough measure of how much of a value is a sentence. Detectors weigh code quoted in
 * prose lower than the same code alone.
 */
export function proseWords(s: string, limit = 8, newline = false): number {
  let n = 0;
  let run = 0;
  for (let i = 0; i < s.length && n < limit; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c === 39) run++;
    else {
      if ((c === 32 || (newline && c === 10)) && run >= 2) n++;
      run = 0;
    }
  }
  return n;
}
