import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';

// Mail protocol command injection: a value that a web mail front end passes to an SMTP, IMAP or POP3 server, with a
// line break followed by a protocol command (\r\nRCPT TO:<x>, \r\na001 FETCH 1 BODY[], \nRETR 1). Only lines after a
// line break are read, and each verb needs its own syntax, so prose lines ("Data shows…", "List 3 items") pass.

/** SMTP commands with their arguments. */
const SMTP = /^(?:(?:mail\s{1,8}from|rcpt\s{1,8}to)\s{0,8}:\s{0,8}<[^>\n]{0,100}>|(?:ehlo|helo)\s{1,8}[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}|(?:vrfy|expn)\s{1,8}\S{1,100}|auth\s{1,8}(?:plain|login|cram-md5|xoauth2)\b)\s{0,8}$/;
/** SMTP/POP3 verbs alone on a line: only in capitals (a client sends them so; prose does not). */
const BARE = /^(?:DATA|QUIT|RSET|NOOP|HELP|STARTTLS|STAT|CAPA)\s{0,8}(?:[A-Za-z]{1,30}\s{0,4})?$/;
/** POP3 commands with their arguments. */
const POP3 = /^(?:(?:retr|dele|top|list|uidl)\s{1,8}[0-9]{1,9}(?:\s{1,8}[0-9]{1,9})?|apop\s{1,8}\S{1,64}\s{1,8}[0-9a-f]{32}|auth\s{1,8}\S{1,64}\s{1,8}[a-z0-9+/]{8,}={0,2})\s{0,8}$/;
const IMAP_VERBS = 'login|authenticate|select|examine|create|delete|rename|subscribe|unsubscribe|list|lsub|status|append|check|close|expunge|search|fetch|store|copy|move|uid|capability|logout|noop|starttls|idle|namespace|getquota|getquotaroot|setquota|getacl|setacl|enable|unselect';
/** An IMAP command: a tag (letters and digits) then a verb. */
const IMAP = new RegExp(`^([a-z0-9]{1,12})\\s{1,8}(${IMAP_VERBS})\\b(.{0,200})$`);
/** IMAP commands without arguments. */
const NO_ARGUMENT = new Set(['check', 'close', 'expunge', 'capability', 'logout', 'noop', 'starttls', 'idle', 'namespace', 'unselect']);
/** SEARCH criteria. */
const SEARCH_KEYS = /\b(?:since|before|unseen|flagged|deleted)\b/;
/** IMAP syntax that is not prose: flags, literals, mailbox names, sequence sets. */
const IMAP_SYNTAX = /\\(?:seen|deleted|flagged|answered|draft|recent)|[+-]flags|\{[0-9]{1,6}\}|\binbox\b|[0-9]{1,6}:[0-9*]{1,6}|\bbody(?:\.peek)?\[|"[^"]{0,40}"\s{1,4}"[^"]{0,40}"|\b(?:plain|login|xoauth2)\b|\bcharset\b/;

function mailLine(line: string, raw: string): [string, number] | undefined {
  const l = line.trim();
  if (l.length < 4 || l.length > 300) return undefined;
  if (SMTP.test(l)) return ['mail.smtp-command', 5];
  if (BARE.test(raw.trim())) return ['mail.smtp-command', 4];
  if (POP3.test(l)) return ['mail.pop3-command', /^(?:list|uidl)\s/.test(l) ? 4 : 5];
  const m = IMAP.exec(l);
  if (m) {
    const tag = m[1]!;
    const verb = m[2]!;
    const rest = m[3]!;
    // commands that take no argument have none ("sanity check (since …" is a sentence); search keys follow SEARCH
    if (NO_ARGUMENT.has(verb) && rest.trim() !== '') return undefined;
    const taggedLikeAClient = /[a-z]/.test(tag) && /[0-9]/.test(tag);
    if (taggedLikeAClient || IMAP_SYNTAX.test(rest) || (verb === 'search' && SEARCH_KEYS.test(rest))) return ['mail.imap-command', 5];
  }
  return undefined;
}

const detector: Detector = {
  category: 'mail',
  triggers: C.NEWLINE,
  kinds: ['query', 'body', 'header', 'cookie', 'raw-body'],
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    let best = 0;
    let rule = '';
    let ev = '';
    let from = 0;
    for (let n = 0; n < 64; n++) {
      const nl = s.indexOf('\n', from);
      if (nl < 0) break;
      let end = s.indexOf('\n', nl + 1);
      if (end < 0) end = s.length;
      const found = mailLine(s.slice(nl + 1, end), v.decoded.slice(nl + 1, end));
      // the value opens with the line break and is nothing but the command: a new protocol line, not a text's line
      if (found && found[1] === 4 && s.slice(0, nl).trim() === '' && s.slice(end).trim() === '') found[1] = 5;
      if (found && found[1] > best) {
        [rule, best] = found;
        ev = s.slice(nl, Math.min(end, nl + 60));
        if (best >= 5) break;
      }
      from = nl + 1;
    }
    if (best) hit(ctx, rule, best, ev);
  },
};

registerDetector(detector);
