import { firstHeader, type Exchange } from '../../exchange/exchange.js';
import { C, QUOTES } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { SHELL_EVASION, assembledCommand, assignmentBefore, braceCommand, leadingEvasion, quoteInFirstWord } from './cmdi-evasion.js';
import { MARKDOWN_LINE, TITLE_PAIR, codeSpansInProse, fenced, proseBefore, proseBeforeSpan, sentenceWords } from './cmdi-prose.js';
import { CMDLET, WIN, WIN_ANCHOR, WIN_WORDS, caretFree } from './cmdi-windows.js';
import { LOOKUPS, LOOKUP_ARGUMENT, NOT_ALONE, argsStrength, commandAt, lowerFirst, onlyShellArguments } from './cmdi-words.js';
import { ENGLISH, SHELL_PATH_PREFIXES, UNIX_STRONG } from './commands.js';
import { netcatShell, shellFunction, sqliteDotCommand } from './shell-constructs.js';
import { browserAgent, hit, skipSpace } from './util.js';
import { windowsEvasion } from './windows-evasion.js';

// OS command injection: a shell separator (; | || && & newline, $( ), backticks) followed by a real command, shellshock,
// Windows batch constructs, and command lines at the start of a value. Reads a view with shell evasions undone
// (c''at, c\at, $@, ${IFS}). Separators inside prose ("how to use grep | sort") score lower than ";cat /etc/passwd".

/** One host name, IP address or file name (what a ping or lookup form expects before the injection). */
const HOST_OR_NOTHING = /^\s*[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}\s*$/;

/** Arguments of a setup step: long options (with a plain value) and package or file names, nothing the shell reads. */
const SETUP_ARGS = String.raw`(?:[ \t]{1,4}(?:--[a-z][a-z0-9-]{0,30}(?:=[a-z0-9@^~._/:-]{1,60})?|-[a-z]{1,3}|@?[a-z0-9][a-z0-9@^~._/:-]{0,80})){0,12}[ \t]{0,4}$`;
/**
 * A package manager installing or running the project's scripts, or node running the project: no shell syntax, no
 * code on the command line (node -e, --eval, --require), no one-off package runner (npx, npm exec, dlx).
 */
const SETUP_STEP = new RegExp(
  String.raw`^(?:(?:npm|pnpm|yarn|bun)[ \t]{1,4}(?:i|install|add|ci|run|test|start|build|init|update|up|upgrade|uninstall|remove|rm|link)|(?:pip3?|pipx|gem|cargo|composer|go)[ \t]{1,4}(?:install|add|get|require|build|test|update|upgrade|uninstall|remove))` +
    SETUP_ARGS +
    String.raw`|^node[ \t]{1,4}(?:\.|[a-z0-9_./-]{1,80}\.[cm]?[jt]s)(?:[ \t]{1,4}(?:--(?!eval|print|require|import|loader|experimental)[a-z][a-z0-9-]{0,30}(?:=[a-z0-9._/:-]{1,60})?|[a-z0-9][a-z0-9._/:-]{0,80})){0,12}[ \t]{0,4}$`,
);

/** Only spaces and separators before i: the value is the injection from its start (;;id, | ;whoami, &&;uname). */
function nothingBefore(s: string, i: number): boolean {
  return i <= 16 && /^[\s;|&]*$/.test(s.slice(0, i));
}

