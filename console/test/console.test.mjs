// Browser tests of the console (run by `./converge test` after the end-to-end tests, against the suite it started;
// alone: `cd console && node test/console.test.mjs` with the suite up). Playwright's playwright-core drives Debian's
// Chromium headless; every demo user signs in through Keycloak's real login form (authorization code + PKCE), sees
// their view, is not offered what their role may not do, and performs one allowed action. Screenshots go to
// console/test-results/. Exit status 0 = all passed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { GATEWAY, call, prepare, until } from './setup.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.resolve(HERE, '..', 'test-results');
const CHROMIUM = process.env.CONVERGE_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 15000;
const results = [];
const shots = [];

function check(what, cond, detail = '') {
  results.push({ what, ok: !!cond });
  console.log(`  ${cond ? 'ok  ' : 'FAIL'} ${what}${cond ? '' : `  -- ${detail}`}`);
}

async function shot(page, name) {
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, timeout: 30000 }); // the viewport: some views are long lists
  shots.push(file);
}

/** A fresh browser context (no session) signed in as `user` through Keycloak's login page. */
async function signIn(browser, user) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => check(`${user}: no script error`, false, e.message));
  page.on('dialog', (d) => d.accept());
  await page.goto(`${GATEWAY}/`);
  await page.getByTestId('sign-in').click();
  await page.waitForSelector('#username');
  check(`${user}: sent to Keycloak's login page with PKCE`, /\/realms\/converge\/protocol\/openid-connect\/auth\?.*code_challenge_method=S256/.test(decodeURIComponent(page.url()))
    || /login-actions|openid-connect\/auth/.test(page.url()), page.url());
  await page.fill('#username', user);
  await page.fill('#password', user);
  await page.click('#kc-login');
  await page.waitForURL((u) => u.href.startsWith(GATEWAY) && !u.pathname.startsWith('/callback'));
  await page.waitForSelector('[data-testid=user-name], [data-testid=no-access]');
  return { context, page };
}

const nav = (page) => page.$$eval('nav.sidebar a', (as) => as.map((a) => a.dataset.nav));
const buttons = async (page, testid) => page.getByTestId(testid).count();

async function openView(page, name, waitFor) {
  await page.click(`nav.sidebar a[data-nav=${name}]`);
  if (waitFor) await page.waitForSelector(waitFor);
}

async function campaignCard(page, name) {
  const card = page.locator(`article.campaign[data-campaign="${name}"]`);
  await card.waitFor();
  return card;
}

