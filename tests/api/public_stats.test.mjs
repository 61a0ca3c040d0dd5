// The public transparency figures from closed days (issue 7 item 5):
// on-site coverage of face-to-face units against their minimum, violations
// by kind, sanctions by level, each withheld when it is about 1..4 people;
// the same figures in the CSV download and the field dictionary.
//
// A known past month: three working days of October 2026 closed by
// `fleksi close` on the running server's database. Check-ins and discipline
// cases are a documented SQL fixture (rows inserted with sqlite3 / psql):
// POST /api/v1/checkins records the server's own time, and the sanctions
// only need rows with a sanction code and a start date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, login, call, ok, assertError, cli, isPg } from './_helpers.mjs';

const MONTH = '2026-10';
const DAYS = ['2026-10-06', '2026-10-07', '2026-10-08'];   // Tuesday .. Thursday
let s, admin;

function sql(text) {
  if (isPg()) return execFileSync('psql', [s.dbPath, '-qAtc', text], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [s.dbPath, text], { encoding: 'utf8' }).trim();
}
const staffOf = (unit, n) => sql(`SELECT e.nip FROM employee e JOIN unit u ON u.id = e.unit_id WHERE u.code = '${unit}'`
  + ` AND e.active ORDER BY e.id LIMIT ${n}`).split('\n').filter(Boolean);

