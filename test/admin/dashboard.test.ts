import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { request } from '../helpers/http.js';
import { ADMIN_TOKEN, ATTACKER, VIEWER_TOKEN, attack, sendTraffic, startHarness, type Harness } from './harness.js';
import { haveChromium, launchBrowser, screenshotPath, type TestBrowser } from './browser.js';

// The dashboard end to end: a real gateway and store filled by real traffic, Debian's chromium on the admin
// listener. The path a newcomer takes: sign in, see the attack on the overview and live, follow it into its alert
// and its incident, block the attacker, and the attacker's next request is refused; a viewer cannot do it.

const skip = haveChromium ? false : 'needs /usr/bin/chromium (apt-get install -y chromium)';
let h: Harness;
let b: TestBrowser;

before(async () => {
  if (skip) return;
  h = await startHarness();
  await sendTraffic(h.port);
  await h.recorded(10);
  b = await launchBrowser();
});
after(async () => {
  if (skip) return;
  await b?.close();
  await h?.close();
});

async function signIn(token: string): Promise<Page> {
  const page = await b.context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`http://127.0.0.1:${h.adminPort}/`);
  await page.fill('input[name=token]', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const path = screenshotPath(name);
  if (path) await page.screenshot({ path, fullPage: true });
}

test('an admin follows an attack from the overview and live stream to its alert and incident and blocks the attacker', { skip }, async () => {
  const page = await signIn(ADMIN_TOKEN);
  assert.match(await page.textContent('[data-testid=who]') ?? '', /ops \(admin\)/);

  // overview: totals and the attacker on top
  await page.waitForSelector('[data-page=overview] [data-testid=total-blocked]');
  assert.equal(await page.textContent('[data-testid=total-blocked]'), '3');
  assert.equal(await page.textContent('[data-testid=total-would-block]'), '1');
  assert.match(await page.textContent('[data-testid=top-actors]') ?? '', new RegExp(ATTACKER.replace(/\./g, '\\.')));
  assert.match(await page.textContent('[data-testid=top-routes]') ?? '', /products/);
  await page.waitForSelector('.chart canvas');
  await shot(page, 'overview');

  // live: a new attack appears as an exchange and an alert
  await page.click('[data-nav=live]');
  await page.waitForSelector('[data-testid=live-state]:has-text("connected")');
  await attack(h.port);
  await page.waitForSelector('[data-testid=live-events] tr[data-kind=exchange]:has-text("127.0.0.77")');
  await page.waitForSelector('[data-testid=live-events] tr[data-kind=alert]');
  await shot(page, 'live');

  // alerts: the SQL injection alert, into its detail with the actor's timeline and evidence
  await page.click('[data-nav=alerts]');
  const row = page.locator('[data-testid=alerts] tbody tr', { hasText: 'sqli' }).first();
  await row.waitFor();
  await shot(page, 'alerts');
  await row.locator('a').first().click();
  await page.waitForSelector('[data-page=alert-detail]');
  assert.equal(await page.textContent('[data-testid=alert-actor]'), ATTACKER);
  assert.notEqual(await page.textContent('[data-testid=alert-evidence]'), '-');
  await page.waitForSelector('[data-testid=timeline] tr');
  assert.ok((await page.locator('[data-testid=timeline] tr').count()) >= 4);

  await page.click('[data-testid=ack]');
  await page.waitForSelector('[data-testid=alert-status]:has-text("acknowledged")');
  await shot(page, 'alert-detail');

  // the alert belongs to the attacker's incident: its alerts, evidence and the actor's exchanges
  await page.click('[data-testid=alert-incident]');
  await page.waitForSelector('[data-page=incident-detail]');
  assert.equal(await page.textContent('[data-testid=incident-actor]'), ATTACKER);
  await page.waitForSelector('[data-testid=incident-timeline] tr[data-evidence=yes]');
  assert.ok((await page.locator('[data-testid=incident-timeline] tr').count()) >= 4);
  assert.ok((await page.locator('[data-testid=incident-alerts] tr').count()) >= 2, 'the SQL injection and XSS alerts');
  assert.match(await page.textContent('[data-testid=incident-evidence]') ?? '', /\S/);

  // an ordinary request from the attacker's address still passes, until the block
  assert.equal((await request(h.port, '/api/products?q=lamp', { localAddress: ATTACKER })).status, 200);
  await page.click('[data-testid=block-actor]');
  await page.waitForSelector('[data-testid=blocked-until]');
  await shot(page, 'incident');
  const next = await request(h.port, '/api/products?q=lamp', { localAddress: ATTACKER });
  assert.equal(next.status, 403);
  assert.match(next.body, /blocks\.actor/);
  assert.equal((await request(h.port, '/api/products?q=lamp')).status, 200, 'other clients still pass');

  // and the incidents list shows it
  await page.click('[data-nav=incidents]');
  await page.locator('[data-testid=incidents] tbody tr', { hasText: ATTACKER }).waitFor();
  await shot(page, 'incidents');
  await page.close();
});

