// Working calendars and flexible-work schedules in the browser (issue 4 item
// 6), one server for the file: pegawai.bappeda asks for plans on the month
// calendar and sees them pending, and a third day in one ISO week refused
// with the weekly cap named; atasan.bappeda approves one and refuses one with
// a reason from the approval queue, which the employee then sees; the head
// of Bappeda sees the unit roster as a heat map with the on-site row, and a
// gap once the minimum is raised above the staff; the head proposes a
// rotation, toggles a cell, is refused an edit that breaks a rule, publishes,
// and the roster shows the published days as approved. Screenshots at
// desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, login, api, waitText, textOf, assertClean, SHOTS } from './browser.mjs';

let env;
let pegawai;
let unit;        // the employee's unit code
let days;        // working days of two whole future weeks in one month: [[Mon..Fri], [Mon..Fri]]
let month;       // their month, YYYY-MM
let rotMonth;    // the month the rotation is proposed for
let opd;         // the code of Bappeda, another office for kantor_lain

const PHONE = { width: 390, height: 844 };
const addDays = (s, n) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const todayJkt = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
const nextMonth = (m) => { const d = new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 1)); return d.toISOString().slice(0, 7); };

before(async () => {
  env = await setup({ demo: 150 });
  pegawai = await login(env.url, 'pegawai.bappeda');
  unit = pegawai.user.unit.code;
  opd = (await login(env.url, 'kepala.bappeda')).user.opd_unit;
  // Two whole weeks of working days in one month, at least 3 days ahead,
  // none of them a day off of the calendar or a day with a plan already.
  const off = new Set();
  for (const y of [+todayJkt().slice(0, 4), +todayJkt().slice(0, 4) + 1]) {
    for (const d of (await api(env.url, pegawai, `/calendar?year=${y}`)).days_off) off.add(d.date);
  }
  let mon = addDays(todayJkt(), 3);
  while (new Date(`${mon}T00:00:00Z`).getUTCDay() !== 1) mon = addDays(mon, 1);
  const week = (m) => [0, 1, 2, 3, 4].map((i) => addDays(m, i));
  // The demo seeds a few plans around today: keep clear of them.
  const seeded = await api(env.url, pegawai, `/plans?nip=${pegawai.user.nip}&from=${mon}&to=${addDays(mon, 120)}`);
  for (const p of seeded.items) off.add(p.date);
  const good = (w) => !w.some((d) => off.has(d));
  while (!(good(week(mon)) && good(week(addDays(mon, 7))) && mon.slice(0, 7) === addDays(mon, 11).slice(0, 7))) mon = addDays(mon, 7);
  days = [week(mon), week(addDays(mon, 7))];
  month = days[0][0].slice(0, 7);
  rotMonth = nextMonth(month);
});
after(async () => { await env?.close(); });

// A page signed in as username (one API login per user for the file), opened
// straight at hash (default: the unit list).
const tokens = new Map();
async function as(username, hash = '#/unit', size) {
  const page = await env.newPage(size);
  if (!tokens.has(username)) tokens.set(username, (await login(env.url, username)).token);
  await page.context().addCookies([{ name: 'fleksi_session', value: tokens.get(username), url: env.url }]);
  await page.goto(`${env.url}/${hash}`);
  await page.waitForSelector('#who');
  return page;
}

const cell = (d) => `#cal-grid td[data-date="${d}"]`;

async function ask(page, date, mode, place) {
  await page.click(`${cell(date)} button.ask`);
  assert.equal(await page.inputValue('#plan-date'), date);
  await page.selectOption('#plan-mode', mode);
  if (place?.office) await page.fill('#plan-office', place.office);
  else if (place) {
    await page.fill('#plan-address', place.address);
    await page.fill('#plan-lat', String(place.lat));
    await page.fill('#plan-lon', String(place.lon));
  }
  await page.click('#plan-submit');
}

