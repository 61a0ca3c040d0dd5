// Employees: search (unit filter, q, pages), one employee, create and change
// (GET/POST /api/v1/employees, GET/POST/PATCH /api/v1/employees/{nip}).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import {
  startServer, login, call, get, ok, assertError, allEmployees, flattenTree, subtreeCodes, freshNip, below, isPg,
} from './_helpers.mjs';

let s, admin, kepala, atasan, pegawai;
let everyone, flat;
before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  kepala = await login(s.url, 'kepala.bappeda');
  atasan = await login(s.url, 'atasan.bappeda');
  pegawai = await login(s.url, 'pegawai.bappeda');
  everyone = await allEmployees(s.url, admin);
  flat = flattenTree((await ok(s.url, admin, '/units')).items);
});
after(async () => { await s?.stop(); });

const post = (auth, body, path = '/employees') => call(s.url, auth, 'POST', path, body);
const patch = (auth, nip, body) => call(s.url, auth, 'PATCH', `/employees/${nip}`, body);
const unitOf = (code) => flat.find((f) => f.u.code === code);

// A valid new employee in unit, reporting to supervisor.
async function newEmployee(unit, supervisor, extra = {}) {
  const nip = await freshNip(s.url, admin);
  const body = { nip, name: `Pegawai Uji ${nip.slice(-4)}`, employment: 'pns', golongan: 'III/a',
    position_name: 'Analis Kebijakan Ahli Pertama', position_kind: 'fungsional', unit_code: unit,
    supervisor_nip: supervisor, appointed_on: '2024-01-02', ...extra };
  const r = await post(admin, body);
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('the list has items, total, page and per_page, ordered by name', async () => {
  const b = await ok(s.url, admin, '/employees');
  assert.equal(b.page, 1);
  assert.equal(b.per_page, 50);
  assert.equal(b.items.length, 50);
  assert.equal(b.total, everyone.length);
  const e = b.items[0];
  for (const k of ['nip', 'name', 'employment', 'golongan', 'appointed_on']) assert.equal(typeof e[k], 'string', k);
  assert.equal(typeof e.position.name, 'string');
  assert.equal(typeof e.unit.code, 'string');
  assert.equal(typeof e.active, 'boolean');
  assert.ok('supervisor' in e);
  const names = everyone.map((x) => x.name.toLowerCase());
  assert.deepEqual(names, [...names].sort((a, c) => (a < c ? -1 : a > c ? 1 : 0)), 'ordered by name');
  assert.equal(new Set(everyone.map((x) => x.nip)).size, everyone.length, 'no employee twice across pages');
});

test('pages: page/per_page slice the same ordered list; past the end is empty', async () => {
  const p2 = await ok(s.url, admin, '/employees?page=2&per_page=7');
  assert.equal(p2.page, 2);
  assert.equal(p2.per_page, 7);
  assert.deepEqual(p2.items.map((e) => e.nip), everyone.slice(7, 14).map((e) => e.nip));
  const last = Math.ceil(everyone.length / 200);
  const lp = await ok(s.url, admin, `/employees?page=${last}&per_page=200`);
  assert.equal(lp.items.length, everyone.length - (last - 1) * 200);
  const past = await ok(s.url, admin, `/employees?page=${last + 5}&per_page=200`);
  assert.deepEqual(past.items, []);
  assert.equal(past.total, everyone.length);
  assert.equal((await ok(s.url, admin, '/employees?per_page=200')).items.length, Math.min(200, everyone.length));
});

test('per_page over 200, zero or junk, and page 0, answer 422', async () => {
  for (const q of ['per_page=201', 'per_page=1000', 'per_page=0', 'per_page=-5', 'per_page=ten', 'page=0',
    'page=-1', 'page=1.5', 'page=2x']) {
    assertError(await get(s.url, admin, `/employees?${q}`), 422, 'invalid');
  }
});

test('a per_page error names per_page, not page', async () => {
  assertError(await get(s.url, admin, '/employees?per_page=201'), 422, 'invalid', 'per_page');
});

test('the unit filter includes sub-units; an unknown unit is refused', async () => {
  const parent = flat.find((f) => f.u.children.length > 0 && f.u.children.some((c) => c.employees > 0));
  const codes = new Set(subtreeCodes(parent.u));
  const got = await allEmployees(s.url, admin, `unit=${encodeURIComponent(parent.u.code)}`);
  const want = everyone.filter((e) => codes.has(e.unit.code));
  assert.deepEqual(got.map((e) => e.nip).sort(), want.map((e) => e.nip).sort());
  assert.ok(got.some((e) => e.unit.code !== parent.u.code), 'employees of sub-units are included');
  const leaf = flat.find((f) => f.u.children.length === 0 && f.u.employees > 0);
  const only = await allEmployees(s.url, admin, `unit=${encodeURIComponent(leaf.u.code)}`);
  assert.ok(only.length > 0 && only.every((e) => e.unit.code === leaf.u.code));
  const r = await get(s.url, admin, '/employees?unit=NO-SUCH-UNIT');
  assertError(r, 404, 'unknown_unit', 'unit');
});

test('q finds a name substring case-insensitively and a NIP prefix', async () => {
  const someone = everyone.find((e) => /^[A-Za-z ]+$/.test(e.name) && e.name.split(' ').some((w) => w.length >= 4));
  assert.ok(someone, 'an ASCII name');
  const word = someone.name.split(' ').find((w) => w.length >= 4);
  const part = word.slice(1, 4);
  for (const q of [part.toUpperCase(), part.toLowerCase()]) {
    const got = await allEmployees(s.url, admin, `q=${encodeURIComponent(q)}`);
    const want = everyone.filter((e) => e.name.toLowerCase().includes(part.toLowerCase()) || e.nip.startsWith(q));
    assert.deepEqual(got.map((e) => e.nip).sort(), want.map((e) => e.nip).sort(), `q=${q}`);
    assert.ok(got.some((e) => e.nip === someone.nip));
  }
  const prefix = someone.nip.slice(0, 8);
  const byNip = await allEmployees(s.url, admin, `q=${prefix}`);
  const want = everyone.filter((e) => e.nip.startsWith(prefix) || e.name.toLowerCase().includes(prefix));
  assert.deepEqual(byNip.map((e) => e.nip).sort(), want.map((e) => e.nip).sort());
  const exact = await ok(s.url, admin, `/employees?q=${someone.nip}`);
  assert.deepEqual(exact.items.map((e) => e.nip), [someone.nip]);
  // A NIP is matched from its start only, and LIKE wildcards are plain text.
  const middle = someone.nip.slice(4, 14);
  assert.ok((await ok(s.url, admin, `/employees?q=${middle}`)).items.every((e) => e.nip.startsWith(middle) || e.name.includes(middle)));
  assert.equal((await ok(s.url, admin, `/employees?q=${encodeURIComponent('%%%zzqx')}`)).total, 0);
  assert.equal((await ok(s.url, admin, '/employees?q=zzqxzzqx')).total, 0);
  // q combines with the unit filter.
  const u = someone.unit.code;
  const both = await allEmployees(s.url, admin, `q=${encodeURIComponent(part)}&unit=${encodeURIComponent(u)}`);
  assert.ok(both.some((e) => e.nip === someone.nip));
  assert.ok(both.every((e) => e.name.toLowerCase().includes(part.toLowerCase()) || e.nip.startsWith(part)));
  assertError(await get(s.url, admin, `/employees?q=${'a'.repeat(101)}`), 422, 'invalid', 'q');
});

test('GET /employees/{nip} gives the detail view', async () => {
  const p = await ok(s.url, admin, `/employees/${pegawai.user.nip}`);
  assert.equal(p.nip, pegawai.user.nip);
  assert.equal(p.unit.code, pegawai.user.unit.code);
  assert.equal(p.supervisor.nip, atasan.user.nip, 'the demo pegawai reports to the demo atasan');
  assert.equal(typeof p.has_domicile, 'boolean');
  assert.ok('domicile' in p);
  assert.equal(p.subordinates, 0);
  const a = await ok(s.url, admin, `/employees/${atasan.user.nip}`);
  const direct = everyone.filter((e) => e.supervisor?.nip === atasan.user.nip && e.active).length;
  assert.equal(a.subordinates, direct);
  assert.ok(direct > 0);
  const listed = everyone.find((e) => e.nip === atasan.user.nip);
  for (const k of ['name', 'employment', 'golongan', 'appointed_on', 'active']) assert.deepEqual(a[k], listed[k], k);
  assert.deepEqual(a.position, listed.position);
  assert.deepEqual(a.unit, listed.unit);
});

test('POST /employees (admin) with a valid NIP creates the employee: 201', async () => {
  const unit = pegawai.user.unit.code;
  const nip = await freshNip(s.url, admin);
  const r = await post(admin, { nip, name: 'Rina Uji Coba', employment: 'pns', golongan: 'III/b',
    position_name: 'Perencana Ahli Pertama', position_kind: 'fungsional', unit_code: unit,
    supervisor_nip: atasan.user.nip, appointed_on: '2023-07-01', domicile_lat: -6.25, domicile_lon: 106.9 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.nip, nip);
  assert.equal(r.body.position.jenjang, 'Ahli Pertama');
  assert.equal(r.body.supervisor.nip, atasan.user.nip);
  assert.equal(r.body.has_domicile, true);
  assert.equal(r.body.active, true);
  const g = await ok(s.url, admin, `/employees/${nip}`);
  assert.equal(g.name, 'Rina Uji Coba');
  assert.equal(g.golongan, 'III/b');
  assert.ok(Math.abs(g.domicile.lat + 6.25) < 1e-9);
  assert.equal((await ok(s.url, admin, '/employees?q=rina uji')).items[0]?.nip, nip);
  assert.equal((await ok(s.url, admin, `/employees/${atasan.user.nip}`)).subordinates,
    everyone.filter((e) => e.supervisor?.nip === atasan.user.nip).length + 1);
  // The path form, and a duplicate.
  const nip2 = await freshNip(s.url, admin);
  const r2 = await post(admin, { name: 'Budi PPPK', employment: 'pppk', golongan: 'IX', position_name: 'Pengadministrasi',
    position_kind: 'pelaksana', unit_code: unit, supervisor_nip: atasan.user.nip, appointed_on: '2024-03-01' },
  `/employees/${nip2.slice(0, 12)}21${nip2.slice(14)}`);
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.body.employment, 'pppk');
  assertError(await post(admin, { nip, name: 'Kembar', employment: 'pns', golongan: 'III/b', position_name: 'X',
    position_kind: 'pelaksana', unit_code: unit, supervisor_nip: atasan.user.nip, appointed_on: '2023-07-01' }), 409, 'duplicate', 'nip');
  assert.equal((await ok(s.url, admin, `/employees/${nip}`)).name, 'Rina Uji Coba');
});

test('POST /employees refuses an invalid NIP, unknown unit, unknown supervisor (422), nothing written', async () => {
  const unit = pegawai.user.unit.code;
  const base = { name: 'Tidak Jadi', employment: 'pns', golongan: 'III/a', position_name: 'Pelaksana',
    position_kind: 'pelaksana', unit_code: unit, supervisor_nip: atasan.user.nip, appointed_on: '2024-01-01' };
  const total = (await ok(s.url, admin, '/employees?per_page=1')).total;
  for (const nip of ['12345', '19900101201501100A', '199013012015011001', '199001012015131001',
    '199001012015013001', '199001012015011000', '201001012015011001', '']) {
    assertError(await post(admin, { ...base, nip }), 422, 'invalid', 'nip');
  }
  const good = await freshNip(s.url, admin);
  assertError(await post(admin, { ...base, nip: good, unit_code: 'NO-SUCH-UNIT' }), 422, 'unknown_unit', 'unit_code');
  const ghost = await freshNip(s.url, admin);
  assertError(await post(admin, { ...base, nip: good, supervisor_nip: ghost }), 422, 'unknown_supervisor', 'supervisor_nip');
  assertError(await post(admin, { ...base, nip: good, supervisor_nip: good }), 422, 'invalid', 'supervisor_nip');
  assertError(await post(admin, { ...base, nip: good, supervisor_nip: '' }), 422, 'invalid', 'supervisor_nip');
  assertError(await post(admin, { ...base, nip: good, golongan: 'V/a' }), 422, 'invalid', 'golongan');
  assertError(await post(admin, { ...base, nip: good, employment: 'honorer' }), 422, 'invalid', 'employment');
  assertError(await post(admin, { ...base, nip: good, employment: 'pppk', golongan: 'IX' }), 422, 'invalid', 'employment');
  assertError(await post(admin, { ...base, nip: good, appointed_on: '2024-02-30' }), 422, 'invalid', 'appointed_on');
  assertError(await post(admin, { ...base, nip: good, position_kind: 'menteri' }), 422, 'invalid', 'position_kind');
  assertError(await post(admin, { ...base, nip: good, domicile_lat: 10.5, domicile_lon: 106.8 }), 422, 'invalid', 'domicile_lat');
  assertError(await post(admin, { ...base, nip: good, domicile_lat: -6.2 }), 422, 'invalid', 'domicile_lat');
  assertError(await post(admin, { ...base, nip: good, salary: 1 }), 422, 'unknown_field', 'salary');
  assertError(await post(admin, { ...base, nip: good, active: 'yes' }), 422, 'wrong_type', 'active');
  assertError(await get(s.url, admin, `/employees/${good}`), 404, 'not_found', 'nip');
  assert.equal((await ok(s.url, admin, '/employees?per_page=1')).total, total);
});

test('PATCH /employees/{nip} changes fields; a supervisor cycle answers 409 and writes nothing', async () => {
  const unit = pegawai.user.unit.code;
  const top = await newEmployee(unit, atasan.user.nip);
  const mid = await newEmployee(unit, top.nip);
  const low = await newEmployee(unit, mid.nip);
  const r = await patch(admin, low.nip, { name: 'Nama Sudah Diganti', golongan: 'III/c' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, 'Nama Sudah Diganti');
  assert.equal(r.body.golongan, 'III/c');
  assert.equal(r.body.supervisor.nip, mid.nip, 'untouched fields are kept');
  // top -> under low (its grand-subordinate), top -> under mid, top -> under itself.
  for (const sup of [low.nip, mid.nip]) {
    assertError(await patch(admin, top.nip, { supervisor_nip: sup, name: 'Harus Tetap' }), 409, 'supervisor_cycle', 'supervisor_nip');
  }
  assertError(await patch(admin, top.nip, { supervisor_nip: top.nip }), 422, 'invalid', 'supervisor_nip');
  const t = await ok(s.url, admin, `/employees/${top.nip}`);
  assert.equal(t.name, top.name, 'the name in the refused change was not written');
  assert.equal(t.supervisor.nip, atasan.user.nip);
  // Unknown supervisor / unit in a PATCH: refused, nothing written.
  assertError(await patch(admin, mid.nip, { name: 'X', supervisor_nip: await freshNip(s.url, admin) }), 422, 'unknown_supervisor');
  assertError(await patch(admin, mid.nip, { name: 'X', unit_code: 'NO-SUCH-UNIT' }), 422);
  assertError(await patch(admin, mid.nip, { nip: low.nip }), 422, 'invalid', 'nip');
  const m = await ok(s.url, admin, `/employees/${mid.nip}`);
  assert.equal(m.name, mid.name);
  assert.equal(m.unit.code, unit);
  // A legal re-parenting: low directly under top.
  const ok2 = await patch(admin, low.nip, { supervisor_nip: top.nip });
  assert.equal(ok2.status, 200, ok2.text);
  assert.equal(ok2.body.supervisor.nip, top.nip);
  // Deactivating keeps the employee readable.
  const off = await patch(admin, low.nip, { active: false });
  assert.equal(off.status, 200, off.text);
  assert.equal((await ok(s.url, admin, `/employees/${low.nip}`)).active, false);
});

test('kepala_opd may PATCH employees inside their body only, and not move them out', async () => {
  const bodyCode = kepala.user.opd_unit;
  const inside = new Set(subtreeCodes(unitOf(bodyCode).u));
  const mine = everyone.find((e) => inside.has(e.unit.code) && e.nip !== kepala.user.nip && e.nip !== pegawai.user.nip);
  const theirs = everyone.find((e) => !inside.has(e.unit.code));
  const r = await patch(kepala, mine.nip, { golongan: 'IV/a' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.golongan, 'IV/a');
  assertError(await patch(kepala, theirs.nip, { golongan: 'IV/a' }), 403, 'forbidden');
  const outsideUnit = flat.find((f) => !inside.has(f.u.code)).u.code;
  assertError(await patch(kepala, mine.nip, { unit_code: outsideUnit }), 403, 'forbidden');
  assert.equal((await ok(s.url, admin, `/employees/${mine.nip}`)).unit.code, mine.unit.code);
  assert.equal((await ok(s.url, admin, `/employees/${theirs.nip}`)).golongan, theirs.golongan);
  // Creating employees is for BKD only.
  const nip = await freshNip(s.url, admin);
  assertError(await post(kepala, { nip, name: 'Baru', employment: 'pns', golongan: 'III/a', position_name: 'Pelaksana',
    position_kind: 'pelaksana', unit_code: bodyCode, supervisor_nip: kepala.user.nip, appointed_on: '2024-01-01' }), 403, 'forbidden');
});

test('pegawai and atasan may not change employee records', async () => {
  assertError(await patch(pegawai, pegawai.user.nip, { name: 'Saya Sendiri' }), 403, 'forbidden');
  const sub = [...below(everyone, atasan.user.nip)][0];
  assertError(await patch(atasan, sub, { golongan: 'IV/e' }), 403, 'forbidden');
  assert.notEqual((await ok(s.url, admin, `/employees/${pegawai.user.nip}`)).name, 'Saya Sendiri');
});

test('a NIP prefix search does not depend on the database collation', async () => {
  // A NIP is digits: prefix search must behave the same under any collation.
  // SQLite compares bytes; on PostgreSQL the check runs on a database made
  // with an ICU collation (id-ID), as a deployment may well use.
  const prefixFinds = async (url, auth, nip) => {
    for (const len of [4, 10, 17, 18]) {
      const b = await ok(url, auth, `/employees?q=${nip.slice(0, len)}&per_page=200`);
      assert.ok(b.total >= 1 && (b.total > 200 || b.items.some((e) => e.nip === nip)), `q=${nip.slice(0, len)} finds ${nip} (total ${b.total})`);
    }
  };
  if (!isPg()) {
    await prefixFinds(s.url, admin, pegawai.user.nip);
    return;
  }
  const base = process.env.FLEKSI_TEST_PG_BASE;
  const name = `fleksi_icu_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  execFileSync('psql', [base, '-qc', `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'id-ID' LOCALE 'C.utf8'`],
    { stdio: 'pipe' });
  const u = new URL(base);
  u.pathname = `/${name}`;
  const icu = await startServer({ db: u.toString() });
  try {
    const a = await login(icu.url, 'admin.bkd');
    const p = await login(icu.url, 'pegawai.bappeda');
    await prefixFinds(icu.url, a, p.user.nip);
  } finally {
    await icu.stop();
    rmSync(icu.dir, { recursive: true, force: true });
    execFileSync('psql', [base, '-qc', `DROP DATABASE IF EXISTS ${name}`], { stdio: 'pipe' });
  }
});
