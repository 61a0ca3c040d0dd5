// CSV import over the API: POST /api/v1/import/{units|employees} with a
// text/csv body, ?dry_run=true. A refused file lists every bad row and writes
// nothing at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, login, call, get, ok, assertError, flattenTree, freshNip, freshCode,
} from './_helpers.mjs';

let s, admin, kepala, atasan;
let flat;
before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  kepala = await login(s.url, 'kepala.bappeda');
  atasan = await login(s.url, 'atasan.bappeda');
  flat = flattenTree((await ok(s.url, admin, '/units')).items);
});
after(async () => { await s?.stop(); });

const UNIT_HEADER = 'kode,nama,induk_kode,jenis,layanan_tatap_muka,lat,lon,radius_m';
const EMP_HEADER = 'nip,nama,jenis_pegawai,golongan,jabatan,jenis_jabatan,unit_kode,atasan_nip,tmt_jabatan,domisili_lat,domisili_lon';
const csv = (lines) => `${lines.join('\n')}\n`;
const cell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const imp = (kind, body, query = '', auth = admin, type = 'text/csv') =>
  call(s.url, auth, 'POST', `/import/${kind}${query}`, body, { 'content-type': type });
const checkpointSize = async () => (await ok(s.url, null, '/audit/checkpoint')).size;
const employeeTotal = async () => (await ok(s.url, admin, '/employees?per_page=1')).total;

test('a good units file imports (200 imported N) and the units then exist', async () => {
  const root = flat[0].u.code;
  const a = freshCode('IMPA'), b = freshCode('IMPB'), c = freshCode('IMPC');
  const size = await checkpointSize();
  const r = await imp('units', csv([UNIT_HEADER,
    `${a},Dinas Uji Impor,${root},dinas,ya,-6.18,106.82,200`,
    `${b},"Bidang ""Satu"", Impor",${a},bidang,tidak,,,`,
    `${c},Seksi Impor,${b},seksi,0,-6.2,106.85,`]));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { imported: 3, dry_run: false });
  const ua = await ok(s.url, admin, `/units/${a}`);
  assert.equal(ua.name, 'Dinas Uji Impor');
  assert.equal(ua.kind, 'dinas');
  assert.equal(ua.face_to_face, true);
  assert.equal(ua.radius_m, 200);
  assert.deepEqual(ua.path.map((p) => p.code), [root]);
  const ub = await ok(s.url, admin, `/units/${b}`);
  assert.equal(ub.name, 'Bidang "Satu", Impor', 'quoted CSV cells');
  assert.equal(ub.lat, null);
  const uc = await ok(s.url, admin, `/units/${c}`);
  assert.deepEqual(uc.path.map((p) => p.code), [root, a, b]);
  assert.equal(uc.radius_m, 100, 'default radius');
  assert.equal(await checkpointSize(), size + 1, 'one audit entry for the import');
  // Importing again updates in place (same codes, new names).
  const again = await imp('units', csv([UNIT_HEADER, `${b},Bidang Berganti Nama,${a},bidang,tidak,,,`]));
  assert.equal(again.status, 200, again.text);
  assert.equal((await ok(s.url, admin, `/units/${b}`)).name, 'Bidang Berganti Nama');
  assert.deepEqual((await ok(s.url, admin, `/units/${c}`)).path.map((p) => p.code), [root, a, b]);
});

test('a dry run checks the file and writes nothing', async () => {
  const code = freshCode('DRY');
  const size = await checkpointSize();
  for (const q of ['?dry_run=true', '?dry_run=1']) {
    const r = await imp('units', csv([UNIT_HEADER, `${code},Unit Kering,,badan,tidak,,,`]), q);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { imported: 1, dry_run: true });
  }
  assertError(await get(s.url, admin, `/units/${code}`), 404);
  const nip = await freshNip(s.url, admin);
  const e = await imp('employees', csv([EMP_HEADER,
    `${nip},Pegawai Kering,pns,III/a,Pelaksana,pelaksana,${atasan.user.unit.code},${atasan.user.nip},2024-01-01,,`]), '?dry_run=true');
  assert.equal(e.status, 200, e.text);
  assert.equal(e.body.dry_run, true);
  assertError(await get(s.url, admin, `/employees/${nip}`), 404);
  assert.equal(await checkpointSize(), size, 'no audit entry for a dry run');
  // A dry run of a bad file still lists the problems.
  const bad = await imp('units', csv([UNIT_HEADER, `${code},Unit,NO-SUCH-PARENT,badan,tidak,,,`]), '?dry_run=true');
  assertError(bad, 422, 'invalid_rows');
  assert.equal(bad.body.rows[0].column, 'induk_kode');
});

