// Obfuscated Windows command lines (PowerShell and cmd.exe): names split by escape characters, commands built from
// string pieces, character codes or substrings of environment variables. Nobody writes a value this way except to
// get a command past a filter. Input is lower-cased text; every pattern is linear.

/** PowerShell commands and aliases that run or fetch code (what an escaped word turns out to be). */
const RUNNERS = new Set(['iex', 'iwr', 'irm', 'invoke-expression', 'invoke-webrequest', 'invoke-restmethod', 'invoke-command', 'new-object', 'downloadstring', 'downloadfile', 'start-process', 'powershell', 'cmd', 'frombase64string']);

/** A word with PowerShell backtick escapes between letters (i`e`x, n`ew-ob`ject) that names a runner. */
function backtickWord(s: string): string | undefined {
  let at = s.indexOf('`');
  for (let n = 0; at >= 0 && n < 64; n++) {
    let a = at;
    while (a > 0 && at - a < 40 && /[a-z-]/.test(s[a - 1]!)) a--;
    let b = at;
    while (b < s.length && b - at < 60 && /[a-z`-]/.test(s[b]!)) b++;
    const raw = s.slice(a, b);
    if (a < at && /[a-z]/.test(s[at + 1] ?? '') && RUNNERS.has(raw.replace(/`/g, ''))) return raw;
    at = s.indexOf('`', b);
  }
  return undefined;
}

/**
 * & or . starting a statement and invoking a string expression made of fragments: &("i"+"ex"), .("{0}{1}" -f 'ie','x'),
 * ;& ('ne'+'w-object') ("Salt & ("pepper" + "oil")" has words before the & and spaces in its strings).
 */
const INVOKED_EXPRESSION = /(?:^|[;|({\n])\s{0,4}[&.]\s{0,4}\(\s{0,4}["'][^"'\s]{0,40}["']\s{0,4}(?:\+|-f\b|-join\b|-replace\b)/;
/** A string built from character codes: [char]105+[char]101. */
const CHAR_CODES = /\[char\]\s{0,4}(?:0x)?[0-9a-f]{2,3}\s{0,4}\+\s{0,4}\[char\]/;
/** The command interpreter's path from PowerShell's environment drive: $env:comspec, ${env:comspec}. */
const ENV_SHELL = /\$\{?env:(?:comspec|systemroot|windir)\b/;
/** A substring of an environment variable (cmd picks letters out of paths): %comspec:~-7,1%. */
const ENV_SUBSTRING = /%[a-z_][a-z0-9_]{1,30}:~-?[0-9]{1,3}(?:,-?[0-9]{1,3})?%/;
/** Batch variables glued into a command: %x%%y%. */
const GLUED_VARIABLES = /%([a-z_][a-z0-9_]{0,20})%%([a-z_][a-z0-9_]{0,20})%/;

/** Each pattern with a substring it needs (checked first: most values have none). */
const ANCHORED: readonly (readonly [string, RegExp])[] = [
  ['(', INVOKED_EXPRESSION],
  ['[char]', CHAR_CODES],
  ['env:', ENV_SHELL],
  ['%', ENV_SUBSTRING],
];

/** Evidence of an obfuscated Windows command line, or undefined. */
export function windowsEvasion(s: string): string | undefined {
  if (s.includes('`')) {
    const w = backtickWord(s);
    if (w) return w;
  }
  for (const [anchor, pattern] of ANCHORED) {
    if (!s.includes(anchor)) continue;
    const m = pattern.exec(s);
    if (m) return s.slice(m.index, m.index + 60);
  }
  if (s.includes('%')) {
    // both assigned with set in the same value: set x=c& set y=md& call %x%%y%
    const g = GLUED_VARIABLES.exec(s);
    if (g && s.includes(`set ${g[1]}=`) && s.includes(`set ${g[2]}=`)) return s.slice(g.index, g.index + 60);
  }
  return undefined;
}
