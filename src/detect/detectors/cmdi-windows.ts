// Windows command lines: cmd and PowerShell constructs, behind one cheap anchor test.

export const WIN = [
  /\bcmd(?:\.exe)?\s{0,8}\/[ckr]\b/, /\bpowershell(?:\.exe)?\b[^\n]{0,40}?\s-(?:e|enc|encodedcommand|c|command|nop|w|windowstyle|exec|ep|executionpolicy)\b/,
  /\bfor\s{1,8}\/[flrd]\b/, /\bfor\s{1,16}%%?[a-z][a-z0-9_]{0,20}%?\s{1,16}in\s{0,8}\(/, /\bif\s{1,16}(?:\/i\s{1,8})?(?:not\s{1,8})?(?:exist|defined|errorlevel|cmdextversion)\b/,
  /\bif\s{1,16}(?:\/i\s{1,8})?"?%[^%\s]{1,40}%"?\s{0,8}==/, /\bif\s{1,16}"[^"\n]{0,40}"\s{0,4}==/, /%comspec%|%systemroot%|%windir%/,
  /\binvoke-(?:webrequest|expression|restmethod|command|item|wmimethod)\b/, /\b(?:iex|iwr|irm)\s{0,4}\(/, /\bnew-object\s{1,8}(?:system\.)?net\.webclient/,
  /\bdownload(?:string|file)\s{0,4}\(/, /\bstart-process\b/, /\bnet\s{1,8}(?:user|localgroup|share|use|view)\b/, /\b(?:certutil|bitsadmin)(?:\.exe)?\s{1,8}[-/]/,
  /\b(?:reg|schtasks|wmic|vssadmin|rundll32|regsvr32|mshta)(?:\.exe)?\s{1,8}(?:add|query|delete|create|process|shadowcopy|\/|javascript:|http)/,
  /\bgoto\s{1,8}[a-z_]{2,}\b[^\n]{0,0}/,
  // batch comparisons: if [/i] [not] A equ|neq|lss|leq|gtr|geq B command
  /\bif\s{0,16}(?:\/i\s{0,8})?(?:not\s{1,8})?\(?\s{0,4}[^\s()]{1,40}\s{1,16}(?:equ|neq|lss|leq|gtr|geq)\s{1,16}\S/,
  /\bif\s{0,16}(?:\/i\s{0,8})(?:not\s{1,8})?[^\s=]{1,40}\s{0,4}==/, /\bif\s{1,16}(?:not\s{1,8})?(?:[[{]%|"?%)[^\s=]{0,40}\s{0,4}==/, /\bset\s{1,8}\/[ap]\s/, /\bdo\s{1,8}@?(?:echo|set|cmd|call|start)\b/,
  // if [/i] [not] OPERAND ==|equ… OPERAND COMMAND, operands bare, "quoted", (parenthesised) or [bracketed]
  /(?:^|[&|;\n(])\s{0,8}if\s{1,16}(?:\/i\s{1,8})?(?:not\s{1,8})?(?:"[^"\n]{0,40}"|\([^)\n]{0,40}\)|\[[^\]\n]{0,40}\]|[^\s=()"[]{1,40})\s{0,8}(?:={2,3}|(?<=\s)(?:equ|neq|lss|leq|gtr|geq)(?=\s))\s{0,8}(?:"[^"\n]{0,40}"|\([^)\n]{0,40}\)|\[[^\]\n]{0,40}\]|[^\s=()"[]{1,40})\s{1,16}(?:\(|@?(?:echo|set|cd|chdir|goto|call|start|del|erase|copy|move|type|exit|rem|cmd|powershell|dir|md|mkdir|rd|rmdir|ren|pause|net|reg)\b)/,
];

/** PowerShell cmdlets (verb-noun) with a parameter: invoke-wmimethod -class, get-content -path. */
export const CMDLET = /\b(?:invoke|start|stop|new|get|set|remove|add|import|export|copy|move|out|convertto|convertfrom|expand|compress|register|enable|disable|resolve|test)-(?:[a-z]{3,40})\s{1,8}-[a-z]{2,30}\b/;

/**
 * What a value of only letters, digits, spaces, commas and apostrophes needs to match any Windows pattern (the words
 * of net user, reg add, if exist, goto x, do echo, a equ b): a quicker test that rules most sentences out first.
 */
export const WIN_WORDS = /\b(?:if|net|reg|schtasks|wmic|vssadmin|rundll32|regsvr32|mshta|goto|do)\s|\b(?:equ|neq|lss|leq|gtr|geq)\b/;
/** Something every Windows pattern needs; values without it skip the list. */
export const WIN_ANCHOR = /%[a-z_~]|\s\/[a-z?]|==|\b(?:equ|neq|lss|leq|gtr|geq)\b|exist|defined|errorlevel|invoke-|iex|iwr|irm|new-object|download|start-process|net\s|goto|\bdo\s|certutil|bitsadmin|wmic|rundll|regsvr|mshta|schtasks|vssadmin|\breg\s|cmdextversion/;

/** The text without carets glued between letters (cmd's escape character: c^m^d is cmd). */
export function caretFree(s: string): string {
  let at = s.indexOf('^');
  if (at < 0) return s;
  let out = '';
  let last = 0;
  const letter = (c: number): boolean => c >= 97 && c <= 122;
  for (let n = 0; at >= 0 && n < 256; n++, at = s.indexOf('^', at + 1)) {
    if (letter(s.charCodeAt(at - 1)) && letter(s.charCodeAt(at + 1))) {
      out += s.slice(last, at);
      last = at + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}