test('employee: month calendar with days off, asking, pending, the weekly cap refused by name', async () => {
  const page = await as('pegawai.bappeda');
  await page.click('#nav-calendar');
  await page.waitForSelector('#cal-grid');
  // December holds joint leave and Christmas: the grid names the days off.
  await page.goto(`${env.url}/#/kalender?bulan=2026-12`);
  await page.waitForSelector('#cal-grid td[data-date="2026-12-25"] .dayoff');
  assert.equal(await page.getAttribute('#cal-grid td[data-date="2026-12-25"] .dayoff', 'data-kind'), 'libur_nasional');
  assert.equal(await page.getAttribute('#cal-grid td[data-date="2026-12-24"] .dayoff', 'data-kind'), 'cuti_bersama');
  assert.ok((await textOf(page, '#cal-grid td[data-date="2026-12-24"]')).includes('Cuti bersama'));
  // Monday first: the first header is Monday.
  assert.match(await textOf(page, '#cal-grid thead th'), /^Sen/);

  await page.goto(`${env.url}/#/kalender?bulan=${month}`);
  await page.waitForSelector(cell(days[0][0]));
  const [w1, w2] = days;
  await ask(page, w1[0], 'wfh');
  await waitText(page, '#cal-flash', 'menunggu persetujuan');
  await page.waitForSelector(`${cell(w1[0])} .plan[data-status=requested]`);
  assert.ok((await textOf(page, cell(w1[0]))).includes('Diajukan'));
  await ask(page, w1[1], 'wfh');
  await page.waitForSelector(`${cell(w1[1])} .plan[data-status=requested]`);
  // WFA needs the place; the page asks for it before sending.
  await page.click(`${cell(w2[0])} button.ask`);
  await page.selectOption('#plan-mode', 'wfa');
  assert.equal(await page.isVisible('#plan-address'), true);
  await page.click('#plan-submit');
  await page.waitForSelector('#plan-msg [role=alert]');
  await ask(page, w2[0], 'wfa', { address: 'Perpustakaan Jakarta, Cikini', lat: -6.1902, lon: 106.8388 });
  await page.waitForSelector(`${cell(w2[0])} .plan[data-status=requested][data-mode=wfa]`);
  // A third day in the same ISO week: refused, the rule named.
  await ask(page, w1[2], 'wfh');
  await page.waitForSelector('#plan-msg [role=alert] li[data-rule=weekly_cap]');
  assert.ok((await textOf(page, '#plan-msg li[data-rule=weekly_cap]')).includes('Batas hari per minggu'));
  assert.equal(await page.locator(`${cell(w1[2])} .plan`).count(), 0);
  await page.locator('#plan-new').screenshot({ path: `${SHOTS}/calendar-refused.png` });
  // Cancel a requested plan: the day is free to ask again.
  await page.click(`${cell(w2[3])} button.ask`);
  await page.selectOption('#plan-mode', 'kantor_lain');
  await page.click('#plan-submit');
  await page.waitForSelector('#plan-msg [role=alert]');   // which office?
  await ask(page, w2[3], 'kantor_lain', { office: opd });
  await page.waitForSelector(`${cell(w2[3])} .plan[data-status=requested]`);
  await page.click(`${cell(w2[3])} button.cancel`);
  await waitText(page, '#cal-flash', 'dibatalkan');
  assert.equal(await page.locator(`${cell(w2[3])} .plan`).count(), 0);
  await page.waitForSelector(`${cell(w2[3])} button.ask`);
  await page.screenshot({ path: `${SHOTS}/calendar-month.png`, fullPage: true });
  // Preferred weekdays for the rotation: saved and shown again.
  await page.waitForSelector('#pref-form');
  await page.check('#pref-days input[value="2"]');
  await page.check('#pref-days input[value="4"]');
  await page.fill('#pref-max', '6');
  await page.click('#pref-save');
  await waitText(page, '#pref-msg', 'disimpan');
  assert.deepEqual(await page.locator('#pref-days input:checked').evaluateAll((els) => els.map((e) => e.value)), ['2', '4']);
  assert.equal(await page.inputValue('#pref-max'), '6');
  // The calendar feed URL, to subscribe from a phone.
  await page.click('#feed-show');
  await page.waitForSelector('#feed-url');
  const feed = await page.inputValue('#feed-url');
  assert.match(feed, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/feeds\/[^/]+\.ics$/);
  const ics = await (await fetch(feed)).text();
  assert.match(ics, /BEGIN:VCALENDAR/);
  // English switch.
  await page.click('#lang-toggle');
  await page.waitForSelector(`${cell(w1[0])} .plan[data-status=requested]`);
  assert.ok((await textOf(page, cell(w1[0]))).includes('Requested'));
  await page.close();

  const phone = await as('pegawai.bappeda', `#/kalender?bulan=${month}`, PHONE);
  await phone.waitForSelector(`${cell(w1[0])} .plan`);
  await phone.screenshot({ path: `${SHOTS}/calendar-phone.png`, fullPage: true });
  // No sideways scrolling on a phone.
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await phone.close();
});