const scenarios = {
  async viewer(page, f) {
    check('viewer: sees Assets, KPIs, Firmware, not Security', JSON.stringify(await nav(page)) === JSON.stringify(['assets', 'kpis', 'campaigns']), String(await nav(page)));
    await page.waitForSelector('[data-testid=asset-table] tbody tr');
    check('viewer: asset tree shows the plant with its lines', (await page.locator('.tree-node.line').count()) >= 2);
    await page.waitForSelector('.tree-node.asset');
    check('viewer: the chosen line lists its assets in the tree, as the table does', (await page.locator('.tree-node.asset').count())
      === (await page.locator('[data-testid=asset-table] tbody tr').count()));
    await shot(page, 'viewer-assets');
    // allowed action: search
    await page.fill('input[type=search]', 'drive');
    await page.waitForFunction(() => document.querySelector('.panel.grow h2')?.textContent.includes('drive'));
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=asset-table] tbody tr')];
      return rows.length > 0 && rows.every((r) => /drive/i.test(r.textContent));
    });
    const rows = await page.locator('[data-testid=asset-table] tbody tr').count();
    check('viewer: search "drive" lists only drives, with status, zone, criticality and firmware', rows >= 6
      && /active/.test(await page.locator('[data-testid=asset-table] tbody tr').first().textContent())
      && /2\.14\.0/.test(await page.locator('[data-testid=asset-table]').textContent()), `${rows} rows`);
    await shot(page, 'viewer-search');
    // live telemetry of a chosen asset
    await page.fill('input[type=search]', f.telemetryTag);
    await page.locator('[data-testid=asset-table] tbody tr', { hasText: f.telemetryTag }).first().click();
    await page.waitForSelector('[data-testid=stream-state]:has-text("live")');
    // points posted while the page listens: each arrives over SSE (fetch-streamed with the bearer token)
    const post = (i) => call('engineer', 'POST', '/api/v1/telemetry/points', [
      { asset: f.telemetryTag, metric: f.metric, ts: new Date().toISOString(), value: 62 + Math.sin(i) * 4 },
      { asset: f.telemetryTag, metric: 'line.speed', ts: new Date().toISOString(), value: 118 + (i % 5) },
    ]);
    const liveCount = () => page.$eval('[data-testid=live-count]', (e) => parseInt(e.textContent, 10));
    await until('live points in the page', 20000, async () => { await post(Date.now()); await page.waitForTimeout(300); return (await liveCount()) >= 6; });
    await page.locator('[data-testid=latest-values] button', { hasText: f.metric }).click();
    const before = await liveCount();
    for (let i = 0; i < 4; i++) { await post(i); await page.waitForTimeout(300); }
    await page.waitForFunction((n) => parseInt(document.querySelector('[data-testid=live-count]').textContent, 10) >= n, before + 8);
    check('viewer: the chosen metric is charted', (await page.locator('.panel.grow h2').first().textContent()).includes(f.metric));
    check('viewer: live chart fed by SSE through the gateway', (await page.locator('svg.chart path.line').count()) === 1);
    check('viewer: latest values listed', (await page.locator('[data-testid=latest-values] li').count()) >= 2);
    await shot(page, 'viewer-telemetry');
    await openView(page, 'kpis', '[data-testid=alarm-table]');
    check('viewer: KPI alarms visible, no Acknowledge offered', (await buttons(page, 'ack-alarm')) === 0);
    await page.waitForSelector('[data-testid=oee-ACME-P1-L1] .aeq', { timeout: 30000 });
    check('viewer: OEE per line with A/P/Q', (await page.locator('.oee-card').count()) >= 2
      && /Availability.*Performance.*Quality/.test(await page.getByTestId('oee-ACME-P1-L1').textContent()));
    await openView(page, 'campaigns', 'article.campaign');
    check('viewer: campaigns visible, no campaign action offered', (await page.locator('article.campaign button').count()) === 0);
    await page.goto(`${GATEWAY}/security`);
    await page.waitForSelector('[data-testid=user-name]');
    check('viewer: /security is not offered (assets shown instead)', (await page.locator('.sev-strip').count()) === 0);
  },

  async operator(page, f) {
    await openView(page, 'kpis', '[data-testid=alarm-table]');
    const row = page.locator('tr', { hasText: f.alarmDescription });
    await row.waitFor();
    await page.waitForSelector('[data-testid=oee-ACME-P1-L1] .aeq', { timeout: 30000 });
    await shot(page, 'operator-kpis');
    await row.getByTestId('ack-alarm').click();
    await row.locator('text=acknowledged').waitFor();
    const alarm = await call('viewer', 'GET', `/api/v1/kpis/alarms/${f.alarm.id}`);
    check('operator: acknowledges the KPI alarm', alarm.state === 'acknowledged' && alarm.acknowledgedBy === 'operator', JSON.stringify(alarm));
    await shot(page, 'operator-alarm-acknowledged');
    await openView(page, 'campaigns', 'article.campaign');
    check('operator: no campaign action offered', (await page.locator('article.campaign button').count()) === 0);
  },

  async engineer(page, f) {
    check('engineer: no Security view', !(await nav(page)).includes('security'));
    await openView(page, 'campaigns');
    const card = await campaignCard(page, f.running.name);
    check('engineer: wave progress of the running campaign', (await card.locator('.wave').count()) >= 2);
    check('engineer: not offered Approve', (await page.getByTestId('campaign-approve').count()) === 0);
    await shot(page, 'engineer-campaigns');
    await card.getByTestId('campaign-pause').click();
    await page.locator(`article.campaign[data-campaign="${f.running.name}"][data-state=paused]`).waitFor();
    const c = await call('viewer', 'GET', `/api/v1/campaigns/${f.running.id}`);
    check('engineer: pauses the running campaign', c.state === 'paused', c.state);
    await shot(page, 'engineer-campaign-paused');
  },

  async engineer2(page, f) {
    await openView(page, 'campaigns');
    const card = await campaignCard(page, f.draft.name);
    await card.getByTestId('campaign-submit').click();
    await page.locator(`article.campaign[data-campaign="${f.draft.name}"][data-state=pending-approval]`).waitFor();
    const own = await campaignCard(page, f.toReject.name);
    check('engineer2: not offered Approve on a campaign of their own', (await own.getByTestId('campaign-approve').count()) === 0);
    const c = await call('viewer', 'GET', `/api/v1/campaigns/${f.draft.id}`);
    check('engineer2: submits a draft for approval', c.state === 'pending-approval', c.state);
    await shot(page, 'engineer2-campaign-submitted');
  },

  async approver(page, f) {
    check('approver: no Security view', !(await nav(page)).includes('security'));
    await openView(page, 'campaigns');
    const card = await campaignCard(page, f.toApprove.name);
    check('approver: not offered Pause on a running campaign', (await page.getByTestId('campaign-pause').count()) === 0);
    await shot(page, 'approver-campaigns');
    await card.getByTestId('campaign-approve').click();
    await page.locator(`article.campaign[data-campaign="${f.toApprove.name}"][data-state=approved]`).waitFor();
    const c = await call('viewer', 'GET', `/api/v1/campaigns/${f.toApprove.id}`);
    check('approver: approves the campaign engineer created (four eyes)', c.state === 'approved' && c.approvedBy === 'approver', `${c.state} ${c.approvedBy}`);
    await openView(page, 'kpis', '[data-testid=alarm-table]');
    check('approver: no Acknowledge on KPI alarms', (await buttons(page, 'ack-alarm')) === 0);
    await shot(page, 'approver-kpis');
  },

  async approver2(page, f) {
    await openView(page, 'campaigns');
    const card = await campaignCard(page, f.toReject.name);
    await card.getByTestId('campaign-reject').click();
    await page.locator(`article.campaign[data-campaign="${f.toReject.name}"][data-state=draft]`).waitFor();
    const c = await call('viewer', 'GET', `/api/v1/campaigns/${f.toReject.id}`);
    check('approver2: rejects a campaign (back to draft)', c.state === 'draft', c.state);
    await shot(page, 'approver2-campaign-rejected');
  },

  async analyst(page, f) {
    check('analyst: sees Security', (await nav(page)).includes('security'));
    f.alert = await f.awaitAlert();
    await openView(page, 'security', '[data-testid=alert-table]');
    const row = page.locator('tr', { hasText: f.assetTag });
    await row.waitFor();
    check('analyst: alert shows its ATT&CK technique', /T0839/.test(await row.textContent()), await row.textContent());
    check('analyst: quarantine offered', (await row.getByTestId('alert-quarantine').count()) === 1);
    await shot(page, 'analyst-security');
    await row.getByTestId('alert-ack').click();
    await row.locator('.badge', { hasText: 'acknowledged' }).waitFor();
    const a = await call('analyst', 'GET', `/api/v1/security/alerts/${f.alert.id}`);
    check('analyst: acknowledges the alert', a.state === 'acknowledged', a.state);
    await openView(page, 'kpis', '[data-testid=alarm-table]');
    check('analyst: no Acknowledge on KPI alarms', (await buttons(page, 'ack-alarm')) === 0);
    await openView(page, 'campaigns', 'article.campaign');
    check('analyst: no campaign action offered', (await page.locator('article.campaign button').count()) === 0);
  },

  async admin(page, f) {
    check('admin: every view', (await nav(page)).length === 4, String(await nav(page)));
    await openView(page, 'campaigns');
    const card = page.locator(`article.campaign[data-campaign="${f.running.name}"][data-state=paused]`);
    await card.waitFor();
    await card.getByTestId('campaign-resume').click();
    await page.locator(`article.campaign[data-campaign="${f.running.name}"][data-state=running]`).waitFor();
    const c = await call('viewer', 'GET', `/api/v1/campaigns/${f.running.id}`);
    check('admin: resumes the campaign engineer paused', c.state === 'running', c.state);
    await shot(page, 'admin-campaigns');
    await openView(page, 'security', '[data-testid=alert-table]');
    const row = page.locator('tr', { hasText: f.assetTag });
    await row.getByTestId('alert-quarantine').click();
    await row.locator('text=asset quarantined').waitFor();
    const asset = await call('viewer', 'GET', `/api/v1/assets/by-tag/${f.assetTag}`);
    check('admin: quarantines the asset from the alert', asset.status === 'quarantined', asset.status);
    await shot(page, 'admin-security');
  },

  async nobody(page) {
    check('nobody: a clear "no access" view', (await page.getByTestId('no-access').count()) === 1
      && /No access/.test(await page.getByTestId('no-access').textContent()));
    check('nobody: no navigation offered', (await page.locator('nav.sidebar a').count()) === 0);
    await shot(page, 'nobody-no-access');
  },
};

