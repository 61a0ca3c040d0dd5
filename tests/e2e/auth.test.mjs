// Logging in and out, the header, the language switch and role-based menus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uiLogin, login, waitText, textOf, assertClean, DEMO_PASSWORD, SHOTS } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('the app is served under the strict CSP with hashed asset names', async () => {
  const r = await fetch(`${env.url}/`);
  assert.equal(r.status, 200);
  const csp = r.headers.get('content-security-policy') || '';
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /style-src 'self'/);
  const html = await r.text();
  const js = /src="(\/assets\/app-[A-Z0-9]+\.js)"/.exec(html);
  const css = /href="(\/assets\/app-[A-Z0-9]+\.css)"/.exec(html);
  assert.ok(js && css, 'index.html names hashed assets');
  assert.doesNotMatch(html, /<script>|<style|style=/);
  for (const p of [js[1], css[1]]) assert.equal((await fetch(env.url + p)).status, 200, p);
  // Any other non-API path is the app too (client-side routes).
  const spa = await fetch(`${env.url}/pegawai/123`);
  assert.equal(spa.status, 200);
  assert.match(await spa.text(), /app-[A-Z0-9]+\.js/);
});

test('a wrong password shows a translated error with the server message', async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}/`);
  await page.waitForSelector('#username');
  assert.match(page.url(), /#\/masuk$/);
  assert.equal(await textOf(page, 'h1'), 'Masuk');
  await page.fill('#username', 'admin.bkd');
  await page.fill('#password', 'salah-sekali');
  await page.click('form button[type=submit]');
  const alert = page.locator('#login-error [role=alert]');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-code'), 'invalid_credentials');
  assert.equal(await textOf(page, '#login-error [role=alert] strong'), 'Nama pengguna atau kata sandi salah.');
  // The server's own message is shown too, in the page's language, unless it says the same thing.
  const r = await fetch(`${env.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin.bkd', password: 'salah-sekali' }) });
  assert.equal(r.status, 401);
  const { error } = await r.json();
  const serverText = error.message_id || error.message;
  if (serverText !== 'Nama pengguna atau kata sandi salah.') {
    assert.equal(await textOf(page, '#login-error .server-msg'), `Pesan server: ${serverText}`);
  } else {
    assert.equal(await page.locator('#login-error .server-msg').count(), 0, 'not said twice');
  }
  assert.equal(await page.inputValue('#password'), '', 'the password field is cleared');
  assert.equal(await page.locator('#who').count(), 0, 'not logged in');
  await page.screenshot({ path: `${SHOTS}/login-error.png` });
  await page.close();
});

test('logging in shows the user name and roles, and survives a reload', async () => {
  const { user } = await login(env.url, 'kepala.bappeda');
  const page = await env.newPage();
  await uiLogin(page, env.url, 'kepala.bappeda');
  assert.match(page.url(), /#\/unit$/);
  const who = await textOf(page, '#who');
  assert.ok(who.includes(user.name), `header shows ${user.name}: ${who}`);
  assert.ok(user.roles.includes('kepala_opd'));
  assert.ok(who.includes('Kepala OPD'), who);
  assert.equal(await page.locator('#who [data-role=kepala_opd]').count(), 1);
  // The session is an HttpOnly cookie: scripts cannot see it, a reload keeps it.
  assert.equal(await page.evaluate(() => document.cookie.includes('session')), false);
  await page.reload();
  await page.waitForSelector('#who');
  assert.ok((await textOf(page, '#who')).includes(user.name));
  await page.close();
});

test('a deep link asked for while logged out opens after logging in', async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}/#/pegawai?q=a`);
  await page.waitForSelector('#username');
  await page.fill('#username', 'inspektur');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#emp-total');
  assert.match(page.url(), /#\/pegawai\?q=a$/);
  assert.equal(await page.inputValue('#emp-q'), 'a');
  await page.close();
});

