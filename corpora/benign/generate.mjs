#!/usr/bin/env node
// Generates a benign API traffic corpus as HAR 1.2 (deterministic: seeded). Usage: node generate.mjs [OUT.har] [COUNT]
// Written to look like real JSON/form/query traffic of a shop, a forum, a CRM and a developer platform — including the
// look-alikes a signature engine trips on (apostrophes, SQL/shell words in prose, code in comments, URLs, markdown,
// base64 images, JWTs). It is not filtered by what Vigil passes: every template is kept whatever the engine says.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let seed = 20240617;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const b64 = (n) => Buffer.from(Array.from({ length: n }, () => int(0, 255))).toString('base64');
const b64url = (s) => Buffer.from(s).toString('base64url');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;

const FIRST = ['Conor', 'Siobhan', 'Marco', 'Aisha', 'Liam', 'Chloé', 'Jürgen', 'Mei', 'Raj', 'Olga', 'Kwame', 'Sofía', 'Ngozi', 'Dmitri', 'Emma', 'Noah', 'Zoë', 'Björn', 'Ana-Maria', 'Jean-Luc'];
const LAST = ["O'Brien", "D'Angelo", "O'Neill", "D'Souza", "McDonald", 'Smith', 'García', "N'Diaye", 'Müller', 'Nakamura', 'van der Berg', "O'Connor", 'Kowalski', "Dell'Acqua", 'Al-Hassan', 'Nguyen', 'Okafor', 'Johansson', 'Rossi', "L'Estrange"];
const SEARCH = ['select specialty hospital', 'having friends over is nice', 'how to grep a log file', 'drop shipping', 'union station parking', 'cat food delivery',
  'order by price', 'delete my account', 'update billing address', 'insert coin', 'where to buy a table lamp', 'from scratch pizza', 'join the union',
  'best sleep tracker', 'benchmark results 2024', 'exec summary template', 'script writing course', 'alert fatigue', 'javascript tutorial for beginners',
  'how to use grep | sort', 'rock & roll', 'black & decker drill', 'AT&T plans', 'Tom & Jerry', 'c++ vs java', 'what is 1+1', 'price < 50', 'size > 10',
  "men's shoes", "children's books", "don't starve", "it's a wonderful life", 'O\'Reilly books', '50% off', 'email@example.com', 'wifi password reset',
  'node.js require vs import', 'python os.system alternative', 'windows system32 folder', 'etc', 'passwd manager', 'curl vs wget', 'ping pong table',
  'cmd line tools', 'power shell', 'sql server 2019 express', 'mysql vs postgres', 'how does a union select work', 'select all from the menu',
  'the "best" coffee', '#1 bestseller', 'C:\\Users\\docs', '~/Downloads', 'file.txt', 'or', 'and', 'not', 'null', 'true', 'admin', 'root beer',
  'echo dot', 'nc state', 'id card holder', 'who am i', 'time zone converter', 'env variables', 'set theory', 'sort algorithm', 'head and shoulders',
  'tail light', 'more or less', 'find my phone', 'kill bill', 'touch screen', 'cut the cord', 'date night ideas', 'at home workout', 'make up tutorial'];
