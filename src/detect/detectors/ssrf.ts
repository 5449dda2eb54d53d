import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { classifyHost, findUrls } from './hosts.js';
import { hit } from './util.js';
import { proseWords } from '../match/prose-words.js';

// Server-side request forgery: URLs (or bare hosts in URL-ish parameters) that point at loopback, private, link-local
// or cloud metadata addresses in any spelling, and URL schemes a server-side fetcher should never follow.

const DANGEROUS_SCHEMES = new Set(['gopher', 'dict', 'file', 'ldap', 'ldaps', 'tftp', 'jar', 'netdoc', 'sftp', 'expect', 'phar', 'local_file', 'jdbc', 'mailto_', 'fd', 'php', 'zip', 'glob', 'ogg', 'rar', 'ssh2.exec', 'ssh2.shell']);

/** Dots in other scripts (。．｡) and backslashes inside a host (http://\\l\\o\\c\\a\\l\\h\\o\\s\\t/): what URL parsers ignore. */
function normaliseHosts(s: string): string {
  let t = s.replace(/[\u3002\uff0e\uff61]/g, '.');
  if (t.includes('://') && t.includes('\\')) t = t.replace(/\\+/g, (m, i: number) => (t.lastIndexOf('://', i) >= 0 && !/[/?#]/.test(t.slice(t.indexOf('://') + 3, i)) ? '' : m));
  return t;
}

const HOST_BACKSLASH = /^\s{0,4}[a-z][a-z0-9+.-]{0,20}:\/\/(?:[a-z0-9.]{0,2}\\+){3}[a-z0-9]/;

const INTERNAL: ReadonlySet<string> = new Set(['metadata', 'loopback', 'internal-name', 'private']);

/** http:127.0.0.1, http:/2852039166, http:[::ffff:a9fe:a9fe]: a scheme without '//' that lenient fetchers still follow. */
function schemeWithoutSlashes(s: string, ctx: ScanContext): boolean {
  const m = /^\s{0,4}(?:https?|ftps?|gopher|dict):\/?([^/\s?#]{1,80})/.exec(s);
  if (!m || s.startsWith('//', m[0].length - m[1]!.length - 1)) return false;
  const host = m[1]!.replace(/:[0-9]{1,5}$/, '');
  const cls = classifyHost(host);
  const encoded = cls === 'ip' && !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  if (!INTERNAL.has(cls) && !encoded) return false;
  hit(ctx, cls === 'metadata' ? 'ssrf.cloud-metadata' : encoded ? 'ssrf.encoded-address' : cls === 'private' ? 'ssrf.private-address' : 'ssrf.loopback', 5, s.slice(0, 60));
  return true;
}

/**
 * Every host after an '@' in a URL value: http://good.com:80 &@127.0.0.1:22/# @good.com/ is read by some parsers as a
 * request to 127.0.0.1 (userinfo and fragment confusion). An internal one there is an attack.
 */
function userinfoHosts(s: string, ctx: ScanContext): boolean {
  if (!/^\s{0,4}[a-z][a-z0-9+.-]{0,20}:\/\//.test(s)) return false;
  for (let at = s.indexOf('@'), n = 0; at >= 0 && n < 8; at = s.indexOf('@', at + 1), n++) {
    const m = /^@([a-z0-9.[\]:_-]{1,80}?)(?::[0-9]{1,5})?(?:[/?#\s]|$)/.exec(s.slice(at, at + 90));
    if (m && INTERNAL.has(classifyHost(m[1]!))) {
      hit(ctx, 'ssrf.userinfo-confusion', 5, s.slice(0, 80));
      return true;
    }
  }
  return false;
}

/** The last two labels of a host: a.b.example.com -> example.com. */
function baseDomain(host: string): string {
  return host.split('.').slice(-2).join('.');
}

/** A label an interaction server hands out (Burp Collaborator, interactsh): 16+ letters and digits mixed, no dashes. */
const PROBE_LABEL = /(?:^|\.)(?=[a-z0-9]{0,63}[0-9])(?=[a-z0-9]{0,63}[a-z])[a-z0-9]{16,63}\./;

/**
 * xsi:schemaLocation="http://a.b/ http://c5ipg3yqo8lcutvn8bghsptoffl.example/x.xsd": a schema a validating parser fetches
 * from a host that has nothing to do with its namespace and is named like an out-of-band interaction server.
 */
function schemaProbe(s: string, ctx: ScanContext): boolean {
  const m = /schemalocation\s{0,4}=\s{0,4}["']([^"']{1,600})["']/.exec(s);
  if (!m) return false;
  const parts = m[1]!.trim().split(/\s+/);
  for (let i = 0; i + 1 < parts.length && i < 16; i += 2) {
    const ns = /^https?:\/\/([a-z0-9.-]{1,253})/.exec(parts[i]!)?.[1];
    const loc = /^https?:\/\/([a-z0-9.-]{1,253})/.exec(parts[i + 1]!)?.[1];
    if (ns && loc && baseDomain(ns) !== baseDomain(loc) && PROBE_LABEL.test(loc)) {
      hit(ctx, 'ssrf.schema-probe', 5, parts[i + 1]!.slice(0, 80));
      return true;
    }
  }
  return false;
}

const detector: Detector = {
  category: 'ssrf',
  triggers: C.COLON | C.DOT | C.SLASH,
  kinds: ['query', 'header', 'cookie', 'cookie-key', 'body', 'body-key', 'query-key', 'raw-body', 'path'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (v.kind === 'header' && (v.name === 'referer' || v.name === 'origin' || v.name === 'user-agent')) return;
    const s = v.classes & (C.HIGH | C.BSLASH) ? normaliseHosts(v.lower) : v.lower;
    let found = false;
    // backslashes between the letters of a host (http://\\g\\o\\o.\\c\\o\\m/): only a filter bypass writes them
    if (s !== v.lower && v.classes & C.BSLASH && HOST_BACKSLASH.test(v.lower)) {
      hit(ctx, 'ssrf.obfuscated-host', 5, v.lower.slice(0, 60));
      found = true;
    }
    if (!found && v.classes & C.LT && s.includes('schemalocation')) found = schemaProbe(s, ctx);
    if (!found && v.classes & C.COLON) {
      found = schemeWithoutSlashes(s, ctx) || userinfoHosts(s, ctx);
      if (!found) for (const u of findUrls(s)) {
        const cls = classifyHost(u.host);
        const ev = s.slice(u.start, Math.min(u.end, u.start + 80));
        if (cls === 'metadata') hit(ctx, 'ssrf.cloud-metadata', 5, ev);
        // "open http://127.0.0.1:3000 in your browser": a sentence about a local server, not a URL handed to a fetch
        else if (cls === 'loopback' || cls === 'internal-name') hit(ctx, 'ssrf.loopback', u.start > 0 && proseWords(s, 6) >= 6 ? 3 : 5, ev);
        else if (cls === 'private') hit(ctx, 'ssrf.private-address', 5, ev);
        else if (DANGEROUS_SCHEMES.has(u.scheme)) hit(ctx, 'ssrf.dangerous-scheme', 5, ev);
        else if (cls === 'ip' && /^[0-9]+$|0x|^0[0-7]/.test(u.host.split('.')[0] ?? '') && !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(u.host)) hit(ctx, 'ssrf.encoded-address', 5, ev);
        else continue;
        found = true;
      }
    }
    // scheme-less hosts: metadata addresses and container host names anywhere, bare IPs in URL-ish parameters
    if (!found && v.classes & (C.DOT | C.SLASH | C.COLON)) {
      const m = /(?:^|[^0-9a-z.])(169\.254\.169\.254|metadata\.google\.internal|host\.(?:docker|containers)\.internal|100\.100\.100\.200|fd00:ec2::254|kubernetes\.default\.svc)(?![0-9a-z])/.exec(s);
      if (m) hit(ctx, 'ssrf.cloud-metadata', 5, s.slice(m.index, m.index + 60));
      else if (v.name && /(?:^|[_-])(url|uri|host|dest|target|callback|webhook|redirect|proxy|endpoint|server|domain|feed|link|src|image_url)$/.test(v.name)) {
        const host = s.split(/[/:?#]/, 1)[0] ?? '';
        const cls = classifyHost(host);
        if (cls === 'metadata' || cls === 'loopback' || cls === 'internal-name' || cls === 'private') hit(ctx, 'ssrf.internal-host', 5, s.slice(0, 60));
      }
    }
  },
};

registerDetector(detector);