test('supervisor: the approval queue shows coverage; approve one, refuse one with a reason', async () => {
  const [w1, w2] = days;
  const page = await as('atasan.bappeda');
  await page.click('#nav-approvals');
  await page.waitForSelector('#appr-queue');
  const rows = page.locator('#appr-queue tbody tr');
  const dates = await rows.evaluateAll((els) => els.map((e) => e.dataset.date));
  assert.deepEqual(dates, [...dates].sort(), 'ordered by date');
  for (const d of [w1[0], w1[1], w2[0]]) assert.ok(dates.includes(d), `request of ${d} in the queue`);
  const row = (d) => `#appr-queue tbody tr[data-date="${d}"]`;
  assert.ok((await textOf(page, `${row(w1[0])} .coverage`)).includes('Di kantor'));
  await page.screenshot({ path: `${SHOTS}/approvals-queue.png`, fullPage: true });
  // Approve the first day.
  await page.click(`${row(w1[0])} button.approve`);
  await page.waitForSelector(`${row(w1[0])}[data-status=approved]`);
  assert.ok((await textOf(page, row(w1[0]))).includes('Disetujui'));
  // Refusing needs a reason.
  await page.click(`${row(w1[1])} button.refuse`);
  await page.waitForSelector(`${row(w1[1])} [role=alert]`);
  await page.fill(`${row(w1[1])} input.reason`, 'Rapat koordinasi RKPD di kantor');
  await page.click(`${row(w1[1])} button.refuse`);
  await page.waitForSelector(`${row(w1[1])}[data-status=refused]`);
  await waitText(page, '#appr-flash', 'ditolak');
  await page.close();

  const phone = await as('atasan.bappeda', '#/persetujuan', PHONE);
  await phone.waitForSelector('#appr-queue');
  await phone.screenshot({ path: `${SHOTS}/approvals-phone.png`, fullPage: true });
  await phone.close();

  // The employee sees both outcomes, the refusal with its reason.
  const emp = await as('pegawai.bappeda', `#/kalender?bulan=${month}`);
  await emp.waitForSelector(`${cell(w1[0])} .plan[data-status=approved]`);
  await emp.waitForSelector(`${cell(w1[1])} .plan[data-status=refused]`);
  assert.ok((await textOf(emp, cell(w1[1]))).includes('Rapat koordinasi RKPD'));
  await emp.close();
});

