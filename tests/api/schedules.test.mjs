// Work schedules (issue 4 item 2): the seeded DKI schedules, each employee's
// working days (default, Friday, Ramadan, days off, shifts of 24-hour units
// seeded by the demo), assigning schedules to units and employees, approved
// flexible starts moving the end, and bad input and access.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, call, ok, assertError } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur, me, boss, rsudNip;
before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  me = await ok(s.url, pegawai, '/me');
  boss = await ok(s.url, atasan, '/me');
  const rsud = (await ok(s.url, admin, '/units')).units ?? [];
  void rsud;
  const list = await ok(s.url, admin, '/employees?unit=RSUD-TANAH-ABANG&limit=5');
  rsudNip = (list.items ?? list.employees)[0].nip;
});
after(async () => { await s?.stop(); });

const days = async (auth, nip, from, to) => (await ok(s.url, auth, `/employees/${nip}/schedule?from=${from}&to=${to}`)).days;
const put = (auth, path, body) => call(s.url, auth, 'PUT', path, body);

test('the schedules: DKI default 37.5 h, Ramadan, shift cycles', async () => {
  const { schedules } = await ok(s.url, pegawai, '/schedules');
  const by = Object.fromEntries(schedules.map((x) => [x.code, x]));
  assert.deepEqual(Object.keys(by).sort(), ['dki_default', 'dki_ramadan_2025', 'dki_ramadan_2026', 'shift_24x48', 'shift_3x8']);
  assert.equal(by.dki_default.weekly_net_min, 2250);
  assert.deepEqual(by.dki_default.days[4], { weekday: 5, day: 'jumat', working: true, start: '07:30', end: '16:30',
    overnight: false, break_min: 90, net_min: 450, earliest_end: null });
  assert.equal(by.dki_default.days[5].working, false);
  const r26 = by.dki_ramadan_2026;
  assert.equal(r26.valid_from, '2026-02-19');
  assert.equal(r26.valid_until, '2026-03-19');
  assert.equal(r26.weekly_net_min, 1950);
  assert.deepEqual(r26.flexible_start, { early_min: 60, late_min: 60, face_to_face: false });
  assert.equal(r26.days[0].earliest_end, '14:00');
  assert.equal(by.dki_ramadan_2025.valid_from, '2025-03-01');
  assert.deepEqual(by.shift_3x8.days.map((d) => d.label), ['pagi', 'pagi', 'siang', 'siang', 'malam', 'malam', 'libur', 'libur']);
  assert.deepEqual([by.shift_3x8.days[4].start, by.shift_3x8.days[4].end, by.shift_3x8.days[4].overnight], ['21:00', '07:00', true]);
  assert.equal(by.shift_24x48.days.length, 3);
  assert.equal(by.shift_24x48.days[0].net_min, 1440);
  assertError(await call(s.url, null, 'GET', '/schedules'), 401);
});

test('an employee\'s days: default week, Friday, presence window', async () => {
  const d = await days(pegawai, me.nip, '2026-01-05', '2026-01-11');
  assert.equal(d.length, 7);
  assert.deepEqual(d.map((x) => x.working), [true, true, true, true, true, false, false]);
  assert.deepEqual([d[0].start, d[0].end, d[0].break_min, d[0].net_min], ['07:30', '16:00', 60, 450]);
  assert.deepEqual([d[4].start, d[4].end, d[4].break_min], ['07:30', '16:30', 90]);
  assert.deepEqual(d[0].presence, { in_from: '06:30', out_until: '23:00', out_next_day: false });
  assert.equal(d[0].schedule, 'dki_default');
  const r = await ok(s.url, pegawai, `/employees/${me.nip}/schedule?from=2026-01-05&to=2026-01-05`);
  assert.equal(r.time_zone, 'WIB');
});

