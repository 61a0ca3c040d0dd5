// Day accounts and closing days (issue 5 item 6, issue 6 item 1): real dates
// closed by `fleksi close` on a running server's database, then read through
// GET /api/v1/attendance. Someone with no records is alpa; someone who came
// late is hadir with the late minutes; someone on leave is cuti; a leave
// added late turns a closed alpa day at once; closing twice changes
// nothing; a calendar amendment followed by a re-close turns a day libur.
//
// Check-ins are a documented SQL fixture: rows inserted straight into the
// checkin table (sqlite3 / psql), because POST /api/v1/checkins records the
// server's own time, and these tests need a past working day at set times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, login, call, ok, assertError, cli, isPg } from './_helpers.mjs';

const DAY_MS = 86400e3;

let s, admin, kepala, atasan, pegawai, inspektur;
let P, A, K;   // pegawai, atasan, kepala NIPs
const D1 = '2026-11-03';   // Tuesday
const D2 = '2026-11-04';   // Wednesday

function sql(text) {
  if (isPg()) execFileSync('psql', [s.dbPath, '-qc', text], { stdio: 'pipe' });
  else execFileSync('sqlite3', [s.dbPath, text], { stdio: 'pipe' });
}

// A check-in row of the fixture: local minute of the working day.
function checkin(nip, date, kind, minute, flagMask = 0) {
  sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode,
         verdict, flag_mask, flags, device_id)
       SELECT id, unit_id, '${date}', '${kind}', 0, ${minute}, 'WIB', 'wfo', '${flagMask ? 'flagged' : 'ok'}',
         ${flagMask}, '[]', 'fixture-${nip}' FROM employee WHERE nip = '${nip}'`);
}

function close(from, to = from) {
  const r = cli(['close', '--db', s.dbPath, '--from', from, '--to', to], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const day = async (auth, nip, date) => {
  const b = await ok(s.url, auth, `/attendance?nip=${nip}&from=${date}&to=${date}`);
  assert.equal(b.items.length, 1, JSON.stringify(b));
  return b.items[0];
};

before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  [P, A, K] = [pegawai, atasan, kepala].map((x) => x.user.nip);
  checkin(P, D1, 'in', 8 * 60 + 12);            // 42 minutes late
  checkin(P, D1, 'out', 16 * 60 + 5);
  checkin(P, D2, 'in', 7 * 60 + 20);
  checkin(P, D2, 'out', 15 * 60 + 30, 1);       // 30 minutes early, outside the place
  const r = await call(s.url, kepala, 'POST', '/leaves', { nip: A, kind: 'cuti_tahunan', from: D1, to: D2, note: 'Keluarga' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.recomputed_days, 0, 'nothing closed yet');
});
after(async () => { await s?.stop(); });

test('a day not closed yet is open; for one nip it is computed live', async () => {
  const b = await ok(s.url, pegawai, `/attendance?nip=${P}&from=${D1}&to=${D1}`);
  assert.deepEqual(b.open_dates, [D1]);
  assert.equal(b.total, 0);
  assert.equal(b.items.length, 1);
  assert.equal(b.items[0].closed, false);
  assert.equal(b.items[0].status, 'hadir');
  assert.equal(b.items[0].late_min, 42);
});

test('closing: alpa without records, hadir with late minutes, cuti on leave, violations as evidence', async () => {
  const out = close(D1, D2);
  assert.match(out, new RegExp(`${D1}  working .*changed +\\d+`));
  assert.match(out, /closed 2 dates/);
  const p = await day(pegawai, P, D1);
  assert.equal(p.closed, true);
  assert.equal(p.status, 'hadir');
  assert.equal(p.late_min, 42);
  assert.equal(p.early_min, 0);
  assert.equal(p.in, '08:12');
  assert.equal(p.out, '16:05');
  assert.deepEqual(p.violations, ['late']);
  assert.deepEqual(p.schedule, { code: 'dki_default', start: '07:30', end: '16:00' });
  assert.equal(p.net_min, 16 * 60 - (8 * 60 + 12) - Math.round(60 * (16 * 60 - (8 * 60 + 12)) / 510));
  const p2 = await day(pegawai, P, D2);
  assert.equal(p2.status, 'hadir');
  assert.equal(p2.early_min, 30);
  assert.deepEqual(p2.violations, ['early_leave', 'outside_place']);
  assert.deepEqual(p2.flags, ['outside_place']);
  const k = await day(kepala, K, D1);
  assert.equal(k.status, 'alpa');
  assert.deepEqual(k.violations, ['unexcused_absence']);
  assert.equal(k.in, null);
  const a = await day(atasan, A, D1);
  assert.equal(a.status, 'cuti');
  assert.equal(a.leave.kind, 'cuti_tahunan');
  assert.deepEqual(a.violations, []);
  assert.equal(a.version, 1);
  if (isPg()) {
    // Monthly partitions made by the close (this month and the next), the DEFAULT ones empty.
    const q = (t) => execFileSync('psql', [s.dbPath, '-tAc', t], { encoding: 'utf8' }).trim();
    assert.equal(q("SELECT count(*) FROM pg_class WHERE relname IN ('day_account_2026_11', 'day_account_2026_12',"
      + " 'day_violation_2026_11', 'day_violation_2026_12')"), '4');
    assert.equal(q('SELECT count(*) FROM day_account_default'), '0');
    assert.ok(Number(q(`SELECT count(*) FROM day_account_2026_11 WHERE date = '${D1}'`)) > 500);
  }
});

test('closing twice changes nothing', async () => {
  const before = await day(pegawai, P, D1);
  const out = close(D1, D2);
  for (const line of out.split('\n').filter((l) => l.startsWith('2026-'))) assert.match(line, /changed +0 /, line);
  const after = await day(pegawai, P, D1);
  assert.deepEqual(after, before);
  const closes = await ok(s.url, admin, `/attendance/closes?from=${D1}&to=${D2}`);
  assert.equal(closes.items.length, 2);
  assert.equal(closes.items[1].date, D1);
  assert.equal(closes.items[1].closes, 2);
  assert.equal(closes.items[1].changed, 0);
  assert.equal(closes.items[1].working_day, true);
});

test('a leave added late turns the closed alpa day at once; cancelling turns it back', async () => {
  const r = await call(s.url, admin, 'POST', '/leaves', { nip: K, kind: 'dinas_luar', from: D1, to: D1 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.recomputed_days, 1);
  const k = await day(kepala, K, D1);
  assert.equal(k.status, 'dinas_luar');
  assert.deepEqual(k.violations, []);
  assert.equal(k.version, 2);
  const c = await call(s.url, admin, 'DELETE', `/leaves/${r.body.id}`);
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.recomputed_days, 1);
  const back = await day(kepala, K, D1);
  assert.equal(back.status, 'alpa');
  assert.equal(back.version, 3);
});

test('listing: a unit, by status, paged; scoped to what the actor may see', async () => {
  const unit = (await ok(s.url, kepala, '/me')).unit?.code || kepala.user.unit_code;
  const all = await ok(s.url, kepala, `/attendance?from=${D1}&to=${D1}&limit=1000`);
  assert.ok(all.total >= 3, JSON.stringify(all).slice(0, 300));
  assert.ok(all.items.every((d) => d.closed && d.date === D1));
  const alpa = await ok(s.url, admin, `/attendance?from=${D1}&to=${D1}&status=alpa&limit=5`);
  assert.equal(alpa.items.length, 5);
  assert.ok(alpa.total > 5);
  assert.ok(alpa.items.every((d) => d.status === 'alpa'));
  const page2 = await ok(s.url, admin, `/attendance?from=${D1}&to=${D1}&status=alpa&limit=5&offset=5`);
  assert.notEqual(page2.items[0].nip, alpa.items[0].nip);
  const mine = await ok(s.url, pegawai, `/attendance?from=${D1}&to=${D2}`);
  assert.deepEqual([...new Set(mine.items.map((d) => d.nip))], [P]);
  const team = await ok(s.url, atasan, `/attendance?from=${D1}&to=${D1}`);
  assert.ok(team.items.some((d) => d.nip === P) && team.items.some((d) => d.nip === A));
  if (unit) {
    const u = await ok(s.url, admin, `/attendance?unit=${unit}&from=${D1}&to=${D1}`);
    assert.ok(u.items.length >= 1);
  }
  assertError(await call(s.url, pegawai, 'GET', `/attendance?nip=${K}&from=${D1}&to=${D1}`), 403, 'forbidden');
  assertError(await call(s.url, pegawai, 'GET', `/attendance?from=2026-11-01&to=2027-01-15`), 422, 'invalid', 'to');
  assertError(await call(s.url, pegawai, 'GET', `/attendance?from=2026-13-01`), 422, 'invalid', 'from');
  assertError(await call(s.url, pegawai, 'GET', `/attendance?from=${D1}&status=bolos`), 422, 'invalid', 'status');
  assertError(await call(s.url, admin, 'GET', `/attendance?nip=199901012020011999&from=${D1}`), 404, 'not_found', 'nip');
  assertError(await call(s.url, admin, 'GET', `/attendance?unit=NOPE&from=${D1}`), 404, 'not_found', 'unit');
  assertError(await call(s.url, null, 'GET', `/attendance?from=${D1}`), 401, 'unauthorized');
  assertError(await call(s.url, pegawai, 'GET', '/attendance/closes'), 403, 'forbidden');
  assert.equal((await call(s.url, inspektur, 'GET', '/attendance/closes')).status, 200);
});

test('a calendar amendment and a re-close turn a working day libur', async () => {
  const cal = await ok(s.url, admin, '/calendar?year=2026');
  const days_off = cal.days_off.map(({ date, name, kind }) => ({ date, name, kind }));
  days_off.push({ date: D2, name: 'Libur uji', kind: 'libur_nasional' });
  const r = await call(s.url, admin, 'POST', '/calendar/2026', { legal_reference: 'SKB uji 1/2026', note: 'test', days_off });
  assert.equal(r.status, 201, r.text);
  assert.equal((await day(pegawai, P, D2)).status, 'hadir', 'closed days stay until closed again');
  const out = close(D2);
  assert.match(out, new RegExp(`${D2}  day-off`));
  const p = await day(pegawai, P, D2);
  assert.equal(p.status, 'libur');
  assert.deepEqual(p.violations, []);
  assert.equal(p.version, 2);
  const a = await day(atasan, A, D2);
  assert.equal(a.status, 'libur', 'a day off inside a leave stays libur');
});

test('a closed weekend stores no libur rows for office staff, and still reads as libur', async () => {
  const out = close('2026-11-07');
  assert.match(out, /2026-11-07  day-off/);
  const changed = Number(/changed +(\d+)/.exec(out)[1]);
  const employees = Number(/employees +(\d+)/.exec(out)[1]);
  assert.ok(changed < employees / 2, `only shift staff get rows on a Saturday: ${out}`);
  const b = await ok(s.url, pegawai, `/attendance?nip=${P}&from=2026-11-07&to=2026-11-07`);
  assert.deepEqual(b.open_dates, []);
  assert.equal(b.items.length, 1);
  assert.equal(b.items[0].status, 'libur');
  assert.equal(b.items[0].closed, true);
});

test('closing is audited and the CLI refuses bad ranges', async () => {
  const entries = await ok(s.url, admin, '/audit/entries?from=1&limit=1000');
  let all = entries.items;
  for (let from = 1001; entries.items.length === 1000 && all.length === from - 1; from += 1000) {
    const page = await ok(s.url, admin, `/audit/entries?from=${from}&limit=1000`);
    all = all.concat(page.items);
    if (page.items.length < 1000) break;
  }
  assert.ok(all.some((e) => e.action === 'attendance.close' && e.object === `day:${D1}`));
  assert.ok(all.some((e) => e.action === 'attendance.recompute'));
  assert.equal(cli(['close', '--db', s.dbPath, '--from', D2, '--to', D1], { env: s.env }).status, 2);
  assert.equal(cli(['close', '--db', s.dbPath, '--from', '2026-02-30'], { env: s.env }).status, 2);
  assert.equal(cli(['close', '--db', s.dbPath], { env: s.env }).status, 2);
});

test('scheduled close: two nodes on one database close each due date exactly once', async () => {
  const n1 = await startServer({ serveArgs: ['--upkeep-interval', '1', '--threads', '2'] });
  let n2;
  try {
    // Pretend the attendance tables were installed ten days ago, so the last days are due.
    const installed = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
    const q = `UPDATE schema_migration SET applied_at = '${installed}T00:00:00Z' WHERE version = 8`;
    if (isPg()) execFileSync('psql', [n1.dbPath, '-qc', q], { stdio: 'pipe' });
    else execFileSync('sqlite3', [n1.dbPath, q], { stdio: 'pipe' });
    n2 = await startServer({ demo: 0, db: n1.dbPath, env: { FLEKSI_AUDIT_KEY: n1.env.FLEKSI_AUDIT_KEY },
      serveArgs: ['--upkeep-interval', '1', '--threads', '2'] });
    const wibNow = new Date(Date.now() + 7 * 3600e3);
    const today = Date.parse(wibNow.toISOString().slice(0, 10));
    const minute = wibNow.getUTCHours() * 60 + wibNow.getUTCMinutes();
    const last = today - (minute >= 660 ? 1 : 2) * DAY_MS;
    const due = [];
    for (let d = today - 4 * DAY_MS; d <= last; d += DAY_MS) due.push(new Date(d).toISOString().slice(0, 10));
    const adm = await login(n1.url, 'admin.bkd');
    let closes = [];
    for (let i = 0; i < 150; i++) {
      closes = (await ok(n1.url, adm, '/attendance/closes')).items;
      if (due.every((d) => closes.some((c) => c.date === d))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 2500));   // more passes on both nodes: nothing closes twice
    closes = (await ok(n1.url, adm, '/attendance/closes')).items;
    assert.deepEqual(closes.map((c) => c.date).sort(), due, JSON.stringify(closes));
    for (const c of closes) {
      assert.equal(c.closes, 1, `${c.date} closed once`);
      assert.equal(c.closed_by, 'system');
      assert.ok(c.employees > 500);
    }
    const jobs = await ok(n1.url, adm, '/jobs');
    const runs = JSON.stringify(jobs);
    for (const d of due) assert.ok(runs.includes(d), `job run of ${d}`);
  } finally {
    await n2?.stop();
    await n1.stop();
  }
});

test('remote work while not eligible: an approved wfh plan and an open discipline case', async () => {
  // A plan after today: a case opened today makes the employee ineligible from today on.
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const plans = (await ok(s.url, admin, '/plans?status=approved')).items
    .filter((p) => p.mode === 'wfh' && p.date > today);
  assert.ok(plans.length >= 1, 'the demo seeds approved wfh plans ahead');
  const { nip, date } = plans[0];
  checkin(nip, date, 'in', 7 * 60 + 25);
  checkin(nip, date, 'out', 16 * 60 + 5);
  close(date);
  let d = await day(admin, nip, date);
  assert.equal(d.status, 'wfh');
  assert.equal(d.plan.mode, 'wfh');
  assert.equal(d.plan.id, plans[0].id);
  assert.ok(!d.violations.includes('remote_not_eligible'), JSON.stringify(d));
  const c = await call(s.url, admin, 'POST', `/employees/${nip}/discipline-cases`, { note: 'absen 3 hari' });
  assert.equal(c.status, 201, c.text);
  close(date);
  d = await day(admin, nip, date);
  assert.equal(d.status, 'wfh');
  assert.ok(d.violations.includes('remote_not_eligible'), JSON.stringify(d));
  assert.equal(d.version, 2);
});
