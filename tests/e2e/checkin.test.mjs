// The check-in page, the team board and "my data" in chromium (issue 5 items
// 7-8), with Chromium's emulated geolocation:
// - in place: the reading at the office is recorded without outside_place,
//   the answer shows time, mode, verdict and distance; today's list fills;
// - out of place: 2 km away, recorded and flagged with the distance shown;
// - no permission: a clear message with what to do, and nothing is posted;
// - the supervisor's board lists the team with times and flags;
// - "Data saya" summarises and downloads everything held about the person.
// Each page is screenshotted on a 390x844 phone and on a desktop.
//
// The server's clock decides the presence window, so the verdict of the
// in-place record is "ok" exactly when the server raised no flag at all (at
// night outside_window is raised); the place flags are asserted directly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, login, api, textOf, assertClean, SHOTS } from './browser.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const M_LAT = 180 / (Math.PI * 6371008.8);

let env, admin, pegawai, unit;
const contexts = [];

before(async () => {
  env = await setup({ demo: 300 });
  admin = await login(env.url, 'admin.bkd');
  pegawai = await login(env.url, 'pegawai.bappeda');
  unit = await api(env.url, admin, `/units/${pegawai.user.unit.code}`);
  assert.ok(unit.lat != null && unit.lon != null, 'the demo unit has an office location');
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await env?.close();
});

// A page in a context of its own: the emulated position (or none) and
// whether the site may read it. Console errors are collected like setup's.
async function geoPage(size, { geolocation, grant }) {
  const context = await env.browser.newContext({ viewport: size, locale: 'id-ID', geolocation });
  contexts.push(context);
  if (grant) await context.grantPermissions(['geolocation'], { origin: env.url });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
      env.problems.push(`console: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => env.problems.push(`pageerror: ${e.message}`));
  return page;
}

async function fits(page, name, width) {
  const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  assert.ok(scroll <= width, `${name}: ${scroll}px wide on a ${width}px screen`);
}

// Press a button and return the server's answer to the POST it makes.
async function press(page, selector) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/checkins') && r.request().method() === 'POST'),
    page.click(selector)]);
  return { status: resp.status(), body: await resp.json() };
}

test('in place: recorded at the office, the answer explained, today\'s list filled', async () => {
  const page = await geoPage(PHONE, { geolocation: { latitude: unit.lat + 15 * M_LAT, longitude: unit.lon, accuracy: 12 }, grant: true });
  await env.loginAs(page, 'pegawai.bappeda');
  await page.goto(`${env.url}/#/absen`);
  await page.waitForSelector('#btn-in:not([disabled])');
  assert.match(await textOf(page, '#privacy-note'), /hanya diambil saat Anda menekan/);
  await page.screenshot({ path: `${SHOTS}/absen-phone-start.png` });
  const r = await press(page, '#btn-in');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await page.waitForSelector('#checkin-result');
  assert.equal(r.body.distance_m, 15);
  assert.ok(!r.body.flags.some((f) => f.flag === 'outside_place'), JSON.stringify(r.body.flags));
  assert.equal(await page.getAttribute('#checkin-result', 'data-verdict'), r.body.verdict);
  assert.equal(r.body.verdict, r.body.flags.length ? 'flagged' : 'ok');
  assert.equal(await textOf(page, '#result-time'), `${r.body.local_time} WIB`);
  assert.equal(await textOf(page, '#result-mode'), 'Kantor');
  assert.match(await textOf(page, '#result-distance'), new RegExp(`^15 m dari tempat \\(batas ${r.body.allowed_m} m\\)`));
  if (r.body.flags.length) {
    // Each flag the server raised is explained with the server's numbers.
    for (const f of r.body.flags) {
      const text = await textOf(page, `#result-flags li[data-flag="${f.flag}"]`);
      assert.ok(text.includes(f.message_id), `${f.flag}: ${text}`);
    }
  } else {
    assert.match(await textOf(page, '#result-ok'), /Semua sesuai/);
  }
  await page.waitForSelector('#today-records li[data-kind="in"]');
  assert.ok(await page.isDisabled('#btn-in'), 'in is done for today');
  assert.ok(!(await page.isDisabled('#btn-out')));
  await fits(page, 'absen-phone-in-place', PHONE.width);
  // The browser keeps its device id: it is now the registered device.
  const dev = await page.evaluate(() => localStorage.getItem('fleksi.device'));
  assert.match(dev, /^web-[0-9a-f-]{36}$/);
  const devices = await api(env.url, pegawai, '/devices');
  assert.ok(JSON.stringify(devices).includes(dev));
  assertClean(env);
});

