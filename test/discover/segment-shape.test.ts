import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentShape } from '../../src/discover/segment-shape.js';

test('identifier shapes are recognised', () => {
  const cases: [string, string][] = [
    ['123', 'integer'],
    ['3f2b9a4e-8c1d-4e5f-9a7b-1c2d3e4f5a6b', 'uuid'],
    ['9f1c2e3d4b5a69788796a5b4c3d2e1f0', 'hex'],
    ['2024-05-01', 'date'],
    ['ann@example.com', 'email'],
    ['CH0123456789abcdef0123456789abcdef', 'prefixed-id'],
    ['cus_NffrFeUfNV2Hib', 'prefixed-id'],
    ['4aawyAB9vmqN3uQ7FjRGTy', 'base62'],
    ['aGVsbG8gd29ybGQh-x_1', 'base64'],
    ['my-first-post-2023', 'slug-with-digits'],
    ['+14155552671', 'phone'],
  ];
  for (const [segment, shape] of cases) assert.equal(segmentShape(segment), shape, segment);
});

test('static names keep their static shapes', () => {
  const cases: [string, string][] = [
    ['v2', 'version'],
    ['chat.postMessage', 'rpc-name'],
    ['admin.users.session.reset', 'rpc-name'],
    ['conversations.info', 'rpc-name'],
    ['api.test', 'rpc-name'],
    ['Typing.json', 'file-name'],
    ['me', 'word'],
    ['ConversationWithParticipants', 'word'],
    ['recently-played', 'word'],
    ['oauth2', 'word'],
  ];
  for (const [segment, shape] of cases) assert.equal(segmentShape(segment), shape, segment);
});
