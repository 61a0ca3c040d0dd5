// Special circumstances in the browser (issue 3 item 7, Permen PANRB 4/2025
// Pasal 30): pegawai.bappeda files a request with an evidence file; the atasan
// cannot open it; kepala.bappeda sees it pending on the team page, asks for
// changes with a note; the employee revises and submits again; the head
// approves, and the employee's eligibility names it. One server for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, login, api, waitText, textOf, assertClean, SHOTS } from './browser.mjs';

let env;
let pegawai;
const shift = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

before(async () => {
  env = await setup({ demo: 150 }); // the demo logins exist in any demo; a small one starts faster
  pegawai = await login(env.url, 'pegawai.bappeda');
});
after(async () => { await env?.close(); });

async function as(username, hash) {
  const page = await env.newPage();
  await env.loginAs(page, username);
  if (hash) await page.goto(`${env.url}/${hash}`);
  return page;
}

const status = (page) => page.getAttribute('#sp-status', 'data-status');

test('file, ask for changes, revise, approve: each person sees only what they may do', async () => {
  // The employee files the request with its evidence file.
  let page = await as('pegawai.bappeda');
  await page.click('#nav-special');
  await page.waitForSelector('#sp-form');
  await page.click('#sp-submit');
  await page.waitForSelector('#sp-msg [role=alert]');        // refused in the page: nothing filled in
  await page.fill('#sp-reason', 'Mendampingi orang tua yang dirawat di rumah setelah operasi.');
  await page.fill('#sp-plan', 'Draf RKPD bab 3\nTelaah renstra OPD');
  await page.setInputFiles('#sp-file', { name: 'surat-dokter.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.click('#sp-submit');
  await page.waitForSelector('#sp-status');
  assert.equal(await status(page), 'submitted');
  await waitText(page, '#sp-flash', 'kepala unit');
  const id = Number(/#\/keadaan-khusus\/(\d+)/.exec(page.url())[1]);
  assert.ok((await textOf(page, '#sp-files')).includes('surat-dokter.pdf'));
  assert.equal(await page.locator('#sp-plan-list li').count(), 2);
  assert.equal(await page.locator('#sp-decide').count(), 0, 'nobody decides their own request');
  // The evidence link downloads with the session cookie.
  const href = await page.getAttribute('#sp-files a', 'href');
  const got = await page.evaluate(async (u) => { const r = await fetch(u); return [r.status, r.headers.get('content-type')]; }, href);
  assert.deepEqual(got, [200, 'application/pdf']);
  await page.goto(`${env.url}/#/keadaan-khusus`);
  await page.waitForSelector(`#sp-mine tr[data-id="${id}"]`);
  await page.close();

  // The atasan can neither open nor decide it.
  page = await as('atasan.bappeda', `#/keadaan-khusus/${id}`);
  await page.waitForSelector('#main [role=alert][data-code=forbidden]');
  assert.equal(await page.locator('#sp-decide').count(), 0);
  await page.close();

  // The head sees it pending on the team page and asks for changes, with a note.
  page = await as('kepala.bappeda');
  await page.click('#nav-team-elig');
  await page.click(`#team-sp tr[data-id="${id}"] a.open`);
  await page.waitForSelector('#sp-decide');
  await page.click('#sp-request_changes');
  await page.waitForSelector('#sp-decide-msg [role=alert]');  // a note is needed
  await page.fill('#sp-note', 'Tambahkan target keluaran minggu kedua.');
  await page.click('#sp-request_changes');
  await waitText(page, '#sp-flash', 'disimpan');
  assert.equal(await status(page), 'changes_requested');
  assert.equal(await page.locator('#sp-decide').count(), 0);
  await page.close();

  // The employee revises the plan and submits again.
  page = await as('pegawai.bappeda', `#/keadaan-khusus/${id}`);
  await page.waitForSelector('#sp-rev-form');
  assert.ok((await textOf(page, '#sp-decision')).includes('minggu kedua'));
  await page.fill('#sp-rev-plan', 'Draf RKPD bab 3\nTelaah renstra OPD\nDraf RKPD bab 4 (minggu kedua)');
  await page.click('#sp-save');
  await waitText(page, '#sp-flash', 'disimpan');
  assert.equal(await page.locator('#sp-plan-list li').count(), 3);
  await page.click('#sp-resubmit');
  await waitText(page, '#sp-flash', 'diajukan');
  assert.equal(await status(page), 'submitted');
  await page.close();

  // The head approves it from the list of pending requests.
  page = await as('kepala.bappeda', '#/keadaan-khusus');
  await page.click(`#sp-pending tr[data-id="${id}"] a.open`);
  await page.waitForSelector('#sp-approve');
  await page.fill('#sp-note', 'Disetujui untuk dua minggu.');
  await page.click('#sp-approve');
  await waitText(page, '#sp-flash', 'disimpan');
  assert.equal(await status(page), 'approved');
  const history = await page.locator('#sp-history li').evaluateAll((els) => els.map((e) => e.dataset.action));
  assert.deepEqual(history, ['create', 'add_evidence', 'submit', 'request_changes', 'revise', 'submit', 'approve']);
  await page.screenshot({ path: `${SHOTS}/special-approved.png`, fullPage: true });
  await page.close();

  // The employee's eligibility for a day in the period names it.
  const d = await api(env.url, pegawai, `/employees/${pegawai.user.nip}/eligibility?date=${shift(3)}`);
  assert.equal(d.special_circumstances.request_id, id);
  page = await as('pegawai.bappeda', `#/kelayakan?tanggal=${shift(3)}`);
  await page.waitForSelector('#elig-wfh li[data-rule="special_circumstances"]');
  assert.ok((await textOf(page, '#elig-wfh li[data-rule="special_circumstances"]')).includes('Pasal 30'));
  await page.close();
});

test('no console errors or CSP refusals', () => { assertClean(env); });
