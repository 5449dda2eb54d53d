// Payment card numbers in free text: runs of 13–19 digits, optionally split by single spaces or dashes,
// that pass the Luhn check. A hand-written linear scan (no regex, so no backtracking).

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Replaces every Luhn-valid card number in `text` by `mask`; returns the text unchanged (same string) when none. */
export function maskCardNumbers(text: string, mask: string): string {
  let out: string[] | undefined;
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i)) || (i > 0 && isDigit(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    // a run starts at i: digits with at most one separator between two digits
    let j = i;
    let digits = '';
    let lastDigitEnd = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isDigit(c)) {
        digits += text[j];
        j++;
        lastDigitEnd = j;
        if (digits.length > 19) break;
      } else if ((c === 32 || c === 45) && j + 1 < n && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j - 1))) j++;
      else break;
    }
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) {
      out ??= [];
      out.push(text.slice(copied, i), mask);
      copied = lastDigitEnd;
    }
    i = lastDigitEnd;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/** True when text has enough digits to hold a card number (a cheap pre-check). */
export function mayHoldCardNumber(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i)) && ++count >= 13) return true;
  return false;
}