test('a bad employees file answers 422 invalid_rows listing every bad row, and writes nothing', async () => {
  const unit = atasan.user.unit.code;
  const n = [];
  for (let i = 0; i < 6; i++) n.push(await freshNip(s.url, admin));
  const [goodNip, dupNip, aNip, bNip, unitNip, ghostSup] = n;
  const total = await employeeTotal();
  const size = await checkpointSize();
  const row = (nip, name, unitCode, sup) => `${nip},${name},pns,III/a,Pelaksana,pelaksana,${unitCode},${sup},2024-01-01,,`;
  const r = await imp('employees', csv([EMP_HEADER,
    row(goodNip, 'Baik Sekali', unit, atasan.user.nip), // line 2: fine on its own
    row('19900101201501100X', 'NIP Rusak', unit, atasan.user.nip), // 3: bad NIP
    row(unitNip, 'Unit Hilang', 'NO-SUCH-UNIT', atasan.user.nip), // 4: unknown unit
    row(dupNip, 'Atasan Hantu', unit, ghostSup), // 5: unknown supervisor
    row(dupNip, 'Kembar', unit, atasan.user.nip), // 6: duplicate NIP in the file
    row(aNip, 'Lingkar A', unit, bNip), // 7: cycle between two new rows
    row(bNip, 'Lingkar B', unit, aNip), // 8
  ]));
  assertError(r, 422, 'invalid_rows', null);
  assert.ok(Array.isArray(r.body.rows));
  assert.equal(r.body.total_problems, r.body.rows.length);
  for (const p of r.body.rows) {
    assert.equal(typeof p.line, 'number');
    for (const k of ['column', 'message_id', 'message_en']) assert.equal(typeof p[k], 'string', k);
    assert.ok(p.message_id.length > 0 && p.message_en.length > 0);
  }
  const has = (line, column) => r.body.rows.some((p) => p.line === line && p.column === column);
  assert.ok(has(3, 'nip'), 'bad NIP on line 3');
  assert.ok(has(4, 'unit_kode'), 'unknown unit on line 4');
  assert.ok(has(5, 'atasan_nip'), 'unknown supervisor on line 5');
  assert.ok(has(6, 'nip'), 'duplicate NIP on line 6');
  assert.ok(!r.body.rows.some((p) => p.line === 2), 'the good row has no problem');
  // Nothing written: not even the good row, no audit entry.
  for (const nip of [goodNip, unitNip, dupNip, aNip, bNip]) assertError(await get(s.url, admin, `/employees/${nip}`), 404);
  assert.equal(await employeeTotal(), total);
  assert.equal(await checkpointSize(), size);
  // The cycle: each of its rows is named (row 7 names a supervisor further down the file).
  assert.ok(has(7, 'atasan_nip') && has(8, 'atasan_nip'), `both rows of the cycle: ${JSON.stringify(r.body.rows)}`);
  assert.ok(r.body.rows.filter((p) => p.line >= 7).every((p) => !/neither in the file/.test(p.message_en)),
    'rows 7 and 8 reference each other, both in the file');
  const lines = new Set(r.body.rows.map((p) => p.line));
  assert.deepEqual([...lines].sort(), [3, 4, 5, 6, 7, 8]);
});

test('a file row that closes a supervisor cycle with existing employees is refused', async () => {
  // atasan reports to someone above; making that person report to the atasan's
  // own subordinate would close a loop through rows already in the database.
  const at = await ok(s.url, admin, `/employees/${atasan.user.nip}`);
  const boss = await ok(s.url, admin, `/employees/${at.supervisor.nip}`);
  const sub = (await ok(s.url, atasan, '/employees?per_page=200')).items.find((e) => e.nip !== atasan.user.nip);
  assert.ok(sub, 'the atasan has a subordinate');
  const r = await imp('employees', csv([EMP_HEADER,
    [boss.nip, boss.name, boss.employment, boss.golongan, boss.position.name, boss.position.kind, boss.unit.code, sub.nip,
      boss.appointed_on, '', ''].map(cell).join(',')]));
  assertError(r, 422, 'invalid_rows');
  assert.ok(r.body.rows.some((p) => p.line === 2 && p.column === 'atasan_nip'), JSON.stringify(r.body.rows));
  assert.equal((await ok(s.url, admin, `/employees/${boss.nip}`)).supervisor?.nip, boss.supervisor?.nip);
});

