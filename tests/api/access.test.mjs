// Who sees and changes what, as decided by the route table (routes.c) and
// roles_allows(): pegawai see themselves, atasan their whole chain below,
// kepala_opd their body, admin_bkd and inspektorat everything (inspektorat
// read-only), anonymous callers nothing but the public routes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, login, call, get, ok, assertError, allEmployees, flattenTree, subtreeCodes, below, freshNip, freshCode,
} from './_helpers.mjs';

let s, admin, insp, kepala, atasan, pegawai;
let everyone, flat, byNip;
before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  insp = await login(s.url, 'inspektur');
  kepala = await login(s.url, 'kepala.bappeda');
  atasan = await login(s.url, 'atasan.bappeda');
  pegawai = await login(s.url, 'pegawai.bappeda');
  everyone = await allEmployees(s.url, admin);
  byNip = new Map(everyone.map((e) => [e.nip, e]));
  flat = flattenTree((await ok(s.url, admin, '/units')).items);
});
after(async () => { await s?.stop(); });

const nips = (list) => list.map((e) => e.nip).sort();

test('admin_bkd and inspektorat see every employee', async () => {
  assert.ok(everyone.length >= 580, `${everyone.length}`);
  const seen = await allEmployees(s.url, insp);
  assert.deepEqual(nips(seen), nips(everyone));
  for (const e of [everyone[0], everyone[everyone.length - 1], byNip.get(kepala.user.nip)]) {
    assert.equal((await get(s.url, insp, `/employees/${e.nip}`)).status, 200);
    assert.equal((await get(s.url, admin, `/employees/${e.nip}`)).status, 200);
  }
});

test('pegawai sees only themself: list total 1, 403 on anyone else', async () => {
  const b = await ok(s.url, pegawai, '/employees');
  assert.equal(b.total, 1);
  assert.deepEqual(b.items.map((e) => e.nip), [pegawai.user.nip]);
  assert.equal((await ok(s.url, pegawai, `/employees?unit=${encodeURIComponent(kepala.user.opd_unit)}`)).total, 1);
  const q = byNip.get(atasan.user.nip).name.slice(0, 4);
  assert.ok((await ok(s.url, pegawai, `/employees?q=${encodeURIComponent(q)}`)).total <= 1);
  assert.equal((await get(s.url, pegawai, `/employees/${pegawai.user.nip}`)).status, 200);
  const supervisor = byNip.get(pegawai.user.nip).supervisor.nip;
  const peer = everyone.find((e) => e.supervisor?.nip === supervisor && e.nip !== pegawai.user.nip);
  for (const other of [supervisor, peer?.nip, kepala.user.nip, everyone.find((e) => e.unit.code !== pegawai.user.unit.code).nip]) {
    if (!other) continue;
    assertError(await get(s.url, pegawai, `/employees/${other}`), 403, 'forbidden');
  }
});