test('Ramadan replaces the regular schedule; days off are not working days', async () => {
  const d = await days(pegawai, me.nip, '2026-03-16', '2026-03-22');
  assert.equal(d[0].schedule, 'dki_ramadan_2026');
  assert.deepEqual([d[0].start, d[0].end, d[0].break_min, d[0].net_min], ['08:00', '15:00', 30, 390]);
  assert.deepEqual(d[0].early_arrival, { before: '07:00', earliest_end: '14:00' });
  assert.equal(d[2].working, false);
  assert.deepEqual(d[2].day_off, { name: 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948', kind: 'cuti_bersama' });
  assert.equal(d[4].schedule, 'dki_default', 'Ramadan 2026 ends on 19 March');
  assert.equal(d[4].working, false);
  assert.equal(d[5].day_off.name, 'Hari Raya Idul Fitri 1447 H');
});

test('24-hour units (seeded by the demo) work shifts, also on holidays', async () => {
  const d = await days(admin, rsudNip, '2026-03-16', '2026-03-23');
  assert.ok(d.every((x) => x.schedule === 'shift_3x8' && x.shift));
  assert.equal(d.filter((x) => x.working).length, 6, 'six of eight days in the cycle');
  const labels = d.map((x) => x.label);
  assert.equal(labels.filter((l) => l === 'libur').length, 2);
  const night = d.find((x) => x.label === 'malam');
  assert.deepEqual([night.start, night.end, night.overnight], ['21:00', '07:00', true]);
  assert.deepEqual(night.presence, { in_from: '20:00', out_until: '10:00', out_next_day: true });
  assert.ok(d.some((x) => x.working && x.day_off), 'a shift works on a day off');
});

test('reading schedules: the employee, their superiors, readers; range checks', async () => {
  assert.equal((await days(atasan, me.nip, '2026-01-05', '2026-01-05')).length, 1);
  assert.equal((await days(inspektur, me.nip, '2026-01-05', '2026-01-05')).length, 1);
  assertError(await call(s.url, pegawai, 'GET', `/employees/${rsudNip}/schedule`), 403, 'forbidden');
  assertError(await call(s.url, pegawai, 'GET', `/employees/${me.nip}/schedule?from=2026-13-01`), 422, 'invalid', 'from');
  assertError(await call(s.url, pegawai, 'GET', `/employees/${me.nip}/schedule?from=2026-01-10&to=2026-01-01`), 422, 'invalid', 'to');
  assertError(await call(s.url, pegawai, 'GET', `/employees/${me.nip}/schedule?from=2026-01-01&to=2026-06-01`), 422, 'invalid', 'to');
  assertError(await call(s.url, admin, 'GET', '/employees/199901012020011999/schedule'), 404);
  const week = await ok(s.url, pegawai, `/employees/${me.nip}/schedule`);
  assert.equal(week.days.length, 7);
});

test('assigning a unit\'s schedule: the head of the body or admin_bkd', async () => {
  const r = await put(kepala, '/units/BAPPEDA-B1/schedule', { schedule: 'shift_3x8', valid_from: '2027-06-01', shift_offset: 2 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { unit: 'BAPPEDA-B1', schedule: 'shift_3x8', valid_from: '2027-06-01', by: 'kepala.bappeda', shift_offset: 2 });
  const d = await days(pegawai, me.nip, '2027-05-31', '2027-06-01');
  assert.equal(d[0].schedule, 'dki_default');
  assert.equal(d[1].schedule, 'shift_3x8');
  const back = await put(admin, '/units/BAPPEDA-B1/schedule', { schedule: 'dki_default', valid_from: '2027-07-01' });
  assert.equal(back.status, 200, back.text);
  assert.equal((await days(pegawai, me.nip, '2027-07-01', '2027-07-01'))[0].schedule, 'dki_default');
  assert.equal((await days(pegawai, me.nip, '2027-06-30', '2027-06-30'))[0].schedule, 'shift_3x8');
  const body = { schedule: 'dki_default', valid_from: '2027-01-01' };
  for (const a of [pegawai, atasan, inspektur]) assertError(await put(a, '/units/BAPPEDA-B1/schedule', body), 403, 'forbidden');
  assertError(await put(kepala, '/units/RSUD-TANAH-ABANG/schedule', body), 403, 'forbidden');
  assertError(await put(null, '/units/BAPPEDA-B1/schedule', body), 401);
  assertError(await put(admin, '/units/NOPE/schedule', body), 404);
  assertError(await put(admin, '/units/BAPPEDA-B1/schedule', { ...body, schedule: 'nine_to_five' }), 422, 'unknown_schedule', 'schedule');
  assertError(await put(admin, '/units/BAPPEDA-B1/schedule', { ...body, valid_from: '2027-02-30' }), 422, 'invalid', 'valid_from');
  assertError(await put(admin, '/units/BAPPEDA-B1/schedule', { ...body, shift_offset: 1 }), 422, 'invalid', 'shift_offset');
  assertError(await put(admin, '/units/BAPPEDA-B1/schedule', { schedule: 'shift_3x8', valid_from: '2027-01-01', shift_offset: 8 }), 422, 'invalid', 'shift_offset');
  assertError(await put(admin, '/units/BAPPEDA-B1/schedule', { valid_from: '2027-01-01' }), 422, 'missing_field', 'schedule');
  assertError(await put(admin, '/units/BAPPEDA-B1/schedule', { ...body, colour: 'red' }), 422, 'unknown_field');
  assertError(await put(admin, '/units/BAPPEDA-B1/schedule', '[1]'), 400);
});

test('an employee\'s own schedule overrides the unit\'s; the change is audited', async () => {
  const r = await put(admin, `/employees/${me.nip}/schedule`, { schedule: 'shift_24x48', valid_from: '2027-09-01', shift_offset: 1 });
  assert.equal(r.status, 200, r.text);
  const d = await days(pegawai, me.nip, '2027-09-01', '2027-09-03');
  // 968 days after the cycle's anchor (2025-01-06), offset 1: position 0, on duty.
  assert.deepEqual(d.map((x) => x.working), [true, false, false]);
  assert.deepEqual([d[0].start, d[0].end, d[0].overnight, d[0].net_min], ['08:00', '08:00', true, 1440]);
  assertError(await put(pegawai, `/employees/${me.nip}/schedule`, { schedule: 'dki_default', valid_from: '2027-10-01' }), 403);
  assertError(await put(atasan, `/employees/${me.nip}/schedule`, { schedule: 'dki_default', valid_from: '2027-10-01' }), 403);
  const ok2 = await put(kepala, `/employees/${me.nip}/schedule`, { schedule: 'dki_default', valid_from: '2027-10-01' });
  assert.equal(ok2.status, 200, ok2.text);
  const entries = (await ok(s.url, admin, '/audit/entries?from=1&limit=1000')).items;
  const mine = entries.filter((e) => e.action === 'schedule.assign').map((e) => [e.object, e.actor]);
  assert.ok(mine.some(([o, a]) => o === `employee:${me.nip}` && a === 'kepala.bappeda'));
  assert.ok(mine.some(([o, a]) => o === 'unit:BAPPEDA-B1' && a === 'admin.bkd'));
});

test('flexible start: the direct supervisor approves inside the window; the end moves', async () => {
  const post = (auth, body, nip = me.nip) => call(s.url, auth, 'POST', `/employees/${nip}/flexible-start`, body);
  const body = { start: '07:00', valid_from: '2026-02-23', valid_until: '2026-03-06' };
  const r = await post(atasan, body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.approved_by, 'atasan.bappeda');
  const d = await days(pegawai, me.nip, '2026-02-23', '2026-02-27');
  assert.deepEqual([d[0].start, d[0].end, d[0].net_min, d[0].flexible], ['07:00', '14:00', 390, true]);
  assert.deepEqual([d[4].start, d[4].end], ['07:00', '14:30'], 'Friday keeps its longer break');
  const after = await days(pegawai, me.nip, '2026-03-09', '2026-03-09');
  assert.equal(after[0].flexible, false);
  assertError(await post(atasan, { ...body, start: '06:30' }), 409, 'flex_outside_window', 'start');
  assertError(await post(atasan, { ...body, valid_until: '2026-03-27' }), 409, 'flex_not_offered', 'start');
  assertError(await post(atasan, { ...body, valid_from: '2026-01-05', valid_until: '2026-01-09' }), 409, 'flex_not_offered');
  assertError(await post(atasan, { ...body, start: '7:00' }), 422, 'invalid', 'start');
  assertError(await post(atasan, { ...body, valid_until: '2026-02-01' }), 422, 'invalid', 'valid_until');
  assertError(await post(atasan, { start: '07:00' }), 422, 'missing_field');
  assertError(await post(pegawai, body), 403, 'forbidden');
  assertError(await post(admin, body), 403, 'forbidden');
  assertError(await post(inspektur, body), 403, 'forbidden');
  const other = (await ok(s.url, kepala, '/employees?unit=BAPPEDA&limit=50')).items.find((e) => e.nip !== boss.nip && e.nip !== me.nip);
  if (other) assertError(await post(atasan, body, other.nip), 403, 'forbidden');
  assert.equal((await post(kepala, { ...body, start: '09:00' })).status, 201, 'the head of the body may approve');
});

test('flexible start is refused for face-to-face service units', async () => {
  const p = await call(s.url, admin, 'PATCH', '/units/BAPPEDA-B1', { face_to_face: true });
  assert.equal(p.status, 200, p.text);
  const r = await call(s.url, atasan, 'POST', `/employees/${me.nip}/flexible-start`,
    { start: '08:30', valid_from: '2026-03-02', valid_until: '2026-03-03' });
  assertError(r, 409, 'flex_face_to_face', 'start');
  await call(s.url, admin, 'PATCH', '/units/BAPPEDA-B1', { face_to_face: false });
});
