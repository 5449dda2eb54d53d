#!/usr/bin/env node
// A second benign corpus (deterministic: seeded): the traffic of a helpdesk, a developer platform and a CRM, whose
// free-text fields carry what trips WAFs — prose with SQL and shell words, support tickets quoting commands, names
// with apostrophes, Windows and Unix paths, code in comments, stack traces, markdown, URLs, and JSON keys named
// select/update/delete/order/from/where. Written to look like real traffic; every template is kept whatever any
// engine says about it. Usage: node generate-support.mjs [OUT.har] [COUNT]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let seed = 77031;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const date = () => `2024-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;

const FIRST = ['Seán', 'Niamh', 'Pádraig', 'Aoife', 'Giulia', 'Mateo', 'Hana', 'Yusuf', 'Ingrid', 'Thabo', 'Lucía', 'Priya', 'Oisín', 'Mārtiņš', 'Renée', 'Kai', 'Fatima', 'Grace', 'Tomás', 'Élodie'];
const LAST = ["O'Sullivan", "Ó Briain", "D'Arcy", "O'Hara", "Dell'Orto", "D'Amico", "O'Malley", 'MacGregor', "St. John", 'de la Cruz', "N'Golo", 'Van Dyke', "O'Donnell", 'Abu-Bakr', "L'Heureux", 'Fitzgerald', "Mc'Kay", 'Sørensen', "D'Alessandro", 'Wright-Jones'];
const name = () => `${pick(FIRST)} ${pick(LAST)}`;
const email = (n) => `${n.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@${pick(['example.com', 'mail.example.org', 'corp.example.net'])}`;

