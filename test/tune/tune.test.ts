import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { startVigil, type VigilProcess } from '../helpers/vigil-process.js';
import { request } from '../helpers/http.js';
import { tempDir } from '../helpers/temp.js';
import { defaultCrsDir } from '../../src/tune/corpus.js';

// A saved-report builder whose widgets carry SQL: at paranoia 2 every save is refused (sqli.statement). Real
// traffic from four clients is recorded through a real gateway; one more client runs an attack burst.

let up: EchoUpstream;
const { dir, cleanup } = tempDir('vigil-tune-');
const corpusDir = defaultCrsDir();

before(async () => {
  up = await startEchoUpstream();
});
after(async () => {
  await up.close();
  cleanup();
});

function policy(): string {
  return `# reports API (this comment must survive vigil tune)
listen: 127.0.0.1:0
workers: 1
upstreams: { app: { url: "${up.url}" } }
store: { path: traffic.db }
routes:
  - name: reports      # the saved-report builder
    match: { path: /reports, methods: [POST] }
    detect:
      paranoia: 2      # strict: this API should not carry code
  - name: catalogue
    match: { path: /catalogue }
`;
}

const QUERIES = [
  "SELECT name, email FROM customers WHERE created_at > '2024-01-01' ORDER BY name",
  "select id, total from orders where status = 'open' and total > 100",
  'SELECT sku, price FROM products WHERE price < 20 ORDER BY price DESC',
];

function report(widgetAt: number, query: string, title = 'Weekly numbers'): string {
  const widgets: { chart: string; query?: string }[] = [];
  for (let i = 0; i <= widgetAt; i++) widgets.push({ chart: 'bar' });
  widgets[widgetAt]!.query = query;
  return JSON.stringify({ title, widgets });
}

const json = { 'content-type': 'application/json' };

function post(v: VigilProcess, client: string, body: string): Promise<number> {
  return request(v.ports[0]!, '/reports', { method: 'POST', headers: json, body, localAddress: client }).then((r) => r.status);
}

const ATTACKS = [
  "' union select username, password from users--",
  '<script>alert(document.cookie)</script>',
  "1' or '1'='1",
  '../../../../etc/passwd',
  '; cat /etc/passwd',
  '${jndi:ldap://evil.example/a}',
  "admin'--",
  '<img src=x onerror=alert(1)>',
  "'; drop table users; --",
  '{{7*7}}${7*7}<%= 7*7 %>',
];