test('Indonesian by default, English after switching, kept across reloads', async () => {
  const page = await env.newPage();
  await page.goto(`${env.url}/`);
  await page.waitForSelector('#username');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal(await textOf(page, 'h1'), 'Masuk');
  assert.equal(await textOf(page, 'label[for=username]'), 'Nama pengguna');

  await page.fill('#username', 'admin.bkd');
  await page.click('#lang-toggle');
  await waitText(page, 'h1', 'Log in');
  assert.equal(await page.inputValue('#username'), 'admin.bkd', 'what was typed survives the switch');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await textOf(page, 'label[for=username]'), 'Username');
  assert.equal(await page.evaluate(() => localStorage.getItem('fleksi.lang')), 'en');

  await page.reload();
  await page.waitForSelector('#username');
  assert.equal(await textOf(page, 'h1'), 'Log in');

  // Logged in, the menu and pages are English too, and a wrong password says so in English.
  await page.fill('#username', 'admin.bkd');
  await page.fill('#password', 'nope');
  await page.click('form button[type=submit]');
  await waitText(page, '#login-error', 'Wrong username or password');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#who');
  assert.equal(await textOf(page, '#nav-units'), 'Units');
  assert.equal(await textOf(page, '#nav-employees'), 'Employees');
  assert.equal(await textOf(page, '#logout'), 'Log out');
  await waitText(page, 'h1', 'Units');
  await page.screenshot({ path: `${SHOTS}/units-english.png` });

  await page.click('#lang-toggle');
  await waitText(page, 'h1', 'Unit kerja');
  assert.equal(await textOf(page, '#logout'), 'Keluar');
  assert.equal(await page.evaluate(() => localStorage.getItem('fleksi.lang')), 'id');
  await page.close();
});

test('pegawai has no import menu and the import page refuses', async () => {
  const page = await env.newPage();
  await env.loginAs(page, 'pegawai.bappeda');
  assert.ok((await textOf(page, '#who')).includes('Pegawai'));
  assert.equal(await page.locator('#nav-import').count(), 0);
  assert.equal(await page.locator('#nav-units').count(), 1);
  await page.goto(`${env.url}/#/impor`);
  await page.waitForSelector('[role=alert][data-code=forbidden]');
  assert.equal(await page.locator('#import-form').count(), 0);
  assert.match(await textOf(page, 'main'), /Hanya Admin BKD yang dapat mengimpor data/);
  // The server agrees.
  const status = await page.evaluate(async () => (await fetch('/api/v1/import/units?dry_run=true',
    { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'kode\n', credentials: 'same-origin' })).status);
  assert.equal(status, 403);
  await page.close();
});

test('admin_bkd sees the import menu', async () => {
  const page = await env.newPage();
  await env.loginAs(page, 'admin.bkd');
  assert.ok((await textOf(page, '#who')).includes('Admin BKD'));
  await page.click('#nav-import');
  await page.waitForSelector('#import-form');
  assert.equal(await textOf(page, 'h1'), 'Impor data');
  await page.close();
});

test('logging out ends the session', async () => {
  const page = await env.newPage();
  await uiLogin(page, env.url, 'atasan.bappeda');
  assert.ok((await textOf(page, '#who')).includes('Atasan langsung'));
  await page.click('#logout');
  await page.waitForSelector('#username');
  assert.match(page.url(), /#\/masuk$/);
  assert.equal(await page.locator('#who').count(), 0);
  const me = await page.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status);
  assert.equal(me, 401);
  await page.goto(`${env.url}/#/unit`);
  await page.waitForSelector('#username');
  assert.match(page.url(), /#\/masuk$/);
  await page.close();
});

test('a session ended elsewhere sends the user back to the login page, then to where they were', async () => {
  const { token, headers } = await login(env.url, 'inspektur');
  const page = await env.newPage();
  await page.context().addCookies([{ name: 'fleksi_session', value: token, url: env.url }]);
  await page.goto(`${env.url}/#/unit`);
  await page.waitForSelector('#who');
  const r = await fetch(`${env.url}/api/v1/session`, { method: 'DELETE', headers });
  assert.equal(r.status, 204);
  await page.click('#nav-employees');
  await page.waitForSelector('#login-error [role=alert]');
  assert.equal(await page.locator('#login-error [role=alert]').getAttribute('data-code'), 'unauthorized');
  assert.match(await textOf(page, '#login-error'), /Sesi Anda telah berakhir/);
  await page.fill('#username', 'inspektur');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#emp-total');
  assert.match(page.url(), /#\/pegawai$/);
  await page.close();
});

test('no console errors or CSP refusals', () => { assertClean(env); });
