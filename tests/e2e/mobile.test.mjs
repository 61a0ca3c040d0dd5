// Every page on a 360x740 phone screen: no sideways scrolling, screenshots saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, login, api, waitText, textOf, assertClean, SHOTS } from './browser.mjs';

const W = 360;
let env;
let auth;

before(async () => {
  env = await setup();
  auth = await login(env.url, 'inspektur');
});
after(async () => { await env?.close(); });

async function check(page, name) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth, client: document.documentElement.clientWidth }));
  await page.screenshot({ path: `${SHOTS}/phone-${name}.png` }); // what the phone shows first
  assert.ok(scroll <= W, `${name}: page is ${scroll}px wide on a ${W}px screen`);
  assert.equal(client, W);
}

test('login page and its error fit a 360 px phone', async () => {
  const page = await env.newPage({ width: W, height: 740 });
  await page.goto(`${env.url}/`);
  await page.waitForSelector('#username');
  await check(page, 'login');
  await page.fill('#username', 'inspektur');
  await page.fill('#password', 'salah');
  await page.click('form button[type=submit]');
  await page.waitForSelector('#login-error [role=alert]');
  await check(page, 'login-error');
  await page.close();
});

test('organisation pages fit a 360 px phone', async () => {
  const page = await env.newPage({ width: W, height: 740 });
  await env.loginAs(page, 'inspektur');
  await page.waitForSelector('#unit-tree > li');
  const tree = await api(env.url, auth, '/units');
  // Open a few levels so the deepest indentation is on screen.
  let u = tree.items[0];
  for (let depth = 0; depth < 4 && u && u.children.length; depth++) {
    const toggle = page.locator(`li[data-code="${u.code}"] > .tree-row > button.tree-toggle`);
    if (await toggle.getAttribute('aria-expanded') === 'false') await toggle.click();
    u = u.children.find((c) => c.children.length) || u.children[0];
  }
  await check(page, 'units');

  const withKids = tree.items[0].children.find((c) => c.children.length) || tree.items[0];
  await page.goto(`${env.url}/#/unit/${encodeURIComponent(withKids.code)}`);
  await page.waitForSelector('#unit-facts');
  await check(page, 'unit');

  await page.click('#unit-employees');
  await page.waitForSelector('#emp-table');
  await check(page, 'employees');

  const nip = await page.locator('#emp-table tbody tr').first().getAttribute('data-nip');
  await page.click('#emp-table tbody tr:first-child a[href^="#/pegawai/"]');
  await page.waitForSelector('#emp-facts');
  assert.ok((await textOf(page, '#emp-facts')).includes(nip));
  await check(page, 'employee');
  await page.close();
});

test('import page with row errors fits a 360 px phone', async () => {
  const page = await env.newPage({ width: W, height: 740 });
  await env.loginAs(page, 'admin.bkd');
  await page.goto(`${env.url}/#/impor?jenis=employees`);
  await page.waitForSelector('#import-form');
  await page.fill('#import-text', 'nip,nama,jenis_pegawai,golongan,jabatan,jenis_jabatan,unit_kode,atasan_nip,tmt_jabatan,domisili_lat,domisili_lon\n'
    + '12345678901234567890123,Nama Yang Sangat Panjang Sekali Untuk Menguji Pembungkusan Baris,pns,III/a,x,fungsional,TIDAK-ADA,,2020-13-45,,\n');
  await page.click('#import-submit');
  await page.waitForSelector('#import-errors');
  await check(page, 'import');
  await page.close();
});

test('pegawai sees what the server lets them see, without an import menu, on a 360 px phone', async () => {
  const mine = await login(env.url, 'pegawai.bappeda');
  const tree = await api(env.url, mine, '/units');
  const page = await env.newPage({ width: W, height: 740 });
  await env.loginAs(page, 'pegawai.bappeda');
  await page.waitForSelector('#unit-tree > li');
  let n = 0;
  const walk = (u) => { n++; u.children.forEach(walk); };
  tree.items.forEach(walk);
  await waitText(page, '#unit-status', `${n} unit`);
  assert.equal(await page.locator('#nav-import').count(), 0);
  await check(page, 'units-pegawai');
  // Their employee search is limited to what the server scopes for them.
  const scoped = await api(env.url, mine, '/employees?per_page=50');
  await page.click('#nav-employees');
  await waitText(page, '#emp-total', `${scoped.total} pegawai ditemukan`);
  assert.equal(await page.locator('#emp-table tbody tr').count(), Math.min(50, scoped.total));
  await check(page, 'employees-pegawai');
  await page.close();
});

test('no console errors or CSP refusals', () => { assertClean(env); });