async function recorded(db: string, n: number): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      const d = new Database(db, { readonly: true, fileMustExist: true });
      const { c } = d.prepare('SELECT count(*) AS c FROM exchanges').get() as { c: number };
      d.close();
      if (c >= n) return;
    } catch {
      /* not created yet */
    }
    if (Date.now() > until) throw new Error(`fewer than ${n} exchanges recorded`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function vigil(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/vigil.js', ...args], { maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface ProposalJson {
  id: string;
  route: string;
  exclusion: { rule?: string; location?: string };
  exchanges: number;
  clients: number;
  risk: string;
  unsafe: string[];
  replay: {
    traffic: { cleared: number; clearedInGroup: number; flagged: number };
    attacks: { skipped?: string; placedAt?: string; caught: number; letThrough: number; byFamily: { family: string; caught: number; letThrough: number }[] };
  };
}
interface TuneJson {
  proposals: ProposalJson[];
  refused: { id: string; route: string; rule: string; exchanges: number; clients: number; reasons: string[] }[];
}

test('tune proposes the scoped exclusion for a field carrying SQL, replays it, writes it on --accept; after SIGHUP the report saves and XSS in another field is still blocked', { skip: corpusDir ? false : 'no ../shared/corpora/crs-regression' }, async () => {
  const file = join(dir, 'vigil.yaml');
  writeFileSync(file, policy());
  const v = await startVigil(['gateway', '-c', file], 60_000);
  try {
    let sent = 0;
    // four clients, three saves each, the SQL in a different widget each time: all refused (false positives)
    const clients = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
    for (const [c, client] of clients.entries())
      for (let i = 0; i < 3; i++) {
        assert.equal(await post(v, client, report((c + i) % 3, QUERIES[i]!)), 403, 'the false positive is refused before tuning');
        sent++;
      }
    assert.equal(await post(v, '127.0.0.2', JSON.stringify({ title: 'Weekly numbers', widgets: [{ chart: 'pie' }] })), 200);
    sent++;
    // one client's attack burst, in the title and in the SQL field
    for (const a of ATTACKS) {
      assert.equal(await post(v, '127.0.0.9', JSON.stringify({ title: a, widgets: [{ chart: 'bar', query: a }] })), 403);
      sent++;
    }
    await recorded(join(dir, 'traffic.db'), sent);

    const dry = await vigil(['tune', '-c', file, '--json']);
    assert.equal(dry.code, 0, dry.stderr);
    const out = JSON.parse(dry.stdout) as TuneJson;
    const p = out.proposals.filter((x) => x.route === 'reports');
    assert.equal(p.length, 1, `one proposal: ${JSON.stringify(out.proposals.map((x) => [x.route, x.exclusion]))}`);
    const prop = p[0]!;
    assert.deepEqual(prop.exclusion, { rule: 'sqli.statement', location: 'body:/widgets/*/query' });
    assert.equal(prop.clients, 4, 'the attacker is not counted as a client of the false positive');
    assert.ok(prop.exchanges >= 12);
    assert.equal(prop.replay.traffic.clearedInGroup, 12, 'the exclusion clears the twelve refused saves');
    assert.equal(prop.replay.traffic.cleared, 12, 'and nothing else: the attacks stay flagged');
    const attacks = prop.replay.attacks;
    assert.equal(attacks.skipped, undefined);
    assert.match(attacks.placedAt!, /^body:\/widgets\/\d\/query$/);
    assert.ok(attacks.caught > 500, `attacks caught at the field now: ${attacks.caught}`);
    assert.ok(attacks.byFamily.some((f) => f.family === 'sqli' && f.caught > 0));
    assert.equal(attacks.byFamily.reduce((s, f) => s + f.letThrough, 0), attacks.letThrough);
    // the attack burst is not taken for false positives, and says why
    const burst = out.refused.filter((g) => g.route === 'reports');
    assert.ok(burst.length >= 3, `attack groups refused: ${JSON.stringify(burst)}`);
    for (const g of burst) assert.ok(g.reasons.some((r) => /client|attack/.test(r)), JSON.stringify(g));
    assert.ok(burst.some((g) => g.rule.startsWith('xss.')));

    const text = await vigil(['tune', '-c', file]);
    assert.match(text.stdout, new RegExp(`\\[${prop.id}\\] route reports: exclude \\{ rule: "sqli.statement", location: "body:/widgets/\\*/query" \\}`));
    assert.match(text.stdout, /would let through \d+ of \d+ attacks/);
    assert.match(text.stdout, /not a false positive/);
    assert.equal(readFileSync(file, 'utf8'), policy(), 'nothing is written without --accept');

    const accept = await vigil(['tune', '-c', file, '--accept', prop.id]);
    assert.equal(accept.code, 0, accept.stderr + accept.stdout);
    const written = readFileSync(file, 'utf8');
    assert.match(written, /paranoia: 2 {6}# strict: this API should not carry code\n {6}exclusions:\n {8}- \{ rule: "sqli.statement", location: "body:\/widgets\/\*\/query" \} # vigil tune /);
    assert.equal(written.replace(/\n {6}exclusions:\n {8}- [^\n]*/, ''), policy(), 'the rest of the file is as it was, comments and layout included');

    v.child.kill('SIGHUP');
    await v.waitFor('configuration reloaded');
    assert.equal(await post(v, '127.0.0.2', report(1, QUERIES[0]!)), 200, 'the same save passes after the reload');
    assert.equal(await post(v, '127.0.0.2', report(1, QUERIES[0]!, '<script>alert(document.cookie)</script>')), 403, 'XSS in another field is still blocked');
    assert.equal(await post(v, '127.0.0.2', report(0, "x' union select password from users--")), 403, 'SQL injection in the excluded field is still blocked');

    const again = await vigil(['tune', '-c', file, '--json']);
    const second = JSON.parse(again.stdout) as TuneJson;
    assert.ok(!second.proposals.some((x) => x.id === prop.id), 'an accepted exclusion is not proposed again');
  } finally {
    v.child.kill('SIGTERM');
    await v.exited;
  }
});

test('an attack burst from one client is not proposed, even with --min-clients 1; without a corpus acceptance needs --force', async () => {
  const file = join(dir, 'burst.yaml');
  writeFileSync(file, policy().replace('traffic.db', 'burst.db'));
  const v = await startVigil(['gateway', '-c', file], 60_000);
  let sent = 0;
  try {
    for (const [c, client] of ['127.0.0.2', '127.0.0.3', '127.0.0.4'].entries()) {
      assert.equal(await post(v, client, report(c, QUERIES[c]!)), 403);
      sent++;
    }
    // the burst: every payload in the one field the false positive is in
    for (const a of ATTACKS) {
      assert.equal(await post(v, '127.0.0.9', report(0, a)), 403, a);
      sent++;
    }
    await recorded(join(dir, 'burst.db'), sent);
  } finally {
    v.child.kill('SIGTERM');
    await v.exited;
  }
  const dry = await vigil(['tune', '-c', file, '--json', '--no-corpus', '--min-clients', '1']);
  assert.equal(dry.code, 0, dry.stderr);
  const out = JSON.parse(dry.stdout) as TuneJson;
  assert.deepEqual(
    out.proposals.map((p) => p.exclusion),
    [{ rule: 'sqli.statement', location: 'body:/widgets/*/query' }],
    'only the false positive is proposed',
  );
  const prop = out.proposals[0]!;
  assert.equal(prop.clients, 3);
  assert.match(prop.replay.attacks.skipped!, /--no-corpus/);
  assert.equal(prop.risk, 'high');
  assert.ok(prop.unsafe.some((u) => /attack replay skipped/.test(u)));
  const burst = out.refused.filter((g) => g.route === 'reports');
  assert.ok(burst.length >= 4, JSON.stringify(out.refused));
  for (const g of burst) assert.ok(g.reasons.some((r) => /looks like an attack/.test(r)), JSON.stringify(g));

  const text = await vigil(['tune', '-c', file, '--no-corpus']);
  assert.match(text.stdout, /attack corpus: SKIPPED/);
  assert.match(text.stdout, /replay, attacks: SKIPPED/);

  const before = readFileSync(file, 'utf8');
  const refused = await vigil(['tune', '-c', file, '--no-corpus', '--accept', 'all']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /nothing written[\s\S]*attack replay skipped/);
  assert.equal(readFileSync(file, 'utf8'), before);

  const burstIds = burst.map((g) => g.id).join(',');
  const notProposed = await vigil(['tune', '-c', file, '--no-corpus', '--force', '--accept', burstIds]);
  assert.equal(notProposed.code, 1, 'an attack group cannot be accepted, not even with --force');
  assert.match(notProposed.stderr, /not proposed/);

  const patch = join(dir, 'tune-patch.yaml');
  const forced = await vigil(['tune', '-c', file, '--no-corpus', '--force', '--accept', prop.id, '--write', patch]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(patch, 'utf8'), /- name: "reports"\n {4}detect:\n {6}exclusions:\n {8}- \{ rule: "sqli.statement", location: "body:\/widgets\/\*\/query" \}/);
  assert.equal(readFileSync(file, 'utf8'), before, 'a patch file leaves the policy alone');

  assert.equal((await vigil(['tune', '-c', join(dir, 'missing.yaml')])).code, 2);
  assert.equal((await vigil(['tune', '-c', file, '--since', 'yesterday-ish'])).code, 2);
});