test('inventory, traffic explorer, exchange detail and validation show the recorded data', { skip }, async () => {
  const page = await signIn(ADMIN_TOKEN);
  await page.click('[data-nav=inventory]');
  const products = page.locator('[data-testid=endpoints] tr', { hasText: 'GET /api/products' });
  await products.waitFor();
  await products.click();
  await page.waitForSelector('[data-testid=endpoint-detail]:has-text("q")');
  await shot(page, 'inventory');

  await page.click('[data-nav=traffic]');
  await page.fill('input[name=ip]', ATTACKER);
  await page.selectOption('select[name=decision]', 'block');
  await page.click('form.filters button[type=submit]');
  await page.waitForSelector('[data-testid=traffic-total]:has-text("matching")');
  const total = Number((await page.textContent('[data-testid=traffic-total]'))!.split(' ')[0]);
  assert.ok(total >= 3, `blocked exchanges of the attacker: ${total}`);
  const rows = page.locator('[data-testid=traffic] tbody tr');
  assert.equal(await rows.count(), total);
  await shot(page, 'traffic');
  const download = page.waitForEvent('download');
  await page.click('button:has-text("Export HAR")');
  assert.equal((await download).suggestedFilename(), 'vigil-traffic.har');
  await rows.first().locator('a').click();
  await page.waitForSelector('[data-testid=exchange-action]');
  assert.equal(await page.textContent('[data-testid=exchange-action]'), 'block');
  await shot(page, 'exchange');

  await page.click('[data-nav=validation]');
  await page.waitForSelector('[data-testid=validation-empty]');
  await page.close();
});

test('a viewer sees the data but cannot change anything', { skip }, async () => {
  const page = await signIn(VIEWER_TOKEN);
  await page.click('[data-nav=alerts]');
  const row = page.locator('[data-testid=alerts] tbody tr').first();
  await row.waitFor();
  await row.locator('a').first().click();
  await page.waitForSelector('[data-page=alert-detail]');
  const button = page.locator('[data-testid=block-actor], button:has-text("Unblock")').first();
  assert.equal(await button.isDisabled(), true);
  assert.equal(await page.locator('[data-testid=ack]').isDisabled(), true);
  assert.equal(await page.locator('[data-testid=resolve]').isDisabled(), true);
  await page.click('[data-nav=incidents]');
  const incident = page.locator('[data-testid=incidents] tbody tr').first();
  await incident.waitFor();
  await incident.locator('a').first().click();
  await page.waitForSelector('[data-page=incident-detail]');
  assert.equal(await page.locator('[data-testid=block-actor], button:has-text("Unblock")').first().isDisabled(), true);
  // and the API refuses the same call made with the viewer's token from the page
  const status = await page.evaluate(async (ip) => {
    const r = await fetch('/api/blocks', { method: 'POST', headers: { authorization: `Bearer ${(globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('vigil.token')}`, 'content-type': 'application/json' }, body: JSON.stringify({ ip, ttl_s: 3600 }) });
    return r.status;
  }, '203.0.113.9');
  assert.equal(status, 403);
  await page.close();
});
