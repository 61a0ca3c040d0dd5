// Working calendars (issue 4 item 1): the shipped 2025 and 2026 lists with
// their legal reference, working days per year and month, years without data
// (weekdays only), admin_bkd's audited amendments (a new version wins), the
// version list, and bad input and access.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError } from './_helpers.mjs';

let s, admin, kepala, pegawai, inspektur;
before(async () => {
  s = await startServer();
  [admin, kepala, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
});
after(async () => { await s?.stop(); });

// Every audit entry (paged).
async function auditEntries() {
  const all = [];
  for (let from = 1; ; from += 1000) {
    const page = await ok(s.url, admin, `/audit/entries?from=${from}&limit=1000`);
    all.push(...page.items);
    if (page.items.length < 1000) return all;
  }
}

test('2026: the shipped list, its reference, working days per month', async () => {
  const c = await ok(s.url, pegawai, '/calendar?year=2026');
  assert.equal(c.year, 2026);
  assert.equal(c.source, 'builtin');
  assert.equal(c.version, 0);
  assert.equal(c.legal_reference, 'SKB 1497/2025, 2/2025, 5/2025');
  assert.equal(c.working_days, 240);
  assert.equal(c.days_off.length, 25);
  assert.equal(c.days_off.filter((d) => d.kind === 'cuti_bersama').length, 8);
  assert.deepEqual(c.days_off.find((d) => d.date === '2026-03-21'),
    { date: '2026-03-21', name: 'Hari Raya Idul Fitri 1447 H', kind: 'libur_nasional', weekday: 'sabtu', on_weekend: true });
  assert.deepEqual(c.months.map((m) => m.working_days), [20, 18, 17, 21, 16, 20, 23, 19, 22, 22, 21, 21]);
  assert.equal(c.months[2].days_off_on_weekdays, 5);
  const dates = c.days_off.map((d) => d.date);
  assert.deepEqual(dates, [...dates].sort(), 'sorted by date');
});

test('2025 and a year without data', async () => {
  const c = await ok(s.url, inspektur, '/calendar?year=2025');
  assert.equal(c.working_days, 237);
  assert.equal(c.days_off.length, 28);
  assert.ok(c.days_off.some((d) => d.date === '2025-08-18' && d.kind === 'cuti_bersama'));
  assert.deepEqual(c.months.map((m) => m.working_days), [19, 20, 19, 16, 17, 18, 23, 20, 21, 23, 20, 21]);
  const w = await ok(s.url, pegawai, '/calendar?year=2031');
  assert.equal(w.source, 'weekdays_only');
  assert.equal(w.legal_reference, null);
  assert.deepEqual(w.days_off, []);
  assert.equal(w.working_days, 261);
  const now = await ok(s.url, pegawai, '/calendar');
  assert.equal(typeof now.year, 'number');
});

test('reading needs a session; the year must be a number', async () => {
  assertError(await call(s.url, null, 'GET', '/calendar?year=2026'), 401, 'unauthorized');
  assertError(await call(s.url, pegawai, 'GET', '/calendar?year=dua'), 422, 'invalid', 'year');
  assertError(await call(s.url, pegawai, 'GET', '/calendar?year=20260'), 422, 'invalid', 'year');
});

const amendment = (over = {}) => ({
  legal_reference: 'SKB 9/2026, 9/2026, 9/2026',
  note: 'Cuti bersama tambahan',
  days_off: [
    { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' },
    { date: '2027-01-04', name: 'Cuti Bersama Tahun Baru', kind: 'cuti_bersama' },
  ],
  ...over,
});

test('amending a year: a new version wins, is listed and audited', async () => {
  const r = await call(s.url, admin, 'POST', '/calendar/2027', amendment());
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.source, 'amended');
  assert.equal(r.body.version, 1);
  assert.equal(r.body.legal_reference, 'SKB 9/2026, 9/2026, 9/2026');
  assert.equal(r.body.working_days, 261 - 2);
  assert.equal(r.body.months[0].working_days, 21 - 2);
  const again = await call(s.url, admin, 'POST', '/calendar/2027', amendment({
    legal_reference: 'SKB perubahan', days_off: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'libur_nasional' }] }));
  assert.equal(again.status, 201, again.text);
  assert.equal(again.body.version, 2);
  const c = await ok(s.url, pegawai, '/calendar?year=2027');
  assert.equal(c.version, 2);
  assert.equal(c.working_days, 260);
  const v = await ok(s.url, pegawai, '/calendar/2027/versions');
  assert.deepEqual(v.versions.map((x) => [x.version, x.days_off, x.created_by]), [[2, 1, 'admin.bkd'], [1, 2, 'admin.bkd']]);
  assert.equal(v.builtin, null);
  const v26 = await ok(s.url, pegawai, '/calendar/2026/versions');
  assert.deepEqual(v26.versions, []);
  assert.deepEqual(v26.builtin, { legal_reference: 'SKB 1497/2025, 2/2025, 5/2025', days_off: 25 });
  const audit = (await auditEntries()).filter((e) => e.action === 'calendar.amend');
  assert.deepEqual(audit.map((e) => [e.object, e.actor]), [['calendar:2027', 'admin.bkd'], ['calendar:2027', 'admin.bkd']]);
  // The 2025 list is untouched.
  assert.equal((await ok(s.url, pegawai, '/calendar?year=2025')).source, 'builtin');
});