const PROSE = [
  "I've been using this for a week and it's great. Highly recommend!", "Didn't work for me -- the strap broke after 2 days :(",
  "Can you update my order? I'd like to select a different size (M instead of L).", 'Please delete my old address; the new one is 12 Main St., Apt #4.',
  "We're having friends over on Saturday, so delivery before 5pm would be nice.", 'Order #12345 arrived damaged. Photos attached. What are my options?',
  'Drop the price & I will buy two :)', 'The "premium" plan is $19.99/month, right? Or is it €17,99 in the EU?',
  "My name is D'Angelo and my email is dangelo+shop@example.org — please don't share it.", 'Is this compatible with Windows 10/11 and macOS 14?',
  'Love it!!! 5/5 would buy again', 'Meh. It was OK I guess... 3 stars.', 'Where is my package? Tracking says "in transit" since 03/14.',
  'Select your favourite colour from the list below, then click "Save".', 'Union members get 10% off; select the member option at checkout.',
  'Having trouble logging in — it says my password is wrong (but it is not!).', 'Sleep well: our mattress has 1,000+ pocket springs.',
  'Note: a < b and c > d in the spec; see section 4.2.', 'Rock & roll never dies. Neither does this amp.', 'See https://example.com/help?topic=returns&lang=en for details.',
  "The kids' room needs a table, two chairs & a lamp.", 'Price per unit = total / quantity (rounded to 2 decimals).', 'Use code SPRING-2024 for 20% off orders over $50.',
  'I tried `npm install` and then `npm run build` but it failed with exit code 1.', 'Run `ls -la` in the project folder and paste the output here please.',
  'To check disk usage: `df -h` then `du -sh *`.', 'My script does: cat access.log | grep 404 | wc -l — is there a faster way?',
  'Here is the query I use: SELECT name, email FROM customers WHERE created_at > \'2024-01-01\' ORDER BY name;', 'In Python: `import os; print(os.getcwd())` prints the directory.',
  'We moved the docs to ../guide/setup.md, see there.', 'Is <b>bold</b> supported in comments or only **markdown**?', 'Call me at +1 (555) 123-4567 or +44 20 7946 0958.',
  'Total: 3 x 12.50 = 37.50 EUR', 'FYI: the API returns {"status":"ok"} on success.', 'The error was "TypeError: Cannot read properties of undefined (reading \'map\')".',
  'I\'m using version 2.3.1; upgrading to 3.0 broke the /api/v2/users endpoint.', 'Your site is down?? 502 Bad Gateway at 10:42 UTC.',
  'In SQL terms it is just a join of orders and customers on customer_id.', 'Windows path: C:\\Program Files\\App\\config.ini — is that right?',
  'The command `rm -rf node_modules && npm ci` fixed it for me.', 'Set the env var NODE_ENV=production before starting.',
  'Tip: use `git log --oneline | head -5` to see recent commits.', 'Following up on ticket #4821 — any update?', "Good morning! Could someone from billing contact me? Thanks, Siobhan O'Neill",
];
const MD = ['# Release notes\n\n- Fixed login bug\n- Added **dark mode**\n\n```bash\nnpm install vigil\n```',
  '## Steps to reproduce\n1. Go to /settings\n2. Click *Save*\n3. See error\n\n> Expected: saved\n> Actual: 500',
  'Here is my config:\n```yaml\nserver:\n  port: 8080\n  host: 0.0.0.0\n```\nAny idea why it binds to all interfaces?',
  '```js\nconst express = require(\'express\');\nconst app = express();\napp.get(\'/\', (req, res) => res.send(\'hi\'));\n```',
  '```python\nfor row in rows:\n    if row["total"] > 100:\n        print(row["id"])\n```', 'Links: [docs](https://docs.example.com/start), [api](https://api.example.com/v1/).',
  '| col | value |\n|-----|-------|\n| a   | 1     |\n| b   | 2     |', '- [x] write tests\n- [ ] update changelog\n- [ ] ping @maria',
  '```sql\nSELECT id, total FROM orders WHERE status = \'paid\';\n```\nreturns nothing on staging, works on prod.', '```sh\ncurl -s https://api.example.com/health | jq .status\n```'];
const UA = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148', 'okhttp/4.12.0', 'python-requests/2.31.0',
  'curl/8.5.0', 'ShopApp/3.14.1 (Android 14; Pixel 8)', 'Go-http-client/1.1', 'axios/1.6.8', 'PostmanRuntime/7.37.0', 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'];
const WORDS = ['alpha', 'blue', 'summer', 'garden', 'river', 'cloud', 'north', 'maple', 'stone', 'harbor', 'pixel', 'orbit'];
const jwt = () => `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: hex(8) }))}.${b64url(JSON.stringify({ sub: uuid(), iat: 1718000000 + int(0, 1e6), scope: 'read write', email: 'u@example.com' }))}.${b64(64).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
const name = () => `${pick(FIRST)} ${pick(LAST)}`;
const email = (n) => `${n.toLowerCase().replace(/[^a-z]/g, '.').replace(/\.+/g, '.')}${pick(['', '+shop', '1984', '_work'])}@${pick(['example.com', 'mail.example.org', 'corp.example.net', 'gmail.com'])}`;
const date = () => `2024-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
const price = () => (int(100, 99999) / 100).toFixed(2);
const password = () => pick(['Tr0ub4dor&3', 'correct horse battery staple', "P@ss'w0rd!", 'hunter2', 'S3cure;Pass|2024', 'my$ecret#pw', 'Zx9!qW2@eR', 'letmein', '<3kitten<3', 'p4ss(word)']);

