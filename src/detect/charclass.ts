// Character classes of a value in one pass: detectors declare which classes make a value worth scanning,
// so values made only of letters, digits and a few safe marks skip most detectors.

export const C = {
  SQUOTE: 1 << 0,
  DQUOTE: 1 << 1,
  BACKTICK: 1 << 2,
  LT: 1 << 3,
  GT: 1 << 4,
  SEMI: 1 << 5,
  PIPE: 1 << 6,
  AMP: 1 << 7,
  DOLLAR: 1 << 8,
  PAREN: 1 << 9,
  BRACE: 1 << 10,
  BRACKET: 1 << 11,
  SLASH: 1 << 12,
  BSLASH: 1 << 13,
  DOT: 1 << 14,
  COLON: 1 << 15,
  EQ: 1 << 16,
  HASH: 1 << 17,
  PERCENT: 1 << 18,
  STAR: 1 << 19,
  DASH: 1 << 20,
  PLUS: 1 << 21,
  COMMA: 1 << 22,
  NEWLINE: 1 << 23,
  CTRL: 1 << 24,
  HIGH: 1 << 25,
  SPACE: 1 << 26,
  AT: 1 << 27,
  BANG: 1 << 28,
  QMARK: 1 << 29,
  TILDE_CARET: 1 << 30,
  ALNUM: 1 << 31,
} as const;

/** Any class that is not a letter, digit, space or one of _ . - @ */
export const SPECIAL = ~(C.ALNUM | C.SPACE | C.DOT | C.DASH | C.AT) >>> 0;
export const QUOTES = C.SQUOTE | C.DQUOTE | C.BACKTICK;

const table = new Int32Array(128);
(function build(): void {
  const set = (chars: string, bit: number): void => {
    for (const ch of chars) table[ch.charCodeAt(0)] = bit;
  };
  for (let i = 0; i < 32; i++) table[i] = C.CTRL;
  table[127] = C.CTRL;
  set('\r\n', C.NEWLINE);
  set(' \t\v\f', C.SPACE);
  set("'", C.SQUOTE);
  set('"', C.DQUOTE);
  set('`', C.BACKTICK);
  set('<', C.LT);
  set('>', C.GT);
  set(';', C.SEMI);
  set('|', C.PIPE);
  set('&', C.AMP);
  set('$', C.DOLLAR);
  set('()', C.PAREN);
  set('{}', C.BRACE);
  set('[]', C.BRACKET);
  set('/', C.SLASH);
  set('\\', C.BSLASH);
  set('.', C.DOT);
  set(':', C.COLON);
  set('=', C.EQ);
  set('#', C.HASH);
  set('%', C.PERCENT);
  set('*', C.STAR);
  set('-', C.DASH);
  set('+', C.PLUS);
  set(',', C.COMMA);
  set('@', C.AT);
  set('!', C.BANG);
  set('?', C.QMARK);
  set('~^', C.TILDE_CARET);
  set('_', C.ALNUM);
  for (let i = 48; i < 58; i++) table[i] = C.ALNUM;
  for (let i = 65; i < 91; i++) table[i] = C.ALNUM;
  for (let i = 97; i < 123; i++) table[i] = C.ALNUM;
})();

export function classesOf(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    m |= c < 128 ? table[c]! : C.HIGH;
  }
  return m >>> 0;
}

export function has(classes: number, bits: number): boolean {
  return (classes & bits) !== 0;
}