async function main() {
  const started = Date.now();
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const run = Math.floor(Date.now() / 1000) % 10000000;
  console.log(`browser tests against ${GATEWAY} (run ${run})`);
  const html = await (await fetch(`${GATEWAY}/`)).text();
  check('the gateway serves the console at /', /<div id="app">/.test(html), html.slice(0, 200));
  const fixture = { run, cleanup: [] }; // cleaned up whatever happens
  try {
    await prepare(fixture);
    console.log(`  test data ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    check('test data through the APIs', false, e.stack);
    return finish(started, fixture);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const only = process.env.CONSOLE_TEST_USERS ? process.env.CONSOLE_TEST_USERS.split(',') : null; // for debugging
    for (const [user, scenario] of Object.entries(scenarios).filter(([u]) => !only || only.includes(u))) {
      const t0 = Date.now();
      let session;
      try {
        session = await signIn(browser, user);
        const roles = await session.page.$$eval('.roles .role', (rs) => rs.map((r) => r.textContent).join(', '));
        check(`${user}: signed in through Keycloak${roles ? ` (roles: ${roles})` : ' (no Converge role)'}`, true);
        await scenario(session.page, fixture);
      } catch (e) {
        check(`${user}: scenario`, false, e.message.split('\n')[0]);
        if (session) await shot(session.page, `${user}-failure`).catch(() => {});
      } finally {
        await session?.context.close();
      }
      console.log(`  (${user}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await browser.close();
  }
  return finish(started, fixture);
}

async function finish(started, fixture) {
  for (const c of fixture?.cleanup?.reverse() || []) await c().catch((e) => console.log(`  cleanup: ${e.message}`));
  const failed = results.filter((r) => !r.ok).length;
  console.log('screenshots:');
  for (const s of shots) console.log(`  ${s}`);
  console.log(`browser tests: ${results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