test('amendments: bad input is refused with the field named, nothing stored', async () => {
  const post = (body, year = '2028', auth = admin) => call(s.url, auth, 'POST', `/calendar/${year}`, body);
  const day = (d) => ({ date: '2028-05-01', name: 'Hari Buruh', kind: 'libur_nasional', ...d });
  assertError(await post(amendment({ legal_reference: undefined, days_off: [day()] })), 422, 'missing_field', 'legal_reference');
  assertError(await post(amendment({ legal_reference: '', days_off: [day()] })), 422, 'invalid', 'legal_reference');
  assertError(await post(amendment({ days_off: [day({ date: '2027-05-01' })] })), 422, 'invalid', 'days_off.date');
  assertError(await post(amendment({ days_off: [day({ date: '2028-02-30' })] })), 422, 'invalid', 'days_off.date');
  assertError(await post(amendment({ days_off: [day(), day({ name: 'lagi' })] })), 422, 'duplicate', 'days_off.date');
  assertError(await post(amendment({ days_off: [day({ kind: 'libur' })] })), 422, 'invalid', 'days_off.kind');
  assertError(await post(amendment({ days_off: [day({ name: '' })] })), 422, 'invalid', 'days_off.name');
  assertError(await post(amendment({ days_off: ['2028-05-01'] })), 422, 'wrong_type', 'days_off');
  assertError(await post(amendment({ days_off: 'none' })), 422);
  assertError(await post(amendment({ days_off: [day({ colour: 1 })] })), 422, 'unknown_field');
  assertError(await post('{"days_off":'), 400);
  assertError(await post(amendment({ days_off: [day()] }), 'abcd'), 404);
  assert.equal((await ok(s.url, pegawai, '/calendar?year=2028')).source, 'weekdays_only');
  assert.deepEqual((await ok(s.url, pegawai, '/calendar/2028/versions')).versions, []);
});

test('only admin_bkd amends', async () => {
  const body = amendment({ days_off: [{ date: '2029-01-01', name: 'Tahun Baru', kind: 'libur_nasional' }] });
  for (const a of [kepala, pegawai, inspektur]) assertError(await call(s.url, a, 'POST', '/calendar/2029', body), 403, 'forbidden');
  assertError(await call(s.url, null, 'POST', '/calendar/2029', body), 401);
  assertError(await call(s.url, pegawai, 'DELETE', '/calendar/2029'), 405);
});

test('time zones: a unit inherits from its ancestors, then the instansi; admin_bkd sets them', async () => {
  const tz = (code, auth = pegawai) => ok(s.url, auth, `/units/${code}/time-zone`);
  assert.deepEqual(await tz('BAPPEDA-B1'), { unit: 'BAPPEDA-B1', time_zone: null, effective: 'WIB', utc_offset_min: 420 });
  const put = (code, body, auth = admin) => call(s.url, auth, 'PUT', `/units/${code}/time-zone`, body);
  const r = await put('BAPPEDA', { time_zone: 'WITA' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.time_zone, 'WITA');
  assert.deepEqual(await tz('BAPPEDA-B1'), { unit: 'BAPPEDA-B1', time_zone: null, effective: 'WITA', utc_offset_min: 480 });
  const me = await ok(s.url, pegawai, '/me');
  assert.equal((await ok(s.url, pegawai, `/employees/${me.nip}/schedule?from=2026-01-05&to=2026-01-05`)).time_zone, 'WITA');
  assert.equal((await put('BAPPEDA-B1', { time_zone: 'WIT' })).body.effective, 'WIT');
  assert.equal((await put('BAPPEDA-B1', { time_zone: null })).body.effective, 'WITA');
  assert.equal((await put('BAPPEDA', { time_zone: null })).body.effective, 'WIB');
  assertError(await put('BAPPEDA', { time_zone: 'EST' }), 422, 'invalid', 'time_zone');
  assertError(await put('BAPPEDA', {}), 422, 'missing_field', 'time_zone');
  assertError(await put('NOPE', { time_zone: 'WIB' }), 404);
  for (const a of [kepala, pegawai, inspektur]) assertError(await put('BAPPEDA', { time_zone: 'WIT' }, a), 403, 'forbidden');
  const audit = (await auditEntries()).filter((e) => e.action === 'unit.time_zone').map((e) => e.object);
  assert.deepEqual(audit, ['unit:BAPPEDA', 'unit:BAPPEDA-B1', 'unit:BAPPEDA-B1', 'unit:BAPPEDA']);
});
