// Who may work flexibly, in the browser (issue 3 item 9): the employee's own
// decision with reasons and a date picker, a face-to-face job shown as not
// eligible, the unit head's team view with the CSV link and exceptions, and
// the admin's policy and profile changes previewed with what-if before saving.
// One server for the file; expected values come from the API itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, login, api, waitText, textOf, assertClean, SHOTS } from './browser.mjs';

const W = 360;
let env;
let admin;
let kepala;
let rows; // the admin's CSV export: one object per employee

const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const shift = (days) => new Date(Date.now() + 7 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

function parseCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  const head = lines[0].split(',');
  // The demo's names hold commas only inside quotes; a small splitter is enough.
  return lines.slice(1).map((l) => {
    const cells = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < l.length; i++) {
      const c = l[i];
      if (q) { if (c === '"' && l[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c; }
      else if (c === '"') q = true;
      else if (c === ',') { cells.push(cur); cur = ''; }
      else cur += c;
    }
    cells.push(cur);
    return Object.fromEntries(head.map((k, i) => [k, cells[i]]));
  });
}

before(async () => {
  env = await setup();
  admin = await login(env.url, 'admin.bkd');
  kepala = await login(env.url, 'kepala.bappeda');
  const r = await fetch(`${env.url}/api/v1/eligibility/export.csv`, { headers: admin.headers });
  assert.equal(r.status, 200);
  rows = parseCsv(await r.text());
});
after(async () => { await env?.close(); });

async function noSideScroll(page, name) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth, client: document.documentElement.clientWidth }));
  await page.screenshot({ path: `${SHOTS}/phone-${name}.png`, fullPage: name !== 'eligibility-policy' });
  assert.ok(scroll <= client, `${name}: page is ${scroll}px wide on a ${client}px screen`);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /\b(null|undefined|NaN)\b|\{\w+\}|^(elig|team|policy|whatif|prof|rule|mode)\./m, name);
}

test('pegawai.bappeda (a Perencana) sees WFH eligible, with every passed rule, its basis, in both languages', async () => {
  const me = (await login(env.url, 'pegawai.bappeda'));
  const nip = me.user?.nip || (await api(env.url, me, '/me')).nip;
  const d = await api(env.url, me, `/employees/${nip}/eligibility`);
  assert.match(d.profile.position, /^Perencana/);
  assert.equal(d.modes.wfh.eligible, true);

  const page = await env.newPage();
  await env.loginAs(page, 'pegawai.bappeda');
  await page.click('#nav-my-elig');
  await page.waitForSelector('#elig-wfh');
  assert.equal(await textOf(page, 'h1'), 'Kelayakan saya');
  assert.equal(await page.getAttribute('#elig-wfh', 'data-eligible'), 'true');
  assert.ok((await textOf(page, '#elig-wfh header')).includes('Layak'));
  // Every reason the API gives is on the card, with its basis and the Indonesian sentence.
  await page.click('#elig-wfh details summary');
  const card = await textOf(page, '#elig-wfh');
  for (const r of d.modes.wfh.reasons) {
    assert.ok(card.includes(r.message_id), `wfh shows "${r.message_id}"`);
    assert.ok(card.includes(r.basis), `wfh shows "${r.basis}"`);
  }
  assert.ok(card.includes('Permen PANRB 4/2025 Pasal 11'));
  assert.equal(await page.locator('#elig-wfh li.reason[data-passed=true]').count(), d.modes.wfh.reasons.length);
  // Time flexibility too: shift is not eligible for a planner, with the failed rule shown open.
  assert.equal(await page.getAttribute('#elig-shift', 'data-eligible'), String(d.time.shift.eligible));
  for (const r of d.time.shift.reasons.filter((x) => !x.passed)) {
    assert.ok(await page.locator(`#elig-shift > ul li[data-rule="${r.rule}"]`).isVisible(), r.rule);
  }
  assert.ok((await textOf(page, '#elig-policy')).includes(`versi ${d.policy_version}`));
  await page.screenshot({ path: `${SHOTS}/eligibility-mine.png`, fullPage: true });

  // A past date: the picker puts it in the address and the decision is for that date.
  const past = shift(-30);
  await page.fill('#elig-date', past);
  await page.click('#elig-show');
  await page.waitForFunction((p) => location.hash.includes(`tanggal=${p}`), past);
  await page.waitForSelector('#elig-date-shown');
  const old = await api(env.url, me, `/employees/${nip}/eligibility?date=${past}`);
  await waitText(page, '#elig-policy', `versi ${old.policy_version}`);
  assert.equal(await page.inputValue('#elig-date'), past);
  assert.ok((await textOf(page, '#elig-meta')).includes('memakai kebijakan yang berlaku saat itu'));

  // English: the same reasons in English.
  await page.click('#lang-toggle');
  await page.waitForSelector('#elig-wfh');
  await waitText(page, 'h1', 'My eligibility');
  await page.click('#elig-wfh details summary');
  const en = await textOf(page, '#elig-wfh');
  assert.ok(en.includes('Eligible') && en.includes(old.modes.wfh.reasons.find((r) => r.rule === 'outside_office').message_en), en);
  await page.click('#lang-toggle');
  await page.close();
});

