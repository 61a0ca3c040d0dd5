// The documents offices file (issue 6 items 5-6): the monthly recap as XLSX
// and CSV, and the TPP deductions, from real closed dates.
//
// Three working days of November 2026 are closed by `fleksi close` after a
// documented check-in fixture (rows inserted into checkin, as in
// attendance.test.mjs): the pegawai comes 42 minutes late on D1, leaves 30
// minutes early on D2 and has no records on D3 (alpa). The XLSX is unzipped
// here (a zip reader over node:zlib) and its sheet XML read; the CSV is
// parsed and compared with GET /api/v1/attendance; the TPP figures are
// checked against the scheme by hand, with and without a running sedang
// sanction and after the scheme is changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import { startServer, login, call, ok, assertError, cli, isPg } from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai, inspektur;
let P, A;
let UNIT;          // the pegawai's unit code
let BODY;          // kepala's body
const D1 = '2026-11-03', D2 = '2026-11-04', D3 = '2026-11-05';
const MONTH = '2026-11';

function sql(text) {
  if (isPg()) execFileSync('psql', [s.dbPath, '-qc', text], { stdio: 'pipe' });
  else execFileSync('sqlite3', [s.dbPath, text], { stdio: 'pipe' });
}

function checkin(nip, date, kind, minute) {
  sql(`INSERT INTO checkin (employee_id, unit_id, work_date, kind, server_ms, local_minute, time_zone, mode,
         verdict, flag_mask, flags, device_id)
       SELECT id, unit_id, '${date}', '${kind}', 0, ${minute}, 'WIB', 'wfo', 'ok', 0, '[]', 'fixture-${nip}'
       FROM employee WHERE nip = '${nip}'`);
}

// ---- a minimal zip reader (central directory, stored or deflated entries) ----
function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'zip end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let k = 0; k < count; k++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    files.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    p += 46 + nlen + xlen + clen;
  }
  return files;
}

const unxml = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

