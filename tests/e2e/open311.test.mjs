// Citizens' reports in the browser (issue 7 item 7): a citizen files a report
// from the phone-first form without an account (emulated geolocation for "use
// my location"), tracks it by its number; kepala.bappeda finds it in the
// handlers' queue, moderates the description that names someone, verifies
// and answers it; the citizen sees the answer; the public transparency page
// shows the figures, the chart, the downloads and the signed checkpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, waitText, textOf, assertClean, SHOTS } from './browser.mjs';
import { cli } from '../lib/server.mjs';

let env;
let reportId;
before(async () => { env = await setup({ demo: 150 }); });
after(async () => { await env?.close(); });

test('the public form on a phone: no account, use my location, private contact, a number to track', async () => {
  const page = await env.newPage({ width: 390, height: 844 });
  await page.context().grantPermissions(['geolocation'], { origin: env.url });
  await page.context().setGeolocation({ latitude: -6.1862, longitude: 106.8296 });
  await page.goto(`${env.url}/#/lapor`);
  await page.waitForSelector('#rp-form');
  assert.equal(await page.locator('#who').count(), 0, 'nobody is signed in');
  assert.ok(await page.locator('#nav-report').isVisible());
  await page.selectOption('#rp-service', 'official_absent');
  await page.waitForSelector('#rp-attr-kind');
  await page.click('#rp-submit');
  await page.waitForSelector('#rp-msg [role=alert]');         // refused in the page: no kind chosen
  await page.selectOption('#rp-attr-kind', 'absent');
  await page.fill('#rp-unit', 'BAPPEDA');
  await page.click('#rp-geo');
  await waitText(page, '#rp-geo-msg', 'Lokasi terisi');
  assert.equal(await page.inputValue('#rp-lat'), '-6.186200');
  await page.fill('#rp-desc', 'Pak Budi tidak ada di meja layanan sejak pukul 09.00.');
  await page.click('#rp-contact summary');
  await page.fill('#rp-email', 'warga@example.org');
  await page.click('#rp-submit');
  await page.waitForSelector('#rp-id');
  reportId = await textOf(page, '#rp-id');
  assert.match(reportId, /^\d+$/);
  await page.screenshot({ path: join(SHOTS, 'open311-form-done.png') });
  await page.click('#rp-track');
  await page.waitForSelector('#tr-status');
  assert.equal(await page.getAttribute('#tr-status', 'data-status'), 'received');
  const facts = await textOf(page, '#tr-facts');
  assert.ok(facts.includes('Badan Perencanaan Pembangunan Daerah'));
  assert.ok(facts.includes('sedang diperiksa'), 'a description naming someone waits for moderation');
  assert.ok(!facts.includes('Budi') && !facts.includes('warga@example.org'));
  await page.fill('#tr-id', '999999');
  await page.click('#tr-go');
  await page.waitForSelector('#tr-result [role=alert]');
  await page.goto(`${env.url}/#/laporan`);
  await page.waitForSelector('#username');                    // the queue needs a session
  await page.close();
  assertClean(env);
});

