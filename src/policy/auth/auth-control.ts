import type { AuthRequirement, VigilConfig } from '../../config/types.js';
import type { CheckResult, Control } from '../../pipeline/control.js';
import { ApiKeyVerifier } from './api-key-verifier.js';
import { allOf, andThen, anyOf } from './combine.js';
import { JwtVerifier, type JwtVerifierOptions } from './jwt-verifier.js';
import type { AuthCheck } from './outcome.js';

/**
 * Verifiers are built once per config and provider, so routes sharing a provider share its JWKS
 * and its token cache. The first caller's options win.
 */
const registries = new WeakMap<VigilConfig, { jwt: Map<string, JwtVerifier>; apiKeys: Map<string, ApiKeyVerifier> }>();

function registry(cfg: VigilConfig) {
  let r = registries.get(cfg);
  if (!r) registries.set(cfg, (r = { jwt: new Map(), apiKeys: new Map() }));
  return r;
}

function jwtVerifier(cfg: VigilConfig, name: string, opts: JwtVerifierOptions): JwtVerifier {
  const r = registry(cfg);
  let v = r.jwt.get(name);
  if (!v) {
    const provider = cfg.auth.jwt[name];
    if (!provider) throw new Error(`unknown JWT provider "${name}"`);
    r.jwt.set(name, (v = new JwtVerifier(name, provider, cfg.baseDir, opts)));
  }
  return v;
}

function apiKeyVerifier(cfg: VigilConfig, name: string): ApiKeyVerifier {
  const r = registry(cfg);
  let v = r.apiKeys.get(name);
  if (!v) {
    const provider = cfg.auth.api_keys[name];
    if (!provider) throw new Error(`unknown API key set "${name}"`);
    r.apiKeys.set(name, (v = new ApiKeyVerifier(name, provider)));
  }
  return v;
}

/** jwt, api_key and any in one requirement must all pass; the alternatives inside `any` need only one. */
function buildCheck(req: Exclude<AuthRequirement, 'none'>, cfg: VigilConfig, opts: JwtVerifierOptions): AuthCheck {
  const checks: AuthCheck[] = [];
  if (req.jwt !== undefined) {
    const v = jwtVerifier(cfg, req.jwt, opts);
    checks.push((ex) => v.check(ex));
  }
  if (req.api_key !== undefined) {
    const v = apiKeyVerifier(cfg, req.api_key);
    checks.push((ex) => v.check(ex));
  }
  if (req.any?.length) {
    const alternatives = req.any.filter((a): a is Exclude<AuthRequirement, 'none'> => a !== 'none');
    // `none` among the alternatives makes the credential optional: a failed check then passes anonymously
    const optional = alternatives.length < req.any.length;
    const any = anyOf(alternatives.map((a) => buildCheck(a, cfg, opts)));
    checks.push(optional ? (ex) => andThen(any(ex), (o) => (o.ok || !o.presented ? { ok: true as const, principal: undefined } : o)) : any);
  }
  if (checks.length === 0) throw new Error('an auth requirement needs jwt, api_key or any');
  return allOf(checks);
}

export function createAuthControl(
  req: AuthRequirement,
  cfg: VigilConfig,
  mode: 'enforce' | 'monitor',
  opts: JwtVerifierOptions = {},
): Control | undefined {
  if (req === 'none') return undefined;
  const check = buildCheck(req, cfg, opts);
  return {
    id: 'auth',
    phase: 'headers',
    mode,
    check(ex): CheckResult | Promise<CheckResult> {
      return andThen(check(ex), (outcome) => {
        if (!outcome.ok) return outcome.refusal;
        if (outcome.principal) ex.principal = outcome.principal;
        return undefined;
      });
    },
  };
}
