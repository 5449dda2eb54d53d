import { ENGLISH, UNIX_STRONG, WINDOWS_ONLY } from './commands.js';
import { skipSpace } from './util.js';

// Reading command words: the command at a position (after an optional bin path), how shell-like what follows it is,
// and the words that are commands only in some company (lookups, English words).

export function isCmdChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46;
}

export interface Command {
  word: string;
  start: number;
  end: number;
  pathed: boolean;
}

/** The command word starting at i (after an optional path such as /bin/ or /usr/bin/), or undefined. */
export function commandAt(s: string, i: number): Command | undefined {
  let j = skipSpace(s, i);
  while (s[j] === '(' || s[j] === '{' || s[j] === '!') j = skipSpace(s, j + 1);
  const start = j;
  let pathed = false;
  if (s[j] === '/' || (s[j] === '.' && s[j + 1] === '/')) {
    // /usr/bin/id, ./x, /bin/c?t
    let k = j;
    let lastSlash = -1;
    while (k < s.length && k - j < 64 && s[k] !== ' ' && s[k] !== ';' && s[k] !== '|' && s[k] !== '&') {
      if (s[k] === '/') lastSlash = k;
      k++;
    }
    if (lastSlash >= 0) {
      j = lastSlash + 1;
      pathed = true;
    }
  }
  let k = j;
  while (k < s.length && k - j < 40 && isCmdChar(s.charCodeAt(k))) k++;
  if (k === j) return undefined;
  let word = s.slice(j, k);
  const last = s.charCodeAt(k - 1);
  if (last === 101 && word.endsWith('.exe')) word = word.slice(0, -4);
  else if (((last >= 48 && last <= 57) || last === 46) && !UNIX_STRONG.has(word)) {
    // python3.10, gcc10.1: the version goes
    let e = k;
    while (e > j && ((s.charCodeAt(e - 1) >= 48 && s.charCodeAt(e - 1) <= 57) || s.charCodeAt(e - 1) === 46)) e--;
    word = s.slice(j, e);
  }
  return { word, start, end: k, pathed };
}