test('the handler: queue with deadlines, moderation with a redaction, verify, answer; the citizen sees it', async () => {
  assert.ok(reportId, 'filed by the previous test');
  let page = await env.newPage();
  await env.loginAs(page, 'kepala.bappeda');
  await page.click('#nav-reports');
  await page.waitForSelector('#rq-list');
  await page.check('#rq-mod');
  await page.waitForSelector(`#rq-table tr[data-id="${reportId}"]`);
  assert.ok((await textOf(page, `#rq-table tr[data-id="${reportId}"]`)).includes('Menunggu moderasi'));
  await page.click(`#rq-table tr[data-id="${reportId}"] a.open`);
  await page.waitForSelector('#rq-moderation');
  assert.ok((await textOf(page, '#rq-facts')).includes('warga@example.org'), 'the handler sees the private contact');
  assert.ok(await page.locator('#rq-cross tbody tr').count() >= 1, 'the unit\'s staff on that date');
  await page.click('#rq-approve');                             // the original still names Pak Budi
  await page.waitForSelector('#rq-moderation [role=alert][data-code=names_people]');
  await page.fill('#rq-redacted', 'Petugas tidak ada di meja layanan sejak pukul 09.00.');
  await page.click('#rq-approve');
  await page.waitForSelector('#rq-flash');
  assert.equal(await page.locator('#rq-moderation').count(), 0);
  await page.selectOption('#rq-next', 'verified');
  await page.click('#rq-save');
  await page.waitForFunction(() => document.querySelector('#rq-cur-status')?.dataset.status === 'verified');
  await page.selectOption('#rq-next', 'answered');
  await page.fill('#rq-note', 'Petugas sudah ditegur; jadwal piket loket diperbaiki.');
  await page.click('#rq-save');
  await page.waitForFunction(() => document.querySelector('#rq-cur-status')?.dataset.status === 'answered');
  assert.ok((await textOf(page, '#rq-history')).includes('jadwal piket'));
  // The answered report is substantiated: the handler turns it into a violation of one of the unit's staff.
  assert.equal(await page.locator('#rq-viol-form').isVisible(), false, 'behind a button');
  await page.click('#rq-viol-open');
  await page.waitForSelector('#rq-viol-form:not([hidden])');
  const nip = await page.inputValue('#rq-viol-nip');
  assert.match(nip, /^\d{18}$/);
  await page.selectOption('#rq-viol-kind', 'absent');
  await page.fill('#rq-viol-note', 'Catatan fleksi: tidak ada presensi dan tidak ada rencana kerja pada jam itu.');
  await page.click('#rq-viol-submit');
  await page.waitForSelector(`#rq-viol-list li[data-nip="${nip}"]`);
  assert.ok((await textOf(page, '#rq-flash')).includes('Pelanggaran dicatat'));
  assert.ok((await textOf(page, '#rq-viol-list')).includes('Tidak di tempat'));
  await page.click('#rq-viol-open');
  await page.selectOption('#rq-viol-nip', nip);
  await page.fill('#rq-viol-note', 'Sekali lagi untuk orang yang sama.');
  await page.click('#rq-viol-submit');
  await page.waitForSelector('#rq-violation [role=alert][data-code=conflict]');
  assert.ok((await textOf(page, '#rq-history')).includes('Dicatat sebagai pelanggaran'));
  await page.screenshot({ path: join(SHOTS, 'open311-handler.png'), fullPage: true });
  await page.close();

  page = await env.newPage({ width: 390, height: 844 });
  await page.goto(`${env.url}/#/lacak/${reportId}`);
  await page.waitForSelector('#tr-notes');
  assert.equal(await page.getAttribute('#tr-status', 'data-status'), 'answered');
  assert.ok((await textOf(page, '#tr-notes')).includes('jadwal piket'));
  const facts = await textOf(page, '#tr-facts');
  assert.ok(facts.includes('Petugas tidak ada di meja layanan'), 'the approved public text');
  assert.ok(!facts.includes('Budi') && !facts.includes('kepala.bappeda'));
  await page.close();
  assertClean(env);
});

test('admin_bkd issues an Open311 key in the browser, shown once, and an app files with it', async () => {
  const page = await env.newPage();
  await env.loginAs(page, 'admin.bkd');
  await page.goto(`${env.url}/#/laporan`);
  await page.waitForSelector('#rq-key-form');
  assert.equal(await page.inputValue('#rq-set-verify_days'), '3');
  await page.fill('#rq-key-name', 'JAKI bridge');
  await page.click('#rq-key-add');
  await page.waitForSelector('#rq-key-value');
  const key = await textOf(page, '#rq-key-value');
  assert.match(key, /^[0-9a-f]{40}$/);
  const r = await fetch(`${env.url}/open311/v2/requests.json`, { method: 'POST',
    body: new URLSearchParams({ api_key: key, service_code: 'other', address_string: 'Balai Kota' }) });
  assert.equal(r.status, 201);
  await page.click('#rq-key-table tr:last-child button');
  await page.waitForFunction(() => !document.querySelector('#rq-key-value') && document.querySelector('#rq-key-table tr:last-child .badge'));
  const again = await fetch(`${env.url}/open311/v2/requests.json`, { method: 'POST',
    body: new URLSearchParams({ api_key: key, service_code: 'other', address_string: 'Balai Kota' }) });
  assert.equal(again.status, 403);
  await page.close();
  assertClean(env);
});

// Close five days early in the previous month (always past; check-ins as an SQL
// fixture for two of every three staff of the units with an on-site minimum) so
// the page has coverage and violations. Returns that month.
function closeSomeDays() {
  const now = new Date(Date.now() + 7 * 3600e3);
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const days = ['02', '03', '04', '05', '06'].map((d) => `${month}-${d}`);
  if (!env.server.dbPath.startsWith('postgres')) {
    for (const d of days) {
      for (const [kind, minute] of [['in', 440], ['out', 990]]) {
        execFileSync('sqlite3', [env.server.dbPath, `INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms,
          local_minute, time_zone, mode, verdict, flag_mask, flags, device_id) SELECT e.id, e.unit_id, '${d}', '${kind}', 0,
          ${minute}, 'WIB', 'wfo', 'ok', 0, '[]', 'fixture' FROM employee e JOIN unit_staffing s ON s.unit_id = e.unit_id
          WHERE e.active AND (e.id + ${d.slice(-1)}) % 3 <> 0`]);
      }
    }
  }
  const r = cli(['close', '--db', env.server.dbPath, '--from', days[0], '--to', days[4]], { env: env.server.env });
  assert.equal(r.status, 0, r.stderr);
  return month;
}

