// Days off in the browser (issue 4 item 1): admin BKD opens the 2026 calendar
// (shipped list, its SKB, working days per month), moves to a year without
// data, amends it (a line the page cannot read and a refusal by the server
// are shown, then a new version is saved and listed); inspektorat reads but
// gets no form. One server for the file; screenshots at desktop and phone
// widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, waitText, textOf, assertClean, SHOTS } from './browser.mjs';

let env;
before(async () => { env = await setup({ demo: 150 }); });
after(async () => { await env?.close(); });

async function as(username, hash, size) {
  const page = await env.newPage(size);
  await env.loginAs(page, username);
  if (hash) await page.goto(`${env.url}/${hash}`);
  return page;
}

test('admin BKD reads 2026 and amends a year without data', async () => {
  const page = await as('admin.bkd');
  await page.click('#nav-holidays');
  await page.fill('#hol-year', '2026');
  await page.click('#hol-show');
  await waitText(page, '#hol-facts', 'SKB 1497/2025, 2/2025, 5/2025');
  assert.ok((await textOf(page, '#hol-facts')).includes('240'));
  assert.equal(await page.locator('#hol-days tbody tr').count(), 25);
  assert.equal(await page.getAttribute('#hol-days tr[data-date="2026-03-21"]', 'data-kind'), 'libur_nasional');
  assert.ok((await textOf(page, '#hol-days tr[data-date="2026-03-20"]')).includes('Cuti bersama'));
  assert.equal(await textOf(page, '#hol-months tr[data-month="3"] td.num'), '17');
  await page.screenshot({ path: join(SHOTS, 'holidays-2026.png'), fullPage: true });

  await page.goto(`${env.url}/#/hari-libur?tahun=2032`);
  await waitText(page, '#hol-facts', 'hanya Senin');
  await page.waitForSelector('#hol-versions');
  await page.fill('#hol-list', '2032-01-01 | libur_nasional | Tahun Baru 2032 Masehi\n2032-01-02 libur');
  await page.click('#hol-save');
  await waitText(page, '#hol-msg [role=alert]', 'Baris 2');
  await page.fill('#hol-list', '2032-01-01 | libur_nasional | Tahun Baru 2032 Masehi\n2032-01-02 | cuti_bersama | Cuti Bersama Tahun Baru');
  await page.click('#hol-save');
  await page.waitForSelector('#hol-msg [role=alert][data-code]');   // the server wants a legal basis
  await page.fill('#hol-ref', 'SKB 1/2031, 1/2031, 1/2031');
  await page.click('#hol-save');
  await waitText(page, '#hol-saved', 'versi 1');
  await waitText(page, '#hol-facts', 'SKB 1/2031, 1/2031, 1/2031');
  assert.equal(await page.locator('#hol-days tbody tr').count(), 2);
  assert.equal(await page.locator('#hol-versions tr[data-version="1"]').count(), 1);
  assert.equal(await textOf(page, '#hol-months tr[data-month="1"] td.num'), String(22 - 2));
  await page.close();
  assertClean(env);
});

test('inspektorat reads the calendar without the form; phone width', async () => {
  const page = await as('inspektur', '#/hari-libur?tahun=2025', { width: 390, height: 844 });
  await waitText(page, '#hol-facts', '237');
  assert.equal(await page.locator('#hol-days tbody tr').count(), 28);
  assert.equal(await page.locator('#hol-form').count(), 0);
  await page.screenshot({ path: join(SHOTS, 'holidays-phone.png'), fullPage: true });
  await page.close();
  assertClean(env);
});