test('a missing column is reported on the header line and nothing is written', async () => {
  const nip = await freshNip(s.url, admin);
  const header = EMP_HEADER.replace(',golongan', '');
  const r = await imp('employees', csv([header,
    `${nip},Tanpa Golongan,pns,Pelaksana,pelaksana,${atasan.user.unit.code},${atasan.user.nip},2024-01-01,,`]));
  assertError(r, 422, 'invalid_rows');
  assert.ok(r.body.rows.some((p) => p.line === 1 && p.column === 'golongan'), JSON.stringify(r.body.rows));
  assertError(await get(s.url, admin, `/employees/${nip}`), 404);
  const u = await imp('units', csv(['kode,nama,jenis', `${freshCode()},X,bidang`]));
  assertError(u, 422, 'invalid_rows');
  for (const col of ['induk_kode', 'layanan_tatap_muka', 'lat', 'lon', 'radius_m']) {
    assert.ok(u.body.rows.some((p) => p.line === 1 && p.column === col), col);
  }
});

test('a good employees file imports and the employees then exist with their supervisors', async () => {
  const unit = atasan.user.unit.code;
  const [boss, staff] = [await freshNip(s.url, admin), await freshNip(s.url, admin)];
  const r = await imp('employees', csv([EMP_HEADER,
    `${boss},Kepala Impor,pns,IV/a,Kepala Subbidang,pengawas,${unit},${atasan.user.nip},2023-01-01,,`,
    `${staff},Staf Impor,pns,II/c,Pengadministrasi Umum,pelaksana,${unit},${boss},2024-02-01,-6.2,106.8`]));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { imported: 2, dry_run: false });
  const st = await ok(s.url, admin, `/employees/${staff}`);
  assert.equal(st.supervisor.nip, boss);
  assert.equal(st.has_domicile, true);
  assert.equal(st.position.name, 'Pengadministrasi Umum');
  const b = await ok(s.url, admin, `/employees/${boss}`);
  assert.equal(b.supervisor.nip, atasan.user.nip);
  assert.equal(b.subordinates, 1);
  assert.equal((await get(s.url, atasan, `/employees/${staff}`)).status, 200, 'the new chain is below the atasan');
  // Re-importing an existing NIP updates it.
  const again = await imp('employees', csv([EMP_HEADER,
    `${staff},Staf Impor Berganti,pns,III/a,Pengadministrasi Umum,pelaksana,${unit},${atasan.user.nip},2024-02-01,,`]));
  assert.equal(again.status, 200, again.text);
  const st2 = await ok(s.url, admin, `/employees/${staff}`);
  assert.equal(st2.name, 'Staf Impor Berganti');
  assert.equal(st2.supervisor.nip, atasan.user.nip);
  assert.equal(st2.has_domicile, false);
});

test('a supervisor that comes later in the same file is found', async () => {
  // The problem text says "neither in the file nor in the database": a row
  // further down the file must count as "in the file".
  const unit = atasan.user.unit.code;
  const [boss, staff] = [await freshNip(s.url, admin), await freshNip(s.url, admin)];
  const r = await imp('employees', csv([EMP_HEADER,
    `${staff},Staf Dulu,pns,II/c,Pengadministrasi Umum,pelaksana,${unit},${boss},2024-02-01,,`,
    `${boss},Kepala Belakangan,pns,IV/a,Kepala Subbidang,pengawas,${unit},${atasan.user.nip},2023-01-01,,`]));
  assert.equal(r.status, 200, r.text);
  assert.equal((await ok(s.url, admin, `/employees/${staff}`)).supervisor.nip, boss);
});

test('a parent unit that comes later in the same file is found', async () => {
  const child = freshCode('FWDC'), parent = freshCode('FWDP');
  const u = await imp('units', csv([UNIT_HEADER, `${child},Anak Dulu,${parent},seksi,tidak,,,`,
    `${parent},Induk Belakangan,,badan,tidak,,,`]));
  assert.equal(u.status, 200, u.text);
  assert.equal((await ok(s.url, admin, `/units/${child}`)).parent_code, parent);
});

