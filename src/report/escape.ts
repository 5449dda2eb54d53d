// Text that came from traffic (paths, hosts, evidence) is attacker-controlled: printed to a terminal it must not carry
// escape sequences, and written into a Markdown report (a CI comment, a wiki page) it must not become markup.

/** Control characters shown as \xNN: an ESC sequence in a logged path cannot rewrite the operator's terminal. */
export function terminalText(s: string): string {
  return s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/[\r\n\t]/g, ' ');
}

/** A Markdown table cell of plain text: punctuation that is markup is backslash-escaped, angle brackets are entities. */
export function markdownText(s: string): string {
  return terminalText(s)
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A Markdown code span of a URL path in a table cell: a backtick (which would close the span) is percent-encoded. */
export function markdownCode(s: string): string {
  return `\`${terminalText(s).replace(/`/g, '%60').replace(/\|/g, '\\|')}\``;
}