test('out of place: recorded, flagged outside the place with the distance shown', async () => {
  const page = await geoPage(PHONE, { geolocation: { latitude: unit.lat + 2000 * M_LAT, longitude: unit.lon, accuracy: 10 }, grant: true });
  await env.loginAs(page, 'atasan.bappeda');
  await page.goto(`${env.url}/#/absen`);
  await page.waitForSelector('#btn-in:not([disabled])');
  const r = await press(page, '#btn-in');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await page.waitForSelector('#checkin-result[data-verdict="flagged"]');
  const f = r.body.flags.find((x) => x.flag === 'outside_place');
  assert.ok(f, JSON.stringify(r.body.flags));
  assert.equal(f.distance_m, 2000);
  const text = await textOf(page, '#result-flags li[data-flag="outside_place"]');
  assert.match(text, /^Di luar tempat/);
  assert.ok(text.includes('2000 m'), text);
  assert.ok(text.includes(`batas ${f.allowed_m} m`), text);
  assert.match(text, /ajukan rencana/);
  assert.match(await textOf(page, '#result-verdict'), /Ditandai/);
  assert.match(await textOf(page, '#result-distance'), /^2000 m dari tempat/);
  await fits(page, 'absen-phone-out-of-place', PHONE.width);
  // The same answer in English.
  await page.click('#lang-toggle');
  await page.waitForSelector('#btn-in');
  const li = await textOf(page, '#today-records li[data-kind="in"] li[data-flag="outside_place"]');
  assert.match(li, /^Outside the place.*Location 2000 m from the expected place/);
  assertClean(env);
});

test('no permission: a clear message with what to do, and nothing is posted', async () => {
  const page = await geoPage(PHONE, { geolocation: { latitude: unit.lat, longitude: unit.lon, accuracy: 10 }, grant: false });
  await env.loginAs(page, 'kepala.bappeda');
  let posted = 0;
  page.on('request', (req) => { if (req.method() === 'POST' && req.url().includes('/api/v1/checkins')) posted++; });
  await page.goto(`${env.url}/#/absen`);
  await page.waitForSelector('#btn-in:not([disabled])');
  await page.click('#btn-in');
  await page.waitForSelector('#geo-error[data-code="denied"]');
  const text = await textOf(page, '#geo-error');
  assert.match(text, /Izin lokasi ditolak/);
  assert.match(text, /Izinkan "Lokasi" untuk situs ini/);
  assert.match(text, /Tidak ada yang dikirim ke server/);
  await page.waitForSelector('#today-records');
  assert.match(await textOf(page, '#today-records'), /Belum ada catatan hari ini/);
  assert.equal(posted, 0, 'nothing was posted');
  assert.ok(!(await page.isDisabled('#btn-in')), 'the person can try again');
  await fits(page, 'absen-phone-denied', PHONE.width);
  const kepala = await login(env.url, 'kepala.bappeda');
  assert.deepEqual((await api(env.url, kepala, '/checkins')).items, []);
  assertClean(env);
});

test('the check-in page on a desktop', async () => {
  const page = await geoPage(DESKTOP, { geolocation: { latitude: unit.lat, longitude: unit.lon, accuracy: 10 }, grant: true });
  await env.loginAs(page, 'pegawai.bappeda');
  await page.goto(`${env.url}/#/absen`);
  await page.waitForSelector('#today-records li[data-kind="in"]');
  assert.equal(await page.getAttribute('#nav-absen', 'aria-current'), 'page');
  await fits(page, 'absen-desktop', DESKTOP.width);
  assertClean(env);
});

test('the team board: the supervisor sees who is in, where, and which flags', async () => {
  for (const size of [DESKTOP, PHONE]) {
    const page = await env.newPage(size);
    await env.loginAs(page, 'atasan.bappeda');
    await page.click('#nav-team-today');
    await page.waitForSelector('#board tbody tr');
    const p = page.locator(`#board tr[data-nip="${pegawai.user.nip}"]`);
    assert.match(await p.innerText(), /\d{2}:\d{2}/);
    assert.equal(await p.getAttribute('data-on-site'), 'true');
    const a = await login(env.url, 'atasan.bappeda');
    const me = page.locator(`#board tr[data-nip="${a.user.nip}"]`);
    assert.equal(await me.getAttribute('data-verdict'), 'flagged');
    assert.match(await me.locator('li[data-flag="outside_place"]').innerText(), /2000 m/);
    assert.match(await textOf(page, '#board-summary'), /di kantor/);
    assert.match(await textOf(page, '#board-updated'), /tiap 30 detik/);
    await fits(page, `team-today-${size === PHONE ? 'phone' : 'desktop'}`, size.width);
    await page.close();
  }
  // A plain employee has no such menu entry.
  const page = await env.newPage(PHONE);
  await env.loginAs(page, 'pegawai.bappeda');
  assert.equal(await page.locator('#nav-team-today').count(), 0);
  await page.close();
  assertClean(env);
});

test('"Data saya": a summary, the check-ins with coordinates, and the download', async () => {
  for (const size of [PHONE, DESKTOP]) {
    const page = await env.newPage(size);
    await env.loginAs(page, 'pegawai.bappeda');
    await page.click('#nav-my-data');
    await page.waitForSelector('#data-summary');
    assert.equal(await textOf(page, '#data-summary tr[data-section="checkins"] td'), '1');
    assert.match(await textOf(page, '#data-retention'), /90 hari/);
    assert.match(await textOf(page, '#data-checkins tbody tr'), /-?\d+\.\d{6}, \d+\.\d{6} \(±12 m\)/);
    await fits(page, `data-saya-${size === PHONE ? 'phone' : 'desktop'}`, size.width);
    if (size === DESKTOP) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#data-download')]);
      assert.equal(download.suggestedFilename(), `data-saya-${pegawai.user.nip}.json`);
      const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert.equal(data.nip, pegawai.user.nip);
      assert.equal(data.checkins.length, 1);
    }
    await page.close();
  }
  assertClean(env);
});
