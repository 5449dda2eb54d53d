import { checkIp, checkMethod, checkStatus, checkTarget, originForm, type ParseResult } from './access-entry.js';

// nginx's predefined `combined` format:
//   $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
// nginx escapes '"' inside variables as \x22, so quoted fields never hold a bare quote. An optional trailing
// quoted field is read as X-Forwarded-For (the common `combined` + "$http_x_forwarded_for" variant).

const COMBINED = /^(\S+) \S+ (\S+) \[([^\]]+)\] "([^"]*)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"(?: "([^"]*)")?/;
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const TIME_LOCAL = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** `10/Oct/2000:13:55:36 -0700` → epoch ms, or NaN. */
export function parseTimeLocal(s: string): number {
  const m = TIME_LOCAL.exec(s);
  if (!m) return NaN;
  const month = MONTHS[m[2]!];
  if (month === undefined) return NaN;
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000 * (m[7] === '-' ? -1 : 1);
  return utc - offset;
}

function unescapeNginx(s: string): string {
  return s.indexOf('\\x') < 0 ? s : s.replace(/\\x([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function parseNginxCombined(line: string, defaultHost = ''): ParseResult {
  const m = COMBINED.exec(line);
  if (!m) return { ok: false, problem: 'not in the combined log format' };
  const [, peer, , timeLocal, request, statusText, bytes, referer, ua, xff] = m as unknown as string[];
  const time = parseTimeLocal(timeLocal!);
  if (!Number.isFinite(time)) return { ok: false, problem: `time "${timeLocal}" is malformed` };
  const parts = request!.split(' ');
  if (parts.length !== 3) return { ok: false, problem: `request line "${request!.slice(0, 60)}" is malformed` };
  const [method, rawTarget, protocol] = parts as [string, string, string];
  const status = Number(statusText);
  const problem = checkIp(peer!) ?? checkMethod(method) ?? checkTarget(rawTarget) ?? checkStatus(status);
  if (problem) return { ok: false, problem };
  const abs = originForm(unescapeNginx(rawTarget), defaultHost);
  return {
    ok: true,
    entry: {
      time,
      peerIp: peer!,
      forwardedFor: xff && xff !== '-' ? xff : undefined,
      method,
      target: abs.target,
      host: abs.host,
      scheme: 'http',
      httpVersion: protocol.replace(/^HTTP\//i, ''),
      status,
      responseBytes: bytes === '-' ? undefined : Number(bytes),
      referer: referer === '-' ? undefined : unescapeNginx(referer!),
      userAgent: ua === '-' ? undefined : unescapeNginx(ua!),
    },
  };
}
