import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../../src/alerts/alert.js';
import { groupIncidents, incidentSummary } from '../../src/admin/alert-incidents.js';

const min = 60_000;
const alert = (id: string, ip: string, first: number, last: number, o: Partial<Alert> = {}): Alert => ({
  id, type: 'sqli', severity: 'medium', control: 'detect', rule: 'r', message: 'm', actor: { ip }, action: 'block',
  requestIds: [], firstSeen: first * min, lastSeen: last * min, count: 1, ...o,
});

test('alerts of one address or principal within 30 minutes form one incident, with the first alert\'s id', () => {
  const out = groupIncidents([
    alert('b', '10.0.0.1', 20, 25, { type: 'xss', severity: 'high' }),
    alert('a', '10.0.0.1', 0, 10),
    alert('c', '10.0.0.2', 50, 51, { actor: { ip: '10.0.0.2', principal: 'mallory' } }),
    alert('d', '10.0.0.3', 60, 61, { actor: { ip: '10.0.0.3', principal: 'mallory' } }),
    alert('e', '10.0.0.1', 56, 57),
    alert('f', '10.0.0.4', 0, 1),
  ]);
  const ids = out.map((i) => [i.id, i.alerts.map((a) => a.id).join('')]).sort();
  // e is 31 minutes after b: a new incident; c and d share a principal
  assert.deepEqual(ids, [['inc-a', 'ab'], ['inc-c', 'cd'], ['inc-e', 'e'], ['inc-f', 'f']]);
  const s = incidentSummary(out.find((i) => i.id === 'inc-a')!);
  assert.deepEqual(s, { severity: 'high', types: ['sqli', 'xss'], ips: ['10.0.0.1'], principals: [], firstSeen: 0, lastSeen: 25 * min });
  assert.deepEqual(incidentSummary(out.find((i) => i.id === 'inc-c')!).principals, ['mallory']);
});