test('roster: heat map with the on-site row; a gap when the minimum is above the staff', async () => {
  const [w1] = days;
  const page = await as('kepala.bappeda', `#/unit/${unit}`);
  await page.click('#unit-roster');
  await page.waitForSelector('#roster-grid');
  await page.goto(`${env.url}/#/unit/${unit}/jadwal?bulan=${month}`);
  await page.waitForSelector(`#roster-grid tr[data-nip="${pegawai.user.nip}"]`);
  const mine = `#roster-grid tr[data-nip="${pegawai.user.nip}"]`;
  assert.equal(await page.getAttribute(`${mine} td[data-date="${w1[0]}"]`, 'data-mode'), 'wfh');
  assert.equal(await page.getAttribute(`${mine} td[data-date="${w1[0]}"]`, 'data-status'), 'approved');
  assert.equal(await page.getAttribute(`${mine} td[data-date="${w1[1]}"]`, 'data-mode'), 'office');
  const people = await page.locator('#roster-grid tbody tr').count();
  assert.ok(people >= 2);
  assert.equal(await page.locator(`#roster-grid tfoot td[data-date="${w1[2]}"]`).innerText(), String(people));
  // Raise the minimum above the staff: every working day shows a gap, said in words.
  await page.fill('#staff-min', String(people + 2));
  await page.click('#staff-save');
  await waitText(page, '#roster-flash', 'disimpan');
  await page.waitForSelector(`#roster-grid tfoot td[data-date="${w1[2]}"][data-gap=true]`);
  assert.ok((await textOf(page, `#roster-grid tfoot td[data-date="${w1[2]}"]`)).includes('!'));
  assert.ok((await textOf(page, '#roster-short')).includes('Kurang 2 orang'));
  await page.screenshot({ path: `${SHOTS}/roster-gap.png`, fullPage: true });
  // Mark an office-only day: the heat map's column says so.
  await page.click(`#office-days button[data-date="${w1[3]}"]`);
  await waitText(page, '#roster-flash', 'hari wajib kantor');
  assert.equal(await page.getAttribute(`#office-days button[data-date="${w1[3]}"]`, 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute(`#roster-grid thead th[data-date="${w1[3]}"]`, 'data-office-only'), 'true');
  // Back to a minimum the unit can meet, for the rotation.
  await page.fill('#staff-min', '1');
  await page.click('#staff-save');
  await waitText(page, '#roster-flash', 'disimpan');
  await page.waitForSelector(`#roster-grid tfoot td[data-date="${w1[2]}"][data-gap=false]`);
  await page.close();

  const phone = await as('kepala.bappeda', `#/unit/${unit}/jadwal`, PHONE);
  await phone.waitForSelector('#roster-grid');
  assert.equal(await phone.locator('#roster-grid thead th[data-date]').count(), 14, 'two weeks on a phone');
  await phone.screenshot({ path: `${SHOTS}/roster-phone.png`, fullPage: true });
  await phone.close();
});

test('roster of a face-to-face unit: an hourly minimum above the staff shows per-hour gaps', async () => {
  const admin = await login(env.url, 'admin.bkd');
  const flat = [];
  const walk = (u) => { flat.push(u); (u.children || []).forEach(walk); };
  (await api(env.url, admin, '/units')).items.forEach(walk);
  const f2f = flat.find((u) => u.face_to_face && u.employees >= 3);
  assert.ok(f2f, 'the demo has a face-to-face unit with staff');
  const page = await as('admin.bkd', `#/unit/${f2f.code}/jadwal?bulan=${month}`);
  await page.waitForSelector('#roster-grid');
  await page.fill('#staff-hour', '50');
  await page.click('#staff-save');
  await waitText(page, '#roster-flash', 'disimpan');
  await page.waitForSelector(`#roster-grid tfoot tr.hourly td[data-date="${days[0][2]}"][data-gap=true]`);
  assert.match(await textOf(page, '#roster-short'), /Kurang (hingga )?\d+ orang pada \d\d:\d\d-\d\d:\d\d/);
  await page.screenshot({ path: `${SHOTS}/roster-f2f-hours.png`, fullPage: true });
  await page.fill('#staff-hour', '0');
  await page.click('#staff-save');
  await page.waitForSelector('#roster-grid tfoot tr.hourly', { state: 'detached' });
  await page.close();
});

test('rotation: propose, toggle, a refused edit, publish; the roster shows the approved days', async () => {
  const page = await as('kepala.bappeda');
  await page.click('#nav-rotation');
  await page.waitForSelector('#rot-form');
  await page.selectOption('#rot-unit', unit);
  await page.fill('#rot-month', rotMonth);
  await page.click('#rot-propose');
  await page.waitForSelector('#rot-grid');
  assert.equal(await page.getAttribute('#rot-status', 'data-status'), 'draft');
  await page.waitForSelector('#rot-fair');
  assert.match(await textOf(page, '#rot-spread'), /\d/);
  // Toggle a proposed away day back to the office.
  const away = page.locator('#rot-grid button.cell[aria-pressed=true]').first();
  const nip = await away.getAttribute('data-nip');
  const date = await away.getAttribute('data-date');
  await away.click();
  await page.waitForSelector(`#rot-grid button.cell[data-nip="${nip}"][data-date="${date}"][aria-pressed=false]`);
  await waitText(page, '#rot-msg', 'kembali ke kantor');
  // The edit is stored: a reload shows the same draft, the cell still in the office.
  const id = new URLSearchParams(page.url().split('?')[1]).get('id');
  assert.match(id, /^\d+$/);
  await page.reload();
  await page.waitForSelector(`#rot-grid button.cell[data-nip="${nip}"][data-date="${date}"][aria-pressed=false]`);
  // A second person away on a day one already is: the unit of two may have
  // at most half its staff away, so the edit is refused with its rules named.
  const clash = await page.evaluate(() => {
    for (const th of document.querySelectorAll('#rot-grid thead th[data-date]')) {
      const cells = [...document.querySelectorAll(`#rot-grid button.cell[data-date="${th.dataset.date}"]`)];
      const off = cells.find((c) => c.getAttribute('aria-pressed') === 'false');
      if (off && cells.some((c) => c.getAttribute('aria-pressed') === 'true')) return [off.dataset.nip, off.dataset.date];
    }
    return null;
  });
  assert.ok(clash, 'a day with one person away and one in the office');
  await page.click(`#rot-grid button.cell[data-nip="${clash[0]}"][data-date="${clash[1]}"]`);
  await page.waitForSelector('#rot-msg [role=alert] li[data-rule=share_away]');
  assert.ok((await textOf(page, '#rot-msg [role=alert]')).includes('Porsi pegawai di luar kantor'));
  assert.equal(await page.getAttribute(`#rot-grid button.cell[data-nip="${clash[0]}"][data-date="${clash[1]}"]`, 'aria-pressed'), 'false');
  await page.screenshot({ path: `${SHOTS}/rotation-proposal.png`, fullPage: true });
  const proposed = await page.locator('#rot-grid button.cell[aria-pressed=true]').evaluateAll((els) => els.map((e) => [e.dataset.nip, e.dataset.date]));
  assert.ok(proposed.length > 0, 'some days are proposed away');
  await page.click('#rot-publish');
  await page.waitForSelector('#rot-status[data-status=published]');
  await page.click('#rot-roster');
  await page.waitForSelector('#roster-grid');
  for (const [n, d] of proposed.slice(0, 5)) {
    assert.equal(await page.getAttribute(`#roster-grid tr[data-nip="${n}"] td[data-date="${d}"]`, 'data-status'), 'approved', `${n} ${d}`);
  }
  await page.screenshot({ path: `${SHOTS}/roster-after-rotation.png`, fullPage: true });
  await page.close();

  const phone = await as('kepala.bappeda', `#/rotasi?id=${id}`, PHONE);
  await phone.waitForSelector('#rot-status[data-status=published]');
  assert.equal(await phone.locator('#rot-grid button.cell').count(), 0, 'a published rotation is not edited');
  await phone.screenshot({ path: `${SHOTS}/rotation-phone.png`, fullPage: true });
  await phone.close();
});

test('no console errors or CSP refusals', () => { assertClean(env); });
