import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ibanValid, sensitiveClasses } from '../../src/discover/sensitive-classes.js';

test('card numbers need a valid Luhn checksum', () => {
  assert.deepEqual(sensitiveClasses('card', '4111 1111 1111 1111'), ['card-number']);
  assert.deepEqual(sensitiveClasses('card', '5500-0000-0000-0004'), ['card-number']);
  assert.deepEqual(sensitiveClasses('card', '4111 1111 1111 1112'), []);
});

test('IBANs need a valid mod-97 checksum', () => {
  assert.equal(ibanValid('GB82 WEST 1234 5698 7654 32'), true);
  assert.equal(ibanValid('DE89370400440532013000'), true);
  assert.equal(ibanValid('GB82 WEST 1234 5698 7654 33'), false);
  assert.equal(ibanValid('DE89370400440532013001'), false);
  assert.deepEqual(sensitiveClasses('iban', 'DE89370400440532013000'), ['iban']);
  assert.deepEqual(sensitiveClasses('iban', 'DE89370400440532013001'), []);
});

test('emails, phones, SSNs, JWTs, API keys, passwords and addresses', () => {
  assert.deepEqual(sensitiveClasses('contact', 'ann@example.com'), ['email']);
  assert.deepEqual(sensitiveClasses('phone', '+1 415-555-2671'), ['phone']);
  assert.deepEqual(sensitiveClasses('contact', '(415) 555-2671'), ['phone']);
  assert.deepEqual(sensitiveClasses('ratio', '3.14159265'), []);
  assert.deepEqual(sensitiveClasses('created', '1700000000'), []);
  assert.deepEqual(sensitiveClasses('ssn', '123-45-6789'), ['us-ssn']);
  assert.deepEqual(sensitiveClasses('ssn', '000-45-6789'), []);
  assert.deepEqual(sensitiveClasses('token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl'), ['jwt']);
  assert.deepEqual(sensitiveClasses('k', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'), ['api-key']);
  assert.deepEqual(sensitiveClasses('client_secret', 'f0e1d2c3b4a5968778695a4b'), ['api-key']);
  assert.deepEqual(sensitiveClasses('password', 'hunter2'), ['password']);
  assert.deepEqual(sensitiveClasses('street_address', '1 Main St'), ['address']);
  assert.deepEqual(sensitiveClasses('name', 'just a name'), []);
  assert.deepEqual(sensitiveClasses('count', '12345678'), []);
});
