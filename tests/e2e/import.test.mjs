// The import page as admin_bkd: row errors for a bad employees file, a dry
// run and a real import of a good units file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uiLogin, login, api, waitText, textOf, assertClean, SHOTS } from './browser.mjs';

const EMP_HEADER = 'nip,nama,jenis_pegawai,golongan,jabatan,jenis_jabatan,unit_kode,atasan_nip,tmt_jabatan,domisili_lat,domisili_lon';
const UNIT_HEADER = 'kode,nama,induk_kode,jenis,layanan_tatap_muka,lat,lon,radius_m';

let env;
let page;
let auth;
let someone; // an existing employee, to be the supervisor in the files

before(async () => {
  env = await setup();
  auth = await login(env.url, 'admin.bkd');
  someone = (await api(env.url, auth, '/employees?per_page=1')).items[0];
  page = await env.newPage();
  await uiLogin(page, env.url, 'admin.bkd');
  await page.click('#nav-import');
  await page.waitForSelector('#import-form');
});
after(async () => { await env?.close(); });

async function postCsv(kind, csv, dry = true) {
  const r = await fetch(`${env.url}/api/v1/import/${kind}${dry ? '?dry_run=true' : ''}`, {
    method: 'POST', headers: { authorization: auth.headers.authorization, 'content-type': 'text/csv' }, body: csv,
  });
  return { status: r.status, body: await r.json() };
}

test('the import page explains the format and the expected columns', async () => {
  assert.equal(await textOf(page, 'h1'), 'Impor data');
  assert.equal(await page.isChecked('#import-kind-units'), true);
  assert.equal(await page.isChecked('#import-dry'), true, 'dry run is the default');
  assert.equal(await textOf(page, '#import-columns .header-line'), UNIT_HEADER);
  assert.match(await textOf(page, '#import-format'), /RFC 4180/);
  await page.check('#import-kind-employees');
  assert.equal(await textOf(page, '#import-columns .header-line'), EMP_HEADER);
  assert.equal(await page.locator('#import-columns dt').count(), EMP_HEADER.split(',').length);
  assert.match(await textOf(page, '#import-columns'), /pns, cpns/);
  await page.click('#import-example');
  assert.ok((await page.inputValue('#import-text')).startsWith(`${EMP_HEADER}\n`));
});

test('a bad employees file shows row errors with line numbers, in both languages', async () => {
  const csv = [EMP_HEADER,
    `123,Pegawai Salah NIP,pns,III/a,Perencana Ahli Muda,fungsional,${someone.unit.code},${someone.nip},2020-01-02,,`,
    `199001012015031001,Pegawai Baik,pns,III/a,Perencana Ahli Muda,fungsional,${someone.unit.code},${someone.nip},2020-01-02,,`,
    `199202022016042002,Pegawai Salah Jenis,honorer,III/a,Perencana Ahli Muda,fungsional,${someone.unit.code},${someone.nip},2020-01-02,,`,
  ].join('\n') + '\n';
  const expected = await postCsv('employees', csv);
  assert.equal(expected.status, 422);
  const lines = new Set(expected.body.rows.map((r) => r.line));
  assert.ok(lines.has(2) && lines.has(4) && !lines.has(3), `server flags lines 2 and 4: ${[...lines]}`);

  await page.check('#import-kind-employees');
  await page.fill('#import-text', csv);
  await page.click('#import-submit');
  await page.waitForSelector('#import-errors');
  assert.equal(await page.locator('#import-result [role=alert]').getAttribute('data-code'), 'invalid_rows');
  assert.match(await textOf(page, '#import-result [role=alert]'), /Beberapa baris berkas tidak valid/);
  const shown = await page.locator('#import-errors tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  assert.equal(shown.length, expected.body.rows.length);
  expected.body.rows.forEach((r, i) => {
    assert.equal(Number(shown[i][0]), r.line);
    assert.equal(shown[i][1], r.column || '—');
    assert.equal(shown[i][2], r.message_id);
  });
  assert.ok(shown.some((c) => c[0] === '2' && c[1] === 'nip'));
  assert.ok(shown.some((c) => c[0] === '4' && c[1] === 'jenis_pegawai'));
  await page.screenshot({ path: `${SHOTS}/import-errors.png`, fullPage: true });

  // Switching language keeps the answer and shows the English reasons.
  await page.click('#lang-toggle');
  await waitText(page, 'h1', 'Import data');
  await page.waitForSelector('#import-errors');
  assert.deepEqual(await page.locator('#import-errors thead th').allInnerTexts(), ['Line', 'Column', 'Reason']);
  const reasons = await page.locator('#import-errors tbody tr td:last-child').allInnerTexts();
  assert.deepEqual(reasons.map((s) => s.trim()), expected.body.rows.map((r) => r.message_en));
  assert.equal(await page.inputValue('#import-text'), csv, 'the pasted text is kept');
  await page.click('#lang-toggle');
  await waitText(page, 'h1', 'Impor data');
});

test('a good units file: the dry run counts the rows and saves nothing, the real run saves them', async () => {
  const tree = await api(env.url, auth, '/units');
  const root = tree.items[0];
  const csv = [UNIT_HEADER,
    `E2E-01,Bidang Uji Coba E2E,${root.code},bidang,tidak,-6.1754,106.8272,100`,
    'E2E-02,"Seksi Uji Coba E2E, Pelayanan",E2E-01,seksi,ya,,,',
  ].join('\n') + '\n';
  await page.check('#import-kind-units');
  await page.fill('#import-text', '');
  // This time through the file picker.
  await page.setInputFiles('#import-file', { name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  assert.equal(await page.isChecked('#import-dry'), true);
  await page.click('#import-submit');
  await page.waitForSelector('#import-ok');
  assert.equal(await textOf(page, '#import-ok'), 'Uji coba berhasil: 2 baris valid. Belum ada yang disimpan.');
  assert.equal(await page.locator('#import-errors').count(), 0);
  await page.screenshot({ path: `${SHOTS}/import-dry-run.png`, fullPage: true });
  const r = await fetch(`${env.url}/api/v1/units/E2E-01`, { headers: auth.headers });
  assert.equal(r.status, 404, 'a dry run saves nothing');

  await page.uncheck('#import-dry');
  await page.click('#import-submit');
  await waitText(page, '#import-ok', '2 baris berhasil diimpor.');
  const saved = await api(env.url, auth, '/units/E2E-02');
  assert.equal(saved.name, 'Seksi Uji Coba E2E, Pelayanan');
  assert.equal(saved.face_to_face, true);

  // The unit tree is reloaded and shows the new units.
  await page.click('#nav-units');
  await page.waitForSelector('#unit-filter');
  await page.fill('#unit-filter', 'uji coba e2e');
  await page.locator('#unit-matches li[data-code="E2E-02"]').waitFor();
  assert.equal(await page.locator('#unit-matches > li').count(), 2);
  assert.match(await textOf(page, '#unit-matches li[data-code="E2E-02"]'), /Bidang Uji Coba E2E/);
});

test('an empty submission is refused in the page', async () => {
  await page.goto(`${env.url}/#/impor`);
  await page.waitForSelector('#import-form');
  await page.fill('#import-text', '');
  await page.click('#import-submit');
  await waitText(page, '#import-result', 'Pilih berkas atau tempel isi CSV terlebih dahulu.');
});

test('no console errors or CSP refusals', () => { assertClean(env); });
