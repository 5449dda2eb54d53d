import type { AuthOutcome } from './outcome.js';
import { refuse } from './outcome.js';

/** Maps a jose failure to a stable rule id and a message that names the problem, never the token. */
export function jwtFailure(e: unknown, location: string): AuthOutcome {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  const claim = typeof e === 'object' && e !== null && 'claim' in e ? String((e as { claim: unknown }).claim) : '';
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return refuse('auth.jwt.expired', 'the token has expired', location, true);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return refuse('auth.jwt.invalid-signature', 'the token signature does not verify', location, true);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return refuse('auth.jwt.alg-not-allowed', 'the token algorithm is not allowed', location, true);
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return refuse('auth.jwt.unknown-kid', 'no published key matches the token key id', location, true);
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud') return refuse('auth.jwt.bad-audience', 'the token audience is not accepted', location, true);
      if (claim === 'iss') return refuse('auth.jwt.bad-issuer', 'the token issuer is not accepted', location, true);
      if (claim === 'nbf') return refuse('auth.jwt.not-yet-valid', 'the token is not valid yet', location, true);
      return refuse('auth.jwt.bad-claim', `the token claim "${claim.slice(0, 32)}" is invalid`, location, true);
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return keysUnavailable(location);
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return refuse('auth.jwt.malformed', 'the token is not a well-formed signed JWT', location, true);
    default:
      // jose raises plain errors when the JWKS endpoint cannot be reached or answers non-200
      if (e instanceof Error && /JWKS|Key Set|fetch failed|ECONNREFUSED/i.test(e.message)) return keysUnavailable(location);
      return refuse('auth.jwt.invalid', 'the token could not be verified', location, true);
  }
}

/** Fail-closed but honest: our key source is down, which is not the client's fault, so 503 rather than 401. */
function keysUnavailable(location: string): AuthOutcome {
  const outcome = refuse('auth.jwt.keys-unavailable', 'the signing keys could not be fetched', location, true);
  if (!outcome.ok) outcome.refusal.status = 503;
  return outcome;
}