function scanSeparators(s: string, v: ScanValue, ctx: ScanContext): boolean {
  const spans = v.classes & C.BACKTICK ? codeSpansInProse(s) : undefined;
  // a fenced code block (```sh ... ```) or a script with a shebang line: code shared as content
  const block = (v.classes & C.NEWLINE) !== 0 && (fenced(s) || s.startsWith('#!/'));
  // a sentence around the command ("My script does: cat x | grep 404 | wc -l — is there a faster way?")
  const words = sentenceWords(s);
  const sentence = words >= 6;
  let best = 0;
  let evidence = '';
  let seen = 0;
  let ticks = 0;
  // separators inside one run of whitespace (a megabyte of line breaks) all skip to the run's end: it is found once
  // (otherwise each of 256 separators would read the rest of the run again)
  let runFrom = -1;
  let runTo = -1;
  const skip = (p: number): number => {
    if (p < runFrom || p > runTo) {
      runFrom = p;
      runTo = skipSpace(s, p);
    }
    return runTo;
  };
  // the same for the openers a command may follow ({ ( !), which commandAt skips with the spaces: { { { … cat
  let startFrom = -1;
  let startTo = -1;
  const commandStart = (p: number): number => {
    if (p < startFrom || p > startTo) {
      startFrom = p;
      let j = skipSpace(s, p);
      while (s[j] === '(' || s[j] === '{' || s[j] === '!') j = skipSpace(s, j + 1);
      startTo = j;
    }
    return startTo;
  };
  // and the separators before one command share its arguments' strength (read past the spaces after it)
  let argsOf = -1;
  let argsWere = 0;
  const argsAfter = (end: number): number => {
    if (end !== argsOf) {
      argsOf = end;
      argsWere = argsStrength(s, end);
    }
    return argsWere;
  };
  for (let i = 0; i < s.length && seen < 256; i++) {
    const ch = s[i]!;
    let after = -1;
    if (ch === '`' && (s[i + 1] === '`' || s[i - 1] === '`')) continue; // markdown code fence
    // a closing backtick starts nothing: what follows `.npmrc` or `'#'` is outside the substitution
    if (ch === '`' && ++ticks % 2 === 0) continue;
    if (ch === ';' || ch === '\n' || ch === '`') after = i + 1;
    else if (ch === '|') after = s[i + 1] === '|' ? i + 2 : i + 1;
    else if (ch === '&') after = s[i + 1] === '&' ? i + 2 : i + 1;
    else if (ch === '$' && s[i + 1] === '(') after = i + 2;
    else if (ch === '{' && (i === 0 || s[i - 1] === ' ' || s[i - 1] === ';')) after = i + 1; // {cat,/etc/passwd}
    else continue;
    seen++;
    let cmd = commandAt(s, commandStart(after));
    if (!cmd) {
      const j = skip(after);
      const variable = s[j] === '$' && ch !== '$' ? /^\$\{?[a-z_][a-z0-9_]{0,20}\}?(?:\s+|$)/.exec(s.slice(j, j + 30)) : null;
      if (!variable) continue;
      // a variable used as the command: a=nc&&$a -nlvp 555, or one the value assigns (g=adduse[r];$g x)
      const name = variable[0].replace(/[${}\s]/g, '');
      const assigned = assignmentBefore(s, name, j);
      if (s[j + variable[0].length] === '-' || (assigned >= 0 && /[a-z/]/.test(s[assigned + name.length + 1] ?? ''))) {
        best = 5;
        evidence = s.slice(i, i + 40);
        break;
      }
      // an unset variable in front of the command expands to nothing: ;$u wget x, |$a cat file
      cmd = commandAt(s, j + variable[0].length);
      if (!cmd) continue;
    }
    if (!UNIX_STRONG.has(cmd.word)) {
      // an unknown word right after a leading separator, with options: ;c89 -wrapper sh, ;flock -u /
      const lead = nothingBefore(s, i) || /^[a-z0-9.:_-]{1,64}$/.test(s.slice(0, i).trim());
      if (lead && (ch === ';' || ch === '|' || ch === '&' || ch === '\n') && argsAfter(cmd.end) === 2 && /^\s+-{1,2}[a-z]/.test(s.slice(cmd.end, cmd.end + 6)) && 4 > best) {
        // a value that opens with ; and a command line (;date -f secrets.txt) is nothing but the injection
        best = ch === ';' && nothingBefore(s, i) ? 5 : 4;
        evidence = s.slice(i, Math.min(s.length, cmd.end + 40));
      }
      continue;
    }
    if (ch === '&' && s[i + 1] !== '&' && /^[a-z0-9_.-]+=/.test(s.slice(cmd.start, cmd.end + 1))) continue; // a=1&b=2
    let args = argsAfter(cmd.end);
    // a parenthesised argument after a separator (|vi (x): a weak one ("export (1).csv" alone is a file name)
    if (args === 0 && s[cmd.end] === ' ' && s[skipSpace(s, cmd.end)] === '(') args = 1;
    // piped into an interpreter that reads commands from stdin: | sh, | bash #, | python -
    const intoShell = ch === '|' && SHELLS.has(cmd.word) && /^\s{0,4}(?:$|[#;&|)`-])/.test(s.slice(cmd.end, cmd.end + 6));
    if (intoShell) args = 2;
    if (ch === '{' && s[cmd.end] !== ',') continue;
    if (ch === '{') args = 2;
    const english = ENGLISH.has(cmd.word);
    // the value is one host or file name, then the separator (127.0.0.1; sleep 10, test.txt;ls); "node.js & python"
    // joins two names with an "and"
    const afterName = (ch !== '&' || s[i + 1] === '&' || s[i + 1] !== ' ') && HOST_OR_NOTHING.test(s.slice(0, i));
    const prose = ch === '`' ? proseBeforeSpan(s, i) : proseBefore(s, i);
    let score: number;
    if (ch === '`' || (ch === '$' && s[i + 1] === '(')) {
      const w = s.slice(cmd.end, cmd.end + 200).indexOf(ch === '`' ? '`' : ')');
      const close = w < 0 ? -1 : cmd.end + w;
      score = close > 0 || args === 2 ? 5 : 4;
      if (english && args < 2 && close < 0) score = 3;
      // a name glued to punctuation is code, not a command: `diff(v1, v2)`, `fetch()`, `(hash)`
      if (ch === '`' && args === 0) score = 0;
      // a span on a markdown heading, quote or list line: "### `yarn test`", "> `npm install x`", "- In node: `npm i x`"
      if (ch === '`' && score > 3 && MARKDOWN_LINE.test(s.slice(s.lastIndexOf('\n', i - 1) + 1, i))) score = 3;
      // a markdown code span in prose: "Run `ls -la` in the folder"
      // (or ending a sentence of three words or more, two with another code span: "Output of `ps aux`:", "Use `curl` or
      // `wget`"; or opening one: "`ls` shows nothing"; a name before it, "John Smith `whoami`", is an injection)
      // (after another span in a list, `a`, `b` or `a` / `b`, the sentence goes on)
      const inSentence = prose >= 1 || (ch === '`' && /`(?:,|\s\/)? {1,2}(?:(?:and|or) )?$/.test(s.slice(Math.max(0, i - 9), i)));
      if (ch === '`' && close > 0 && inSentence && /^\s+[a-z]/.test(s.slice(close + 1, close + 3))) score = 2;
      if (ch === '`' && close > 0 && inSentence && (s[i - 1] === ' ' || s[i - 1] === '(') && words >= (s.indexOf('`', close + 1) >= 0 || s.lastIndexOf('`', i - 1) >= 0 ? 2 : 3) && /^[.,:;?!)]?\s*$/.test(s.slice(close + 1, close + 3))) score = 2;
      if (ch === '`' && close > 0 && i === 0 && /^\s+[a-z]{2,}\s+(?:[a-z]{2,}|`)/.test(s.slice(close + 1, close + 40))) score = 2;
      // a whole value that is one code span of a setup step (`npm i fastq --save`, `node . --config config.json`): what
      // a README or a chat message quotes most; an install can run a package's scripts, so high (blocks from paranoia 2)
      if (ch === '`' && i === 0 && close === s.length - 1 && score > 4 && SETUP_STEP.test(s.slice(1, close))) score = 4;
    } else if (cmd.pathed) score = 5;
    // (a short value that is only a host or a file name and then the bare command: 127.0.0.1 | id, x.example.com;w)
    else if (english) score = args === 2 ? (prose >= 3 || sentence ? 3 : 5) : prose >= 2 || args === 0 ? 0 : s.length < 40 && (nothingBefore(s, i) || (afterName && /^(?:\s+[0-9]{1,5})?\s*$/.test(s.slice(cmd.end)))) ? 5 : 3;
    else if (args === 0) score = 0; // "base64," "id=" "sort)": punctuation, not arguments
    else score = args === 2 ? (prose >= 3 || sentence ? 3 : 5) : prose >= 3 ? 2 : i === 0 || nothingBefore(s, i) || (afterName && s.length < 60) ? 5 : 4;
    if (intoShell && !sentence) score = 5;
    // a wrapped line of a paragraph that starts with an English command word ("…,\nwhich can be used in…")
    if (ch === '\n' && english && args < 2 && sentence && score > 2) score = 2;
    // a command quoted as code in a sentence ("I ran `npm ci && npm start`, same error") is a quote, not an injection
    // (medium: with another finding, such as a sensitive file in the same quote, it still blocks)
    if (spans && score > 3 && spans.some(([a, b]) => i >= a && i <= b)) score = 3;
    if (block && score > 3) score = 3;
    if (score > best) {
      best = score;
      evidence = s.slice(i, Math.min(s.length, cmd.end + 40));
    }
    if (best >= 5) break;
  }
  if (best) hit(ctx, 'rce.command-chain', best, evidence, best >= 3 ? 1 : 2);
  return best >= 5;
}

const GLOB_PATH = /(?:^|[\s=;|&'"(])\/(?:[a-z0-9_.-]{0,16}\/)*(?:[a-z0-9_.-]{1,16}\[[!^]?[a-z0-9/._-]{1,12}\]|\[[!^]?[a-z0-9/._-]{1,12}\][a-z0-9_.-]{1,16})/;
const GLOB_ARGUMENT = /(?:^|[;|&\n][\s+]{0,4})([a-z][a-z0-9_.-]{0,20})[\s+]{1,8}(?:-[a-z]{1,10}[\s+]{1,8}){0,3}\/[a-z0-9_.-]{0,16}[*?][a-z0-9_.*?-]{0,16}(?:\/[a-z0-9_.*?-]{1,16}){1,4}/;
const SHELL_ESCAPE = /\bsocat\s[^\n]{0,80}\b(?:exec|system):|\bfind\s[^;|&\n]{0,120}\s-(?:exec|execdir|ok|okdir)\s|--checkpoint-action\s{0,4}=\s{0,4}exec|--to-command\s{0,4}=|-o\s{0,4}proxycommand\s{0,4}=|\b(?:g|m|n)?awk\s[^\n]{0,60}\bsystem\s{0,4}\(|\bzip\s[^\n]{0,80}\s-tt\s|\brsync\s[^\n]{0,80}\s-e\s{1,4}["']?(?:sh|bash)\b/;
const BIN_GLOB = /(?:^|[;|&`\n(])\s{0,4}\/(?:usr\/)?(?:local\/)?s?bin\/[a-z0-9_-]{0,12}[?*][a-z0-9_?*-]{0,12}(?:\s|$|[;|&`)])/;
const ALIAS = /(?:^|[;&|\n]\s{0,4})alias\s{1,8}(?:[-+][a-z]{1,4}[-+]?\s{1,8}){0,4}[a-z0-9_.-]{1,40}=/;

/** Programs that fetch URLs and may name themselves in a user agent without a version. */
const HTTP_CLIENTS = new Set(['curl', 'wget', 'wget2', 'lynx', 'links', 'links2', 'elinks', 'w3m', 'python', 'python2', 'python3', 'perl', 'ruby', 'php', 'node', 'nodejs', 'java', 'httpie', 'aria2c', 'axel', 'lwp-request', 'lwp-download', 'powershell', 'pwsh', 'fetch', 'deno', 'bun', 'git', 'pip', 'npm', 'yarn', 'docker', 'kubectl', 'helm', 'terraform', 'ansible', 'gcloud', 'aws', 'az']);
/** Interpreters that run what is piped into them. */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'ksh', 'dash', 'ash', 'csh', 'tcsh', 'busybox', 'python', 'python2', 'python3', 'perl', 'ruby', 'php', 'node', 'pwsh', 'powershell', 'cmd', 'iex', 'lua', 'tclsh']);
/** Classes that make a value worth a full command scan (quotes and backslashes alone only in the first word). */
const CMD_CLASSES = C.SEMI | C.PIPE | C.AMP | C.NEWLINE | C.BACKTICK | C.DOLLAR | C.PAREN | C.BRACE | C.SPACE | C.PERCENT | C.SLASH | C.GT;

const detector: Detector = {
  category: 'rce',
  triggers: C.SEMI | C.PIPE | C.AMP | C.NEWLINE | C.BACKTICK | C.DOLLAR | C.PAREN | C.BRACE | C.SPACE | C.PERCENT | C.SLASH | C.SQUOTE | C.DQUOTE | C.BSLASH | C.GT,
  kinds: ['path', 'query', 'query-key', 'header', 'cookie', 'cookie-key', 'body', 'body-key', 'filename', 'raw-body'],
  scanExchange: bareCommandAgent,
  scan(v: ScanValue, ctx: ScanContext): void {
    if (v.kind === 'header' && v.name === 'user-agent' && (browserAgent(v) || (/^[a-z][a-z0-9._-]*\/[0-9]/i.test(v.decoded) && !(v.classes & (C.BACKTICK | C.DOLLAR | C.SEMI))))) return;
    // a value that only has quotes or backslashes (Conor O'Brien, C:\\x) can only be a command split by them ('wh'oami)
    if (!(v.classes & CMD_CLASSES) && !quoteInFirstWord(v.lower)) return;
    const unquoted = v.classes & SHELL_EVASION || (v.classes & (C.LT | C.GT) && v.classes & C.PAREN) ? v.view('shell-unquote,lower') : v.lower;
    const s = v.classes & C.TILDE_CARET ? caretFree(unquoted) : unquoted;
    let found = false;
    if (v.classes & (C.SEMI | C.PIPE | C.AMP | C.NEWLINE | C.BACKTICK | C.DOLLAR | C.BRACE)) found = scanSeparators(s, v, ctx);
    // shellshock: () { :; }; (a named function, name() { … }, is a definition shared as code; an anonymous
    // function () { is still code put in a value)
    const ss = v.classes & C.PAREN ? v.lower.indexOf('()') : -1;
    if (ss >= 0 && (!/[a-z0-9_]/.test(v.lower[ss - 1] ?? '') || (v.lower.endsWith('function', ss) && !/[a-z0-9_$]/.test(v.lower[ss - 9] ?? '')))) {
      const j = skipSpace(v.lower, ss + 2);
      if (v.lower[j] === '{') {
        hit(ctx, 'rce.shellshock', 5, v.lower.slice(ss, ss + 40));
        found = true;
      }
    }
    // a function that spawns itself (fork bomb) or is defined and called in one value
    if (!found && ss >= 0 && v.classes & C.BRACE) {
      const f = shellFunction(v.lower);
      if (f) {
        hit(ctx, 'rce.shell-function', 5, f);
        found = true;
      }
    }
    // cmd.exe drops a caret that escapes a letter: c^m^d /c who^ami
    const win = unquoted === v.lower ? s : v.classes & C.TILDE_CARET ? caretFree(v.lower) : v.lower;
    if (!found && v.classes & C.DASH && v.classes & C.SPACE && win.includes(' -')) {
      const m = CMDLET.exec(win);
      if (m) {
        hit(ctx, 'rce.windows-command', 5, win.slice(m.index, m.index + 60));
        found = true;
      }
    }
    if (!found && v.classes & (C.BACKTICK | C.PAREN | C.BRACKET | C.COLON | C.PERCENT)) {
      const e = windowsEvasion(win);
      if (e) {
        hit(ctx, 'rce.windows-evasion', 5, e);
        found = true;
      }
    }
    const wordsOnly = (v.classes & ~(C.ALNUM | C.SPACE | C.COMMA | C.SQUOTE)) === 0;
    if (!found && v.classes & (C.SPACE | C.PERCENT | C.SLASH | C.PAREN) && (!wordsOnly || WIN_WORDS.test(win)) && WIN_ANCHOR.test(win)) {
      for (const re of WIN) {
        const m = re.exec(win);
        if (m) {
          hit(ctx, 'rce.windows-command', 5, win.slice(m.index, m.index + 60));
          found = true;
          break;
        }
      }
    }
    const first = v.kind !== 'path' ? commandAt(s, 0) : undefined;
    if (!found && v.kind !== 'path') found = leadingEvasion(v, s, ctx, first);
    // a command line as the whole value: "ls -la /tmp", "bash -c id", "nohup ifconfig", "/bin/sh -i"
    if (!found && v.kind !== 'path') {
      const cmd = first;
      // (an English word written with a capital starts a sentence: "Install NPM modules…", "Set `x` to `true`")
      if (cmd && UNIX_STRONG.has(cmd.word) && !(ENGLISH.has(cmd.word) && !lowerFirst(v.decoded))) {
        let args = argsStrength(s, cmd.end);
        // Title Case words joined by & | ; ("Java & Python", "Grep & Sed") are a heading or a list of names
        if (args === 2 && TITLE_PAIR.test(v.decoded)) args = 1;
        const english = ENGLISH.has(cmd.word);
        const second = commandAt(s, cmd.end);
        const chained = !!second && UNIX_STRONG.has(second.word) && !ENGLISH.has(second.word) && s.length < 60;
        if (args === 2 && (!english || chained || /^\s*-{1,2}[a-z]|^\s*[/~]|^\s*[|;&<>`$]/.test(s.slice(cmd.end)))) {
          // an English command word followed by nothing but options and system paths (perf --version, set -o history,
          // ll /var/www/) is a command line; a network lookup of one host (ping 127.0.0.1, dig example.com) is also
          // what a question or a search looks like, and harmless run as it is
          const lookup = !cmd.pathed && LOOKUPS.has(cmd.word) && LOOKUP_ARGUMENT.test(s.slice(cmd.end, cmd.end + 400));
          // (piped into a command named by an expansion: echo | ${x}y)
          const certain = cmd.pathed || chained || (!english && !lookup) || /^\s{0,4}\|\s{0,4}[$`]/.test(s.slice(cmd.end, cmd.end + 12)) || (english && !NOT_ALONE.has(cmd.word) && lowerFirst(v.decoded) && onlyShellArguments(s, cmd.end));
          hit(ctx, 'rce.command-line', certain ? 5 : 4, s.slice(0, 60));
        }
        else if (cmd.pathed && SHELL_PATH_PREFIXES.some((p) => s.startsWith(p, cmd.start))) hit(ctx, 'rce.command-line', 4, s.slice(0, 60));
        // a known command with an option or a path later on the line (ansible all -m ping, pip install -r x): a command
        // line, but also what a search for one looks like, so high (blocks from paranoia 2)
        else if (!english && args === 1 && s.length < 120 && /\s(?:-{1,2}[a-z][a-z0-9-]{0,20}|[/~][a-z0-9_.-])/.test(s.slice(cmd.end, cmd.end + 120))) hit(ctx, 'rce.command-line', 4, s.slice(0, 60));
        else if (!english && args === 1 && s.length < 40) hit(ctx, 'rce.command-line', 3, s.slice(0, 60), 2);
      }
    }
    // a word spelled in ANSI-C escapes: $'\167\150\157\141\155\151' (whoami), $'\x69\x64'
    if (v.classes & C.DOLLAR && v.classes & C.BSLASH && /\$'(?:\\(?:[0-7]{3}|x[0-9a-f]{2}|u[0-9a-f]{4})){2}/.test(v.lower)) hit(ctx, 'rce.escaped-word', 5, v.lower.slice(0, 60));
    // wildcard and variable evasions: /???/??t /e??/p?ss?d, $IFS
    if (v.classes & C.QMARK && /\/[a-z?*]{0,6}[?*][a-z?*]{0,6}\/[a-z?*]{1,10}/.test(v.lower) && /[?*]{2}|\/\?\?|\/[a-z]{0,5}\?[a-z?]{0,5}\/[a-z]{0,5}\?/.test(v.lower)) hit(ctx, 'rce.wildcard-path', 5, v.lower.slice(0, 60));
    // a program in a bin directory named by a glob, as the command: ;/bin/ca? /etc/x, |/usr/bin/wh*mi
    else if (v.classes & (C.QMARK | C.STAR) && BIN_GLOB.test(s)) hit(ctx, 'rce.wildcard-path', 5, s.slice(0, 60));
    // a library preloaded into every program the application starts next: LD_PRELOAD=/tmp/x.so, putenv("LD_PRELOAD=…")
    if (v.classes & C.EQ && v.lower.includes('ld_preload') && /\bld_preload\s{0,4}=\s{0,4}["']?[/.$~]/.test(v.lower) && sentenceWords(v.lower) < 6) hit(ctx, 'rce.ld-preload', 5, v.lower.slice(0, 60));
    if (v.classes & C.DOLLAR && (v.lower.includes('$ifs') || v.lower.includes('${ifs'))) hit(ctx, 'rce.ifs-evasion', 5, v.lower.slice(0, 60));
    // a glob standing for a path, as a command's argument: cat /et*/*wd, tail /v?r/l?g/* (also with the + of a value
    // form-encoded once more: cat+/et*/*wd)
    if (!found && v.classes & (C.STAR | C.QMARK) && v.classes & C.SLASH) {
      const g = GLOB_ARGUMENT.exec(s);
      if (g && UNIX_STRONG.has(g[1]!) && !ENGLISH.has(g[1]!)) {
        hit(ctx, 'rce.glob-path', 5, s.slice(g.index, g.index + 50));
        found = true;
      }
    }
    // options that make a command run another one (GTFOBins shell escapes): find -exec, tar --checkpoint-action=exec,
    // ssh -o ProxyCommand=, awk 'BEGIN {system(…)}' — unless quoted inside a sentence
    if (!found && v.classes & (C.DASH | C.PAREN | C.COLON) && (s.includes(' -') || s.includes('system') || s.includes('socat'))) {
      const e = SHELL_ESCAPE.exec(s);
      if (e && sentenceWords(s) < 6) {
        hit(ctx, 'rce.shell-escape', 5, s.slice(e.index, e.index + 60));
        found = true;
      }
    }
    // netcat handing a shell to its peer: nc 203.0.113.9 4444 -e /bin/sh
    if (!found && v.classes & C.DASH) {
      const nc = netcatShell(s);
      if (nc && sentenceWords(s) < 6) {
        hit(ctx, 'rce.reverse-shell', 5, nc);
        found = true;
      }
    }
    // process substitution <(cmd) >(cmd)
    const ps = v.classes & (C.LT | C.GT) && v.classes & C.PAREN ? /[<>]\(\s{0,4}[a-z][a-z0-9_.-]{0,30}[^)]{0,60}\)/.exec(v.lower) : null;
    if (ps && (ps.index === 0 || /[\s=;|&]/.test(v.lower[ps.index - 1] ?? ''))) hit(ctx, 'rce.process-substitution', 5, v.lower.slice(ps.index, ps.index + 40));
    const l = v.lower;
    if (!found && v.classes & C.BRACE && v.classes & C.COMMA) {
      const b = braceCommand(v.classes & SHELL_EVASION ? s : l);
      if (b) return hit(ctx, 'rce.brace-expansion', 5, b);
    }
    // a user agent that is a command line (agents are product/version tokens); a bare name is one only when no HTTP
    // client goes by it (visudo, chef-shell; not curl or python)
    if (!found && v.kind === 'header' && v.name === 'user-agent' && !/^[a-z][a-z0-9._ -]*\/|^mozilla|\(/.test(l)) {
      const ua = v.classes & QUOTES ? v.view('shell-unquote,lower') : l;
      const cmd = commandAt(ua, 0);
      const bare = !!cmd && ua.slice(cmd.end).trim() === '';
      if (cmd && UNIX_STRONG.has(cmd.word) && !ENGLISH.has(cmd.word) && (cmd.word.length >= 4 || argsStrength(ua, cmd.end) > 0) && !(bare && HTTP_CLIENTS.has(cmd.word))) return hit(ctx, 'rce.command-line', 5, ua.slice(0, 60));
    }
    if (found || !(v.classes & (C.SLASH | C.BRACKET | C.DOLLAR | C.DOT | C.SPACE))) return;
    // output redirected into a system path as the whole value: >/tmp/x, >> /etc/cron.d/job
    if (v.classes & C.GT && /^\s{0,4}>{1,2}\s{0,2}\/(?:tmp|dev|etc|var|home|root|usr|bin|proc|opt|srv)\/[a-z0-9_./-]{0,80}$/.test(l)) return hit(ctx, 'rce.redirection', 5, l.slice(0, 60));
    // bash reverse shells: /dev/tcp/host/port, also through a variable (d=/dev; >$d/tcp/1.2.3.4/80)
    if (v.classes & C.SLASH && /\/dev\/(?:tcp|udp)\//.test(l)) return hit(ctx, 'rce.reverse-shell', 5, l.slice(Math.max(0, l.indexOf('/dev/') - 20), l.indexOf('/dev/') + 40));
    if (v.classes & C.SLASH && (v.classes & (C.LT | C.GT)) !== 0) {
      const r = /[<>]&?\s{0,4}\$\{?[a-z_][a-z0-9_]{0,20}\}?\/(?:tcp|udp)\/[a-z0-9.-]{1,64}\/[0-9]{1,5}/.exec(l);
      if (r) return hit(ctx, 'rce.reverse-shell', 5, l.slice(r.index, r.index + 50));
    }
    // glob brackets inside an absolute path: /etc/pas[s]wd, /bi[n]/bash, /usr/[a-z]in/sh
    if (v.classes & C.BRACKET && v.classes & C.SLASH) {
      const g = GLOB_PATH.exec(l);
      if (g) return hit(ctx, 'rce.glob-path', 5, l.slice(g.index, g.index + 40));
    }
    // shell parameter expansion and arithmetic: ${x#pattern}, ${PATH%/*}, $[1+1], $(( ))
    if (v.classes & C.DOLLAR) {
      // pattern removal, replacement and substrings (${PATH%/*}, ${x//a/b}, ${PATH:0:1}) and arithmetic ($((…)), $[1+1])
      // build characters and words out of variables; a default (${PORT:-3000}) and a bare $[…] are also config
      // templates and JSONPath
      const strong = /\$\{[a-z_][a-z0-9_]{0,30}(?:#|%|\/\/?|:[0-9])|\$\(\(|\$\[\s{0,4}[a-z0-9_]{1,12}\s{0,4}[+*/%^<>]/.exec(l);
      const e = strong ?? /\$\{[a-z_][a-z0-9_]{0,30}:[-=?+]|\$\[[^\]]{0,20}\]/.exec(l);
      // (named in a sentence, "we use $((a+b)) in our scripts", it is a topic)
      if (e) hit(ctx, 'rce.shell-expansion', strong && sentenceWords(l) < 6 ? 5 : 4, l.slice(e.index, e.index + 40));
      else if (v.classes & C.EQ && assembledCommand(l)) hit(ctx, 'rce.variable-assembly', 5, l.slice(0, 60));
    }
    // alias x='cmd' / alias -p: defining a command
    const al = s.includes('alias') ? ALIAS.exec(s) : null;
    if (al) return hit(ctx, 'rce.alias', 5, s.slice(al.index, al.index + 40));
    // sqlite3 shell dot-commands after a statement or on a line of their own: ;.shell id, \n.system whoami (not in a
    // sentence that explains them: "list them with .tables; .schema shows the DDL")
    if (v.classes & C.DOT) {
      const d = sqliteDotCommand(l);
      if (d && sentenceWords(l) < 6) return hit(ctx, 'rce.sqlite-shell', 5, d);
    }
  },
};

/**
 * Commands no client names itself after: shells, account and privilege tools, recon commands and configuration-
 * management consoles (a tool that speaks HTTP, cargo or certbot, may send its bare name as its user agent).
 */
const NEVER_AN_AGENT = new Set(['bash', 'zsh', 'ksh', 'csh', 'tcsh', 'dash', 'visudo', 'sudoedit', 'sudo', 'passwd', 'useradd', 'usermod', 'userdel', 'chpasswd', 'adduser', 'deluser', 'chmod', 'chown', 'crontab', 'whoami', 'uname', 'ifconfig', 'netstat', 'printenv', 'shutdown', 'reboot', 'mkfifo', 'pkexec', 'chef-shell', 'chef-run', 'chef-apply', 'chef-solo', 'ansible-console', 'ansible-playbook', 'ansible-vault', 'ansible-config', 'ansible-doc', 'ansible-galaxy', 'ansible-inventory', 'ansible-pull', 'cscli', 'knife', 'msfconsole', 'msfvenom', 'mimikatz']);

/** A user agent that is one bare command name (visudo, chef-shell): plain words never reach scan (no trigger class). */
function bareCommandAgent(ex: Exchange, _values: readonly ScanValue[], ctx: ScanContext): void {
  const ua = firstHeader(ex.request.headers, 'user-agent');
  if (!ua || ua.length > 40 || !/^[a-z][a-z0-9_-]{3,39}$/i.test(ua)) return;
  const word = ua.toLowerCase();
  if (NEVER_AN_AGENT.has(word)) hit(ctx, 'rce.command-line', 5, `user-agent: ${word}`);
}

registerDetector(detector);