const TICKETS = [
  "Hi team, after the update I can't log in. I tried clearing cookies and it still says 'invalid session'. Can you help?",
  'Steps: 1) open Settings 2) select "Export" 3) choose CSV. Result: the file is empty. Expected: all orders from last month.',
  "Please drop the duplicate invoice #INV-2024-0042, we were charged twice for the same order.",
  'Our admin ran `ls -la /var/www/html` and the uploads folder is owned by root, so the app cannot write to it. What permissions do you recommend?',
  'I followed the guide: run `npm ci` then `npm run migrate`, but migrate fails with "relation users does not exist".',
  "The report shows 0 rows when I filter by 'Last 30 days' or 'This quarter'. Other filters work fine.",
  'Can you union the two accounts? I have one under my work email and one under my personal email.',
  "We'd like to update our billing address and delete the old card on file. Thanks!",
  'When I sort by date and then order by amount, the table jumps back to page 1. Is that intended?',
  "I'm getting a 500 when the description contains an ampersand & a semicolon; e.g. 'Fish & Chips; large'.",
  'Support asked me to run: curl -I https://status.example.com — it returns HTTP/2 200, so the network is fine on our side.',
  'Windows user here: the installer put everything in C:\\Program Files (x86)\\Example\\ and the log is at C:\\Users\\grace\\AppData\\Local\\Example\\logs\\app.log',
  'On Linux the config lives in /home/deploy/.config/example/config.yml, and the cache in /tmp/example-cache. Which one should I delete?',
  'Could you sleep the reminder emails for a week? We are on holiday until the 14th.',
  "Is there a way to select all items and then delete them at once? Doing it one by one for 300 items isn't fun.",
  'Tried `git pull && npm install && npm start` — same error. Node version is 20.11.1 on macOS 14.4.',
  'Our DBA says the slow query is the one with ORDER BY created_at DESC LIMIT 50 on the events table; is there an index on created_at?',
  "Hello, my name is Siobhán O'Reilly-Murphy and my colleague's account (dave.o'neill@example.com) was locked.",
  'FYI the CSV export escapes quotes as "" (two double quotes), which Excel handles but our parser does not.',
  "When the title has an apostrophe like \"Women's Health\" the page title shows Women&#39;s Health.",
  'Please whitelist our IPs 203.0.113.10 and 198.51.100.22 for the API. Our firewall team needs the ranges too.',
  'The webhook payload sometimes arrives twice. Our handler does an insert into payments and the second one fails on the unique key.',
  "We're migrating from MySQL 5.7 to Postgres 15; do you support both during the transition or only one?",
  'Error in the browser console: Uncaught TypeError: Cannot read properties of null (reading \'addEventListener\') at app.js:1:2345',
  "Customer wrote: 'The box arrived open and the item was missing.' Can we refund or resend?",
  'Hi! Where can I find the API key? The docs say Settings > Developer > Keys but I only see Settings > Profile.',
  'The cron job `0 3 * * * /usr/local/bin/backup.sh >> /var/log/backup.log 2>&1` stopped running after the server reboot.',
  'I need to execute the import again for March; the first run timed out after 30 minutes.',
  'Please cancel order 55120 or, if it already shipped, create a return label.',
  "The app shows 'null' as my last name. I entered it as O'Toole during signup.",
  'Is it possible to export the audit log for users where role = admin and last login < 90 days?',
  "Our script calls GET /api/v2/orders?status=shipped&from=2024-01-01 every 5 minutes; we're hitting the rate limit (429).",
  'Kindly confirm whether the union rate or the standard rate applies to part-time staff.',
  'Bug: typing <3 in a comment breaks the preview. Typing 3 > 2 works though.',
  'In the PDF the table header reads "Select | Quantity | Price" but the Select column is empty.',
  'Our security scanner flagged /admin/login as missing the X-Frame-Options header. Can you check?',
  'PowerShell says: Get-ChildItem : Cannot find path \'D:\\exports\\2024\' because it does not exist.',
  "I ran `python manage.py shell` and then `User.objects.filter(email__iexact='a@b.com')` — it returns two users!",
  'Heads up: the Friday 6pm maintenance window conflicts with our payroll run. Could you move it to Saturday?',
  'Drop-off point changed: please deliver to the back entrance (door 2), not the reception.',
];
const COMMENTS = [
  '// TODO: handle the case where the user has no orders yet',
  '/* legacy: kept for the v1 clients, remove after 2025-01 */',
  '# this runs nightly; see ops/runbook.md',
  'Fixed in PR #1432 — the select box now keeps its value after a failed submit.',
  'LGTM, but can we rename `deleteAll()` to `purgeExpired()`? The current name scares people.',
  'nit: use `const` instead of `let` on line 42',
  'The regex ^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$ rejects valid addresses with apostrophes.',
  'Benchmark: 12k req/s before, 15k after (p99 from 8ms to 5ms).',
  'See https://docs.example.com/api#pagination and https://github.com/example/sdk/issues/88 for context.',
  'Reverted: the "or" in the filter was evaluated before the "and", so archived items showed up.',
  'Repro: `docker compose up -d && docker compose logs -f api` then POST /v1/login twice.',
  'The migration adds a column `deleted_at` and an index on (tenant_id, created_at).',
  "Don't merge yet — waiting on legal's review of the terms text.",
  'Works on Chrome 124 and Firefox 125; Safari 17 shows the dropdown behind the modal.',
  'Moved the helper from utils/format.ts to lib/format/date.ts; update your imports.',
  'Edge case: a name like "Null" or "True" should be stored as a string, not a literal.',
  'Perf note: the N+1 came from loading the author for each comment; now one query with a join.',
  'Changelog: - Added dark mode - Fixed the order-by-price bug - Removed the old /v0 endpoints',
];
const SEARCHES = ['select insurance', 'union jack flag', 'drop leaf table', 'order by phone', 'sleep apnea test', 'or gate logic', 'and gate circuit',
  'delete key not working', 'update windows 11', 'exec chair', 'shell gas station', 'cat tree', 'bash party ideas', 'python snake facts',
  'script font', 'where is my order', 'from 9 to 5', 'table for two', "o'reilly auto parts", "macy's", "kohl's hours", 'ls engine',
  'rm williams boots', 'curl hair products', 'ping golf clubs', 'kill switch', 'who is on call', 'echo show 8', 'sudo meaning',
  'chmod calculator', 'grep vs find', 'null pointer exception', 'true crime podcast', 'system of a down', 'eval period', 'alert banner',
  'prompt engineering', 'document management', 'window cleaning', 'root canal', 'etc passwd meaning', 'admin panel', 'sql for beginners',
  'javascript void 0', 'html entities list', 'c:\\windows\\temp cleanup', '../ meaning in paths', 'id card', 'ip address lookup', 'net worth',
  'set table', 'time clock app', 'date format iso 8601', 'sort by price low to high'];
const PATHS = ['C:\\Users\\grace\\Documents\\Invoices\\2024\\March.pdf', 'D:\\Backups\\db-2024-03-01.bak', '/home/kai/projects/shop/README.md',
  '/Users/priya/Downloads/export (3).csv', '~/Library/Application Support/Example/settings.json', '\\\\fileserver\\shared\\finance\\q1.xlsx',
  '/var/log/nginx/access.log', '/etc/hosts', './scripts/deploy.sh', '../assets/logo.svg', 'src/components/OrderTable.tsx', '/opt/example/bin/worker'];
