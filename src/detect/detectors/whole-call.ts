// A value that is nothing but one JavaScript call (alert(1), console.info(1), setInterval(code, 1)): ordinary text
// never takes that shape, a probe for code injection does.

/** The whole value is one call: alert(1), prompt(), setInterval(code, 1), String.fromCharCode(88,83). */
const WHOLE_CALL = /^\s*[a-z_$][a-z0-9_$.]{1,40}\s{0,4}\(([^()]{0,60})\)\s*;?\s*$/;
/** Arguments as code passes them: nothing, numbers, names, quoted strings, separated by commas. */
const CODE_ARGS = /^\s*(?:(?:[-+]?[0-9][0-9.]{0,20}|[a-z_$][a-z0-9_$.]{0,40}|"[^"]{0,40}"|'[^']{0,40}'|`[^`]{0,40}`)\s*(?:,\s*(?:[-+]?[0-9][0-9.]{0,20}|[a-z_$][a-z0-9_$.]{0,40}|"[^"]{0,40}"|'[^']{0,40}'|`[^`]{0,40}`)\s*){0,4})?$/;

/**
 * How much the lower-cased value looks like nothing but a call: 2 for a call with code-like arguments and no space before
 * the parenthesis (alert(1)); 1 for the same with a space (alert (1)), which a label can also be ("Prompt (optional)");
 * 0 otherwise ("Confirm (2 items)"; "Alert(s)" is an English plural, not a call).
 */
export function wholeValueCall(s: string): 0 | 1 | 2 {
  const m = WHOLE_CALL.exec(s);
  if (!m) return 0;
  const args = m[1]!.trim();
  if (args === 's' || args === 'es' || !CODE_ARGS.test(args)) return 0;
  return /^\s*[a-z0-9_$.]+\(/.test(s) ? 2 : 1;
}

/**
 * The value (as written, not lower-cased) starts with a name as JavaScript spells its globals: lowercase first
 * (alert, setTimeout, console), or one of the capitalised constructors and namespaces. JavaScript names are
 * case-sensitive, so Alert(1), Import(CSV) or Console.log(x) run nothing: they are labels.
 */
export function jsCased(decoded: string): boolean {
  return /^\s*(?:[a-z_$]|(?:Function|String|Reflect|Object|Array|Promise|Math|JSON|Date|Number|Symbol)\b)/.test(decoded);
}
