// Disciplinary cases in the browser (issue 6 item 7): the supervisor's inbox
// ordered by deadline and a step taken from the case page; the case page with
// the counted days as evidence and the legal steps; the head's compliance
// view with its counts; the inspectorate's overdue list and escalations after
// a deadline passed.
//
// The cases come from real closed days: two more employees of BAPPEDA are put
// under atasan.bappeda (PATCH /employees), one of them gets a day of leave,
// and `fleksi close` closes 2-6 November 2026 on the running server's
// database. Nobody in the demo has check-ins, so everyone is alpa: 3 counted
// days open a case (summons due 5 working days later, already past by the
// test's real date), the one on leave reaches 3 a day later. Closing 9-13
// November then processes the dates after those deadlines: the cases not
// acted on escalate to the head and the supervisor gets an inaction case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, login, api, waitText, textOf, assertClean, SHOTS } from './browser.mjs';
import { cli } from '../lib/server.mjs';

let env;
let admin, atasan, kepala, inspektur;
let P, A, K;          // NIPs: pegawai.bappeda, atasan.bappeda, kepala.bappeda
let X, Y;             // two more people put under the atasan; Y had leave on 3 November
const PHONE = { width: 390, height: 844 };
const todayJkt = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

async function call(auth, method, path, body) {
  const r = await fetch(`${env.url}/api/v1${path}`, { method, headers: auth.headers, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function close(from, to) {
  const r = cli(['close', '--db', env.server.dbPath, '--from', from, '--to', to], { env: env.server.env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function as(username, hash, size) {
  const page = await env.newPage(size);
  await env.loginAs(page, username);
  if (hash) await page.goto(`${env.url}/${hash}`);
  return page;
}

// Long pages on a loaded 2-core machine: a screenshot may take longer than the default 10 s.
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `cases-${name}.png`), fullPage: true, timeout: 60_000 });
// Nothing scrolls sideways, on a phone or on a desktop.
async function noSideScroll(page) {
  const w = await page.evaluate(() => [document.scrollingElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(w[0] <= w[1], `page is ${w[0]} px wide in a ${w[1]} px window`);
}
const rowsOf = (page, table) => page.$$eval(`#${table} tbody tr`, (trs) => trs.map((tr) => ({
  id: Number(tr.dataset.id), overdue: tr.dataset.overdue === 'true', stage: tr.dataset.stage, kind: tr.dataset.kind,
  deadline: tr.querySelector('[data-deadline]')?.dataset.deadline || null, text: tr.innerText })));

before(async () => {
  env = await setup({ demo: 150 });
  [admin, atasan, kepala, inspektur] = await Promise.all(['admin.bkd', 'atasan.bappeda', 'kepala.bappeda', 'inspektur']
    .map((u) => login(env.url, u)));
  [A, K] = [atasan.user.nip, kepala.user.nip];
  P = (await login(env.url, 'pegawai.bappeda')).user.nip;
  const staff = (await api(env.url, admin, '/employees?unit=BAPPEDA&per_page=50')).items
    .filter((e) => ![P, A, K].includes(e.nip) && e.supervisor?.nip === K);
  assert.ok(staff.length >= 2, 'two more people in BAPPEDA');
  [X, Y] = staff.slice(0, 2).map((e) => e.nip);
  for (const nip of [X, Y]) await call(admin, 'PATCH', `/employees/${nip}`, { supervisor_nip: A });
  await call(admin, 'POST', '/leaves', { nip: Y, kind: 'cuti_tahunan', from: '2026-11-03', to: '2026-11-03', note: 'Keluarga' });
  assert.match(close('2026-11-02', '2026-11-06'), /closed 5 dates/);
});
after(async () => { await env?.close(); });

test('the supervisor\'s inbox: overdue first, nearest deadline next; a summons from the case page moves the case down', async () => {
  const page = await as('atasan.bappeda');
  await page.click('#nav-cases');
  await page.waitForSelector('#case-inbox');
  let rows = await rowsOf(page, 'case-inbox');
  assert.equal(rows.length, 3, JSON.stringify(rows));
  assert.ok(rows.every((r) => r.overdue && r.stage === 'open' && r.kind === 'absence'));
  const deadlines = rows.map((r) => r.deadline);
  assert.deepEqual(deadlines, deadlines.slice().sort(), 'ordered by deadline');
  assert.ok(deadlines[0] < deadlines[2], `Y reached 3 days later: ${deadlines}`);
  assert.ok(rows[2].text.includes(Y), 'the one who had leave comes last');
  assert.ok((await textOf(page, '#case-count')).includes('3 kasus'));
  assert.ok((await textOf(page, '#case-inbox tbody tr')).includes('terlambat'));
  await noSideScroll(page);
  await shot(page, 'inbox-desktop');

  // The pegawai's case: the summons, with place, from the form.
  const mine = rows.find((r) => r.text.includes(P));
  await page.click(`#case-inbox tr[data-id="${mine.id}"] a.open`);
  await page.waitForSelector('#case-act-form');
  assert.equal(await page.getAttribute('#case-stage', 'data-stage'), 'open');
  assert.equal(await page.getAttribute('#case-next', 'data-overdue'), 'true');
  assert.equal(await page.locator('#case-act-choice').count(), 0, 'one step possible: no choice');
  assert.equal(await page.inputValue('#case-date'), todayJkt());
  await page.waitForFunction(() => /^\d{4}-\d{2}-\d{2}$/.test(document.querySelector('#case-exam-on').value));
  const examOn = await page.inputValue('#case-exam-on');
  assert.ok(examOn > todayJkt());
  await page.fill('#case-place', 'Ruang rapat Bidang 1, pukul 09.00');
  await page.click('#case-act-submit');
  await page.waitForSelector('#case-flash [role=status]');
  await waitText(page, '#case-flash', 'Surat panggilan');
  assert.equal(await page.getAttribute('#case-stage', 'data-stage'), 'summoned');
  assert.equal(await page.getAttribute('#case-next', 'data-step'), 'examine');
  assert.equal(await page.getAttribute('#case-next', 'data-overdue'), 'false');
  assert.ok((await textOf(page, '#case-steps li[data-step="summon"]')).includes('Ruang rapat Bidang 1'));
  // Now the examination or the absence may be recorded, but not before its date.
  assert.equal(await page.locator('#case-act-choice input[type=radio]').count(), 2);
  await page.fill('#case-note', 'Pegawai hadir dan menjelaskan ketidakhadirannya.');
  await page.click('#case-act-submit');
  await page.waitForSelector('#case-act-msg [role=alert][data-code=too_early]');
  assert.equal(await page.locator('#case-letters a[data-letter="summons"]').count(), 1);
  await shot(page, 'case-desktop');

  // Back in the inbox the case waits for its examination: after the overdue ones.
  await page.click('#nav-cases');
  await page.waitForSelector('#case-inbox');
  rows = await rowsOf(page, 'case-inbox');
  assert.deepEqual(rows.map((r) => r.overdue), [true, true, false]);
  assert.equal(rows[2].id, mine.id);
  assert.equal(rows[2].stage, 'summoned');
  assert.ok(rows[2].deadline > todayJkt());
  await page.close();
  assertClean(env);
});

test('the case page on a phone: the counted days as evidence, the steps, nothing to do for someone else\'s case', async () => {
  const list = await api(env.url, atasan, `/cases?nip=${P}`);
  const id = list.items[0].id;
  let page = await as('atasan.bappeda', '#/kasus', PHONE);
  await page.waitForSelector(`#case-inbox tr[data-id="${id}"]`);
  await noSideScroll(page);
  await shot(page, 'inbox-phone');
  await page.click(`#case-inbox tr[data-id="${id}"] a.open`);
  await page.waitForSelector('#case-evidence tbody tr');
  const dates = await page.$$eval('#case-evidence tbody tr', (trs) => trs.map((tr) => tr.dataset.date));
  assert.deepEqual(dates, ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']);
  assert.ok((await textOf(page, '#case-evidence')).includes('Tidak masuk tanpa alasan sah'));
  assert.ok((await textOf(page, '#case-proposed')).includes('Teguran tertulis'), 'five days: a written reprimand');
  assert.ok((await textOf(page, '#case-disc')).includes('5 hari'));
  // Opened at 3 days, raised at 4 (a written reprimand), summoned; the examination due; the rest ahead.
  const steps = await page.$$eval('#case-steps li', (lis) => lis.map((li) => `${li.className}:${li.dataset.step}`));
  assert.deepEqual(steps, ['done:open', 'done:raise', 'done:summon', 'due:examine', 'later:decide', 'later:deliver', 'later:close']);
  await noSideScroll(page);
  await shot(page, 'case-phone');
  // The same page in English.
  await page.click('#lang-toggle');
  await waitText(page, '#case-evidence', 'Unexcused absence');
  await waitText(page, '#case-steps', 'Proposed sanction raised');
  await shot(page, 'case-phone-en');
  await page.close();

  // The employee sees their case but has no step to take before the decision.
  page = await as('pegawai.bappeda', `#/kasus/${id}`, PHONE);
  await page.waitForSelector('#case-steps');
  assert.equal(await page.locator('#case-act').count(), 0);
  await page.goto(`${env.url}/#/disiplin`);
  await page.waitForSelector('#disc-facts');
  assert.ok((await textOf(page, '#disc-counted')).includes('5'));
  assert.equal(await page.locator('#disc-cases tbody tr').count(), 1);
  await shot(page, 'discipline-phone');
  await page.close();
  assertClean(env);
});

test('the head\'s compliance view: the counts of the body, the overdue cases, by unit', async () => {
  const want = await api(env.url, kepala, '/compliance');
  assert.ok(want.open_cases >= 3 && want.overdue_steps >= 2, JSON.stringify(want));
  for (const size of [undefined, PHONE]) {
    const page = await as('kepala.bappeda', null, size);
    await page.click('#nav-compliance');
    await page.waitForSelector('#cp-counts');
    for (const [id, key] of [['cp-open', 'open_cases'], ['cp-overdue', 'overdue_steps'], ['cp-esc', 'escalations'], ['cp-inaction', 'inaction_cases']]) {
      assert.equal(await page.getAttribute(`#${id}`, 'data-n'), String(want[key]), id);
    }
    assert.ok((await textOf(page, '#cp-where')).includes('Badan Perencanaan Pembangunan Daerah'));
    const overdue = await rowsOf(page, 'cp-overdue-list');
    assert.equal(overdue.length, want.overdue.length);
    assert.ok(overdue.every((r) => r.overdue));
    assert.ok(overdue.some((r) => r.text.includes(X)));
    assert.ok(!overdue.some((r) => r.text.includes(P)), 'the summoned case is not overdue');
    assert.equal(await page.locator('#cp-inaction-list tbody tr').count(), 0);
    await noSideScroll(page);
    await shot(page, size ? 'compliance-phone' : 'compliance-desktop');
    await page.close();
  }
  // The inspectorate's menu is not the head's; the record of one of the body's people is.
  const page = await as('kepala.bappeda', `#/disiplin/${X}`);
  assert.equal(await page.locator('#nav-oversight').count(), 0);
  const d = await api(env.url, kepala, `/employees/${X}/discipline?year=2026`);
  await page.waitForSelector('#disc-facts');
  assert.ok((await textOf(page, '#disc-counted')).includes(String(d.counted_days)));
  assert.ok((await textOf(page, '#disc-proposed')).includes(d.proposed.name_id));
  assert.equal(await page.locator('#disc-cases tbody tr').count(), d.cases.length);
  await noSideScroll(page);
  await shot(page, 'discipline-desktop');
  await page.close();
  assertClean(env);
});

test('after the deadlines pass: escalations, the inspectorate\'s overdue list with filters, the supervisor\'s inaction case', async () => {
  const out = close('2026-11-09', '2026-11-13');
  assert.match(out, /escalated +[1-9]/);
  // The two cases the atasan let pass went up to the head; the summoned one stayed.
  const left = await api(env.url, atasan, '/cases?assignee=me&status=active');
  assert.deepEqual(left.items.map((c) => c.nip), [P]);

  let page = await as('inspektur');
  await page.click('#nav-oversight');
  await page.waitForSelector('#ov-overdue');
  const all = await api(env.url, inspektur, '/cases?overdue=true&per_page=1');
  assert.ok((await textOf(page, '#ov-count')).includes(String(all.total)));
  const rows = await rowsOf(page, 'ov-overdue');
  assert.ok(rows.length > 0 && rows.every((r) => r.overdue));
  const deadlines = rows.map((r) => r.deadline);
  assert.deepEqual(deadlines, deadlines.slice().sort(), 'the longest overdue first');
  await page.waitForSelector('#ov-esc tbody tr');
  // Filter: one body, inaction cases.
  await page.selectOption('#ov-unit', 'BAPPEDA');
  await page.waitForFunction(() => location.hash.includes('unit=BAPPEDA'));
  await page.waitForSelector('#ov-overdue');
  const b = await api(env.url, inspektur, '/cases?overdue=true&unit=BAPPEDA&per_page=200');
  await waitText(page, '#ov-count', `${b.total} kasus`);
  const esc = await page.$$eval('#ov-esc tbody tr', (trs) => trs.map((tr) => ({ c: tr.dataset.case, i: tr.dataset.inaction, text: tr.innerText })));
  assert.ok(esc.length >= 2, JSON.stringify(esc));
  assert.ok(esc.some((e) => e.text.includes('Wilson Gozali')), 'the atasan let it pass');
  await noSideScroll(page);
  await shot(page, 'oversight-desktop');
  await page.selectOption('#ov-kind', 'supervisor_inaction');
  await page.waitForFunction(() => location.hash.includes('jenis=supervisor_inaction'));
  await page.waitForSelector('#ov-overdue');
  const kinds = await page.$$eval('#ov-overdue tbody tr', (trs) => trs.map((tr) => tr.dataset.kind));
  assert.ok(kinds.every((k) => k === 'supervisor_inaction'));
  await page.close();
  page = await as('inspektur', '#/pengawasan?unit=BAPPEDA', PHONE);
  await page.waitForSelector('#ov-esc tbody tr');
  await noSideScroll(page);
  await shot(page, 'oversight-phone');
  await page.close();

  // The head now counts escalations and an inaction case against the atasan, and opens it.
  const want = await api(env.url, kepala, '/compliance');
  assert.ok(want.escalations >= 2 && want.inaction_cases >= 1, JSON.stringify(want));
  page = await as('kepala.bappeda', '#/kepatuhan');
  await page.waitForSelector('#cp-inaction-list tbody tr');
  assert.equal(await page.getAttribute('#cp-esc', 'data-n'), String(want.escalations));
  assert.equal(await page.getAttribute('#cp-inaction', 'data-n'), String(want.inaction_cases));
  const inaction = await rowsOf(page, 'cp-inaction-list');
  const against = inaction.find((r) => r.text.includes(A));
  assert.ok(against, JSON.stringify(inaction));
  await page.click(`#cp-inaction-list tr[data-id="${against.id}"] a.open`);
  await page.waitForSelector('#case-evidence tbody tr');
  assert.equal(await page.getAttribute('#case-stage', 'data-stage'), 'open');
  assert.ok((await textOf(page, '#case-evidence')).includes('Surat panggilan'), 'the step that was let pass');
  assert.ok(await page.locator('#case-against').count());
  assert.ok(await page.locator('#case-act-form').count(), 'the head handles the atasan\'s case');
  await shot(page, 'inaction-desktop');
  // The case the atasan let pass: its escalation, now the head's to summon.
  await page.click('#case-against');
  await page.waitForSelector('#case-escalations tbody tr');
  assert.ok((await textOf(page, '#case-assignee')).includes('Syafrida'));
  assert.ok(await page.locator('#case-act-form').count());
  await page.close();
  assertClean(env);
});

test('a case through its steps from the form: summons, online examination, decision by the competent official, delivery, letters', async () => {
  // X's case went up to the head when the atasan let its summons pass.
  const [first] = (await api(env.url, kepala, `/cases?nip=${X}&kind=absence`)).items;
  assert.equal(first.assignee.nip, K);
  const id = first.id;
  let page = await as('kepala.bappeda', `#/kasus/${id}`);
  await page.waitForSelector('#case-act-form');
  // A summons letter dated 16 November: the examination defaults to the 3rd working day after it.
  await page.fill('#case-date', '2026-11-16');
  await page.waitForFunction(() => document.querySelector('#case-exam-on').value === '2026-11-19');
  await page.fill('#case-exam-on', '2026-11-28');     // a Saturday
  await page.fill('#case-place', 'Ruang Kepala Bappeda, pukul 10.00');
  await page.click('#case-act-submit');
  await page.waitForSelector('#case-act-msg [role=alert][data-code=exam_not_working_day]');
  await page.fill('#case-exam-on', '2026-11-18');
  await page.click('#case-act-submit');
  await waitText(page, '#case-flash', 'Surat panggilan');
  assert.equal(await page.getAttribute('#case-stage', 'data-stage'), 'summoned');
  // The examination, held online, with its record.
  await page.check('#case-choose-examine');
  await page.fill('#case-date', '2026-11-18');
  await page.check('#case-virtual');
  await page.click('#case-act-submit');
  await page.waitForSelector('#case-act-msg [role=alert]');        // the record is required
  await page.fill('#case-note', 'Pemeriksaan daring. Pegawai mengakui tidak masuk tanpa alasan sah.');
  await page.click('#case-act-submit');
  await waitText(page, '#case-flash', 'Pemeriksaan');
  assert.equal(await page.getAttribute('#case-stage', 'data-stage'), 'examined');
  assert.ok((await textOf(page, '#case-steps li[data-step="examine"]')).includes('daring'));
  await page.close();

  // The decision belongs to the competent official the case names.
  const c = await api(env.url, kepala, `/cases/${id}`);
  const decider = c.decider.nip === K ? 'kepala.bappeda' : c.decider.role === 'admin_bkd' ? 'admin.bkd' : null;
  assert.ok(decider, JSON.stringify(c.decider));
  if (decider !== 'kepala.bappeda') {
    page = await as('kepala.bappeda', `#/kasus/${id}`);
    await page.waitForSelector('#case-steps');
    assert.equal(await page.locator('#case-act').count(), 0, 'not the head\'s decision');
    await page.close();
  }
  page = await as(decider, `#/kasus/${id}`);
  await page.waitForSelector('#case-sanction');
  assert.equal(await page.inputValue('#case-sanction'), c.proposed.code, 'the proposal is the default');
  await page.fill('#case-date', '2026-11-20');
  await page.fill('#case-note', 'Sepuluh hari kerja berturut-turut tidak masuk tanpa alasan sah.');
  await page.click('#case-act-submit');
  await waitText(page, '#case-flash', 'Keputusan');
  assert.equal(await page.getAttribute('#case-stage', 'data-stage'), 'decided');
  assert.ok(await page.locator('#case-sanction-set').count());
  if (decider !== 'kepala.bappeda') { await page.close(); page = await as('kepala.bappeda', `#/kasus/${id}`); }
  // Delivery within 14 days; then a response or the close.
  await page.waitForSelector('#case-act-form');
  await page.fill('#case-date', '2026-11-23');
  await page.fill('#case-note', 'Diserahkan langsung kepada pegawai.');
  await page.click('#case-act-submit');
  await waitText(page, '#case-flash', 'Penyampaian');
  assert.equal(await page.getAttribute('#case-stage', 'data-stage'), 'delivered');
  assert.deepEqual(await page.$$eval('#case-act-choice input[type=radio]', (xs) => xs.map((x) => x.value)), ['respond', 'close']);
  const steps = await page.$$eval('#case-steps li', (lis) => lis.map((li) => `${li.className}:${li.dataset.step}`));
  for (const s of ['summon', 'examine', 'decide', 'deliver']) assert.ok(steps.includes(`done:${s}`), `${s}: ${steps}`);
  assert.ok(steps.includes('done escalated:escalate'), 'the escalation is one of the steps');
  assert.equal(steps.at(-1), 'due:close', 'waiting for the response period');
  assert.deepEqual(await page.$$eval('#case-letters a', (as) => as.map((a) => a.dataset.letter)), ['summons', 'decision']);
  // Each letter link gives a PDF draft with the session cookie.
  const got = await page.$$eval('#case-letters a', (as) => Promise.all(as.map(async (a) => {
    const r = await fetch(a.href);
    const b = new Uint8Array(await r.arrayBuffer());
    return [r.status, r.headers.get('content-type'), String.fromCharCode(...b.slice(0, 5))];
  })));
  assert.deepEqual(got, [[200, 'application/pdf', '%PDF-'], [200, 'application/pdf', '%PDF-']]);
  assert.ok((await textOf(page, '#case-escalations')).includes('Wilson Gozali'));
  await shot(page, 'decided-desktop');
  await page.close();
  assertClean(env);
});