const UA = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  'Example-iOS/5.2.1 (iPhone15,3; iOS 17.4.1; Scale/3.00)', 'axios/1.6.8', 'Go-http-client/2.0', 'PostmanRuntime/7.37.3', 'curl/8.5.0', 'Java/17.0.10', 'Zapier'];

function headers(extra) {
  const h = { Host: 'api.helpdesk.example', 'User-Agent': pick(UA), Accept: pick(['application/json', '*/*', 'application/json, text/plain, */*']), 'Accept-Language': pick(['en-US,en;q=0.9', 'en-IE,en;q=0.8,ga;q=0.5', 'de-DE,de;q=0.9,en;q=0.7']) };
  if (rnd() < 0.7) h.Authorization = `Bearer ${Buffer.from(JSON.stringify({ alg: 'RS256', kid: hex(8) })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: uuid(), scope: 'tickets:write' })).toString('base64url')}.${hex(43)}`;
  if (rnd() < 0.5) h.Cookie = `hd_session=${hex(32)}; locale=${pick(['en', 'de', 'ga'])}; tz=${pick(['Europe%2FDublin', 'America%2FNew_York', 'Asia%2FTokyo'])}`;
  if (rnd() < 0.3) h.Referer = pick(['https://app.helpdesk.example/tickets/1234', 'https://app.helpdesk.example/search?q=refund+policy&page=2', 'https://www.google.com/']);
  if (rnd() < 0.2) h['X-Correlation-Id'] = uuid();
  return { ...h, ...extra };
}
const qs = (o) => Object.entries(o).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

const templates = [
  () => ({ method: 'POST', path: '/api/v1/tickets', json: { subject: pick(['Login problem', 'Export empty', 'Duplicate charge', 'Question about API limits', 'Re: order 55120']), description: pick(TICKETS), requester: (() => { const n = name(); return { name: n, email: email(n) }; })(), priority: pick(['low', 'normal', 'high', 'urgent']), tags: [pick(['billing', 'login', 'api', 'export']), pick(['web', 'ios', 'android'])] } }),
  () => ({ method: 'POST', path: `/api/v1/tickets/${int(1000, 99999)}/comments`, json: { body: pick([...TICKETS, ...COMMENTS]), public: rnd() < 0.5, author_id: uuid() } }),
  () => ({ method: 'PATCH', path: `/api/v1/tickets/${int(1000, 99999)}`, json: { status: pick(['open', 'pending', 'solved']), assignee: name(), custom_fields: { select: pick(['refund', 'replace', 'none']), order: String(int(10000, 99999)), from: pick(['email', 'web', 'phone']), where: pick(['EU', 'US', 'APAC']), delete: false, update: true } } }),
  () => ({ method: 'GET', path: '/api/v1/search', query: { q: pick(SEARCHES), type: pick(['ticket', 'article', 'user']), page: int(1, 9) } }),
  () => ({ method: 'GET', path: '/api/v1/articles', query: { query: pick(SEARCHES), sort: pick(['relevance', 'updated_at']), order: pick(['asc', 'desc']), select: pick(['title,body', 'id,title', '*']) } }),
  () => ({ method: 'POST', path: '/api/v1/contacts', json: (() => { const n = name(); return { name: n, email: email(n), company: pick(["Smith & Sons", "O'Brien's Pub", 'Union Pacific', 'Select Comfort', 'Drop Inc.', 'Order & Chaos Ltd', "Ben & Jerry's"]), notes: pick(TICKETS), phone: `+353 (0)${int(1, 99)} ${int(100, 999)} ${int(1000, 9999)}` }; })() }),
  () => ({ method: 'POST', path: '/api/v1/code-reviews', json: { repo: pick(['shop-api', 'web', 'infra']), file: pick(PATHS), line: int(1, 400), comment: pick(COMMENTS) } }),
  () => ({ method: 'POST', path: '/api/v1/attachments', json: { filename: pick(['screenshot 2024-03-01 at 10.42.png', "O'Neill contract (signed).pdf", 'logs_2024-03-01.txt', 'export (1).csv', 'invoice#42.pdf']), path: pick(PATHS), size: int(100, 5e6) } }),
  () => ({ method: 'POST', path: '/support/contact', form: { name: name(), email: email(name()), topic: pick(['billing', 'technical', 'other']), message: pick(TICKETS) } }),
  () => ({ method: 'GET', path: `/api/v1/users/${uuid()}/activity`, query: { from: date(), to: date(), filter: pick(["type eq 'login'", "status ne 'deleted' and role eq 'agent'", "name eq 'O''Hara'"]), limit: int(10, 100) } }),
  () => ({ method: 'POST', path: '/api/v1/macros', json: { title: pick(['Refund approved', 'Ask for logs', 'Password reset']), text: pick(['Hi {{ticket.requester.first_name}},\n\nCould you send us the output of `uname -a` and the last 50 lines of /var/log/app.log?\n\nThanks!', 'Hello {{name}}, we have reset your password. If you did not request this, reply to this email.', 'Please run the following in PowerShell and paste the result: Get-Service | Where-Object {$_.Status -eq "Running"}']) } }),
  () => ({ method: 'POST', path: '/api/v1/saved-queries', json: { name: pick(['Open urgent tickets', 'Refunds this week']), sql: pick(["SELECT id, subject FROM tickets WHERE status = 'open' AND priority = 'urgent' ORDER BY created_at DESC", "SELECT COUNT(*) AS refunds FROM payments WHERE type = 'refund' AND created_at >= now() - interval '7 days'"]), shared: rnd() < 0.5 } }),
  () => ({ method: 'PUT', path: `/api/v1/agents/${int(1, 500)}/signature`, json: { signature: pick(["Best regards,\nSeán O'Sullivan | Support Team\n+353 1 234 5678", '-- \nHana | Tier 2 support\n"Have you tried turning it off and on again?"', 'Cheers, Kai (he/him) — working hours 9–5 CET']) } }),
  () => ({ method: 'GET', path: '/api/v1/reports/export', query: { format: pick(['csv', 'xlsx']), columns: pick(['id,subject,status', 'select,from,to', 'order,amount,date']), where: pick(['status:open', 'created:>2024-01-01']) } }),
  () => ({ method: 'POST', path: '/api/v1/feedback', json: { score: int(0, 10), comment: pick(["Great support, Grace fixed it in 5 minutes!", "Took 3 days to get an answer... not great.", 'The docs for the /orders endpoint are outdated (the "from" param is now "since").', 'Please add a dark mode :)', "It'd be nice to select multiple tickets & merge them."]) } }),
];

