import type { Exchange } from '../../exchange/exchange.js';
import { firstHeader } from '../../exchange/exchange.js';
import { C } from '../charclass.js';
import { registerDetector } from '../registry.js';
import type { Detector, ScanContext, ScanValue } from '../types.js';
import { hit } from './util.js';

// Session fixation: setting a cookie from script or markup in a parameter, and session identifiers supplied in
// parameters of a request that came from another site (a link planted by an attacker) or with no referer at all.

const SESSION_NAMES = /^(?:phpsessid|jsessionid|aspsessionid[a-z]*|asp\.net_sessionid|sessionid|session_id|sessid|cfid|cftoken|laravel_session|connect\.sid|ci_session|cakephp|shiny-token|next-auth\.session-token|__(?:host|secure)-next-auth\.session-token|symfony|zend_session|_session_id|rack\.session|express\.sid|sails\.sid|koa\.sess|jwt_session|wordpress_logged_in_[a-f0-9]*|django_session|auth_session)$/;

/** Names that look like a session token parameter in any framework: *_session, *sessid, *_login_token, *.sid. */
const GENERIC_SESSION = /^[a-z0-9_.:-]{0,30}(?:[_.:-]session|[a-z0-9]{2,20}session|sessid|session[_.-]?(?:id|token|key)|[_.-]login[_.-]token|[_.:-]sid|[a-z]{2,6}sid|[_.:-]sess|[_.-]auth[_.-]token)$/;

/** What every generic session name ends with (checked on the last characters before the full pattern). */
const SESSION_ENDINGS = /(?:session|sess|sessid|sid|id|token|key)$/;

function hostOf(u: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@]*@)?([^/?#:]*)/i.exec(u);
  return (m?.[2] ?? '').toLowerCase();
}

const COOKIE_ATTRIBUTES = /^\s*(?:document\s*)?\.\s*cookie\s*(?:=\s*["'`]?[^;\s"'`]{1,80}["'`]?\s*)?;\s*(?:expires|domain|path|max-age)\s*=/;

const detector: Detector = {
  category: 'session-fixation',
  namesAreItsInput: true,
  triggers: C.EQ | C.COLON,
  kinds: ['query', 'body', 'header', 'cookie', 'path'],
  scan(v: ScanValue, ctx: ScanContext): void {
    const s = v.lower;
    if (/\.cookie\s*=|document\s*\.\s*cookie\s*=/.test(s) && (s.includes('=') && /(?:sess|sid|token|id)[a-z_]*\s*=/.test(s))) hit(ctx, 'session-fixation.cookie-write', 5, s.slice(Math.max(0, s.indexOf('cookie') - 10), s.indexOf('cookie') + 50));
    // a value that opens with a cookie write carrying attributes: .cookie;expires=..., document.cookie="x";domain=
    else if (COOKIE_ATTRIBUTES.test(s)) hit(ctx, 'session-fixation.cookie-write', 5, s.slice(0, 60));
    else if (/http-equiv\s*=\s*["']?set-cookie/.test(s)) hit(ctx, 'session-fixation.meta-set-cookie', 5, s.slice(s.indexOf('http-equiv'), s.indexOf('http-equiv') + 60));
    else if (v.kind !== 'header' && /(?:^|[\r\n])set-cookie\s*:/.test(s)) hit(ctx, 'session-fixation.set-cookie', 5, s.slice(0, 60));
  },
  scanExchange(ex: Exchange, _values: readonly ScanValue[], ctx: ScanContext): void {
    const names: string[] = [];
    let strong = false;
    for (const v of _values) {
      if (v.kind !== 'query-key' && v.kind !== 'body-key') continue;
      if (SESSION_NAMES.test(v.lower)) {
        names.push(v.decoded);
        strong = true;
      } else if (SESSION_ENDINGS.test(v.lower.slice(-7)) && GENERIC_SESSION.test(v.lower)) names.push(v.decoded);
    }
    if (!names.length) return;
    const referer = firstHeader(ex.request.headers, 'referer');
    const own = (ex.request.host || firstHeader(ex.request.headers, 'host') || '').toLowerCase().split(':')[0] ?? '';
    if (referer) {
      const rh = hostOf(referer);
      if (rh && rh !== own && !rh.endsWith(`.${own}`) && !own.endsWith(`.${rh}`)) hit(ctx, 'session-fixation.offsite-session-id', 5, `${names[0]} from ${rh}`);
    } else hit(ctx, 'session-fixation.session-id-parameter', strong ? 5 : 3, names[0]!, strong ? 1 : 2);
  },
};

registerDetector(detector);
