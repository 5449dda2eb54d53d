import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { classifyHost, findUrls } from './hosts.js';
import { hit } from './util.js';

// Server-side request forgery: URLs (or bare hosts in URL-ish parameters) that point at loopback, private, link-local
// or cloud metadata addresses in any spelling, and URL schemes a server-side fetcher should never follow.

const DANGEROUS_SCHEMES = new Set(['gopher', 'dict', 'file', 'ldap', 'ldaps', 'tftp', 'jar', 'netdoc', 'sftp', 'expect', 'phar', 'local_file', 'jdbc', 'mailto_', 'fd', 'php', 'zip', 'glob', 'ogg', 'rar', 'ssh2.exec', 'ssh2.shell']);

const detector: Detector = {
  category: 'ssrf',
  triggers: C.COLON | C.DOT,
  kinds: ['query', 'header', 'cookie', 'body', 'body-key', 'query-key', 'raw-body', 'path'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (v.kind === 'header' && (v.name === 'referer' || v.name === 'origin' || v.name === 'user-agent')) return;
    const s = v.lower;
    let found = false;
    if (v.classes & C.COLON) {
      for (const u of findUrls(s)) {
        const cls = classifyHost(u.host);
        const ev = s.slice(u.start, Math.min(u.end, u.start + 80));
        if (cls === 'metadata') hit(ctx, 'ssrf.cloud-metadata', 5, ev);
        else if (cls === 'loopback' || cls === 'internal-name') hit(ctx, 'ssrf.loopback', 5, ev);
        else if (cls === 'private') hit(ctx, 'ssrf.private-address', 5, ev);
        else if (DANGEROUS_SCHEMES.has(u.scheme)) hit(ctx, 'ssrf.dangerous-scheme', 5, ev);
        else if (cls === 'ip' && /^[0-9]+$|0x|^0[0-7]/.test(u.host.split('.')[0] ?? '') && !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(u.host)) hit(ctx, 'ssrf.encoded-address', 5, ev);
        else continue;
        found = true;
      }
    }
    // scheme-less hosts: metadata addresses and container host names anywhere, bare IPs in URL-ish parameters
    if (!found) {
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
