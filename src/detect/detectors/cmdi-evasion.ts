import { C } from '../charclass.js';
import type { ScanContext, ScanValue } from '../types.js';
import { PREFIXES, argsStrength, commandAt, type Command } from './cmdi-words.js';
import { ENGLISH, UNIX_STRONG } from './commands.js';
import { hit, skipSpace } from './util.js';

// Command words spelled to evade: quotes and escapes inside the first word, options split by quotes, commands
// assembled from variables or brace lists.

/** Characters of quoting and expansion evasions (undone by the shell-unquote view). */
export const SHELL_EVASION = C.SQUOTE | C.DQUOTE | C.BSLASH | C.DOLLAR | C.BACKTICK;

export function quoteInFirstWord(s: string): boolean {
  for (let i = 0; i < s.length && i < 64; i++) {
    const c = s[i];
    if (c === ' ' || c === '\t') return false;
    if (c === "'" || c === '"' || c === '\\') return true;
  }
  return false;
}

export const EVASION_CHARS = new Set(["'", '"', '\\', '$', '`']);

/**
 * The value's first word is a command split by quotes, a backslash or an empty expansion ('wh'oami, c\\at, ti''me,
 * una$$me, pi``ng), or starts with a backslash that bypasses aliases (\\ls): nobody types a word that way.
 */
export const QUOTE_CHARS = new Set(["'", '"', '`']);

export function evasiveWord(raw: string, start: number, word: string): boolean {
  let end = start;
  while (end < raw.length && end - start < 64 && raw[end] !== ' ' && raw[end] !== '\t' && raw[end] !== '\n' && raw[end] !== ';' && raw[end] !== '|' && raw[end] !== '&') end++;
  const w = raw.slice(start, end);
  if (w === word || w.length < 2) return false;
  if (w[0] === '\\' && /^[a-z]/.test(w[1]!)) return true;
  // an empty substitution glued to the word: ping`` x, ping$() x, pi<()ng x
  if (/[a-z](?:``|\$\(\)|[<>]\(\)|\$\{\})/.test(w)) return true;
  let letterBefore = false;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    // a lone quote in a word is an apostrophe (i'd, don't): splitting a command takes a pair ('wh'oami)
    if (EVASION_CHARS.has(c) && !(QUOTE_CHARS.has(c) && w.indexOf(c) === w.lastIndexOf(c))) {
      if (letterBefore && /[a-z]/.test(w.slice(i + 1).replace(/^[^a-z]{0,4}/, '')[0] ?? '')) return true;
    } else if (/[a-z]/.test(c)) letterBefore = true;
  }
  return false;
}