test('a teacher and a doctor are shown as not eligible, naming the failed rule', async () => {
  const pick = (re) => rows.find((r) => re.test(r.jabatan) && r.wfh === 'tidak');
  const cases = [pick(/^Guru/), pick(/^Dokter/)].filter(Boolean);
  assert.ok(cases.length >= 1, 'the demo has a teacher or a doctor');
  const page = await env.newPage();
  await env.loginAs(page, 'admin.bkd');
  for (const row of cases) {
    const d = await api(env.url, admin, `/employees/${row.nip}/eligibility`);
    await page.goto(`${env.url}/#/pegawai/${row.nip}`);
    await page.waitForSelector('#elig-wfa');
    for (const k of ['wfh', 'wfa', 'kantor_lain']) {
      assert.equal(await page.getAttribute(`#elig-${k}`, 'data-eligible'), 'false', `${row.jabatan} ${k}`);
      assert.ok((await textOf(page, `#elig-${k} header`)).includes('Tidak layak'));
    }
    const failed = d.modes.wfa.reasons.filter((r) => !r.passed);
    assert.ok(failed.some((r) => r.rule === 'minimal_face_to_face'));
    for (const r of failed) {
      const li = page.locator(`#elig-wfa > ul li[data-rule="${r.rule}"]`);
      assert.ok(await li.isVisible(), `${r.rule} is shown without opening anything`);
      const text = (await li.innerText()).replace(/\s+/g, ' ');
      assert.ok(text.includes(r.message_id) && text.includes(r.basis), text);
    }
    assert.ok((await textOf(page, '#elig-profile')).includes(/^Guru/.test(row.jabatan) ? 'Pendidikan' : 'Medis'));
  }
  await page.screenshot({ path: `${SHOTS}/eligibility-not.png`, fullPage: true });
  await page.close();
});