// Rows of a sheet as {rowNumber: {A: value, B: value, ...}}; strings inline or shared.
function sheetRows(xml, shared) {
  const rows = {};
  for (const m of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    const cells = {};
    for (const c of m[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const attrs = c[2], body = c[3] || '';
      let v = null;
      const t = body.match(/<t[^>]*>(.*?)<\/t>/s), n = body.match(/<v>(.*?)<\/v>/s);
      if (/t="s"/.test(attrs) && n) v = shared[Number(n[1])];
      else if (t) v = unxml(t[1]);
      else if (n) v = Number(n[1]);
      cells[c[1]] = v;
    }
    rows[Number(m[1])] = cells;
  }
  return rows;
}

function sharedStrings(files) {
  const x = files.get('xl/sharedStrings.xml');
  if (!x) return [];
  return [...x.toString('utf8').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    unxml([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
}

// RFC 4180 CSV (the BOM already taken off) into arrays of strings.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  assert.equal(cell, '', 'the file ends with CRLF');
  return rows;
}

// The TPP figures by hand (domain/tpp.h through a nominal 10^6): basis points.
function tppBp({ workingDays, late, early, alpa, sedang }, scheme) {
  const cap = workingDays * scheme.cap, ded = late + early + alpa * scheme.alpa;
  const nominal = 1000000;
  const room = Math.max(0, cap - ded);
  let paid = Math.floor(nominal * room / cap);
  const bp = (p) => Math.floor(((nominal - p) * 10000 + nominal / 2) / nominal);
  const attendance = bp(paid);
  if (sedang) paid = Math.floor(paid * (100 - scheme.cut) / 100);
  return { attendance, total: bp(paid), ded, cap };
}

// GET a CSV file: raw bytes (fetch's text() would drop the BOM silently).
async function getCsv(auth, path) {
  const r = await fetch(`${s.url}/api/v1${path}`, { headers: auth.headers });
  const buf = Buffer.from(await r.arrayBuffer());
  assert.equal(r.status, 200, buf.toString('utf8', 0, 300));
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  return { headers: r.headers, rows: parseCsv(buf.subarray(3).toString('utf8')) };
}

before(async () => {
  s = await startServer();
  [admin, kepala, atasan, pegawai, inspektur] = await Promise.all(
    ['admin.bkd', 'kepala.bappeda', 'atasan.bappeda', 'pegawai.bappeda', 'inspektur'].map((u) => login(s.url, u)));
  [P, A] = [pegawai, atasan].map((x) => x.user.nip);
  UNIT = pegawai.user.unit.code;
  BODY = kepala.user.opd_unit;
  checkin(P, D1, 'in', 8 * 60 + 12);            // 42 minutes late
  checkin(P, D1, 'out', 16 * 60 + 5);
  checkin(P, D2, 'in', 7 * 60 + 20);
  checkin(P, D2, 'out', 15 * 60 + 30);          // 30 minutes early
  const r = cli(['close', '--db', s.dbPath, '--from', D1, '--to', D3], { env: s.env });
  assert.equal(r.status, 0, r.stderr);
});
after(async () => { await s?.stop(); });

// Every closed day of the unit subtree in the month, through the attendance API.
async function attendanceOf(auth, unit) {
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const b = await ok(s.url, auth, `/attendance?unit=${unit}&from=${MONTH}-01&to=${MONTH}-30&limit=1000&offset=${offset}`);
    items.push(...b.items);
    if (items.length >= b.total || b.items.length === 0) break;
  }
  return items;
}

test('CSV: one row per employee of the subtree, counts as GET /attendance has them', async () => {
  const { headers, rows } = await getCsv(kepala, `/recap?unit=${BODY}&month=${MONTH}&format=csv`);
  assert.match(headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.equal(headers.get('content-disposition'), `attachment; filename="rekap-${BODY}-${MONTH}.csv"`);
  assert.deepEqual(rows[0], ['nip', 'nama', 'jabatan', 'unit', 'hari_kerja', 'hadir', 'wfh', 'wfa', 'kantor_lain',
    'cuti', 'sakit', 'dinas_luar', 'tugas_belajar', 'alpa', 'menit_terlambat', 'menit_pulang_cepat',
    'potongan_tpp_persen']);
  const data = rows.slice(1);
  assert.ok(data.length > 5, `a body has people: ${data.length}`);
  assert.ok(data.every((x) => x.length === rows[0].length), 'every row has every column');
  const byNip = new Map(data.map((x) => [x[0], x]));
  assert.equal(byNip.size, data.length, 'one row per employee');
  // Counts agree with the day accounts, employee by employee.
  const days = await attendanceOf(kepala, BODY);
  const want = new Map();
  for (const d of days) {
    const w = want.get(d.nip) || { work: 0, hadir: 0, alpa: 0, cuti: 0, late: 0, early: 0 };
    if (d.status !== 'libur') w.work++;
    if (w[d.status] !== undefined) w[d.status]++;
    w.late += d.late_min;
    w.early += d.early_min;
    want.set(d.nip, w);
  }
  assert.ok(want.size > 5);
  for (const [nip, w] of want) {
    const x = byNip.get(nip);
    assert.ok(x, `${nip} is in the recap`);
    assert.deepEqual([+x[4], +x[5], +x[9], +x[13], +x[14], +x[15]], [w.work, w.hadir, w.cuti, w.alpa, w.late, w.early], nip);
  }
  const p = byNip.get(P);
  assert.deepEqual(p.slice(4, 16).map(Number), [3, 2, 0, 0, 0, 0, 0, 0, 0, 1, 42, 30]);
  const bp = tppBp({ workingDays: 3, late: 42, early: 30, alpa: 1 }, { cap: 300, alpa: 300, cut: 25 });
  assert.equal(p[16], (bp.total / 100).toFixed(2));
  assert.equal(p[16], '41.33');
});

test('XLSX: a workbook with the recap sheet (title, header, frozen panes) and the per-day grid', async () => {
  const r = await fetch(`${s.url}/api/v1/recap?unit=${BODY}&month=${MONTH}&format=xlsx`, { headers: kepala.headers });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="rekap-${BODY}-${MONTH}.xlsx"`);
  const buf = Buffer.from(await r.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK', 'a zip file');
  const files = unzip(buf);
  assert.ok(files.has('xl/workbook.xml'));
  const wb = files.get('xl/workbook.xml').toString('utf8');
  assert.match(wb, /<sheet name="Rekap"/);
  assert.match(wb, /<sheet name="Harian"/);
  const shared = sharedStrings(files);
  const xml1 = files.get('xl/worksheets/sheet1.xml').toString('utf8');
  assert.match(xml1, /<pane [^>]*ySplit="4"[^>]*state="frozen"/, 'header and NIP/name frozen');
  const rows = sheetRows(xml1, shared);
  assert.match(rows[1].A, /^Rekap Kehadiran Bulanan - .* - November 2026$/);
  assert.equal(rows[4].A, 'NIP');
  assert.equal(rows[4].N, 'Alpa');
  const mine = Object.values(rows).find((c) => c.A === P);
  assert.ok(mine, 'the pegawai has a row');
  assert.equal(mine.B, pegawai.user.name);
  assert.deepEqual([mine.E, mine.F, mine.N, mine.O, mine.P, mine.Q], [3, 2, 1, 42, 30, 41.33]);
  const csv = (await getCsv(kepala, `/recap?unit=${BODY}&month=${MONTH}&format=csv`)).rows;
  const people = Object.values(rows).filter((c) => /^\d{18}$/.test(c.A ?? ''));
  assert.equal(people.length, csv.length - 1, 'the same people as the CSV');
  const total = Object.values(rows).find((c) => c.A === 'Jumlah');
  assert.equal(total.N, csv.slice(1).reduce((n, x) => n + Number(x[13]), 0), 'alpa total');
  // The per-day grid: day columns C.. for day 1.., codes H and A for the pegawai.
  const grid = sheetRows(files.get('xl/worksheets/sheet2.xml').toString('utf8'), shared);
  assert.equal(grid[4].C, 1);
  const g = Object.values(grid).find((c) => c.A === P);
  assert.equal(g.E, 'H');   // day 3
  assert.equal(g.F, 'H');   // day 4
  assert.equal(g.G, 'A');   // day 5
  assert.ok(g.H === undefined || g.H === null || g.H === '', 'day 6 is not closed');
  // Per unit: the people of each unit summed; the pegawai's unit holds their alpa day.
  assert.match(wb, /<sheet name="Per unit"/);
  const units = sheetRows(files.get('xl/worksheets/sheet3.xml').toString('utf8'), shared);
  assert.equal(units[4].C, 'Pegawai');
  const unitRows = Object.values(units).filter((c) => typeof c.C === 'number');
  assert.equal(unitRows.reduce((n, c) => n + c.C, 0), people.length, 'everyone once');
  const mineUnit = unitRows.find((c) => c.A === UNIT);
  assert.ok(mineUnit, `a row for ${UNIT}`);
  const ofUnit = csv.slice(1).filter((x) => x[3] === UNIT);
  assert.equal(mineUnit.C, ofUnit.length);
  assert.equal(mineUnit.M, ofUnit.reduce((n, x) => n + Number(x[13]), 0), 'alpa of the unit');
});

test('TPP: deductions per employee agree with the scheme; a running sedang sanction cuts 25%', async () => {
  const b = await ok(s.url, kepala, `/tpp?unit=${UNIT}&month=${MONTH}`);
  assert.equal(b.unit.code, UNIT);
  assert.equal(b.month, MONTH);
  assert.equal(b.days, 30);
  assert.equal(b.closed_dates, 3);
  assert.deepEqual([b.scheme.cap_minutes_per_day, b.scheme.unexcused_day_minutes, b.scheme.sedang_cut_pct], [300, 300, 25]);
  const p = b.items.find((x) => x.nip === P);
  assert.ok(p, JSON.stringify(b.items.slice(0, 2)));
  assert.equal(p.working_days, 3);
  assert.equal(p.cap_minutes, 900);
  assert.equal(p.deduction_minutes, 42 + 30 + 300);
  assert.equal(p.deduction_percent, 41.33);
  assert.equal(p.sanction_cut_percent, 0);
  assert.equal(p.sanction_code, null);
  assert.equal(p.total_percent, 41.33);
  // A sedang sanction running over the month (set through the discipline case API).
  const c = await call(s.url, admin, 'POST', `/employees/${P}/discipline-cases`, {
    sanction_code: 'potongan_tpp_25_6', sanction_from: '2026-10-01', sanction_until: '2027-03-31', note: 'test' });
  assert.equal(c.status, 201, c.text);
  const b2 = await ok(s.url, kepala, `/tpp?unit=${UNIT}&month=${MONTH}`);
  const p2 = b2.items.find((x) => x.nip === P);
  const want = tppBp({ workingDays: 3, late: 42, early: 30, alpa: 1, sedang: true }, { cap: 300, alpa: 300, cut: 25 });
  assert.equal(p2.sanction_cut_percent, 25);
  assert.equal(p2.sanction_code, 'potongan_tpp_25_6');
  assert.equal(p2.deduction_percent, 41.33);
  assert.equal(p2.total_percent, want.total / 100);
  assert.equal(p2.total_percent, 56);
  // Not in a month the sanction does not reach.
  const b3 = await ok(s.url, kepala, `/tpp?unit=${UNIT}&month=2026-09`);
  const p3 = b3.items.find((x) => x.nip === P);
  assert.equal(p3.sanction_cut_percent, 0);
  assert.equal(p3.working_days, 0);
  assert.equal(p3.total_percent, 0);
});

test('the scheme is data: admin_bkd changes it (audited), the figures follow, others may not', async () => {
  const before = await ok(s.url, pegawai, '/tpp/scheme');
  assert.equal(before.cap_minutes_per_day, 300);
  assertError(await call(s.url, kepala, 'PUT', '/tpp/scheme', { cap_minutes_per_day: 450 }), 403, 'forbidden');
  assertError(await call(s.url, admin, 'PUT', '/tpp/scheme', { cap_minutes_per_day: 0 }), 422, 'invalid', 'cap_minutes_per_day');
  assertError(await call(s.url, admin, 'PUT', '/tpp/scheme', { sedang_cut_pct: 101 }), 422, 'invalid', 'sedang_cut_pct');
  assertError(await call(s.url, admin, 'PUT', '/tpp/scheme', { valid_from: '2026-02-30' }), 422, 'invalid', 'valid_from');
  assertError(await call(s.url, admin, 'PUT', '/tpp/scheme', { legal_reference: '' }), 422, 'invalid', 'legal_reference');
  assertError(await call(s.url, admin, 'PUT', '/tpp/scheme', { cap_minutes_per_day: 1e12 }), 422, 'invalid', 'cap_minutes_per_day');
  assertError(await call(s.url, admin, 'PUT', '/tpp/scheme', { cap: 1 }), 422);
  const r = await call(s.url, admin, 'PUT', '/tpp/scheme', {
    cap_minutes_per_day: 450, unexcused_day_minutes: 450, sedang_cut_pct: 50, valid_from: '2026-11-01',
    legal_reference: 'Pergub DKI (uji)' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.updated_by, 'admin.bkd');
  const b = await ok(s.url, kepala, `/tpp?unit=${UNIT}&month=${MONTH}`);
  assert.equal(b.scheme.legal_reference, 'Pergub DKI (uji)');
  const p = b.items.find((x) => x.nip === P);
  const want = tppBp({ workingDays: 3, late: 42, early: 30, alpa: 1, sedang: true }, { cap: 450, alpa: 450, cut: 50 });
  assert.equal(p.cap_minutes, 1350);
  assert.equal(p.deduction_minutes, 522);
  assert.equal(p.deduction_percent, want.attendance / 100);
  assert.equal(p.total_percent, want.total / 100);
  const audit = await ok(s.url, admin, '/audit/entries?limit=20');
  const e = (audit.items || audit.entries || []).find((x) => x.action === 'tpp.scheme');
  assert.ok(e, `audited: ${JSON.stringify(audit).slice(0, 300)}`);
  const back = await call(s.url, admin, 'PUT', '/tpp/scheme', {
    cap_minutes_per_day: 300, unexcused_day_minutes: 300, sedang_cut_pct: 25, valid_from: before.valid_from,
    legal_reference: before.legal_reference });
  assert.equal(back.status, 200);
});

test('access: heads for their body, supervisors for their line, never a plain employee or another body', async () => {
  // inspektorat and admin_bkd: any unit.
  await ok(s.url, inspektur, `/tpp?unit=${BODY}&month=${MONTH}`);
  const r = await call(s.url, admin, 'GET', `/recap?unit=${UNIT}&month=${MONTH}&format=csv`);
  assert.equal(r.status, 200);
  // A plain employee: refused, for their own unit too.
  assertError(await call(s.url, pegawai, 'GET', `/recap?unit=${UNIT}&month=${MONTH}&format=csv`), 403, 'forbidden');
  assertError(await call(s.url, pegawai, 'GET', `/tpp?unit=${UNIT}&month=${MONTH}`), 403, 'forbidden');
  // kepala_opd of one body: not another body.
  const units = await ok(s.url, admin, '/units');
  const other = units.items.flatMap((u) => [u, ...(u.children || [])]).find((u) => u.code !== BODY
    && !(u.children || []).some((c) => c.code === BODY) && u.code !== units.items[0].code);
  assert.ok(other, 'another unit');
  assertError(await call(s.url, kepala, 'GET', `/tpp?unit=${other.code}&month=${MONTH}`), 403, 'forbidden');
  assertError(await call(s.url, kepala, 'GET', `/recap?unit=${other.code}&month=${MONTH}&format=xlsx`), 403, 'forbidden');
  // A supervisor: their own unit, only the people below them (and themself).
  const mine = await ok(s.url, atasan, `/tpp?unit=${atasan.user.unit.code}&month=${MONTH}`);
  assert.ok(mine.items.length >= 2);
  const below = new Set((await ok(s.url, atasan, `/attendance?unit=${atasan.user.unit.code}&from=${D1}&to=${D3}&limit=1000`))
    .items.map((x) => x.nip));
  for (const x of mine.items) assert.ok(below.has(x.nip) || x.nip === A, `${x.nip} is in the supervisor's line`);
  assert.ok(mine.items.some((x) => x.nip === P), 'the pegawai is below the atasan');
  // Not signed in.
  assertError(await call(s.url, null, 'GET', `/tpp?unit=${UNIT}&month=${MONTH}`), 401);
});

test('bad requests are 4xx JSON errors', async () => {
  assertError(await call(s.url, admin, 'GET', `/recap?month=${MONTH}&format=csv`), 422, 'invalid', 'unit');
  assertError(await call(s.url, admin, 'GET', `/recap?unit=NOPE-XYZ&month=${MONTH}&format=csv`), 404, 'not_found', 'unit');
  assertError(await call(s.url, admin, 'GET', `/recap?unit=${UNIT}&month=2026-13&format=csv`), 422, 'invalid', 'month');
  assertError(await call(s.url, admin, 'GET', `/recap?unit=${UNIT}&format=csv`), 422, 'invalid', 'month');
  assertError(await call(s.url, admin, 'GET', `/recap?unit=${UNIT}&month=${MONTH}&format=pdf`), 422, 'invalid', 'format');
  assertError(await call(s.url, admin, 'GET', `/tpp?unit=${UNIT}&month=November`), 422, 'invalid', 'month');
  assertError(await call(s.url, admin, 'GET', `/tpp?month=${MONTH}`), 422, 'invalid', 'unit');
  assertError(await call(s.url, admin, 'POST', `/tpp?unit=${UNIT}&month=${MONTH}`, {}), 405);
});