test('a semicolon-delimited file (spreadsheet export) imports, with a BOM and CRLF', async () => {
  const root = flat[0].u.code;
  const a = freshCode('SEMI');
  const body = `\uFEFF${UNIT_HEADER.replaceAll(',', ';')}\r\n${a};Unit Titik Koma;${root};bidang;ya;-6,2;;\r\n`;
  const bad = await imp('units', body);
  // "-6,2" is not a decimal number with a dot; with lon empty it is refused.
  assertError(bad, 422, 'invalid_rows');
  const good = `\uFEFF${UNIT_HEADER.replaceAll(',', ';')}\r\n${a};Unit Titik Koma, Jakarta;${root};bidang;ya;-6.2;106.8;300\r\n`;
  const r = await imp('units', good);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.imported, 1);
  const u = await ok(s.url, admin, `/units/${a}`);
  assert.equal(u.name, 'Unit Titik Koma, Jakarta');
  assert.equal(u.radius_m, 300);
  assert.equal(u.parent_code, root);
});

test('a units file that would make a cycle with existing units is refused', async () => {
  const top = flat.find((f) => f.depth === 0 && f.u.children.length > 0).u;
  const child = top.children[0];
  const r = await imp('units', csv([UNIT_HEADER, `${top.code},${top.name},${child.code},${top.kind},tidak,,,`]));
  assertError(r, 422, 'invalid_rows');
  assert.ok(r.body.rows.some((p) => p.line === 2 && p.column === 'induk_kode'), JSON.stringify(r.body.rows));
  const d = await ok(s.url, admin, `/units/${encodeURIComponent(top.code)}`);
  assert.equal(d.parent_code, null);
  // And a cycle inside the file, and a duplicate code.
  const x = freshCode('CYX'), y = freshCode('CYY');
  const r2 = await imp('units', csv([UNIT_HEADER, `${x},X,${y},bidang,tidak,,,`, `${y},Y,${x},bidang,tidak,,,`,
    `${y},Y lagi,,bidang,tidak,,,`]));
  assertError(r2, 422, 'invalid_rows');
  assert.ok(r2.body.rows.some((p) => p.line === 4 && p.column === 'kode'), 'duplicate code on line 4');
  assertError(await get(s.url, admin, `/units/${x}`), 404);
});

test('bad unit rows are listed with line and column', async () => {
  const r = await imp('units', csv([UNIT_HEADER,
    `${freshCode()},,,bidang,tidak,,,`, // 2: no name
    `${freshCode()},Jenis Salah,,kementerian,tidak,,,`, // 3: kind
    `${freshCode()},Koordinat,,bidang,tidak,51.5,-0.1,`, // 4: outside Indonesia
    `${freshCode()},Radius,,bidang,tidak,-6.2,106.8,lebar`, // 5: radius
    `${freshCode()},Tatap,,bidang,mungkin,,,`, // 6: bool
    `bad code!,Kode,,bidang,tidak,,,`, // 7: code
  ]));
  assertError(r, 422, 'invalid_rows');
  const has = (line, column) => r.body.rows.some((p) => p.line === line && p.column === column);
  assert.ok(has(2, 'nama'));
  assert.ok(has(3, 'jenis'));
  assert.ok(has(4, 'lat') && has(4, 'lon'));
  assert.ok(has(5, 'radius_m'));
  assert.ok(has(6, 'layanan_tatap_muka'));
  assert.ok(has(7, 'kode'));
});

test('malformed CSV and an empty body are refused with 422', async () => {
  const r = await imp('units', `${UNIT_HEADER}\n"unterminated,quote,,bidang,tidak,,,\n`);
  assertError(r, 422, 'invalid_rows');
  assertError(await imp('units', ''), 422, 'invalid_rows');
});

test('only admin_bkd may import (403) and the body must be CSV (415)', async () => {
  const body = csv([UNIT_HEADER, `${freshCode()},Unit,,badan,tidak,,,`]);
  assertError(await imp('units', body, '', kepala), 403, 'forbidden');
  assertError(await imp('employees', body, '', atasan), 403, 'forbidden');
  assertError(await imp('units', body, '', null), 401, 'unauthorized');
  assertError(await imp('units', body, '', admin, 'application/json'), 415, 'unsupported_media_type');
  assertError(await imp('units', body, '', admin, 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
  assertError(await call(s.url, admin, 'POST', '/import/units', Buffer.from(body)), 415, 'unsupported_media_type');
  const charset = await imp('units', body, '?dry_run=true', admin, 'text/csv; charset=utf-8');
  assert.equal(charset.status, 200, charset.text);
});
