// Performance targets (SKP items) and daily work reports (issue 5 item 4),
// and the report violations of a closed day (issue 6 item 1): the employee
// keeps targets (create, edit, delete, CSV import), sends a day's report of
// activities linked to them, the direct supervisor returns it with a reason
// and accepts it when sent again; nobody else reviews it. A remote day
// closed without a report yields report_missing; the report sent after the
// deadline turns the closed day's violation into report_late at once.
//
// Plans and check-ins of past dates are a documented SQL fixture (like
// attendance.test.mjs): the API records only the server's own time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, login, call, ok, assertError, cli, isPg } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai;
let P;
const D = '2026-11-10';   // a past Tuesday: a remote (wfh) day of P

function sql(text) {
  if (isPg()) return execFileSync('psql', [s.dbPath, '-tAqc', text], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [s.dbPath, text], { encoding: 'utf8' }).trim();
}

function checkin(nip, date, kind, minute) {
  sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode,
         verdict, flag_mask, flags, device_id)
       SELECT id, unit_id, '${date}', '${kind}', 0, ${minute}, 'WIB', 'wfh', 'ok', 0, '[]', 'fixture-${nip}'
       FROM employee WHERE nip = '${nip}'`);
}

function plan(nip, date, mode) {
  sql(`INSERT INTO plan (employee_id, unit_id, date, mode, status, requested_by, requested_at, decided_by, decided_at)
       SELECT id, unit_id, '${date}', '${mode}', 'approved', 'fixture', '2026-11-01T00:00:00Z', 'fixture',
       '2026-11-01T00:00:00Z' FROM employee WHERE nip = '${nip}'`);
}

function close(date) {
  const r = cli(['close', '--db', s.dbPath, '--from', date, '--to', date], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
}

const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);   // WIB

before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda'].map((u) => login(s.url, u)));
  P = pegawai.user.nip;
  const e = await ok(s.url, admin, `/employees/${P}`);
  assert.equal(e.supervisor.nip, atasan.user.nip, 'atasan.bappeda is the direct supervisor of pegawai.bappeda');
});
after(async () => { await s?.stop(); });

let t1, t2;

test('SKP targets: the employee creates, edits and deletes; codes are unique per year; others read, never write', async () => {
  const a = await call(s.url, pegawai, 'POST', '/skp-targets',
    { year: 2026, code: 'RK-1', title: 'Tersusunnya telaahan kebijakan', indicator: 'Jumlah telaahan', target: 12, unit: 'dokumen' });
  assert.equal(a.status, 201, a.text);
  t1 = a.body;
  assert.equal(t1.code, 'RK-1');
  assert.equal(t1.target, 12);
  const b = await call(s.url, pegawai, 'POST', '/skp-targets', { year: 2026, code: 'RK-2', title: 'Rapat koordinasi' });
  assert.equal(b.status, 201, b.text);
  t2 = b.body;
  assert.equal(t2.target, null);
  assertError(await call(s.url, pegawai, 'POST', '/skp-targets', { year: 2026, code: 'RK-1', title: 'x' }), 409, 'code_taken', 'code');
  assertError(await call(s.url, pegawai, 'POST', '/skp-targets', { year: 2026, code: '', title: 'x' }), 422, 'invalid', 'code');
  assertError(await call(s.url, pegawai, 'POST', '/skp-targets', { year: 1999, code: 'X', title: 'x' }), 422, 'invalid', 'year');
  assertError(await call(s.url, pegawai, 'POST', '/skp-targets', { year: 2026, code: 'X' }), 422, 'missing_field', 'title');
  const u = await call(s.url, pegawai, 'PUT', `/skp-targets/${t2.id}`, { year: 2026, code: 'RK-2', title: 'Rapat koordinasi lintas OPD', target: 4, unit: 'rapat' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.title, 'Rapat koordinasi lintas OPD');
  // Someone else's target is not theirs to change.
  assertError(await call(s.url, atasan, 'PUT', `/skp-targets/${t2.id}`, { year: 2026, code: 'RK-2', title: 'x' }), 404);
  assertError(await call(s.url, atasan, 'DELETE', `/skp-targets/${t2.id}`), 404);
  const c = await call(s.url, pegawai, 'POST', '/skp-targets', { year: 2026, code: 'TMP', title: 'Sementara' });
  assert.equal((await call(s.url, pegawai, 'DELETE', `/skp-targets/${c.body.id}`)).status, 200);
  assertError(await call(s.url, pegawai, 'DELETE', `/skp-targets/${c.body.id}`), 404);
  const mine = await ok(s.url, pegawai, '/skp-targets?year=2026');
  assert.deepEqual(mine.items.map((x) => x.code), ['RK-1', 'RK-2']);
  // The supervisor and kepala_opd read them.
  assert.equal((await ok(s.url, atasan, `/skp-targets?nip=${P}`)).items.length, 2);
  assert.equal((await ok(s.url, kepala, `/skp-targets?nip=${P}`)).items.length, 2);
  assertError(await call(s.url, pegawai, 'GET', `/skp-targets?nip=${kepala.user.nip}`), 403);
});

test('SKP targets from CSV: Indonesian headers, a known code updates, a bad row imports nothing', async () => {
  const csv = 'tahun;kode;rencana_kinerja;indikator;target;satuan\n2026;RK-1;Tersusunnya telaahan kebijakan strategis;Jumlah telaahan;14;dokumen\n2026;RK-3;Terverifikasinya data pegawai;Persentase data;100;persen\n';
  const r = await call(s.url, pegawai, 'POST', '/skp-targets/import', csv, { 'content-type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.imported, 2);
  const mine = await ok(s.url, pegawai, '/skp-targets?year=2026');
  assert.deepEqual(mine.items.map((x) => [x.code, x.target]), [['RK-1', 14], ['RK-2', 4], ['RK-3', 100]]);
  const bad = await call(s.url, pegawai, 'POST', '/skp-targets/import', 'year,code,title\n2026,RK-9,Baik\n2026,,Tanpa kode\n',
    { 'content-type': 'text/csv' });
  assertError(bad, 422, 'invalid_row', 'code');
  assert.equal(bad.body.error.line, 3);
  assert.equal((await ok(s.url, pegawai, '/skp-targets?year=2026')).items.length, 3, 'all or nothing');
  assertError(await call(s.url, pegawai, 'POST', '/skp-targets/import', '{}', { 'content-type': 'application/json' }), 415);
  const audit = await ok(s.url, admin, '/audit/entries?limit=200');
  assert.ok(audit.items.some((x) => x.action === 'skp_target.update'), 'import audited');
});

let rid;

test('a daily report: activities linked to own targets, checked, and sent once until returned', async () => {
  const day = today();
  const bad = await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${day}`,
    { activities: [{ target_id: t1.id, description: 'Menyusun telaahan', minutes: 0, output: '' }] });
  assertError(bad, 422, 'invalid', 'minutes');
  assert.equal(bad.body.error.index, 0);
  assertError(await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${day}`,
    { activities: [{ target_id: 999999, description: 'x', minutes: 30 }] }), 422, 'invalid', 'target_id');
  assertError(await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${day}`, { activities: [] }), 422, 'invalid', 'activities');
  assertError(await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${day}`, { activities: [{ target_id: t1.id }] }), 422, 'wrong_type');
  assertError(await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${day}`,
    { activities: [{ target_id: t1.id, description: 'a', minutes: 1000 }, { target_id: t2.id, description: 'b', minutes: 500 }] }),
  422, 'invalid', 'minutes');
  // Only the employee sends their own.
  assertError(await call(s.url, atasan, 'PUT', `/daily-reports/${P}/${day}`,
    { activities: [{ target_id: t1.id, description: 'x', minutes: 30 }] }), 403);
  assertError(await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/2030-01-02`,
    { activities: [{ target_id: t1.id, description: 'x', minutes: 30 }] }), 422, 'invalid', 'date');
  const r = await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${day}`, { activities: [
    { target_id: t1.id, description: 'Menyusun telaahan kebijakan WFH', minutes: 180, output: '1 draf telaahan' },
    { target_id: t2.id, description: 'Rapat daring dengan Bappenas', minutes: 90, output: 'Notula' },
  ] });
  assert.equal(r.status, 200, r.text);
  rid = r.body.id;
  assert.equal(r.body.status, 'submitted');
  assert.equal(r.body.late, false);
  assert.equal(r.body.total_min, 270);
  assert.equal(r.body.activities.length, 2);
  assert.equal(r.body.activities[0].target_code, 'RK-1');
  assert.equal(r.body.overdue, false);
  assert.ok(r.body.review_due > day);
  assertError(await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${day}`,
    { activities: [{ target_id: t1.id, description: 'x', minutes: 30 }] }), 409, 'not_editable');
  const got = await ok(s.url, atasan, `/daily-reports/${P}/${day}`);
  assert.equal(got.id, rid);
  assertError(await call(s.url, pegawai, 'GET', `/daily-reports/${P}/2026-01-05`), 404);
});

test('review: only the direct supervisor returns (with a reason) or accepts; the employee is notified', async () => {
  const queue = await ok(s.url, atasan, '/daily-reports?status=submitted');
  assert.equal(queue.scope, 'subordinates');
  assert.ok(queue.items.some((x) => x.id === rid && x.nip === P));
  assertError(await call(s.url, pegawai, 'POST', `/daily-reports/${rid}/accept`), 403);
  assertError(await call(s.url, kepala, 'POST', `/daily-reports/${rid}/accept`), 403);
  assertError(await call(s.url, atasan, 'POST', `/daily-reports/${rid}/return`, { reason: '' }), 422, 'invalid', 'reason');
  assertError(await call(s.url, atasan, 'POST', `/daily-reports/${rid}/return`, {}), 422, 'missing_field', 'reason');
  const ret = await call(s.url, atasan, 'POST', `/daily-reports/${rid}/return`, { reason: 'Lengkapi keluaran rapat' });
  assert.equal(ret.status, 200, ret.text);
  assert.equal(ret.body.status, 'returned');
  assert.equal(ret.body.return_reason, 'Lengkapi keluaran rapat');
  assertError(await call(s.url, atasan, 'POST', `/daily-reports/${rid}/accept`), 409, 'not_waiting');
  const n = await ok(s.url, pegawai, '/notifications');
  const note = n.items.find((x) => x.kind === 'report_returned' && x.ref_id === rid);
  assert.ok(note, JSON.stringify(n));
  assert.equal(note.read, false);
  assert.ok(n.unread >= 1);
  const rd = await call(s.url, pegawai, 'POST', `/notifications/${note.id}/read`);
  assert.equal(rd.status, 200, rd.text);
  assertError(await call(s.url, atasan, 'POST', `/notifications/${note.id}/read`), 404);
  // Sent again: waiting for review again, lateness unchanged.
  const again = await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${today()}`, { activities: [
    { target_id: t1.id, description: 'Menyusun telaahan kebijakan WFH', minutes: 180, output: '1 draf telaahan' },
    { target_id: t2.id, description: 'Rapat daring dengan Bappenas', minutes: 90, output: 'Notula rapat 4 halaman' },
  ] });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.status, 'submitted');
  assert.equal(again.body.version, 3);
  const acc = await call(s.url, atasan, 'POST', `/daily-reports/${rid}/accept`);
  assert.equal(acc.status, 200, acc.text);
  assert.equal(acc.body.status, 'accepted');
  assert.equal(acc.body.reviewed_by, 'atasan.bappeda');
  assertError(await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${today()}`,
    { activities: [{ target_id: t1.id, description: 'x', minutes: 30 }] }), 409, 'not_editable');
  const mine = await ok(s.url, pegawai, `/daily-reports?nip=${P}`);
  assert.equal(mine.scope, 'employee');
  assert.equal(mine.items[0].status, 'accepted');
  const audit = await ok(s.url, admin, '/audit/entries?limit=200');
  for (const a of ['daily_report.submit', 'daily_report.return', 'daily_report.resubmit', 'daily_report.accept'])
    assert.ok(audit.items.some((x) => x.action === a), a);
});

test('closing a remote day without a report: report_missing; sent late afterwards: report_late at once', async () => {
  plan(P, D, 'wfh');
  checkin(P, D, 'in', 7 * 60 + 20);
  checkin(P, D, 'out', 16 * 60 + 10);
  close(D);
  const day = async () => (await ok(s.url, atasan, `/attendance?nip=${P}&from=${D}&to=${D}`)).items[0];
  const a = await day();
  assert.equal(a.status, 'wfh');
  assert.ok(a.violations.includes('report_missing'), JSON.stringify(a));
  assert.ok(a.violations.includes('missed_confirmation'), 'nobody answered on that day either');
  assert.equal(sql(`SELECT evidence FROM day_violation v JOIN employee e ON e.id = v.employee_id
    WHERE e.nip = '${P}' AND v.date = '${D}' AND v.kind = 'report_missing'`), '{"report":null}');
  const r = await call(s.url, pegawai, 'PUT', `/daily-reports/${P}/${D}`,
    { activities: [{ target_id: t1.id, description: 'Telaahan (susulan)', minutes: 240, output: '1 dokumen' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.late, true);
  assert.ok(r.body.late_min > 24 * 60, 'sent days after 23:59 of the date');
  const b = await day();
  assert.ok(!b.violations.includes('report_missing'));
  assert.ok(b.violations.includes('report_late'), JSON.stringify(b));
  assert.equal(b.version, a.version + 1);
  const ev = JSON.parse(sql(`SELECT evidence FROM day_violation v JOIN employee e ON e.id = v.employee_id
    WHERE e.nip = '${P}' AND v.date = '${D}' AND v.kind = 'report_late'`));
  assert.equal(ev.report_id, r.body.id);
  assert.equal(ev.late_min, r.body.late_min);
  // An office day (no plan) needs no report by default.
  const k = (await ok(s.url, kepala, `/attendance?nip=${kepala.user.nip}&from=${D}&to=${D}`)).items[0];
  assert.ok(!k.violations.includes('report_missing'), JSON.stringify(k));
});

test('settings: admin_bkd only, checked, audited; every working day can need a report', async () => {
  const g = await ok(s.url, pegawai, '/worklog/settings');
  assert.equal(g.confirmations_per_day, 2);
  assert.equal(g.answer_window_min, 15);
  assert.equal(g.report_days, 'remote');
  assert.ok(!('secret' in g));
  assertError(await call(s.url, pegawai, 'PUT', '/worklog/settings', { review_working_days: 5 }), 403);
  assertError(await call(s.url, admin, 'PUT', '/worklog/settings', { report_days: 'sometimes' }), 422, 'invalid', 'report_days');
  assertError(await call(s.url, admin, 'PUT', '/worklog/settings', { confirmations_per_day: 9 }), 422, 'invalid', 'confirmations_per_day');
  const p = await call(s.url, admin, 'PUT', '/worklog/settings', { report_days: 'working', review_working_days: 5 });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.report_days, 'working');
  assert.equal(p.body.updated_by, 'admin.bkd');
  // Now an office day without a report is report_missing too.
  const D2 = '2026-11-11';
  checkin(P, D2, 'in', 7 * 60 + 20);
  checkin(P, D2, 'out', 16 * 60 + 10);
  close(D2);
  const a = (await ok(s.url, pegawai, `/attendance?nip=${P}&from=${D2}&to=${D2}`)).items[0];
  assert.equal(a.status, 'hadir');
  assert.ok(a.violations.includes('report_missing'), JSON.stringify(a));
  assert.ok(!a.violations.includes('missed_confirmation'), 'no confirmations on an office day');
  const back = await call(s.url, admin, 'PUT', '/worklog/settings', { report_days: 'remote', review_working_days: 3 });
  assert.equal(back.status, 200);
});
