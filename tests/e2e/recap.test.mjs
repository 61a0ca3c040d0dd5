// The recap page in the browser (issue 6 items 5-6): a head of a body opens
// #/rekap for November 2026 after three dates are closed, reads the TPP
// deductions of the body's staff, downloads the XLSX and the CSV (the files
// the server names), changes the unit; a supervisor sees only their line;
// a plain employee has no menu entry. Screenshots at desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { setup, waitText, textOf, assertClean, SHOTS } from './browser.mjs';
import { cli } from '../lib/server.mjs';

let env;
before(async () => {
  env = await setup({ demo: 150 });
  const r = cli(['close', '--db', env.server.dbPath, '--from', '2026-11-02', '--to', '2026-11-04'], { env: env.server.env });
  assert.equal(r.status, 0, r.stderr);
});
after(async () => { await env?.close(); });

async function as(username, hash, size) {
  const page = await env.newPage(size);
  await env.loginAs(page, username);
  if (hash) await page.goto(`${env.url}/${hash}`);
  return page;
}

test('kepala OPD reads the TPP deductions and downloads the recap', async () => {
  const page = await as('kepala.bappeda');
  await page.click('#nav-recap');
  await page.waitForSelector('#rk-form');
  await page.fill('#rk-month', '2026-11');
  await page.dispatchEvent('#rk-month', 'change');
  await waitText(page, '#rk-scheme', 'Tanggal tertutup: 3 dari 30');
  assert.match(await textOf(page, '#rk-scheme'), /300 menit per hari kerja/);
  const rows = await page.locator('#rk-tpp tbody tr').count();
  assert.ok(rows > 3, `rows: ${rows}`);
  // Nobody checked in: three alpa days each, the whole month's credit taken so far.
  const first = await textOf(page, '#rk-tpp tbody tr:first-child');
  assert.match(first, /\b3\b/);
  assert.match(first, /100,00/);
  await page.screenshot({ path: join(SHOTS, 'recap-desktop.png'), fullPage: true });
  for (const [id, ext] of [['#rk-xlsx', 'xlsx'], ['#rk-csv', 'csv']]) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    assert.match(dl.suggestedFilename(), new RegExp(`^rekap-BAPPEDA-2026-11\\.${ext}$`));
    const body = readFileSync(await dl.path());
    if (ext === 'xlsx') assert.equal(body.subarray(0, 2).toString(), 'PK');
    else assert.ok(body.toString('utf8').includes('nip,nama,jabatan,unit,hari_kerja'));
  }
  // Another unit of the body: the list follows the picker.
  const options = await page.locator('#rk-unit option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.length > 1 && options.every((c) => c.startsWith('BAPPEDA')), options.join(','));
  await page.selectOption('#rk-unit', options[1]);
  await page.waitForURL(new RegExp(`unit=${options[1]}`));
  await page.waitForSelector('#rk-tpp, #rk-empty');
  assert.equal(await page.getAttribute('#rk-xlsx', 'href'), `/api/v1/recap?unit=${options[1]}&month=2026-11&format=xlsx`);
  await page.close();
  assertClean(env);
});

test('a supervisor sees their line on a phone; a plain employee has no entry', async () => {
  const page = await as('atasan.bappeda', '#/rekap?month=2026-11', { width: 390, height: 844 });
  await page.waitForSelector('#rk-tpp');
  const nips = await page.locator('#rk-tpp tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.nip));
  assert.ok(nips.length >= 2 && nips.length < 40, `a line, not the body: ${nips.length}`);
  await page.screenshot({ path: join(SHOTS, 'recap-phone.png'), fullPage: true });
  await page.close();
  const p2 = await as('pegawai.bappeda');
  assert.equal(await p2.locator('#nav-recap').count(), 0);
  await p2.close();
  assertClean(env);
});