function checkin(nip, date, kind, minute) {
  sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode,
         verdict, flag_mask, flags, device_id)
       SELECT id, unit_id, '${date}', '${kind}', 0, ${minute}, 'WIB', 'wfo', 'ok', 0, '[]', 'fixture-${nip}'
       FROM employee WHERE nip = '${nip}'`);
}
const present = (nip, date, inMinute = 7 * 60 + 20) => { checkin(nip, date, 'in', inMinute); checkin(nip, date, 'out', 16 * 60 + 30); };

function sanction(nip, code, from) {
  sql(`INSERT INTO discipline_case (employee_id, status, opened_on, closed_on, sanction_code, sanction_from, note,
         created_by, created_at)
       SELECT id, 'closed', '2026-09-20', '2026-10-01', '${code}', '${from}', 'fixture', 'test', '2026-10-01T00:00:00Z'
       FROM employee WHERE nip = '${nip}'`);
}

before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  // Bapenda: the office (minimum 2 on site) and UPPRD Kebayoran Baru (minimum 5), both face to face.
  for (const [unit, min] of [['BAPENDA', 2], ['UPPRD-KEBAYORAN-BARU', 5]]) {
    const r = await call(s.url, admin, 'PUT', `/units/${unit}/staffing`, { min_on_site: min, min_on_site_per_hour: 0 });
    assert.equal(r.status, 200, r.text);
  }
  const office = staffOf('BAPENDA', 2), upprd = staffOf('UPPRD-KEBAYORAN-BARU', 5);
  assert.equal(upprd.length, 5);
  for (const d of DAYS.slice(0, 2)) for (const nip of office) present(nip, d);   // met on 2 of 3 days
  for (const nip of upprd) present(nip, DAYS[0], nip === upprd[0] ? 8 * 60 + 40 : undefined);  // met on 1; one late
  // Sanctions starting in October: 5 people ringan (shown), 1 berat (withheld); one in November (not counted).
  const people = staffOf('UPPRD-KEBAYORAN-BARU', 7);
  people.slice(0, 5).forEach((nip) => sanction(nip, 'teguran_lisan', '2026-10-12'));
  sanction(people[5], 'penurunan_jabatan', '2026-10-20');
  sanction(people[6], 'teguran_tertulis', '2026-11-02');
  const r = cli(['close', '--db', s.dbPath, '--from', DAYS[0], '--to', DAYS[2]], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
  const closes = await ok(s.url, admin, `/attendance/closes?from=${DAYS[0]}&to=${DAYS[2]}`);
  assert.equal(closes.items.length, 3);
  assert.ok(closes.items.every((c) => c.working_day), 'three working days');
});
after(async () => { await s?.stop(); });

test('coverage: face-to-face unit-days on closed working days that reached the minimum', async () => {
  const st = await ok(s.url, null, `/public/stats?month=${MONTH}&body=BAPENDA`);
  const b = st.bodies[0];
  assert.equal(b.coverage_units, 2);
  assert.equal(b.coverage_days, 6, '2 units x 3 closed working days');
  assert.equal(b.coverage_days_met, 3, 'the office on 2 days, UPPRD on 1');
  assert.equal(b.coverage_share, 0.5);
  assert.ok(!b.withheld.includes('coverage_share'));
  // Dukcapil's face-to-face units have 4 people: their coverage would show whether those 4 came.
  const d = (await ok(s.url, null, `/public/stats?month=${MONTH}&body=DUKCAPIL`)).bodies[0];
  assert.equal(d.coverage_units, 2);
  assert.deepEqual([d.coverage_days, d.coverage_days_met, d.coverage_share], [null, null, null]);
  assert.ok(d.withheld.includes('coverage_days') && d.withheld.includes('coverage_share'));
  assert.equal(d.suppressed, true);
  // A month with nothing closed: no unit-days, no share, nothing withheld for it.
  const nov = (await ok(s.url, null, '/public/stats?month=2026-09&body=BAPENDA')).bodies[0];
  assert.deepEqual([nov.coverage_units, nov.coverage_days, nov.coverage_days_met, nov.coverage_share], [2, 0, 0, null]);
});

test('violations by kind from closed days, withheld when about fewer than 5 people', async () => {
  const b = (await ok(s.url, null, `/public/stats?month=${MONTH}&body=BAPENDA`)).bodies[0];
  const path = sql("SELECT path FROM unit WHERE code = 'BAPENDA'");
  const alpa = Number(sql(`SELECT COUNT(*) FROM day_account a JOIN unit u ON u.id = a.unit_id WHERE a.status = 'alpa'`
    + ` AND a.date >= '2026-10-01' AND a.date <= '2026-10-31' AND u.path LIKE '${path}%'`));
  assert.ok(alpa >= 5, `many alpa person-days (${alpa})`);
  assert.equal(b.violations_unexcused_absence, alpa, 'one unexcused_absence per alpa day');
  assert.equal(b.violations_late, null, 'one late person is withheld');
  assert.ok(b.withheld.includes('violations_late'));
  assert.equal(b.violations_early_leave, 0, 'zero names nobody');
  assert.equal(b.violations_citizen_report, 0);
  assert.equal(b.suppressed, true);
});

test('sanctions by level (PP 94/2021 ladder), starting in the month', async () => {
  const b = (await ok(s.url, null, `/public/stats?month=${MONTH}&body=BAPENDA`)).bodies[0];
  assert.equal(b.sanctions_ringan, 5);
  assert.equal(b.sanctions_sedang, 0);
  assert.equal(b.sanctions_berat, null, 'one person: withheld');
  assert.ok(b.withheld.includes('sanctions_berat'));
  const nov = (await ok(s.url, null, '/public/stats?month=2026-11&body=BAPENDA')).bodies[0];
  assert.equal(nov.sanctions_ringan, null, 'the November one alone is withheld');
  // With the group at 1 nothing about people is withheld.
  await call(s.url, admin, 'PUT', '/reports/settings', { min_group: 1 });
  try {
    const all = (await ok(s.url, null, `/public/stats?month=${MONTH}&body=BAPENDA`)).bodies[0];
    assert.equal(all.sanctions_berat, 1);
    assert.equal(all.violations_late, 1);
    assert.deepEqual(all.withheld, []);
    assert.equal(all.suppressed, false);
  } finally {
    await call(s.url, admin, 'PUT', '/reports/settings', { min_group: 5 });
  }
});

test('CSV and JSON carry the same figures; the dictionary names every column', async () => {
  const st = await ok(s.url, null, `/public/stats?month=${MONTH}`);
  const dict = await ok(s.url, null, '/public/stats/fields');
  const names = dict.fields.map((f) => f.field);
  assert.ok(dict.fields.every((f) => f.type && f.description_en && f.description_id), 'both languages');
  for (const f of ['coverage_units', 'coverage_days', 'coverage_days_met', 'coverage_share', 'violations_late',
    'violations_unexcused_absence', 'violations_citizen_report', 'sanctions_ringan', 'sanctions_sedang',
    'sanctions_berat', 'withheld']) assert.ok(names.includes(f), f);
  const row = st.bodies.find((x) => x.body_code === 'BAPENDA');
  assert.deepEqual(['month', ...Object.keys(row)].sort(), [...names].sort(), 'JSON row fields = dictionary');
  const res = await fetch(`${s.url}/api/v1/public/stats.csv?month=${MONTH}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment/);
  const lines = (await res.text()).trim().split('\r\n');
  assert.deepEqual(lines[0].split(','), names, 'CSV columns in dictionary order');
  assert.equal(lines.length, st.bodies.length + 1);
  const cells = lines.find((l) => l.startsWith(`${MONTH},BAPENDA,`)).split(',');
  const at = (f) => cells[names.indexOf(f)];
  assert.equal(at('coverage_days'), '6');
  assert.equal(at('coverage_share'), '0.5000');
  assert.equal(at('sanctions_ringan'), '5');
  assert.equal(at('sanctions_berat'), '', 'withheld: empty cell');
  assert.equal(at('suppressed'), 'true');
  assert.deepEqual(at('withheld').split(' ').sort(), [...row.withheld].sort());
  assertError(await call(s.url, null, 'GET', '/public/stats?month=2026-1'), 422, 'invalid', 'month');
});
