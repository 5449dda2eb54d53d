import { createHash } from 'node:crypto';
import type { Exchange } from '../../exchange/exchange.js';
import { firstHeader } from '../../exchange/exchange.js';
import { queryParams } from '../../exchange/body.js';
import type { ApiKeyProviderConfig } from '../../config/types.js';
import { refuse, type AuthOutcome } from './outcome.js';

/**
 * Checks an API key against the configured sha256 digests. The presented key is hashed first and looked up
 * by digest, so lookup time depends on the digest, not on how much of a valid key an attacker guessed.
 */
export class ApiKeyVerifier {
  private readonly idByDigest = new Map<string, string>();
  private readonly location: string;
  private readonly read: (ex: Exchange) => string | undefined;

  constructor(
    readonly name: string,
    provider: ApiKeyProviderConfig,
  ) {
    for (const k of provider.keys) this.idByDigest.set(k.sha256.toLowerCase(), k.id);
    if (provider.in === 'header') {
      const header = provider.name.toLowerCase();
      this.location = `header:${header}`;
      this.read = (ex) => firstHeader(ex.request.headers, header)?.trim() || undefined;
    } else {
      const param = provider.name;
      this.location = `query:${param}`;
      this.read = (ex) => queryParams(ex).find(([k]) => k === param)?.[1] || undefined;
    }
  }

  check(ex: Exchange): AuthOutcome {
    const key = this.read(ex);
    if (!key) return refuse('auth.api-key.missing', 'an API key is required', this.location, false);
    const id = this.idByDigest.get(createHash('sha256').update(key, 'utf8').digest('hex'));
    if (id === undefined) return refuse('auth.api-key.invalid', 'the API key is not valid', this.location, true);
    return { ok: true, principal: { kind: 'api_key', id, verified: true } };
  }
}