test('kepala.bappeda sees the Bappeda summary, grants an exception, and it appears on the list and the decision', async () => {
  const s = await api(env.url, kepala, '/eligibility/summary?unit=BAPPEDA');
  const me = await api(env.url, kepala, '/me');
  const target = rows.find((r) => r.unit_kode.startsWith('BAPPEDA') && r.nip !== me.nip && r.nip !== kepala.user?.nip);
  assert.ok(target, 'someone else in Bappeda');

  const page = await env.newPage();
  await env.loginAs(page, 'kepala.bappeda');
  await page.click('#nav-team-elig');
  await page.waitForSelector('#team-totals');
  assert.ok((await textOf(page, '#team-of')).includes('Badan Perencanaan Pembangunan Daerah'));
  assert.ok((await textOf(page, '#team-total')).includes(`${s.total} pegawai aktif`));
  for (const k of ['wfh', 'wfa', 'kantor_lain', 'shift', 'dinamis']) {
    const cells = await page.locator(`#team-totals tr[data-mode="${k}"] td`).allInnerTexts();
    assert.equal(cells[1], String(s.eligible[k]), `${k} eligible`);
    assert.equal(cells[2], String(s.not_eligible[k]), `${k} not eligible`);
  }
  assert.equal(await page.locator('#team-subunits tbody tr').count(), s.sub_units.length);
  for (const [rule, c] of Object.entries(s.by_reason)) {
    assert.equal((await page.locator(`#team-reasons tr[data-rule="${rule}"] td`).allInnerTexts())[1], String(c));
  }
  // The CSV link downloads with the session cookie.
  const href = await page.getAttribute('#team-csv', 'href');
  assert.match(href, /^\/api\/v1\/eligibility\/export\.csv\?unit=BAPPEDA/);
  const csv = await page.evaluate(async (u) => { const r = await fetch(u); return [r.status, r.headers.get('content-type')]; }, href);
  assert.equal(csv[0], 200);
  assert.match(csv[1], /^text\/csv/);
  await page.screenshot({ path: `${SHOTS}/eligibility-team.png`, fullPage: true });

  // Grant an exception with a written justification and an end date.
  const until = shift(14);
  await page.fill('#exc-nip', target.nip);
  await page.check('#exc-grant');
  await page.fill('#exc-justification', 'Tugas analisis RPJMD dapat dikerjakan dari rumah.');
  await page.fill('#exc-until', until);
  await page.click('#exc-submit');
  await waitText(page, '#team-flash', `disimpan`);
  const row = page.locator(`#team-exceptions tr[data-nip="${target.nip}"]`);
  await row.waitFor();
  const rt = (await row.innerText()).replace(/\s+/g, ' ');
  assert.ok(rt.includes('diberikan') && rt.includes('RPJMD') && rt.includes('kepala.bappeda'), rt);
  const list = await api(env.url, kepala, '/eligibility/exceptions?unit=BAPPEDA');
  const x = list.items.find((i) => i.nip === target.nip);
  assert.equal(x.decision, 'grant');
  assert.equal(x.valid_until, until);
  // Too short a justification is refused before it reaches the server.
  await page.fill('#exc-nip', target.nip);
  await page.fill('#exc-justification', 'singkat');
  await page.fill('#exc-until', until);
  await page.click('#exc-submit');
  await page.waitForSelector('#exc-msg [role=alert]');

  // The employee's decision now shows the exception among its reasons.
  await page.click(`#team-exceptions tr[data-nip="${target.nip}"] a`);
  await page.waitForSelector('#elig-exception');
  assert.ok((await textOf(page, '#elig-exception')).includes('RPJMD'));
  assert.ok(await page.locator('#elig-wfa li[data-rule="exception"]').isVisible());
  assert.ok(await page.locator('#emp-exception').isVisible(), 'the head can open the exception form from here');

  // Phone: the team page and the exception form fit 360 px.
  const phone = await env.newPage({ width: W, height: 740 });
  await env.loginAs(phone, 'kepala.bappeda');
  await phone.goto(`${env.url}/#/kelayakan-tim`);
  await phone.waitForSelector(`#team-exceptions tr[data-nip="${target.nip}"]`);
  await noSideScroll(phone, 'eligibility-team');
  // Revoke it again: the row says so.
  await phone.click(`#team-exceptions tr[data-nip="${target.nip}"] button.revoke`);
  await waitText(phone, '#team-flash', 'dicabut');
  assert.equal(await phone.locator(`#team-exceptions tr[data-nip="${target.nip}"] button.revoke`).count(), 0);
  await phone.close();
  await page.close();
});

test('inspektur sees a unit\'s team eligibility read-only; pegawai has no team menu', async () => {
  const s = await api(env.url, await login(env.url, 'inspektur'), '/eligibility/summary?unit=BAPPEDA');
  const page = await env.newPage();
  await env.loginAs(page, 'inspektur');
  await page.goto(`${env.url}/#/kelayakan-tim?unit=BAPPEDA`);
  await page.waitForSelector('#team-totals');
  assert.ok((await textOf(page, '#team-total')).includes(`${s.total} pegawai`));
  assert.equal(await page.locator('#exc-form').count(), 0);
  assert.equal(await page.locator('#team-exceptions button.revoke').count(), 0);
  await page.close();
  const mine = await env.newPage();
  await env.loginAs(mine, 'pegawai.bappeda');
  assert.equal(await mine.locator('#nav-my-elig').count(), 1);
  assert.equal(await mine.locator('#nav-team-elig').count(), 0);
  assert.equal(await mine.locator('#nav-policy').count(), 0);
  await mine.close();
});

test('my eligibility fits a 360 px phone', async () => {
  const page = await env.newPage({ width: W, height: 740 });
  await env.loginAs(page, 'atasan.bappeda');
  await page.goto(`${env.url}/#/kelayakan`);
  await page.waitForSelector('#elig-wfh');
  await page.click('#elig-wfh details summary');
  await noSideScroll(page, 'eligibility-mine');
  await page.close();
});

