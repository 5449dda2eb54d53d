import type { Exchange } from '../../exchange/exchange.js';
import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { Matcher } from '../match/aho.js';
import { hit } from './util.js';

// Security scanners and attack tools, by their user agents, marker headers and out-of-band callback domains.

const AGENTS = ['sqlmap', 'nikto', 'nuclei', 'nessus', 'acunetix', 'wpscan', 'dirbuster', 'gobuster', 'ffuf', 'masscan', 'zgrab', 'nmap', 'w3af', 'arachni', 'openvas', 'havij', 'netsparker', 'appscan', 'whatweb', 'jaeles', 'wfuzz', 'feroxbuster', 'skipfish', 'zaproxy', 'owasp zap', 'commix', 'xsstrike', 'dotdotpwn', 'paros', 'webinspect', 'fimap', 'bbqsql', 'grabber', 'vega/', 'burp', 'qualys', 'detectify', 'hydra', 'brutus', 'morfeus', 'zmeu', 'webshag', 'joomscan', 'droopescan', 'cmsmap', 'wapiti', 'sqlninja', 'pangolin', 'absinthe', 'nsauditor', 'jorgee', 'struts-pwn', 'pmafind', 'httpx - open-source', 'interactsh', 'dirsearch', 'masscan-ng', 'zgrab2', 'censysinspect', 'netlab360', 'l9explore', 'l9tcpid', 'httprint', 'metis', 'mysqloit', 'nasl', 'n-stealth', 'sf/', 'webvulnscan', 'blackwidow', 'crimson scanner', 'autogetcontent', 'floodgate', 'teh forest lobster', 'this is an exploit', 'toata dragostea', 'bsqlbf', 'webtrends security analyzer', 'security scan', 'arachni/', 'evilscanner'];
const OOB = ['burpcollaborator.net', 'oastify.com', 'interact.sh', 'oast.pro', 'oast.live', 'oast.site', 'oast.online', 'oast.fun', 'oast.me', 'dnslog.cn', 'ceye.io', 'requestbin.net', 'canarytokens.com', 'pipedream.net', 'xss.ht', 'bxss.me'];
const agents = new Matcher(AGENTS);
const oob = new Matcher(OOB);
const MARKER_HEADERS = ['acunetix-aspect', 'acunetix-aspect-password', 'acunetix-aspect-queries', 'x-scan-memo', 'x-scanner', 'x-wipp', 'x-request-memo', 'x-ratproxy-loop', 'x-arachni-scan-seed'];

function dotLetter(s: string): boolean {
  for (let i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
    const c = s.charCodeAt(i + 1);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

const detector: Detector = {
  category: 'scanner',
  triggers: 0,
  kinds: ['header', 'query', 'body'],
  scan(v: ScanValue, ctx: ScanContext): void {
    if (v.kind === 'header' && v.name === 'user-agent') {
      const h = agents.all(v.lower, 1)[0];
      if (h) hit(ctx, 'scanner.user-agent', 5, v.decoded.slice(0, 80));
      return;
    }
    // every callback domain has a dot followed by a letter: "please." or "3.5" cannot hold one
    if (v.classes & C.DOT && dotLetter(v.lower)) {
      const h = oob.all(v.lower, 1)[0];
      if (h) hit(ctx, 'scanner.oob-callback', 4, v.lower.slice(Math.max(0, h.start - 30), h.end));
    }
  },
  scanExchange(ex: Exchange, _values: readonly ScanValue[], ctx: ScanContext): void {
    const h = MARKER_HEADERS.find((n) => ex.request.headers[n] !== undefined);
    if (h) hit(ctx, 'scanner.marker-header', 5, h);
  },
};

registerDetector(detector);
