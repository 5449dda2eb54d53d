import type { Exchange } from '../../src/exchange/exchange.js';
import { makeExchange } from './exchange.js';

// A seeded set of secrets, each placed where real traffic carries one. No secret may reach a store or a sink.

const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzZWVkZWQtdXNlciIsImlhdCI6MTcwMDAwMDAwMH0.c2VlZGVkU2lnbmF0dXJlVmFsdWVYWVo';

export const SEEDED_SECRETS = {
  jwt,
  jwtPayload: 'eyJzdWIiOiJzZWVkZWQtdXNlciIsImlhdCI6MTcwMDAwMDAwMH0',
  basic: 'c2VlZGVkOmJhc2ljcGFzcw==',
  cookie: 'SeededCookieValue8821',
  apiKeyHeader: 'seeded-header-key-5521',
  queryPassword: 'SeededQueryPass77',
  queryApiKey: 'SeededQueryKey4410',
  jsonPassword: 'SeededJsonPass!93',
  jsonToken: 'SeededNestedToken62',
  card: '4111111111111111',
  cardSpaced: '5500 0000 0000 0004',
  formPassword: 'SeededFormPass31',
  formCard: '3782-822463-10005',
  truncatedPassword: 'SeededTruncatedPass12',
  aws: 'AKIAIOSFODNN7SEEDED0',
  stripe: 'sk_live_SeededStripeKey551',
  bearerInText: 'SeededBearerToken0099',
  evidenceCard: '6011111111111117',
};

/** Cards are also checked without separators. */
export function secretNeedles(): string[] {
  return Object.values(SEEDED_SECRETS).flatMap((s) => [s, s.replace(/[ -]/g, '')]);
}

export function secretExchanges(): Exchange[] {
  const s = SEEDED_SECRETS;
  const a = makeExchange({
    method: 'POST',
    url: `/login?api_key=${s.queryApiKey}&password=${s.queryPassword}&q=${encodeURIComponent(s.stripe)}`,
    headers: {
      authorization: `Bearer ${s.jwt}`,
      cookie: `session=${s.cookie}; theme=dark`,
      'x-api-key': s.apiKeyHeader,
      'x-debug': `aws ${s.aws}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      user: 'bob',
      password: s.jsonPassword,
      payment: { number: s.card, note: `card ${s.cardSpaced}` },
      nested: { access_token: s.jsonToken },
      comment: `token was ${s.jwt}`,
    }),
    action: 'would-block',
  });
  a.decision.reasons[0]!.evidence = `Bearer ${s.jwt}`;
  a.findings.push({ category: 'pii', rule: 'card', severity: 'medium', confidence: 0.9, score: 3, location: 'body:/x', evidence: `card=${s.evidenceCard}` });
  const b = makeExchange({
    method: 'POST',
    url: '/form',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${s.basic}` },
    body: `user=bob&password=${s.formPassword}&card=${s.formCard}`,
  });
  const c = makeExchange({
    method: 'POST',
    url: '/text',
    headers: { 'content-type': 'application/json' },
    body: `{"user":"bob","password": "${s.truncatedPassword}", "more": "Authorization: Bearer ${s.bearerInText}", "pad": "`,
  });
  c.request.bodyTruncated = true;
  c.request.bodySize = 100_000;
  return [a, b, c];
}
