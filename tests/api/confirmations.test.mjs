// Reachability confirmations on remote days (issue 5 item 3) and their
// violations at day close (issue 6 item 1). The moments of an employee's
// remote day are derived from the server secret: the supervisor sees them
// once due, the employee's poll (GET /notifications) asks them with an
// in-app notification, the employee answers with a location; an answer
// after the window is a miss with its minutes; the close counts every due
// moment without an on-time answer, asked or not, with the times as
// evidence.
//
// The server's confirmation clock is pinned with FLEKSI_WORKLOG_CLOCK (Unix
// ms; store/confirmations.h) and the server restarted on the same database
// to move through the day: late in the day to learn the moments, then one
// minute after the first, then after the second's window. The plan and
// check-ins of the past date are a SQL fixture like in attendance.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, login, call, ok, assertError, cli, isPg, freshDatabase } from './_helpers.mjs';

const D = '2026-11-17';   // a past Tuesday: P works from home
const WIB = (hh, mm) => Date.UTC(2026, 10, 17, hh - 7, mm);
let dir, db, s, P, env;

function sql(text) {
  if (isPg()) return execFileSync('psql', [db, '-tAqc', text], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [db, text], { encoding: 'utf8' }).trim();
}

async function serverAt(ms, demo = 0) {
  await s?.stop();
  s = await startServer({ db, demo, env: { ...env, FLEKSI_WORKLOG_CLOCK: String(ms) } });
  env = { FLEKSI_AUDIT_KEY: s.env.FLEKSI_AUDIT_KEY };
  return Promise.all(['pegawai.bappeda', 'atasan.bappeda', 'kepala.bappeda'].map((u) => login(s.url, u)));
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fleksi-conf-'));
  db = freshDatabase(dir);
  env = { FLEKSI_AUDIT_KEY: join(dir, 'audit.key') };
  const [pegawai] = await serverAt(WIB(16, 30), 600);
  P = pegawai.user.nip;
  sql(`INSERT INTO plan (employee_id, unit_id, date, mode, status, requested_by, requested_at, decided_by, decided_at)
       SELECT id, unit_id, '${D}', 'wfh', 'approved', 'fixture', '2026-11-01T00:00:00Z', 'fixture',
       '2026-11-01T00:00:00Z' FROM employee WHERE nip = '${P}'`);
  for (const [kind, minute] of [['in', 7 * 60 + 25], ['out', 16 * 60 + 5]])
    sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode,
           verdict, flag_mask, flags, device_id) SELECT id, unit_id, '${D}', '${kind}', 0, ${minute}, 'WIB', 'wfh',
           'ok', 0, '[]', 'fixture-conf' FROM employee WHERE nip = '${P}'`);
});
after(async () => {
  await s?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let due;   // the two moments, as the supervisor saw them

test('the supervisor sees the day\'s due moments (2 by default, inside the hours); nothing is stored by looking', async () => {
  const [pegawai, atasan] = await Promise.all(['pegawai.bappeda', 'atasan.bappeda'].map((u) => login(s.url, u)));
  const b = await ok(s.url, atasan, `/confirmations?nip=${P}`);
  assert.equal(b.confirmations_per_day, 2);
  assert.equal(b.answer_window_min, 15);
  assert.equal(b.items.length, 2, JSON.stringify(b));
  due = b.items;
  for (const c of due) {
    assert.equal(c.id, null, 'never asked');
    assert.equal(c.status, 'missed');
    assert.equal(c.date, D);
    assert.equal(c.plan.mode, 'wfh');
    assert.ok(c.due >= '07:30' && c.due <= '15:45', c.due);
  }
  assert.ok(due[0].due < due[1].due);
  assert.equal(sql('SELECT COUNT(*) FROM presence_confirmation'), '0');
  // Someone outside the chain may not look.
  const other = sql(`SELECT nip FROM employee WHERE nip <> '${P}' AND supervisor_id IS NOT NULL AND unit_id <> (SELECT unit_id FROM employee WHERE nip = '${P}') LIMIT 1`);
  assert.ok(other);
  assertError(await call(s.url, pegawai, 'GET', `/confirmations?nip=${other}`), 403);
});

test('one minute after the first moment the poll asks it (and not the second), with a notification; the answer is on time', async () => {
  const first = Date.parse(due[0].due_at);
  const [pegawai, atasan] = await serverAt(first + 60e3);
  const n = await ok(s.url, pegawai, '/notifications');
  assert.equal(n.confirmations.length, 1, JSON.stringify(n));
  const c = n.confirmations[0];
  assert.equal(c.seq, 0);
  assert.equal(c.status, 'pending');
  assert.equal(c.due, due[0].due);
  assert.equal(n.unread, 1);
  assert.equal(n.items[0].kind, 'confirmation');
  assert.equal(n.items[0].ref_id, c.id);
  assert.match(n.items[0].message_id, /Konfirmasi kehadiran/);
  const again = await ok(s.url, pegawai, '/notifications');
  assert.equal(again.items.filter((x) => x.kind === 'confirmation').length, 1, 'asked once');
  const mine = await ok(s.url, pegawai, '/confirmations');
  assert.equal(mine.items.length, 1, 'the second moment is not revealed before it comes');
  assertError(await call(s.url, pegawai, 'POST', `/confirmations/${c.id}/answer`, { lat: 51.5, lon: -0.1, accuracy_m: 10 }), 422, 'invalid', 'lat');
  assertError(await call(s.url, pegawai, 'POST', `/confirmations/${c.id}/answer`, { lat: -6.2, lon: 106.8 }), 422, 'missing_field', 'accuracy_m');
  assertError(await call(s.url, atasan, 'POST', `/confirmations/${c.id}/answer`, { lat: -6.2, lon: 106.8, accuracy_m: 10 }), 404);
  const a = await call(s.url, pegawai, 'POST', `/confirmations/${c.id}/answer`, { lat: -6.2, lon: 106.8, accuracy_m: 12 });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.body.status, 'answered');
  assert.equal(a.body.late_min, 0);
  assert.equal(a.body.accuracy_m, 12);
  assert.ok(a.body.answered_at);
  assertError(await call(s.url, pegawai, 'POST', `/confirmations/${c.id}/answer`, { lat: -6.2, lon: 106.8, accuracy_m: 12 }), 409, 'already_answered');
  const after = await ok(s.url, pegawai, '/notifications');
  assert.equal(after.unread, 0, 'answering reads the notification');
  assert.equal(after.confirmations.length, 0);
});

test('an answer after the window is late with its minutes; the supervisor sees both', async () => {
  const second = Date.parse(due[1].due_at);
  const [pegawai, atasan] = await serverAt(second + 20 * 60e3);   // window 15: 5 minutes late
  const n = await ok(s.url, pegawai, '/notifications');
  assert.equal(n.confirmations.length, 0, 'a moment past its window is not announced');
  const mine = await ok(s.url, pegawai, '/confirmations');
  assert.equal(mine.items.length, 2);
  assert.equal(mine.items[1].status, 'missed');
  const a = await call(s.url, pegawai, 'POST', `/confirmations/${mine.items[1].id}/answer`, { lat: -6.2, lon: 106.8, accuracy_m: 8 });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.body.status, 'late');
  assert.equal(a.body.late_min, 5);
  const sup = await ok(s.url, atasan, `/confirmations?nip=${P}`);
  assert.deepEqual(sup.items.map((x) => x.status), ['answered', 'late']);
  const audit = await ok(s.url, (await login(s.url, 'admin.bkd')), '/audit/entries?limit=100');
  assert.ok(audit.items.filter((x) => x.action === 'confirmation.answer').length >= 2);
});

test('the close: the late answer is a missed confirmation with its time and minutes as evidence', async () => {
  const r = cli(['close', '--db', db, '--from', D, '--to', D], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
  const [pegawai] = await Promise.all(['pegawai.bappeda'].map((u) => login(s.url, u)));
  const a = (await ok(s.url, pegawai, `/attendance?nip=${P}&from=${D}&to=${D}`)).items[0];
  assert.equal(a.status, 'wfh');
  assert.ok(a.violations.includes('missed_confirmation'), JSON.stringify(a));
  const row = sql(`SELECT v.count || '|' || v.evidence FROM day_violation v JOIN employee e ON e.id = v.employee_id
    WHERE e.nip = '${P}' AND v.date = '${D}' AND v.kind = 'missed_confirmation'`);
  const [count, evidence] = row.split('|');
  assert.equal(count, '1');
  assert.deepEqual(JSON.parse(evidence), { expected: 2, missed: [{ seq: 1, due: due[1].due, late_min: 5 }] });
  assert.equal(sql(`SELECT confirmations_missed FROM day_account a JOIN employee e ON e.id = a.employee_id
    WHERE e.nip = '${P}' AND a.date = '${D}'`), '1');
  // Another remote day nobody polled: both moments missed, never asked.
  const D2 = '2026-11-18';
  sql(`INSERT INTO plan (employee_id, unit_id, date, mode, status, requested_by, requested_at)
       SELECT id, unit_id, '${D2}', 'wfh', 'approved', 'fixture', '2026-11-01T00:00:00Z' FROM employee WHERE nip = '${P}'`);
  sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode,
         verdict, flag_mask, flags, device_id) SELECT id, unit_id, '${D2}', 'in', 0, 445, 'WIB', 'wfh',
         'ok', 0, '[]', 'fixture-conf' FROM employee WHERE nip = '${P}'`);
  assert.equal(cli(['close', '--db', db, '--from', D2, '--to', D2], { env: s.env }).status, 0);
  const ev = JSON.parse(sql(`SELECT v.evidence FROM day_violation v JOIN employee e ON e.id = v.employee_id
    WHERE e.nip = '${P}' AND v.date = '${D2}' AND v.kind = 'missed_confirmation'`));
  assert.equal(ev.expected, 2);
  assert.equal(ev.missed.length, 2);
  assert.ok(ev.missed.every((m) => !('late_min' in m)));
  // Closing again changes nothing.
  const before = sql(`SELECT version FROM day_account a JOIN employee e ON e.id = a.employee_id WHERE e.nip = '${P}' AND a.date = '${D}'`);
  assert.equal(cli(['close', '--db', db, '--from', D, '--to', D], { env: s.env }).status, 0);
  assert.equal(sql(`SELECT version FROM day_account a JOIN employee e ON e.id = a.employee_id WHERE e.nip = '${P}' AND a.date = '${D}'`), before);
});
