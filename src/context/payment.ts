import type { JsonValue } from '../exchange/body.js';
import type { Fields } from './json-fields.js';
import { asObject, pick, scalarText } from './json-fields.js';
import { shortHash } from './hash.js';

// The card and amount of a payment attempt; the card is kept only as a hash.

const CARD_FIELDS = new Set(['cardnumber', 'number', 'pan', 'card', 'ccnumber', 'cc']);
const AMOUNT_FIELDS = new Set(['amount', 'total', 'value', 'sum']);

export interface PaymentAttempt {
  card?: string;
  amount?: number;
}

function cardIn(v: JsonValue | undefined): string | undefined {
  const text = scalarText(v);
  if (text) {
    const digits = text.replace(/[\s-]/g, '');
    return digits.length >= 12 && digits.length <= 19 ? shortHash(digits) : undefined;
  }
  const nested = asObject(v);
  return nested ? cardIn(pick(new Map(Object.entries(nested)), CARD_FIELDS)) : undefined;
}

export function paymentOf(fields: Fields): PaymentAttempt {
  const amountRaw = pick(fields, AMOUNT_FIELDS);
  const amount = typeof amountRaw === 'number' ? amountRaw : typeof amountRaw === 'string' ? Number(amountRaw) : undefined;
  return { card: cardIn(pick(fields, CARD_FIELDS)), amount: amount !== undefined && Number.isFinite(amount) ? amount : undefined };
}