/** An option split by quotes after the first word: kill '-'9, ls -'l'a, rm "-"rf (an option is typed whole or quoted whole). */
export function splitOption(raw: string): boolean {
  const sp = raw.indexOf(' ');
  if (sp < 0 || !/['"]/.test(raw)) return false;
  return /\s(?:["']-{1,2}["'][a-z0-9]|-{1,2}[a-z0-9]{0,8}["'][a-z0-9]{0,8}["'][a-z0-9]|-{1,2}["'][a-z0-9]{1,8}["'][a-z0-9])/.test(raw.slice(sp, sp + 200));
}

/** `cmd` is the value's first command word (commandAt(s, 0)). */
export function leadingEvasion(v: ScanValue, s: string, ctx: ScanContext, cmd: Command | undefined): boolean {
  // a variable used as the command, with options: $SHELL -c "id", ${BASH} -i
  const m = v.classes & C.DOLLAR ? /^\s{0,4}\$\{?([a-z_][a-z0-9_]{0,20}|0)\}?\s{1,8}-[a-z]{1,3}(?:\s|$)/.exec(v.lower) : null;
  if (m) {
    // ($0 is the running shell itself)
    hit(ctx, 'rce.variable-command', /^(?:shell|bash|sh|zsh|comspec|cmd|0)$/.test(m[1]!) ? 5 : 4, v.lower.slice(0, 60));
    return true;
  }
  if (!cmd || !UNIX_STRONG.has(cmd.word)) return false;
  if (v.classes & (SHELL_EVASION | C.LT | C.GT) && (evasiveWord(v.lower, skipSpace(v.lower, 0), cmd.word) || splitOption(v.lower))) {
    hit(ctx, 'rce.quoted-command', 5, s.slice(0, 60));
    return true;
  }
  if (PREFIXES.has(cmd.word) && !cmd.pathed) {
    // nohup who, strace id, time curl x: a command run through another (two short words, or a non-English second)
    const second = commandAt(s, cmd.end);
    if (second && second.start > cmd.end && UNIX_STRONG.has(second.word) && !PREFIXES.has(second.word) && (!ENGLISH.has(cmd.word) || !ENGLISH.has(second.word))) {
      const rest = s.slice(second.end).trim();
      if ((!ENGLISH.has(second.word) && !ENGLISH.has(cmd.word)) || rest === '' || (!ENGLISH.has(second.word) && argsStrength(s, second.end) > 0)) {
        hit(ctx, 'rce.command-line', 5, s.slice(0, 60));
        return true;
      }
    }
  }
  return false;
}

/** The index of `name=` at the start of the value or after a separator, within 256 characters before `before`, or -1. */
export function assignmentBefore(s: string, name: string, before: number): number {
  const from = Math.max(0, before - 256);
  const at = s.slice(from, before).lastIndexOf(`${name}=`);
  return at >= 0 && (at + from === 0 || /[\s;&|]/.test(s[at + from - 1]!)) ? at + from : -1;
}

/**
 * A command assembled from variables the value itself assigns: c1=c;c2=a;c3=t;$c1$c2$c3 /etc/passwd. Two or more
 * references glued together, at least two of them assigned after a separator.
 */
export function assembledCommand(s: string): boolean {
  const glued = /(?:\$\{?[a-z_][a-z0-9_]{0,15}\}?){2,4}/.exec(s);
  if (!glued) return fragmentCommand(s);
  let assigned = 0;
  for (const m of glued[0].matchAll(/\$\{?([a-z_][a-z0-9_]{0,15})/g)) {
    // assigned a word or a path (c1=c, a=/ec), not a number (a=1;b=2;$a$b)
    const at = assignmentBefore(s, m[1]!, glued.index);
    if (at >= 0 && /[a-z/'"\\]/.test(s[at + m[1]!.length + 1] ?? '') && ++assigned >= 2) return true;
  }
  return fragmentCommand(s);
}

/** A command word with letters glued to a variable reference, at the start of a command: ;cu$v, &&w${x}ami. */
const GLUED_REFERENCE = /(?:^|[;&|\n`(])\s{0,4}([a-z\\'"]{0,10})\$\{?([a-z_][a-z0-9_]{0,15})\}?([a-z\\'"]?)/g;

/**
 * A command word spelled with a piece the value itself assigns: v='u';cu$v\rl x, a=ho;w$a'ami'. The assignment holds a
 * fragment (one to eight letters, optionally quoted) after a separator or at the start; the reference is glued to
 * letters (a word split in two), in command position. A shell snippet names whole words (dir=/tmp; cp x $dir/y).
 */
export function fragmentCommand(s: string): boolean {
  let n = 0;
  for (const m of s.matchAll(GLUED_REFERENCE)) {
    if (++n > 16) break;
    if (!/[a-z]/.test(m[1]!) && !/[a-z]/.test(m[3]!)) continue;
    const name = m[2]!;
    const at = assignmentBefore(s, name, m.index);
    if (at >= 0 && /^(?:'[a-z]{1,8}'|"[a-z]{1,8}"|[a-z]{1,8})(?:\s{0,4}[;&\n]|\s{0,4}$)/.test(s.slice(at + name.length + 1, at + name.length + 16))) return true;
  }
  return false;
}

/**
 * Brace expansion that builds a command: {,ifconfig}, {l,-lh}s, c{a,oun}t, {,echo,#x}. It counts when the expansion
 * starts with a known command and has a tell: an empty element, an element that is an option, path or variable, or
 * letters glued to the braces (a word split in two).
 */
export function braceCommand(s: string): string | undefined {
  let from = 0;
  for (let n = 0; n < 8; n++) {
    const open = s.indexOf('{', from);
    if (open < 0) return undefined;
    from = open + 1;
    let close = -1;
    for (let k = open + 1; k < s.length && k - open < 120; k++) {
      const c = s[k];
      if (c === '}') {
        close = k;
        break;
      }
      if (c === '{' || c === ' ' || c === '\n') break;
    }
    if (close < 0) continue;
    const inner = s.slice(open + 1, close);
    if (!inner.includes(',')) continue;
    let p = open;
    while (p > 0 && open - p < 20 && /[a-z0-9_-]/.test(s[p - 1]!)) p--;
    let q = close + 1;
    while (q < s.length && q - close < 20 && /[a-z0-9_.-]/.test(s[q]!)) q++;
    const prefix = s.slice(p, open);
    const suffix = s.slice(close + 1, q);
    const parts = inner.split(',').slice(0, 12);
    const tell = prefix !== '' || suffix !== '' || parts.some((x) => x === '' || /^[-/$#~.]/.test(x));
    if (!tell) continue;
    const words = parts.map((x) => prefix + x + suffix).filter((x) => x !== '');
    const expanded = words.join(' ');
    const cmd = commandAt(expanded, 0);
    if (cmd && UNIX_STRONG.has(cmd.word) && (words.length > 1 || !ENGLISH.has(cmd.word)) && (prefix === '' || cmd.word.startsWith(prefix))) return s.slice(p, q);
  }
  return undefined;
}