/** How shell-like the text after a command is: 2 strong (flags, paths, redirections, pipes), 1 weak (an argument), 0 none. */
export function argsStrength(s: string, end: number): number {
  let j = end;
  while (s[j] === ' ' || s[j] === '\t') j++;
  const c = s[j];
  // the command ends its line: what follows belongs to the next line ("Regards,\nJohn\n--\nSent from my phone")
  if (j >= s.length || c === '\n' || c === '\r') return 1;
  // a switch glued to a Windows program: bcdboot/r x, cmd/c whoami
  if (j === end && c === '/' && /^\/[a-z?]{1,2}(?:\s|$)/.test(s.slice(j, j + 4))) {
    let b = end;
    while (b > 0 && end - b < 40 && isCmdChar(s.charCodeAt(b - 1))) b--;
    if (WINDOWS_ONLY.has(s.slice(b, end).replace(/\.exe$/, ''))) return 2;
  }
  // no space after the word: only shell syntax continues a command (curl/8.5.0 and os.system are names, not commands)
  if (j === end && c !== '|' && c !== ';' && c !== '&' && c !== '<' && c !== '>' && c !== '`' && c !== '$') return 0;
  if ((c === '-' || c === '+') && /[a-z]/.test(s[j + 1] === '-' ? (s[j + 2] ?? '') : (s[j + 1] ?? ''))) return 2;
  if (c === '|' || c === ';' || c === '&') return chainedStrength(s, j);
  if (c === '/' || c === '~' || c === '>' || c === '<' || c === '$' || c === '`' || c === '.' || c === '*' || c === '%' || c === '\\' || c === '{') return 2;
  if (c === '"' || c === "'") return 2;
  // a Windows path: powershell c:\windows\system32\x.exe
  if (/^[a-z]:[\\/]/.test(s.slice(j, j + 3))) return 2;
  // a comment ends the command: ;id #
  if (c === '#' && (j + 1 >= s.length || s[j + 1] === ' ')) return 1;
  // a URL argument: curl http://…, lwp-download ftp://…
  if (/^[a-z]{3,6}:\/\/[a-z0-9[]/.test(s.slice(j, j + 12))) return 2;
  if (/[a-z0-9]/.test(c ?? '')) {
    // a second command word (nohup ifconfig, time id) or a host/IP/URL argument
    const nx = commandAt(s, j);
    if (nx && UNIX_STRONG.has(nx.word) && !ENGLISH.has(nx.word)) return 2;
    if (/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/.test(s.slice(j, j + 16)) || /^[a-z0-9-]+\.(?:com|net|org|io|co|ru|cn|de|uk|xyz|info|biz|me|sh|tk|top|dev|app|pw|cc|su)(\/|:|\s|$)/.test(s.slice(j, j + 40))) return 2;
    return 1;
  }
  return 0;
}

/**
 * A separator right after a command word: shell syntax when the value ends there (;id;), a comment or more syntax
 * follows, or another command does (id & whoami, cat | nc …); a plain word after it ("Cat & Dog", "Salt; Pepper",
 * "Python & Django") is a title.
 */
export function chainedStrength(s: string, j: number): number {
  let k = j + 1;
  while (k < s.length && (s[k] === '|' || s[k] === '&' || s[k] === ';')) k++;
  while (s[k] === ' ' || s[k] === '\t') k++;
  const c = s[k];
  if (k >= s.length || c === '\n' || c === '#' || c === '/' || c === '$' || c === '`' || c === '(' || c === '{' || c === '<' || c === '>' || c === '.' || c === '\\' || c === '"' || c === "'") return 2;
  if (!(c! >= 'a' && c! <= 'z')) return 2;
  const nx = commandAt(s, k);
  return nx && UNIX_STRONG.has(nx.word) && !ENGLISH.has(nx.word) ? 2 : 1;
}

/** Network lookups whose only argument is a host: a question about a host as much as a command. */
export const LOOKUPS = new Set(['ping', 'ping6', 'traceroute', 'tracert', 'tracepath', 'mtr', 'nslookup', 'dig', 'host', 'whois', 'fping', 'arping', 'hping3']);

/** One host, then at most words of a sentence ("dig example.com returns NXDOMAIN"). */
export const LOOKUP_ARGUMENT = /^\s{1,4}[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}(?:\s{1,4}[a-z']{1,20}){0,12}[\s.?!]{0,4}$/;

/** English command words that begin ordinary phrases before a path ("at /home/x", "who /what"). */
export const NOT_ALONE = new Set(['at', 'w', 'who', 'which', 'look', 'more', 'less', 'last', 'man', 'go', 'help', 'test', 'true', 'false', 'wait', 'read', 'view', 'fetch', 'run']);

export const SYSTEM_PATH = /^(?:~\/|\/(?:etc|var|usr|tmp|home|root|proc|bin|sbin|opt|dev|srv|boot|lib|lib64|sys|mnt)(?:\/|$))/;

/** The first letter of the value is lower case (a command typed as one, not a sentence or a title). */
export function lowerFirst(raw: string): boolean {
  const m = /[A-Za-z]/.exec(raw);
  return !!m && m[0] >= 'a';
}

/**
 * Everything after the command is options (-la, --version, --out=x), an option's value (-o history, -n 5), numbers
 * or system paths, with at least one option or path: nothing a sentence is made of.
 */
export function onlyShellArguments(s: string, end: number): boolean {
  const tokens = s.slice(end, end + 200).trim().split(/[ \t]+/);
  if (tokens.length > 8 || tokens[0] === '') return false;
  let shell = false;
  let valueAllowed = false;
  for (const t of tokens) {
    // (-x, -lvp, -xzf, -version; not a compound's second half written after a space: set -up, check -in, write -off)
    if (/^-[a-z]$|^-[b-df-hj-np-tv-z0-9]{2,6}$|^-(?:name|exec|type|print|delete|version|help|verbose|quiet|user|path|size|mtime|perm)$/.test(t)) {
      shell = true;
      valueAllowed = true;
    } else if (/^--[a-z][a-z0-9-]{1,30}(?:=\S{0,60})?$/.test(t)) {
      shell = true;
      valueAllowed = false;
    } else if (SYSTEM_PATH.test(t)) {
      shell = true;
      valueAllowed = false;
    } else if (/^[0-9]{1,6}$/.test(t) || (valueAllowed && /^[a-z0-9_.:-]{1,30}$/.test(t))) valueAllowed = false;
    else return false;
  }
  return shell;
}

/** Words that run the command after them (nohup id, strace who, sudo -u x id). */
export const PREFIXES = new Set(['nohup', 'strace', 'ltrace', 'sudo', 'doas', 'setsid', 'timeout', 'xargs', 'stdbuf', 'exec', 'nice', 'ionice', 'chroot', 'unshare', 'env', 'time', 'watch', 'busybox', 'proxychains', 'torsocks', 'unbuffer', 'taskset', 'flock', 'pkexec', 'runuser', 'su']);
