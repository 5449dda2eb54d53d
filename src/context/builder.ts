import type { Exchange, Finding } from '../exchange/exchange.js';
import { queryParams } from '../exchange/body.js';
import { accountNameOf, isCredentialRole } from './account.js';
import type { ExchangeContext } from './context.js';
import { endpointOf } from './endpoint.js';
import { fingerprintOf, isNonBrowser } from './fingerprint.js';
import { requestFields, responseJson, asObject, scalarText, type Fields } from './json-fields.js';
import type { JsonValue } from '../exchange/body.js';
import type { Endpoint } from './endpoint.js';
import type { EndpointRole } from './role.js';
import type { ObjectRef } from './objects.js';
import type { Outcome } from './outcome.js';
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

/** A signature finding as context needs it. */
export interface SigFinding {
  category: string;
  location: string;
  score: number;
}

/**
 * The stateless half of an exchange's context: everything that needs no memory of earlier requests. Plain data
 * (structured-cloneable), so a worker thread can compute it and hand it to the thread that keeps the state.
 */
export interface PreparedContext {
  requestId: string;
  now: number;
  ip: string;
  method: string;
  ep: Endpoint;
  query: [string, string][];
  hasSearch: boolean;
  page?: string;
  role: EndpointRole;
  principal?: { id: string; verified: boolean };
  status: number;
  outcome?: Outcome;
  username?: string;
  /** The login response body, when a successful login names its account (for token subject aliases). */
  aliasBody?: JsonValue;
  objects: ObjectRef[];
  learnOwnership: boolean;
  responseBody?: JsonValue;
  fingerprint: string;
  nonBrowser: boolean;
  card?: string;
  amount?: number;
  privilegeFields: string[];
  /** Body field names of a non-credential write (checked against the endpoint's learned schema). */
  schemaFields?: string[];
  findings: string[];
  sigFindings: SigFinding[];
  signatureScore: number;
  signatureAttack: boolean;
  responseShape: string;
}

export function prepareContext(ex: Exchange, sig: SignatureResult): PreparedContext {
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
  const fields: Fields = ex.request.body && ex.request.body.length > 0 ? requestFields(ex) : new Map();
  const p = resolvePrincipal(ex);
  const status = ex.response?.status ?? 0;
  const outcome = outcomeOf(ex, role);
  const username = accountNameOf(ex, role, fields);
  const aliasBody = role === 'login' && outcome === 'success' && username ? responseJson(ex.response) : undefined;
  const objects = objectsOf(ex, ep, fields);
  let learnOwnership = false;
  let responseBody: JsonValue | undefined;
  if (p && (method === 'GET' || method === 'POST')) {
    learnOwnership = (method === 'POST' && status >= 200 && status < 300) || (method === 'GET' && (role === 'list' || role === 'detail'));
    if (learnOwnership) responseBody = aliasBody ?? responseJson(ex.response);
  }
  const write = WRITE.has(method);
  const pay = role === 'payment' ? paymentOf(fields) : {};
  const findings: string[] = [];
  const sigFindings: SigFinding[] = [];
  for (const f of sig.findings) {
    if (!findings.includes(f.category)) findings.push(f.category);
    sigFindings.push({ category: f.category, location: f.location, score: f.score });
  }
  const size = ex.response?.bodySize ?? 0;
  const out: PreparedContext = {
    requestId: ex.id,
    now,
    ip: ex.client.ip,
    method,
    ep,
    query,
    hasSearch,
    page,
    role,
    principal: p ? { id: p.id, verified: p.verified } : undefined,
    status,
    outcome,
    username,
    objects,
    learnOwnership,
    fingerprint: fingerprintOf(ex),
    nonBrowser: isNonBrowser(ex),
    card: pay.card,
    amount: pay.amount,
    privilegeFields: write ? privilegeFieldsOf(fields) : [],
    schemaFields: write && !isCredentialRole(role) && fields.size > 0 ? [...fields.keys()] : undefined,
    findings,
    sigFindings,
    signatureScore: sig.score,
    signatureAttack: sig.attack,
    responseShape: `${status}:${size < 64 ? size : Math.round(Math.log2(size))}`,
  };
  if (aliasBody !== undefined) out.aliasBody = aliasBody;
  if (responseBody !== undefined) out.responseBody = responseBody;
  return out;
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
    return this.complete(prepareContext(ex, sig), seq);
  }

  /** The stateful half: ownership, aliases, parameter profiles and write schemas, in stream order. */
  complete(pre: PreparedContext, seq: number): ExchangeContext {
    const { now, method, ep, role, status, principal: p } = pre;
    if (pre.aliasBody !== undefined && pre.username) this.learnAlias(pre.aliasBody, pre.username, now);
    const account = pre.username ?? (p ? (this.aliases.get(p.id, now) ?? p.id) : undefined);

    const objects = pre.objects;
    const foreignObjects = [];
    const owners: string[] = [];
    for (const o of objects) {
      const owner = this.ownership.ownerOf(o, now);
      if (owner === undefined) continue;
      owners.push(owner);
      if (p && owner !== p.id && status >= 200 && status < 300) foreignObjects.push(o);
    }
    if (p && pre.learnOwnership) this.ownership.learn(p.id, ep, method, status, pre.responseBody, now);

    const anomalies = this.profileParams(ep.key, ep.params, pre.query, pre.hasSearch, now);
    let anomalyScore = 0;
    for (const a of anomalies) {
      let s = a.score;
      for (const f of pre.sigFindings) if (f.location === a.location || (f.location === 'path' && a.location.startsWith('path:'))) s += f.score;
      if (s > anomalyScore) anomalyScore = s;
    }
    return {
      seq,
      requestId: pre.requestId,
      time: now,
      ip: pre.ip,
      fingerprint: pre.fingerprint,
      nonBrowser: pre.nonBrowser,
      principal: p?.id,
      principalVerified: p?.verified ?? false,
      account,
      method,
      endpoint: ep.key,
      role,
      status,
      outcome: pre.outcome,
      objects,
      foreignObjects,
      owners,
      card: pre.card,
      amount: pre.amount,
      page: pre.page,
      privilegeFields: pre.privilegeFields,
      unknownFields: pre.schemaFields ? this.schemas.unknownFields(ep.key, pre.schemaFields, now) : [],
      findings: pre.findings,
      signatureScore: pre.signatureScore,
      signatureAttack: pre.signatureAttack && (pre.signatureScore >= FREE_TEXT_ATTACK_SCORE || !this.allInFreeText(ep.key, pre.sigFindings)),
      paramAnomalies: anomalies,
      anomalyScore,
      responseShape: pre.responseShape,
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
  private allInFreeText(endpoint: string, findings: readonly SigFinding[]): boolean {
    for (const f of findings) {
      if (!f.location.startsWith('query:')) return false;
      const name = f.location.slice(6);
      if (!SEARCH_KEYS.has(name.toLowerCase()) && this.params.shapeOf(endpoint, f.location) !== 'text') return false;
    }
    return findings.length > 0;
  }

  private learnAlias(response: JsonValue | undefined, username: string, now: number): void {
    const body = asObject(response);
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
