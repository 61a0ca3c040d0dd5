// The worklog screens (issue 5 items 3-4, item 8 part) on a phone and a desk:
// the presence confirmation prompt appears over any page when a
// confirmation is due and answers with Chromium's emulated location; the
// daily report form (SKP targets imported from CSV, activities linked to
// them) and the supervisor's review queue (return with a reason, accept
// after the report is sent again).
//
// The server's confirmation clock is pinned (FLEKSI_WORKLOG_CLOCK, see
// tests/api/confirmations.test.mjs): first late on a remote day to learn its
// first moment, then restarted on the same database one minute after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import playwright from 'playwright-core';
import { startServer, login, SHOTS, LAUNCH_ARGS, ensureWebBuilt, waitText } from './browser.mjs';
import { freshDatabase } from '../lib/server.mjs';

const { chromium } = playwright;
const D = '2026-11-17';
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1280, height: 900 };
let dir, db, server, browser, P, audit;
const problems = [];
const contexts = [];

const isPg = () => Boolean(process.env.FLEKSI_TEST_PG_BASE);
function sql(text) {
  if (isPg()) return execFileSync('psql', [db, '-tAqc', text], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [db, text], { encoding: 'utf8' }).trim();
}

before(async () => {
  ensureWebBuilt();
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'fleksi-e2e-wl-'));
  db = freshDatabase(dir);
  audit = { FLEKSI_AUDIT_KEY: join(dir, 'audit.key') };
  server = await startServer({ db, demo: 600, env: { ...audit, FLEKSI_WORKLOG_CLOCK: String(Date.UTC(2026, 10, 17, 9, 30)) } });
  const [pegawai, atasan] = await Promise.all(['pegawai.bappeda', 'atasan.bappeda'].map((u) => login(server.url, u)));
  P = pegawai.user.nip;
  sql(`INSERT INTO plan (employee_id, unit_id, date, mode, status, requested_by, requested_at)
       SELECT id, unit_id, '${D}', 'wfh', 'approved', 'fixture', '2026-11-01T00:00:00Z' FROM employee WHERE nip = '${P}'`);
  const r = await fetch(`${server.url}/api/v1/confirmations?nip=${P}`, { headers: atasan.headers });
  const first = (await r.json()).items[0];
  await server.stop();
  server = await startServer({ db, demo: 0, env: { ...audit, FLEKSI_WORKLOG_CLOCK: String(Date.parse(first.due_at) + 60e3) } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: LAUNCH_ARGS });
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function pageAs(username, size) {
  const context = await browser.newContext({ viewport: size, locale: 'id-ID', geolocation: { latitude: -6.2001, longitude: 106.8167, accuracy: 9 } });
  contexts.push(context);
  await context.grantPermissions(['geolocation'], { origin: server.url });
  const { token } = await login(server.url, username);
  await context.addCookies([{ name: 'fleksi_session', value: token, url: server.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return page;
}

async function fits(page, name, width) {
  // A focused field would be scrolled back into view when the full-page shot resizes the viewport.
  await page.evaluate(() => document.activeElement?.blur());
  const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  assert.ok(scroll <= width, `${name}: ${scroll}px wide on a ${width}px screen`);
}

test('the confirmation prompt shows on any page and answers with the location', async () => {
  const page = await pageAs('pegawai.bappeda', PHONE);
  await page.goto(`${server.url}/#/kalender`);
  await page.waitForSelector('#confirm-banner[role=alertdialog]');
  await waitText(page, '#confirm-title', 'Konfirmasi kehadiran');
  await fits(page, 'phone-worklog-confirm', PHONE.width);
  await page.context().setGeolocation({ latitude: -6.2002, longitude: 106.8168, accuracy: 9 });
  await page.click('#confirm-answer');
  await page.waitForSelector('#confirm-banner.done[data-status=answered]');
  await fits(page, 'phone-worklog-confirm-done', PHONE.width);
  const me = await login(server.url, 'pegawai.bappeda');
  const r = await (await fetch(`${server.url}/api/v1/confirmations`, { headers: me.headers })).json();
  assert.equal(r.items[0].status, 'answered');
  assert.equal(r.items[0].accuracy_m, 9);
  // The next poll finds nothing pending: the banner does not come back.
  await page.goto(`${server.url}/#/unit`);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#confirm-banner[role=alertdialog]').count(), 0);
  await page.close();
});

test('the daily report form: SKP targets from CSV, activities linked to them, sent', async () => {
  const page = await pageAs('pegawai.bappeda', PHONE);
  await page.goto(`${server.url}/#/laporan-harian`);
  await page.waitForSelector('#need-targets');
  const year = new Date().getFullYear();
  await page.setInputFiles('#skp-file', { name: 'skp.csv', mimeType: 'text/csv', buffer: Buffer.from(
    `tahun;kode;rencana_kinerja;indikator;target;satuan\n${year};RK-1;Tersusunnya telaahan kebijakan;Jumlah telaahan;12;dokumen\n${year};RK-2;Terlaksananya koordinasi lintas OPD;Jumlah rapat;24;rapat\n`) });
  await page.waitForSelector('#skp-list li[data-code="RK-2"]');
  await page.waitForSelector('#report-form');
  const first = page.locator('fieldset.activity').nth(0);
  await first.locator('[name=target_id]').selectOption({ label: 'RK-1 · Tersusunnya telaahan kebijakan' });
  await first.locator('[name=description]').fill('Menyusun telaahan kebijakan kerja fleksibel');
  await first.locator('[name=minutes]').fill('180');
  await first.locator('[name=output]').fill('1 draf telaahan');
  await page.click('#add-activity');
  const second = page.locator('fieldset.activity').nth(1);
  await second.locator('[name=target_id]').selectOption({ label: 'RK-2 · Terlaksananya koordinasi lintas OPD' });
  await second.locator('[name=description]').fill('Rapat daring dengan Bappenas');
  await second.locator('[name=minutes]').fill('90');
  await waitText(page, '#report-total', '4 jam 30 menit');
  await fits(page, 'phone-worklog-report-form', PHONE.width);
  await page.click('#report-send');
  await page.waitForSelector('#report-state[data-status=submitted]');
  await waitText(page, '#report-view', 'Rapat daring dengan Bappenas');
  await fits(page, 'phone-worklog-report-sent', PHONE.width);
  await page.close();
});

test('the review queue: the supervisor returns with a reason, then accepts the report sent again', async () => {
  const sup = await pageAs('atasan.bappeda', PHONE);
  await sup.goto(`${server.url}/#/tinjau-laporan`);
  const item = sup.locator(`#review-list article[data-nip="${P}"]`);
  await item.waitFor();
  await waitText(sup, `#review-list article[data-nip="${P}"]`, 'Menyusun telaahan');
  await fits(sup, 'phone-worklog-review', PHONE.width);
  await item.locator('button.return').click();
  await sup.waitForSelector(`#review-list article[data-nip="${P}"] [role=alert]`);   // no reason: refused
  await item.locator('textarea[name=reason]').fill('Lengkapi keluaran rapat');
  await item.locator('button.return').click();
  await sup.waitForSelector('#review-empty');

  const emp = await pageAs('pegawai.bappeda', DESK);
  await emp.goto(`${server.url}/#/laporan-harian`);
  await emp.waitForSelector('#report-state[data-status=returned]');
  await waitText(emp, '#return-reason', 'Lengkapi keluaran rapat');
  await emp.locator('fieldset.activity').nth(1).locator('[name=output]').fill('Notula 4 halaman');
  await fits(emp, 'desk-worklog-report-returned', DESK.width);
  await emp.click('#report-send');
  await emp.waitForSelector('#report-state[data-status=submitted]');

  await sup.reload();
  await item.waitFor();
  await item.locator('button.accept').click();
  await sup.waitForSelector('#review-empty');
  await sup.selectOption('#review-filter', 'accepted');
  await sup.waitForSelector(`#review-list article[data-nip="${P}"]`);
  await fits(sup, 'phone-worklog-review-accepted', PHONE.width);
  await emp.reload();
  await emp.waitForSelector('#report-state[data-status=accepted]');
  assert.deepEqual(problems, []);
});
