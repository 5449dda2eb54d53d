import { jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { Exchange } from '../../exchange/exchange.js';
import type { JwtProviderConfig } from '../../config/types.js';
import { Lru } from './lru.js';
import { jwtFailure } from './jwt-errors.js';
import { verificationKey, type KeyOptions, type VerificationKey } from './jwt-key.js';
import { refuse, type AuthOutcome, type MaybePromise } from './outcome.js';
import { tokenSource, type TokenSource } from './token-source.js';

export interface JwtVerifierOptions extends KeyOptions {
  cacheSize?: number;
  /** Longest time a verified token is trusted without verifying again. */
  cacheTtlMs?: number;
  now?: () => number;
}

interface CachedToken {
  claims: Record<string, unknown>;
  subject: string;
  /** Epoch ms: min(exp, verified-at + ttl). */
  until: number;
}

const JWS_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);

/**
 * Verifies JWTs for one configured provider. A token verified recently is answered from a bounded LRU
 * synchronously; anything else goes through jose (async).
 */
export class JwtVerifier {
  private readonly key: VerificationKey;
  private readonly source: TokenSource;
  private readonly cache: Lru<string, CachedToken>;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly allowed: Set<string>;
  private readonly subjectClaim: string;
  private readonly verifyOptions: JWTVerifyOptions;

  constructor(
    readonly name: string,
    provider: JwtProviderConfig,
    baseDir: string,
    opts: JwtVerifierOptions = {},
  ) {
    this.key = verificationKey(name, provider, baseDir, opts);
    this.source = tokenSource(provider);
    this.cache = new Lru(opts.cacheSize ?? 10_000);
    this.ttlMs = opts.cacheTtlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.allowed = new Set(provider.algorithms.filter((a) => JWS_ALGORITHMS.has(a)));
    this.subjectClaim = provider.subject_claim ?? 'sub';
    this.verifyOptions = {
      algorithms: [...this.allowed],
      clockTolerance: provider.clock_skew_s ?? 30,
      ...(provider.issuer !== undefined ? { issuer: provider.issuer } : {}),
      ...(provider.audience !== undefined ? { audience: provider.audience } : {}),
    };
  }

  check(ex: Exchange): MaybePromise<AuthOutcome> {
    const location = this.source.location;
    const token = this.source.read(ex);
    if (!token) return refuse('auth.jwt.missing', 'a bearer token is required', location, false);
    const hit = this.cache.get(token);
    if (hit) {
      if (hit.until > this.now()) return success(hit);
      this.cache.delete(token);
    }
    // Refuse `none` and algorithms outside the allowlist before any key lookup: the header is attacker-chosen.
    const alg = headerAlgorithm(token);
    if (alg === undefined) return refuse('auth.jwt.malformed', 'the token is not a well-formed signed JWT', location, true);
    if (!this.allowed.has(alg)) return refuse('auth.jwt.alg-not-allowed', 'the token algorithm is not allowed', location, true);
    return this.verify(token, location);
  }

  private async verify(token: string, location: string): Promise<AuthOutcome> {
    let payload: JWTPayload;
    try {
      const key = this.key;
      const result = typeof key === 'function' ? await jwtVerify(token, key, this.verifyOptions) : await jwtVerify(token, key, this.verifyOptions);
      payload = result.payload;
    } catch (e) {
      return jwtFailure(e, location);
    }
    const subject = payload[this.subjectClaim];
    if (typeof subject !== 'string' || subject === '')
      return refuse('auth.jwt.no-subject', `the token has no "${this.subjectClaim}" claim`, location, true);
    const verifiedAt = this.now();
    const until = Math.min(typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity, verifiedAt + this.ttlMs);
    const entry: CachedToken = { claims: Object.freeze({ ...payload }), subject, until };
    if (until > verifiedAt) this.cache.set(token, entry);
    return success(entry);
  }
}

function success(entry: CachedToken): AuthOutcome {
  return { ok: true, principal: { kind: 'jwt', id: entry.subject, verified: true, claims: entry.claims } };
}

/** The `alg` of a compact JWS header, or undefined when the token is not three base64url parts with a JSON header. */
function headerAlgorithm(token: string): string | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot > 2048) return undefined;
  const second = token.indexOf('.', dot + 1);
  if (second < 0 || token.indexOf('.', second + 1) >= 0) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null) return undefined;
    const alg = (header as { alg?: unknown }).alg;
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}