test('admin corrects a position profile after seeing its what-if numbers', async () => {
  const positions = await api(env.url, admin, '/eligibility/positions?q=Arsiparis');
  const arsip = positions.items.find((p) => p.criteria.ict_possible && p.employees > 0) || positions.items[0];
  assert.ok(arsip, 'an Arsiparis position');
  const criteria = { ...arsip.criteria, ict_possible: false };
  const r = await fetch(`${env.url}/api/v1/eligibility/what-if`, { method: 'POST', headers: admin.headers,
    body: JSON.stringify({ profile: { position_id: arsip.id, family: arsip.family, criteria, time: arsip.time } }) });
  const w = await r.json();

  const page = await env.newPage();
  await env.loginAs(page, 'admin.bkd');
  await page.click('#nav-profiles');
  await page.fill('#prof-q', 'Arsiparis');
  await page.waitForSelector('#prof-results[data-q="Arsiparis"]');
  await page.waitForSelector(`#prof-table tr[data-id="${arsip.id}"]`);
  await page.click(`#prof-table tr[data-id="${arsip.id}"] button.edit`);
  await page.waitForSelector('#profile-form');
  assert.equal(await page.isDisabled('#profile-save'), true, 'no saving before a preview');
  await page.uncheck('#prof-ict_possible');
  await page.click('#profile-preview');
  await page.waitForSelector('#whatif');
  assert.ok((await textOf(page, '#whatif-summary')).includes(`${w.changed} berubah`));
  const wfa = await page.locator('#whatif-totals tr[data-mode="wfa"] td').allInnerTexts();
  assert.equal(wfa[1], String(w.to_not_eligible.wfa));
  assert.equal(wfa[2], String(w.to_eligible.wfa));
  assert.equal(await page.isDisabled('#profile-save'), false);
  await page.fill('#prof-reason', 'Arsip masih fisik, belum digital');
  await page.click('#profile-save');
  await waitText(page, '#profile-msg', 'disimpan');
  const holder = rows.find((x) => x.jabatan === arsip.name);
  if (holder) {
    const d = await api(env.url, admin, `/employees/${holder.nip}/eligibility`);
    assert.equal(d.profile.source, 'correction');
    assert.equal(d.profile.correction.reason, 'Arsip masih fisik, belum digital');
  }
  await page.screenshot({ path: `${SHOTS}/eligibility-profile.png`, fullPage: true });
  await page.close();
});

test('admin sees what-if numbers per unit before saving a new policy version', async () => {
  const page = await env.newPage();
  await env.loginAs(page, 'admin.bkd');
  await page.click('#nav-policy');
  await page.waitForSelector('#policy-form');
  assert.equal(await page.isDisabled('#policy-save'), true);
  await page.uncheck('#pol-mode-wfa');
  await page.fill('#pol-days', '1');
  await page.click('#policy-preview');
  await page.waitForSelector('#whatif-totals');
  const r = await fetch(`${env.url}/api/v1/eligibility/what-if`, { method: 'POST', headers: admin.headers,
    body: JSON.stringify({ date: today(), policy: { modes: ['wfh', 'kantor_lain', 'shift', 'dinamis'], max_remote_days_per_week: 1 } }) });
  const w = await r.json();
  assert.ok(w.to_not_eligible.wfa > 0);
  const wfa = await page.locator('#whatif-totals tr[data-mode="wfa"] td').allInnerTexts();
  assert.equal(wfa[1], String(w.to_not_eligible.wfa));
  const units = w.sub_units.filter((u) => u.changed > 0);
  assert.equal(await page.locator('#whatif-units tbody tr').count(), units.length);
  const top = units.sort((a, b) => b.changed - a.changed)[0];
  assert.ok((await textOf(page, `#whatif-units tr[data-code="${top.unit.code}"]`)).includes(`${top.changed} / ${top.total}`));
  await page.screenshot({ path: `${SHOTS}/eligibility-policy-whatif.png`, fullPage: true });
  // Changing a value after the preview asks for a new preview.
  await page.fill('#pol-days', '2');
  assert.equal(await page.isDisabled('#policy-save'), true);
  await page.fill('#pol-days', '1');
  await page.click('#policy-preview');
  await page.waitForSelector('#whatif-totals');
  await page.click('#policy-save');
  await page.waitForSelector('#policy-saved');
  const pol = await api(env.url, admin, '/eligibility/policies');
  const v = pol.items[0];
  assert.deepEqual(v.modes, ['wfh', 'kantor_lain', 'shift', 'dinamis']);
  assert.equal(v.max_remote_days_per_week, 1);
  assert.ok((await textOf(page, '#policy-saved')).includes(`Versi ${v.version}`));
  assert.equal(await page.locator(`#policy-versions tr[data-version="${v.version}"]`).count(), 1);

  // The phone view of the policy page with its preview.
  const phone = await env.newPage({ width: W, height: 740 });
  await env.loginAs(phone, 'admin.bkd');
  await phone.goto(`${env.url}/#/kebijakan`);
  await phone.waitForSelector('#policy-form');
  await phone.check('#pol-mode-wfa');
  await phone.click('#policy-preview');
  await phone.waitForSelector('#whatif-totals');
  await noSideScroll(phone, 'eligibility-policy');
  await phone.close();
  await page.close();
});

test('no console errors or CSP refusals', () => { assertClean(env); });
