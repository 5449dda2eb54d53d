import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT, importPKCS8, decodeJwt, type JWTPayload } from 'jose';
import type { SigningKeySpec } from './plan/plan-types.js';
import { secretValue } from './plan/load-plan.js';

// Tokens a correct verifier must refuse. None of them is ever printed: evidence names the kind only.

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export function claimsFor(key: SigningKeySpec | undefined, extra: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { sub: key?.subject ?? 'vigil-validate', iss: key?.issuer, aud: key?.audience, iat: now, exp: now + 3600, ...extra };
}

/** `alg: none`, no signature. */
export function unsignedToken(claims: JWTPayload): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

/** Well formed, signed with a key nobody trusts. */
export async function foreignKeyToken(claims: JWTPayload, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: alg.startsWith('HS') ? alg : 'HS256', typ: 'JWT' }).sign(randomBytes(32));
}

/** A real token whose payload was changed after signing (another subject): the signature no longer matches. */
export function tamperedToken(token: string): string | undefined {
  const [h, , s] = token.split('.');
  if (!h || s === undefined) return undefined;
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    return undefined;
  }
  return `${h}.${b64({ ...claims, sub: `${String(claims.sub ?? '')}-other`, admin: true })}.${s}`;
}

/** Signed with the plan's key: expired, or for another audience or issuer, each of which must be refused. */
export async function signWithPlanKey(key: SigningKeySpec, claims: JWTPayload, planFile: string): Promise<string> {
  const secret = key.secret !== undefined ? new TextEncoder().encode(secretValue(key.secret, `${planFile}: jwt.secret`)) : await importPKCS8(readFileSync(key.private_key_file!, 'utf8'), key.algorithm);
  return new SignJWT(claims).setProtectedHeader({ alg: key.algorithm, typ: 'JWT' }).sign(secret);
}
