// Shell constructs that are code whatever surrounds them: a function that spawns itself (fork bomb), a function
// defined and called in one value, a netcat that hands a shell to the network, sqlite3 shell dot-commands after a
// statement. Input is lower-cased text; every scan is bounded.

import { UNIX_STRONG, ENGLISH } from './commands.js';

function nameChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '_' || c === '-' || c === '.' || c === ':');
}

/** Index of `name` as a whole word in `body` followed (after an optional `()`) by a lone | or &, or after a lone |. */
function spawnsItself(body: string, name: string): boolean {
  for (let at = body.indexOf(name), n = 0; at >= 0 && n < 16; at = body.indexOf(name, at + 1), n++) {
    if (nameChar(body[at - 1]) || nameChar(body[at + name.length])) continue;
    let j = at + name.length;
    if (body.startsWith('()', j)) j += 2;
    while (body[j] === ' ') j++;
    const c = body[j];
    // f|f& and f & f: piped into or put in the background (|| and && are conditions, as in JavaScript)
    if ((c === '|' || c === '&') && body[j + 1] !== c) return true;
    let k = at - 1;
    while (body[k] === ' ') k--;
    if (body[k] === '|' && body[k - 1] !== '|') return true;
  }
  return false;
}

/**
 * A shell function that runs itself in a pipe or in the background (f(){ f|f& };f, test() { test | test & } test), or
 * one that is defined and called in the same value around a command (x(){ cat /etc/passwd; };x). A definition alone
 * (myfunction(){ echo hello }) is code shared as text, and a JavaScript method (render() { return x }) calls nothing.
 */
export function shellFunction(s: string): string | undefined {
  let from = 0;
  for (let n = 0; n < 16; n++) {
    const p = s.indexOf('()', from);
    if (p < 0) return undefined;
    from = p + 2;
    let a = p;
    while (a > 0 && p - a < 40 && nameChar(s[a - 1])) a--;
    if (a === p) continue;
    const before = s[a - 1];
    if (before !== undefined && before !== ' ' && before !== ';' && before !== '&' && before !== '|' && before !== '\n' && before !== '(') continue;
    const name = s.slice(a, p);
    let j = p + 2;
    while (s[j] === ' ' || s[j] === '\t') j++;
    if (s[j] !== '{') continue;
    const close = s.indexOf('}', j + 1);
    if (close < 0 || close - j > 240) continue;
    const body = s.slice(j + 1, close);
    if (spawnsItself(body, name)) return s.slice(a, Math.min(s.length, close + 8));
    // defined, then called: }; name or } name
    let k = close + 1;
    while (s[k] === ' ' || s[k] === ';') k++;
    if (!s.startsWith(name, k) || nameChar(s[k + name.length])) continue;
    for (const w of body.split(/[\s;|&]+/).slice(0, 24)) {
      if (UNIX_STRONG.has(w) && !ENGLISH.has(w)) return s.slice(a, Math.min(s.length, k + name.length));
    }
  }
  return undefined;
}

/** netcat (nc, ncat, netcat) told to run a shell for its peer: nc host 4444 -e /bin/sh, ncat -lvp 4444 --sh-exec id. */
const NETCAT_SHELL = /(?:^|[\s;|&`(])(?:nc|ncat|netcat)(?:\.exe|\.traditional|\.openbsd)?\s[^;|&\n]{0,80}?(?:\s-[a-z]{0,4}[ec]\s{1,4}["']?(?:\/[a-z/]{0,24})?(?:(?:ba|z|k|da|a)?sh|cmd(?:\.exe)?|powershell(?:\.exe)?|python[0-9.]{0,4}|perl)(?:["'\s]|$)|\s--(?:sh-)?exec\b)/;

export function netcatShell(s: string): string | undefined {
  if (!s.includes('nc') && !s.includes('netcat')) return undefined;
  const m = NETCAT_SHELL.exec(s);
  return m ? s.slice(m.index, m.index + 60).trim() : undefined;
}

/**
 * sqlite3 shell dot-commands injected after a statement (the CLI runs them when a query string reaches it):
 * ;\n.shell id, 1;.sh whoami, ;."shell" id (quoted), ;\n.databases. At the start of a value a command needs an
 * argument (.load x): a bare .output or .tables is a CSS class name.
 */
const SQLITE_RUNNERS = 'shell|system|sh|import|output|once|load|read';
const SQLITE_AFTER_STATEMENT = new RegExp(`;(?:\\s|\\\\[nr]){0,6}\\.\\s{0,4}\\\\?["']?(?:${SQLITE_RUNNERS}|databases|tables|schema|fullschema|dump|dbinfo|open|clone|backup|save|restore|excel)\\b`);
const SQLITE_LINE = new RegExp(`(?:^|\\n)\\s{0,4}\\.\\\\?["']?(?:${SQLITE_RUNNERS})\\s{1,4}[^\\s]`);

export function sqliteDotCommand(s: string): string | undefined {
  const m = SQLITE_AFTER_STATEMENT.exec(s) ?? SQLITE_LINE.exec(s);
  return m ? s.slice(m.index, m.index + 40) : undefined;
}