test('the public transparency page: figures per body, SVG charts, downloads, field dictionary, checkpoint', async () => {
  const closed = closeSomeDays();
  const thisMonth = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 7);
  const page = await env.newPage();
  await page.goto(`${env.url}/#/transparansi?month=${closed}`);
  await page.waitForSelector('#pub-table');
  // Coverage of face-to-face units, violations by kind, sanctions by level: one SVG bar each.
  assert.ok(await page.locator('#pub-coverage rect[data-series="coverage_share"]').count() >= 1);
  const cov = await page.locator('#pub-coverage rect[data-series="coverage_share"]').evaluateAll((els) => els.map((e) => e.dataset.value));
  assert.ok(cov.some((v) => v !== 'withheld' && Number(v) > 0), `some coverage shown: ${cov}`);
  assert.equal(await page.locator('#pub-violations rect').count(), 12);
  assert.ok(Number(await page.getAttribute('#pub-violations rect[data-series="violations_unexcused_absence"]', 'width')) > 0);
  assert.equal(await page.locator('#pub-sanctions rect').count(), 3);
  await page.screenshot({ path: join(SHOTS, 'open311-public-closed-month.png'), fullPage: true });
  // One body: its own figures; a figure about one person (the violation recorded above, this month) is withheld.
  await page.goto(`${env.url}/#/transparansi?month=${thisMonth}`);
  await page.waitForFunction(() => document.querySelectorAll('#pub-table tbody tr').length > 1);
  await page.selectOption('#pub-bodysel', 'BAPPEDA');
  await page.waitForFunction(() => location.hash.includes('body=BAPPEDA') && document.querySelectorAll('#pub-table tbody tr').length === 1);
  await page.waitForSelector('#pub-violations rect[data-series="violations_citizen_report"][data-value="withheld"]', { state: 'attached' });
  assert.ok((await page.getAttribute('#pub-csv', 'href')).includes('body=BAPPEDA'));
  await page.screenshot({ path: join(SHOTS, 'open311-public-body.png'), fullPage: true });
  await page.selectOption('#pub-bodysel', '');
  await page.waitForFunction(() => document.querySelectorAll('#pub-table tbody tr').length > 1);
  assert.equal(await page.locator('#who').count(), 0);
  const row = page.locator('#pub-table tr[data-body="BAPPEDA"]');
  assert.ok((await row.innerText()).includes('Badan Perencanaan'));
  assert.equal(await page.locator('#pub-chart rect[data-body="BAPPEDA"][data-series="reports_answered"]').count(), 1);
  assert.ok(Number(await page.getAttribute('#pub-chart rect[data-body="BAPPEDA"][data-series="reports_received"]', 'width')) > 0);
  assert.ok((await textOf(page, '#pub-suppression')).includes('5'));
  assert.ok(Number(await textOf(page, '#pub-cp-size')) > 0);
  assert.match(await textOf(page, '#pub-cp-root'), /^[0-9a-f]{64}$/);
  const csv = await page.evaluate(async () => {
    const r = await fetch(document.querySelector('#pub-csv').getAttribute('href'));
    return [r.status, r.headers.get('content-type'), (await r.text()).split('\r\n')[0]];
  });
  assert.equal(csv[0], 200);
  assert.match(csv[1], /text\/csv/);
  assert.ok(csv[2].startsWith('month,body_code,body_name,reports_received'));
  assert.ok(csv[2].includes(',coverage_share,') && csv[2].endsWith(',withheld'));
  assert.ok(await page.locator('#pub-dict dt').count() >= 10);
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Flexible work'));
  await page.screenshot({ path: join(SHOTS, 'open311-public.png'), fullPage: true });
  await page.close();
  const phone = await env.newPage({ width: 390, height: 844 });
  await phone.goto(`${env.url}/#/transparansi?month=${closed}`);
  await phone.waitForSelector('#pub-coverage');
  const box = await phone.locator('#pub-coverage').boundingBox();
  assert.ok(box.width <= 390, 'the chart fits the phone');
  await phone.screenshot({ path: join(SHOTS, 'open311-public-phone.png'), fullPage: true });
  await phone.locator('#pub-coverage').scrollIntoViewIfNeeded();
  await phone.screenshot({ path: join(SHOTS, 'open311-public-phone-charts.png') });
  await phone.close();
  assertClean(env);
});