const count = Number(process.argv[3] || 1600);
const entries = [];
for (let i = 0; i < count; i++) {
  const t = pick(templates)();
  const query = t.query ? qs(t.query) : '';
  const url = `https://api.helpdesk.example${t.path}${query ? `?${query}` : ''}`;
  const extra = {};
  let postData;
  if (t.json) {
    extra['Content-Type'] = 'application/json';
    postData = { mimeType: 'application/json', text: JSON.stringify(t.json) };
  } else if (t.form) {
    extra['Content-Type'] = 'application/x-www-form-urlencoded';
    postData = { mimeType: 'application/x-www-form-urlencoded', text: qs(t.form) };
  }
  const h = headers(extra);
  entries.push({
    startedDateTime: new Date(Date.UTC(2024, 2, 4, 8, 0, 0) + i * 2110).toISOString(), time: int(4, 220), _clientIP: `198.51.100.${int(1, 254)}`,
    request: { method: t.method, url, httpVersion: 'HTTP/1.1', headers: Object.entries(h).map(([name, value]) => ({ name, value })), queryString: t.query ? Object.entries(t.query).map(([name, value]) => ({ name, value: String(value) })) : [], cookies: [], headersSize: -1, bodySize: postData ? Buffer.byteLength(postData.text) : 0, ...(postData ? { postData } : {}) },
    response: { status: pick([200, 200, 201, 204, 400, 404]), statusText: '', httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: 'application/json' }], cookies: [], content: { size: 2, mimeType: 'application/json', text: '{}' }, redirectURL: '', headersSize: -1, bodySize: 2 },
    cache: {}, timings: { send: 0, wait: 1, receive: 0 },
  });
}
const out = process.argv[2] || fileURLToPath(import.meta.resolve('./support-traffic.har'));
writeFileSync(out, JSON.stringify({ log: { version: '1.2', creator: { name: 'vigil-benign-generator-support', version: '1' }, entries } }));
console.log(`${entries.length} entries -> ${out}`);
