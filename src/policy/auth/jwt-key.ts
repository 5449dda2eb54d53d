import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { JwtProviderConfig } from '../../config/types.js';

export interface KeyOptions {
  /** Minimum time between two JWKS fetches (jose's cooldown); a token with an unknown kid refetches after it. */
  jwksCooldownMs?: number;
  jwksTimeoutMs?: number;
}

export type VerificationKey = Uint8Array | KeyObject | JWTVerifyGetKey;

/**
 * The key a provider verifies with. Configuration problems throw here, at startup, naming the provider
 * (and the environment variable or file) but never the secret.
 */
export function verificationKey(name: string, p: JwtProviderConfig, baseDir: string, opts: KeyOptions = {}): VerificationKey {
  if (p.jwks_url) {
    return createRemoteJWKSet(new URL(p.jwks_url), {
      cooldownDuration: opts.jwksCooldownMs ?? 30_000,
      timeoutDuration: opts.jwksTimeoutMs ?? 5_000,
      cacheMaxAge: 10 * 60_000,
    });
  }
  if (p.secret !== undefined) return new TextEncoder().encode(readSecret(name, p.secret));
  if (p.public_key_file) {
    const file = resolve(baseDir, p.public_key_file);
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`JWT provider "${name}": cannot read public_key_file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      const key = createPublicKey(pem);
      if (key.type !== 'public') throw new Error('not a public key');
      return key;
    } catch (e) {
      throw new Error(`JWT provider "${name}": ${file} is not a PEM public key or certificate (${(e as Error).message})`);
    }
  }
  throw new Error(`JWT provider "${name}": needs one of jwks_url, secret, public_key_file`);
}

function readSecret(name: string, secret: string): string {
  if (!secret.startsWith('env:')) return secret;
  const variable = secret.slice(4);
  const value = process.env[variable];
  if (!value) throw new Error(`JWT provider "${name}": environment variable ${variable} is not set`);
  return value;
}
