import type { Exchange, Finding } from '../exchange/exchange.js';
import { queryParams } from '../exchange/body.js';
import { accountNameOf, isCredentialRole } from './account.js';
import type { ExchangeContext } from './context.js';
import { endpointOf } from './endpoint.js';
import { fingerprintOf, isNonBrowser } from './fingerprint.js';
import { requestFields, responseJson, asObject, scalarText } from './json-fields.js';
import { objectsOf } from './objects.js';
import { outcomeOf } from './outcome.js';
import { OwnershipMap } from './ownership.js';
import { ParamProfiles, type ParamAnomaly } from './param-profile.js';
import { paymentOf } from './payment.js';
import { resolvePrincipal, unverifiedJwtClaims } from './principal.js';
import { roleOf } from './role.js';
import { privilegeFieldsOf, WriteSchemas } from './write-schema.js';
import { TtlMap } from '../behaviour/state/ttl-map.js';

// Turns exchanges into contexts, learning as it goes: ownership, parameter profiles, write schemas, and which
// username a token subject belongs to (from login responses).

const SEARCH_KEYS = new Set(['q', 'query', 'search', 'term', 'keyword', 'keywords', 'filter']);
const PAGE_KEYS = new Set(['page', 'offset', 'cursor', 'start', 'after', 'skip', 'p', 'pagenumber', 'page_number']);
const TOKEN_FIELDS = ['token', 'access_token', 'accessToken', 'id_token', 'jwt'];
const WRITE = new Set(['POST', 'PUT', 'PATCH']);
/** In a field whose profile is free text, signature findings alone must score this much to count as an attack. */
const FREE_TEXT_ATTACK_SCORE = 10;

export interface SignatureResult {
  score: number;
  attack: boolean;
  findings: Finding[];
}

export interface ContextOptions {
  paramLearnSamples?: number;
  schemaLearnSamples?: number;
}

export class ContextBuilder {
  readonly ownership = new OwnershipMap();
  readonly params: ParamProfiles;
  readonly schemas: WriteSchemas;
  /** token subject → the username it logged in as */
  private readonly aliases = new TtlMap<string>(24 * 3600_000, 500_000);

  constructor(opts: ContextOptions = {}) {
    this.params = new ParamProfiles(opts.paramLearnSamples);
    this.schemas = new WriteSchemas(opts.schemaLearnSamples);
  }

  build(ex: Exchange, seq: number, sig: SignatureResult): ExchangeContext {
    const now = ex.timings.start;
    const method = ex.request.method;
    const ep = endpointOf(ex);
    const query = ex.request.query ? queryParams(ex) : [];
    let hasSearch = false;
    let page: string | undefined;
    for (const [k, v] of query) {
      const lk = k.toLowerCase();
      if (SEARCH_KEYS.has(lk) && v) hasSearch = true;
      if (PAGE_KEYS.has(lk)) page = v;
    }
    const role = roleOf(method, ep, hasSearch);
    const fields = ex.request.body && ex.request.body.length > 0 ? requestFields(ex) : new Map();
    const p = resolvePrincipal(ex);
    const status = ex.response?.status ?? 0;
    const outcome = outcomeOf(ex, role);
    const username = accountNameOf(ex, role, fields);
    if (role === 'login' && outcome === 'success' && username) this.learnAlias(ex, username, now);
    const account = username ?? (p ? (this.aliases.get(p.id, now) ?? p.id) : undefined);

    const objects = objectsOf(ex, ep, fields);
    const foreignObjects = [];
    const owners: string[] = [];
    for (const o of objects) {
      const owner = this.ownership.ownerOf(o, now);
      if (owner === undefined) continue;
      owners.push(owner);
      if (p && owner !== p.id && status >= 200 && status < 300) foreignObjects.push(o);
    }
    if (p && (method === 'GET' || method === 'POST')) {
      const needsBody = (method === 'POST' && status >= 200 && status < 300) || (method === 'GET' && (role === 'list' || role === 'detail'));
      if (needsBody) this.ownership.learn(p.id, ep, method, status, responseJson(ex.response), now);
    }

    const anomalies = this.profileParams(ep.key, ep.params, query, hasSearch, now);
    let anomalyScore = 0;
    for (const a of anomalies) {
      let s = a.score;
      for (const f of sig.findings) if (f.location === a.location || (f.location === 'path' && a.location.startsWith('path:'))) s += f.score;
      if (s > anomalyScore) anomalyScore = s;
    }
    const write = WRITE.has(method);
    const pay = role === 'payment' ? paymentOf(fields) : {};
    const findings: string[] = [];
    for (const f of sig.findings) if (!findings.includes(f.category)) findings.push(f.category);
    const size = ex.response?.bodySize ?? 0;
    return {
      seq,
      requestId: ex.id,
      time: now,
      ip: ex.client.ip,
      fingerprint: fingerprintOf(ex),
      nonBrowser: isNonBrowser(ex),
      principal: p?.id,
      principalVerified: p?.verified ?? false,
      account,
      method,
      endpoint: ep.key,
      role,
      status,
      outcome,
      objects,
      foreignObjects,
      owners,
      card: pay.card,
      amount: pay.amount,
      page,
      privilegeFields: write ? privilegeFieldsOf(fields) : [],
      unknownFields: write && !isCredentialRole(role) ? this.schemas.unknownFields(ep.key, fields, now) : [],
      findings,
      signatureScore: sig.score,
      signatureAttack: sig.attack && (sig.score >= FREE_TEXT_ATTACK_SCORE || !this.allInFreeText(ep.key, sig.findings)),
      paramAnomalies: anomalies,
      anomalyScore,
      responseShape: `${status}:${size < 64 ? size : Math.round(Math.log2(size))}`,
    };
  }

  private profileParams(endpoint: string, params: Record<string, string>, query: [string, string][], hasSearch: boolean, now: number): ParamAnomaly[] {
    const out: ParamAnomaly[] = [];
    for (const name in params) {
      const a = this.params.observe(endpoint, `path:${name}`, params[name]!, now);
      if (a) out.push(a);
    }
    if (query.length > 20) return out;
    for (const [k, v] of query) {
      if (hasSearch && SEARCH_KEYS.has(k.toLowerCase())) continue;
      const a = this.params.observe(endpoint, `query:${k}`, v, now);
      if (a) out.push(a);
    }
    return out;
  }

  /** True when every finding sits in a search box or a parameter learned as free text. */
  private allInFreeText(endpoint: string, findings: readonly Finding[]): boolean {
    for (const f of findings) {
      if (!f.location.startsWith('query:')) return false;
      const name = f.location.slice(6);
      if (!SEARCH_KEYS.has(name.toLowerCase()) && this.params.shapeOf(endpoint, f.location) !== 'text') return false;
    }
    return findings.length > 0;
  }

  private learnAlias(ex: Exchange, username: string, now: number): void {
    const body = asObject(responseJson(ex.response));
    if (!body) return;
    for (const f of TOKEN_FIELDS) {
      const token = scalarText(body[f]);
      const sub = token ? unverifiedJwtClaims(token)?.sub : undefined;
      if (typeof sub === 'string' || typeof sub === 'number') {
        this.aliases.set(String(sub), username, now);
        return;
      }
    }
    const id = scalarText(asObject(body.user)?.id ?? body.userId ?? body.id);
    if (id) this.aliases.set(id, username, now);
  }
}
