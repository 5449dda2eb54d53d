import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { classifyHost, findUrls, type UrlRef } from './hosts.js';
import { hit } from './util.js';
import { proseWords } from '../match/prose-words.js';

// Remote file inclusion: a parameter that carries a remote URL the application may include: URLs to raw IP addresses,
// URLs ending in '?' (to cut off an appended suffix), URLs in include-style parameters. Off-domain URLs count at paranoia 2.

const INCLUDE_PARAMS = /(?:^|[_\-[])(include|inc|require|file|page|path|template|tpl|load|module|dir|root|lib|libdir|conf|config|layout|skin|theme|mosconfig_absolute_path|base_path|site_path|abspath|class_path|document_root|show|view|cat|action|content|src)(?:$|[\]_-])/;

/**
 * A URL written so that parsers disagree on its host: two '@' in the authority (http://a@b@evil.com), a first path
 * segment shaped like credentials (http://good.com/:x@evil.com), or '@' right after a '\\', '#' or '?' that ends the
 * authority (http://good.com\\@evil.com). A validator reads one host, the fetcher another.
 */
function hostConfusion(s: string, u: UrlRef, raw: string): boolean {
  // counted as received: ftp://john%40example.com:pw@host/ is one user name with an encoded '@'
  const authority = u.start === 0 ? (/^\s{0,4}[a-z][a-z0-9+.-]{0,20}:\/\/([^/?#\s]{1,260})/i.exec(raw)?.[1] ?? '') : s.slice(u.start + u.scheme.length + 3, u.end - u.rest.length);
  if (authority.indexOf('@') !== authority.lastIndexOf('@')) return true;
  return /^(?:\/[^/?#@\s]{0,40}:[^/?#\s]{0,80}|[\\#?])@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+/.test(u.rest);
}

/** The value as received (decoded once): a URL whose host hides a delimiter (%23, %2f, %3f, %5c, %40, %00) or that ends in a NUL. */
function rawUrlTricks(t: string, ctx: ScanContext): boolean {
  const m = /^\s{0,4}(?:https?|ftps?):\/\/([^/?#\s]{1,200})/i.exec(t);
  if (!m) return false;
  const hostPart = m[1]!.slice(m[1]!.lastIndexOf('@') + 1);
  if (/%(?:00|23|2f|3f|40|5c)/i.test(hostPart) || hostPart.includes('\0')) {
    hit(ctx, 'rfi.host-confusion', 5, t.slice(0, 80));
    return true;
  }
  // http://evil/shell.txt%00: the NUL cuts off the suffix the application appends (.php)
  if (t.length < 400 && (t.endsWith('%00') || t.endsWith('\0'))) {
    hit(ctx, 'rfi.null-truncation', 5, t.slice(0, 80));
    return true;
  }
  return false;
}

/** //evil.example/shell.txt?, http:evil.example/shell.txt?: a URL without '//' or without a scheme, cut by a final '?'. */
const LOOSE_TRAILING_QUESTION = /^\s{0,4}(?:(?:https?|ftps?):\/{0,2}|\/\/)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+(?::[0-9]{1,5})?\/[^\s?]{0,200}\?$/;

/** \\\\evil.example\\share\\shell.php: a UNC path to a named or numbered host, to a script PHP or ASP would include over SMB/WebDAV. */
const UNC_SCRIPT = /^\s{0,4}\\\\[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+\\[^\s]{1,200}\.(?:php[0-9]?|phtml|inc|asp|aspx|jsp|cgi|pl)$/;

/** Where sites point CNAMEs and buckets named after their own host: www.example.com.edgekey.net is the same site's CDN. */
const HOSTING_SUFFIX = /\.(?:amazonaws\.com|cloudfront\.net|edgekey\.net|edgesuite\.net|akamaiedge\.net|akamaized\.net|cdn\.cloudflare\.net|azureedge\.net|azurefd\.net|fastly\.net|fastlylb\.net|herokudns\.com|googlehosted\.com|ghs\.googlehosted\.com|netlify\.app|vercel-dns\.com|cdngc\.net|incapdns\.net|impervadns\.net|sucuri\.net)$/;

/**
 * A URL that passes a careless check against the site's own host (an allow-list for redirects, fetches or CORS origins):
 * the host with more labels after it (example.com.evil.net passes startsWith), letters glued before it (evilexample.com
 * passes endsWith), or the same host on another port (a fetch from inside reaches ports the firewall closes; also how a
 * development front end on :3000 names its callback, so that one alone blocks from paranoia 2).
 */
function ownHostLookalike(u: UrlRef, auth: string, own: string, ownPort: string): string | undefined {
  if (!own.includes('.') || classifyHost(own) !== 'public') return undefined;
  const h = u.host;
  // (amazon.com.au, example.com.br: the same brand under a country code is another site of the owner, not a trick)
  if (h.startsWith(`${own}.`) && !HOSTING_SUFFIX.test(h) && !/^[a-z]{2}$/.test(h.slice(own.length + 1))) return 'rfi.own-host-prefix';
  // a glued prefix only before a distinctive name (myshop.com beside shop.com is another site)
  if (h.length > own.length && h.endsWith(own) && own.indexOf('.') >= 6 && /^[a-z0-9-]{1,30}$/.test(h.slice(0, h.length - own.length))) return 'rfi.own-host-suffix';
  if (h === own) {
    const port = /:([0-9]{1,5})$/.exec(auth.slice(auth.lastIndexOf('@') + 1))?.[1];
    const usual = u.scheme === 'https' || u.scheme === 'ftps' ? '443' : u.scheme === 'http' ? '80' : '21';
    if (port && port !== usual && port !== ownPort && !(port === '443' && u.scheme === 'http') && !(port === '80' && u.scheme === 'https')) return 'rfi.own-host-port';
  }
  return undefined;
}

const detector: Detector = {
  category: 'rfi',
  triggers: C.COLON | C.SLASH | C.BSLASH,
  kinds: ['query', 'body', 'cookie', 'header', 'body-key'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (v.kind === 'header' && (v.name === 'referer' || v.name === 'origin' || v.name === 'user-agent')) return;
    const s = v.lower;
    if (s.length < 300 && s.endsWith('?') && LOOSE_TRAILING_QUESTION.test(s)) return hit(ctx, 'rfi.trailing-question-mark', 5, s.slice(0, 80));
    if (v.classes & C.BSLASH && s.length < 300 && UNC_SCRIPT.test(s)) return hit(ctx, 'rfi.unc-script', 5, s.slice(0, 80));
    if (!(v.classes & C.COLON)) return;
    if (rawUrlTricks(v.text, ctx)) return;
    const [host = '', ownPort = ''] = (ctx.exchange.request.host || '').toLowerCase().split(':');
    // jar:http://x/a.jar!/Cls, jar:file:/… : a Java archive URL loads classes or resources from where it points
    const jar = s.includes('jar:') ? /(?:^|[^a-z0-9])jar:(?:https?|ftps?|file|smb):/.exec(s) : null;
    // a local archive is where a Java error happened as often as a payload (4); in a sentence it is only that
    const local = jar && s.startsWith('file', jar.index + jar[0].length - 5);
    if (jar) {
      const prose = local && proseWords(s, 4) >= 4;
      return hit(ctx, 'rfi.jar-url', prose ? 2 : local ? 4 : 5, s.slice(jar.index, jar.index + 80), prose ? 2 : 1);
    }
    for (const u of findUrls(s, 8)) {
      if (!/^(https?|ftps?|smb|webdav|dav)$/.test(u.scheme)) continue;
      const ev = s.slice(u.start, Math.min(u.end, u.start + 80));
      const cls = classifyHost(u.host);
      if (hostConfusion(s, u, v.text)) {
        hit(ctx, 'rfi.host-confusion', 5, ev);
        return;
      }
      if (cls === 'ip') {
        hit(ctx, 'rfi.ip-url', /\.(php\d?|phtml|txt|inc|asp|aspx|jsp|pl|cgi|sh|py|gif|jpg|png)(\?|$)/.test(u.rest) || u.start === 0 ? 5 : 4, ev);
        return;
      }
      if (u.end === s.length && s.endsWith('?') && u.start === 0) {
        hit(ctx, 'rfi.trailing-question-mark', 5, ev);
        return;
      }
      const own = u.start === 0 && cls === 'public' ? ownHostLookalike(u, s.slice(u.start + u.scheme.length + 3, u.end - u.rest.length), host, ownPort) : undefined;
      if (own) {
        // the own host on another port is also a dev front end's OAuth callback (https://staging.example.com:3000/cb): 4
        hit(ctx, own, own === 'rfi.own-host-port' ? 4 : 5, ev);
        return;
      }
      if (u.start === 0 && v.name && INCLUDE_PARAMS.test(v.name) && cls === 'public') {
        hit(ctx, 'rfi.include-parameter', 5, `${v.name}=${ev}`);
        return;
      }
      if (cls === 'public' && u.host && u.host !== host && !u.host.endsWith(`.${host}`)) hit(ctx, 'rfi.off-domain-url', 3, ev, 2);
    }
    // ftp?, http?, https? glued to the end of a short value (scheme only)
    if (s.length < 300 && /^(?:https?|ftps?):\/\/[^\s]*\?$/.test(s)) hit(ctx, 'rfi.trailing-question-mark', 5, s.slice(0, 80));
  },
};

registerDetector(detector);