function headers(extra = {}) {
  const h = { Host: 'api.shop.example', 'User-Agent': pick(UA), Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate, br', 'Accept-Language': pick(['en-US,en;q=0.9', 'de-DE,de;q=0.8', 'fr-FR']) };
  if (rnd() < 0.7) h.Authorization = `Bearer ${jwt()}`;
  if (rnd() < 0.4) h.Cookie = `session=${b64(24)}; theme=${pick(['dark', 'light'])}; _ga=GA1.2.${int(1e8, 9e8)}.${int(1e9, 2e9)}; consent={"ads":false,"analytics":true}`;
  if (rnd() < 0.3) h.Referer = pick(['https://shop.example/products', 'https://shop.example/cart?step=2', 'https://www.google.com/', 'https://forum.example/t/help-with-setup/4821']);
  if (rnd() < 0.2) h['X-Forwarded-For'] = `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}, 10.0.${int(0, 255)}.${int(1, 254)}`;
  if (rnd() < 0.2) h['X-Request-Id'] = uuid();
  if (rnd() < 0.15) h['X-Client-Version'] = `${int(1, 5)}.${int(0, 20)}.${int(0, 9)} (build ${int(1000, 9999)})`;
  return { ...h, ...extra };
}
const qs = (o) => Object.entries(o).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

const templates = [
  () => ({ method: 'GET', path: '/api/v1/products', query: { q: pick(SEARCH), page: int(1, 20), sort: pick(['price', 'rating', 'newest', 'relevance']), order: pick(['asc', 'desc']) } }),
  () => ({ method: 'GET', path: '/api/v1/search', query: { query: pick(SEARCH), category: pick(['books', 'home & garden', 'kids\' toys', 'electronics']), min_price: int(0, 50), max_price: int(60, 500) } }),
  () => ({ method: 'GET', path: `/api/v1/users/${uuid()}/orders`, query: { from: date(), to: date(), status: pick(['paid', 'shipped', 'cancelled']) } }),
  () => ({ method: 'GET', path: `/api/v1/orders/${int(10000, 99999)}`, query: { fields: pick(['id,total,items', 'select,update,delete', 'profile,order']), include: pick(['customer', 'items.product']) } }),
  () => ({ method: 'GET', path: '/api/v2/articles', query: { tag: pick(['sql', 'shell', 'security', 'linux', 'windows', 'devops']), q: pick(SEARCH), lang: pick(['en', 'de']) } }),
  () => ({ method: 'GET', path: `/static/img/${pick(WORDS)}-${int(1, 99)}.png`, query: { w: int(100, 800), v: hex(8) } }),
  () => ({ method: 'GET', path: '/api/v1/redirect', query: { next: pick(['/account', '/cart?step=2', 'https://shop.example/thanks', '/search?q=red+shoes']) } }),
  () => { const n = name(); return { method: 'POST', path: '/api/v1/users', json: { name: n, email: email(n), password: password(), profile: { bio: pick(PROSE), website: pick(['https://example.com', 'https://github.com/someone', '']), birthday: date(), avatar: `data:image/png;base64,${b64(int(60, 300))}` }, preferences: { newsletter: rnd() < 0.5, select: pick(['all', 'none', 'weekly']), order: pick(['asc', 'desc']) } } }; },
  () => { const n = name(); return { method: 'PUT', path: `/api/v1/users/${uuid()}`, json: { displayName: n, address: { line1: `${int(1, 999)} ${pick(["King's Road", 'Main St.', "O'Connell Street", 'Rue de l\'Église', 'Baker Street'])}`, line2: pick(['', 'Apt #4B', 'c/o Smith & Co.', 'Floor 3; ring twice']), city: pick(['Dublin', 'London', 'New York', 'München']), zip: String(int(10000, 99999)) }, phone: `+1 (555) ${int(100, 999)}-${int(1000, 9999)}` } }; },
  () => ({ method: 'POST', path: '/api/v1/orders', json: { items: Array.from({ length: int(1, 5) }, () => ({ sku: `SKU-${hex(6).toUpperCase()}`, qty: int(1, 4), price: Number(price()), note: pick(['', 'gift wrap please', "it's a present!", 'no onions & no cheese']) })), delivery: { date: date(), window: pick(['09:00-12:00', '12:00-17:00']) }, notes: pick(PROSE), coupon: pick(['', 'SPRING-2024', 'WELCOME10']) } }),
  () => ({ method: 'POST', path: `/api/v1/products/${int(1, 5000)}/reviews`, json: { rating: int(1, 5), title: pick(['Great', 'Not bad', "Don't buy", 'Works as described', 'Love it <3']), body: pick(PROSE), author: name() } }),
  () => ({ method: 'POST', path: '/api/v1/forum/posts', json: { thread: int(1, 9000), body: pick(MD), tags: [pick(['help', 'bug', 'question']), pick(['sql', 'bash', 'node', 'python'])] } }),
  () => ({ method: 'PATCH', path: `/api/v1/tickets/${int(1000, 9999)}`, json: { status: pick(['open', 'pending', 'closed']), comment: pick(PROSE), update: { priority: pick(['low', 'high']), delete: false }, from: pick(['email', 'chat']), where: pick(['web', 'app']) } }),
  () => ({ method: 'POST', path: '/login', form: { username: pick([email(name()), 'dangelo', "o'brien", 'admin.user']), password: password(), remember: pick(['on', 'off']) } }),
  () => ({ method: 'POST', path: '/contact', form: { name: name(), email: email(name()), subject: pick(['Order question', 'Re: your message', 'Partnership & collaboration']), message: pick(PROSE) } }),
  () => ({ method: 'POST', path: '/api/graphql', json: { query: pick(['query GetUser($id: ID!) { user(id: $id) { name email orders(first: 5) { id total } } }', 'mutation { updateProfile(input: {bio: "Hi there"}) { ok } }', '{ products(filter: {price_lt: 50}) { edges { node { id name } } } }']), variables: { id: uuid() } } }),
  () => ({ method: 'POST', path: '/api/v1/webhooks', json: { url: pick(['https://hooks.partner.io/vigil/events', 'https://example.com/callback?token=abc123', 'https://api.slack.com/incoming/T000/B000']), events: ['order.created', 'order.updated'], secret: b64(24) } }),
  () => ({ method: 'POST', path: '/api/v1/events', json: { events: Array.from({ length: int(2, 8) }, () => ({ type: pick(['page_view', 'click', 'add_to_cart']), ts: 1718000000000 + int(0, 1e9), props: { path: pick(['/', '/products/42', '/cart', '/search?q=cat+food']), referrer: pick(['', 'https://www.google.com/', 'https://t.co/abc']), ua: pick(UA) } })) } }),
  () => ({ method: 'POST', path: '/api/v1/snippets', json: { language: pick(['bash', 'sql', 'js', 'python']), title: pick(['backup script', 'report query', 'helper']), code: pick(['#!/bin/bash\ntar -czf backup.tar.gz ./data && echo done', 'SELECT COUNT(*) FROM orders WHERE total > 100;', 'const fs = require("fs");\nfs.readFile("a.txt", "utf8", cb);', 'import subprocess\nsubprocess.run(["ls", "-l"])', 'for f in *.log; do gzip "$f"; done']) } }),
  () => ({ method: 'DELETE', path: `/api/v1/cart/items/${int(1, 999)}`, query: { reason: pick(['changed my mind', 'found it cheaper', 'duplicate']) } }),
  () => ({ method: 'GET', path: '/api/v1/geo', query: { lat: (rnd() * 180 - 90).toFixed(5), lon: (rnd() * 360 - 180).toFixed(5), radius: `${int(1, 50)}km` } }),
  () => ({ method: 'POST', path: '/api/v1/files', json: { filename: `${pick(WORDS)}_${int(1, 99)}.${pick(['pdf', 'png', 'docx', 'csv'])}`, content: b64(int(200, 1200)), mime: 'application/octet-stream' } }),
  () => ({ method: 'GET', path: '/api/v1/reports', query: { filter: pick(['status eq \'paid\'', 'total gt 100 and status ne \'void\'', 'name eq \'O\'\'Brien\'']), '$top': 50, '$orderby': 'date desc' } }),
  () => ({ method: 'POST', path: '/api/v1/translate', json: { text: pick(['¿Dónde está la estación?', 'Ça va? L\'été est là.', '日本語のテキスト', 'Ein schöner Tag — oder?', 'Привет, как дела?']), to: pick(['en', 'fr']) } }),
  () => ({ method: 'PUT', path: `/api/v1/settings/${pick(['notifications', 'privacy', 'profile'])}`, json: { email: rnd() < 0.5, sms: rnd() < 0.5, quiet_hours: { from: '22:00', to: '07:00' }, signature: pick(['-- \nSent from my phone', 'Best, Zoë', '/s/ J. Smith']) } }),
];

const count = Number(process.argv[3] || 2400);
const entries = [];
for (let i = 0; i < count; i++) {
  const t = pick(templates)();
  const query = t.query ? qs(t.query) : '';
  const url = `https://api.shop.example${t.path}${query ? `?${query}` : ''}`;
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
    startedDateTime: new Date(Date.UTC(2024, 5, 17, 9, 0, 0) + i * 1370).toISOString(), time: int(3, 180), _clientIP: `203.0.113.${int(1, 254)}`,
    request: { method: t.method, url, httpVersion: 'HTTP/1.1', headers: Object.entries(h).map(([name, value]) => ({ name, value })), queryString: t.query ? Object.entries(t.query).map(([name, value]) => ({ name, value: String(value) })) : [], cookies: [], headersSize: -1, bodySize: postData ? Buffer.byteLength(postData.text) : 0, ...(postData ? { postData } : {}) },
    response: { status: pick([200, 200, 200, 201, 204, 404]), statusText: '', httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: 'application/json' }], cookies: [], content: { size: 2, mimeType: 'application/json', text: '{}' }, redirectURL: '', headersSize: -1, bodySize: 2 },
    cache: {}, timings: { send: 0, wait: 1, receive: 0 },
  });
}
const out = process.argv[2] || fileURLToPath(import.meta.resolve('./api-traffic.har'));
writeFileSync(out, JSON.stringify({ log: { version: '1.2', creator: { name: 'vigil-benign-generator', version: '1' }, entries } }));
console.log(`${entries.length} entries -> ${out}`);
