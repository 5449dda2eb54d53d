import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declared, findSensitive, luhn, stackTrace } from '../../src/validate/checks/sensitive-data.js';

test('sensitive classes are found and masked; card numbers need a valid Luhn digit', () => {
  const body = JSON.stringify({ contact: 'jane.doe@example.com', card: '4111 1111 1111 1111', order: 4111111111111112, token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', key: 'AKIAIOSFODNN7EXAMPLE' });
  const found = findSensitive(body);
  assert.deepEqual(found.map((f) => f.cls), ['email', 'card-number', 'jwt', 'secret']);
  for (const f of found) assert.match(f.example, /^.{3}….{2} \(\d+ chars\)$/, 'only a masked example is kept');
  assert.ok(luhn('4111111111111111'));
  assert.ok(!luhn('4111111111111112'));
  assert.deepEqual(findSensitive('{"id": 4111111111111112, "phone": "0000000000000"}'), []);
});

test('a class is declared when the operation\'s responses name it', () => {
  assert.ok(declared('email', '{"200":{"content":{"schema":{"properties":{"email":{"format":"email"}}}}}}'));
  assert.ok(!declared('jwt', '{"200":{"description":"products"}}'));
});

test('stack traces of common runtimes are recognised, also inside JSON strings', () => {
  const node = JSON.stringify({ stack: 'SyntaxError: Unexpected end\n    at JSON.parse (<anonymous>)\n    at IncomingMessage.<anonymous> (file:///srv/app.js:40:27)' });
  assert.match(stackTrace(node) ?? '', /at IncomingMessage\.<anonymous> \(file:\/\/\/srv\/app\.js:40:27\)/);
  assert.ok(stackTrace('Traceback (most recent call last):\n  File "app.py", line 3'));
  assert.ok(stackTrace('java.lang.NullPointerException\n\tat com.shop.Api.get(Api.java:42)'));
  assert.equal(stackTrace('{"error":"invalid JSON"}'), undefined);
  assert.equal(stackTrace('{"title":"Bad Request","detail":"Refused by rule schema.body.invalid-json."}'), undefined);
});