async function addEmployee(supervisor, name) {
  const nip = await freshNip(s.url, admin);
  const r = await call(s.url, admin, 'POST', '/employees', { nip, name, employment: 'pns', golongan: 'II/a',
    position_name: 'Pengadministrasi Umum', position_kind: 'pelaksana', unit_code: pegawai.user.unit.code,
    supervisor_nip: supervisor, appointed_on: '2024-05-01' });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('atasan sees every subordinate at all levels below, themself, and no peers', async () => {
  // Make the chain below the atasan at least four levels deep (the small demo
  // may give the atasan a single direct report).
  let sup = [...below(everyone, atasan.user.nip)].find((n) => byNip.get(n).supervisor?.nip === atasan.user.nip);
  for (let level = 0; level < 3; level++) sup = (await addEmployee(sup, `Bawahan Tingkat ${level + 2}`)).nip;
  everyone = await allEmployees(s.url, admin);
  byNip = new Map(everyone.map((e) => [e.nip, e]));
  const want = below(everyone, atasan.user.nip);
  assert.ok(want.size >= 4, `${want.size} below the atasan`);
  assert.ok(want.size > 0);
  want.add(atasan.user.nip);
  const seen = await allEmployees(s.url, atasan);
  assert.deepEqual(nips(seen), [...want].sort());
  // Direct and (where the demo has them) deeper subordinates are readable one by one.
  const direct = everyone.filter((e) => e.supervisor?.nip === atasan.user.nip);
  const deeper = [...want].filter((n) => n !== atasan.user.nip && !direct.some((d) => d.nip === n));
  for (const n of [direct[0].nip, direct.at(-1).nip, deeper[0], deeper.at(-1)].filter(Boolean)) {
    assert.equal((await get(s.url, atasan, `/employees/${n}`)).status, 200, n);
  }
  // Peers (same supervisor), the supervisor, and their subordinates are not.
  const boss = byNip.get(atasan.user.nip).supervisor.nip;
  const peers = everyone.filter((e) => e.supervisor?.nip === boss && e.nip !== atasan.user.nip);
  const peerStaff = peers.flatMap((p) => [...below(everyone, p.nip)]);
  const refused = [boss, peers[0]?.nip, peers.at(-1)?.nip, peerStaff[0]].filter(Boolean);
  assert.ok(refused.length >= 2);
  for (const n of refused) assertError(await get(s.url, atasan, `/employees/${n}`), 403, 'forbidden');
  for (const p of peers) assert.ok(!seen.some((e) => e.nip === p.nip), 'no peer in the list');
});

test('a pegawai given a subordinate becomes an atasan and sees it at once', async () => {
  const before = await ok(s.url, pegawai, '/me');
  const sub = everyone.find((e) => e.supervisor?.nip === pegawai.user.nip)?.nip;
  assert.ok(!sub || before.roles.includes('atasan'));
  const created = await addEmployee(pegawai.user.nip, 'Cucu Bawahan');
  assert.equal((await get(s.url, atasan, `/employees/${created.nip}`)).status, 200);
  assert.ok((await allEmployees(s.url, atasan, 'q=cucu bawahan')).some((e) => e.nip === created.nip));
  // The atasan role is derived per request, not frozen at login.
  const me = await ok(s.url, pegawai, '/me');
  assert.ok(me.roles.includes('atasan'), me.roles.join());
  assert.equal((await get(s.url, pegawai, `/employees/${created.nip}`)).status, 200);
  const now = await allEmployees(s.url, admin);
  assert.equal((await ok(s.url, pegawai, '/employees')).total, 1 + below(now, pegawai.user.nip).size);
  assertError(await get(s.url, pegawai, `/employees/${atasan.user.nip}`), 403, 'forbidden');
});

test('kepala_opd sees their body (all sub-units), their chain, and nothing else', async () => {
  const bodyNode = flat.find((f) => f.u.code === kepala.user.opd_unit);
  const units = new Set(subtreeCodes(bodyNode.u));
  const now = await allEmployees(s.url, admin);
  const want = new Set(now.filter((e) => units.has(e.unit.code)).map((e) => e.nip));
  for (const n of below(now, kepala.user.nip)) want.add(n);
  want.add(kepala.user.nip);
  const seen = await allEmployees(s.url, kepala);
  assert.deepEqual(nips(seen), [...want].sort());
  assert.ok(seen.length < now.length, 'not everyone');
  const outside = now.filter((e) => !want.has(e.nip));
  assert.ok(outside.length > 0);
  for (const e of [outside[0], outside.at(-1)]) assertError(await get(s.url, kepala, `/employees/${e.nip}`), 403, 'forbidden');
  const deep = seen.find((e) => e.unit.code !== kepala.user.opd_unit);
  assert.equal((await get(s.url, kepala, `/employees/${deep.nip}`)).status, 200);
  // The unit filter cannot widen the scope.
  const other = flat.find((f) => !units.has(f.u.code) && !bodyNode.ancestors.includes(f.u.code) && f.u.employees > 0).u.code;
  assert.equal((await ok(s.url, kepala, `/employees?unit=${encodeURIComponent(other)}`)).total, 0);
  if (bodyNode.ancestors.length) {
    const wide = await allEmployees(s.url, kepala, `unit=${encodeURIComponent(bodyNode.ancestors[0])}`);
    assert.deepEqual(nips(wide), [...want].sort(), 'filtering by a wider unit shows no more than the scope');
  }
});

test('inspektorat reads everything but every POST/PATCH/import is 403', async () => {
  assert.equal((await get(s.url, insp, '/audit/entries')).status, 200);
  assert.equal((await get(s.url, insp, '/units')).status, 200);
  const unit = flat[0].u.code;
  const nip = await freshNip(s.url, admin);
  const emp = { nip, name: 'Tidak Boleh', employment: 'pns', golongan: 'III/a', position_name: 'Pelaksana',
    position_kind: 'pelaksana', unit_code: unit, supervisor_nip: insp.user.nip, appointed_on: '2024-01-01' };
  const writes = [
    ['POST', '/units', { code: freshCode(), name: 'x', kind: 'bidang' }],
    ['POST', `/units/${freshCode()}`, { name: 'x', kind: 'bidang' }],
    ['PATCH', `/units/${encodeURIComponent(unit)}`, { name: 'Diubah Inspektorat' }],
    ['POST', '/employees', emp],
    ['POST', `/employees/${nip}`, { ...emp, nip: undefined }],
    ['PATCH', `/employees/${pegawai.user.nip}`, { name: 'Diubah Inspektorat' }],
    ['PATCH', `/employees/${insp.user.nip}`, { name: 'Diubah Sendiri' }],
  ];
  for (const [m, p, b] of writes) assertError(await call(s.url, insp, m, p, b), 403, 'forbidden');
  for (const kind of ['units', 'employees']) {
    assertError(await call(s.url, insp, 'POST', `/import/${kind}`, 'kode,nama\n', { 'content-type': 'text/csv' }), 403, 'forbidden');
  }
  assertError(await get(s.url, admin, `/employees/${nip}`), 404);
  assert.equal((await ok(s.url, admin, `/units/${encodeURIComponent(unit)}`)).name, flat[0].u.name);
  assert.notEqual((await ok(s.url, admin, `/employees/${pegawai.user.nip}`)).name, 'Diubah Inspektorat');
});

test('only admin_bkd and inspektorat may list audit entries', async () => {
  for (const a of [kepala, atasan, pegawai]) assertError(await get(s.url, a, '/audit/entries'), 403, 'forbidden');
  assertError(await get(s.url, null, '/audit/entries'), 401, 'unauthorized');
  assert.equal((await get(s.url, admin, '/audit/entries')).status, 200);
  // The checkpoint and proofs are public.
  assert.equal((await get(s.url, null, '/audit/checkpoint')).status, 200);
  assert.equal((await get(s.url, null, '/audit/proof?index=0&size=1')).status, 200);
});

test('every signed-in role can read the unit tree and any unit', async () => {
  for (const a of [admin, insp, kepala, atasan, pegawai]) {
    assert.equal((await get(s.url, a, '/units')).status, 200);
    assert.equal((await get(s.url, a, `/units/${encodeURIComponent(flat.at(-1).u.code)}`)).status, 200);
  }
});

test('only admin_bkd may import; non-admins get 403 before anything is read', async () => {
  for (const a of [kepala, atasan, pegawai]) {
    assertError(await call(s.url, a, 'POST', '/import/units', 'kode,nama,induk_kode,jenis,layanan_tatap_muka,lat,lon,radius_m\n',
      { 'content-type': 'text/csv' }), 403, 'forbidden');
    assertError(await call(s.url, a, 'POST', '/units', { code: freshCode(), name: 'x', kind: 'bidang' }), 403, 'forbidden');
    assertError(await call(s.url, a, 'POST', '/employees', {}), 403, 'forbidden');
  }
});

test('anonymous callers get 401 everywhere but the public routes', async () => {
  const nip = pegawai.user.nip;
  const unit = flat[0].u.code;
  for (const [m, p, b] of [['GET', '/me'], ['GET', '/units'], ['GET', `/units/${unit}`], ['GET', '/employees'],
    ['GET', `/employees/${nip}`], ['GET', '/employees/000000000000000000'], ['POST', '/units', { code: 'A', name: 'b', kind: 'bidang' }],
    ['PATCH', `/units/${unit}`, { name: 'x' }], ['POST', '/employees', {}], ['PATCH', `/employees/${nip}`, { name: 'x' }],
    ['POST', '/import/units', 'kode\n'], ['DELETE', '/session'], ['GET', '/audit/entries']]) {
    assertError(await call(s.url, null, m, p, b), 401, 'unauthorized');
  }
  assert.equal((await get(s.url, null, '/healthz')).status, 200);
  assert.equal((await get(s.url, null, '/metrics')).status, 200);
});
