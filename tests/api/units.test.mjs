// The unit tree and single units: GET /api/v1/units, GET/POST/PATCH
// /api/v1/units/{code}, POST /api/v1/units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, login, call, get, ok, assertError, flattenTree, subtreeCodes, freshCode,
} from './_helpers.mjs';

let s, admin, insp, kepala, pegawai;
let tree, flat;
before(async () => {
  s = await startServer();
  admin = await login(s.url, 'admin.bkd');
  insp = await login(s.url, 'inspektur');
  kepala = await login(s.url, 'kepala.bappeda');
  pegawai = await login(s.url, 'pegawai.bappeda');
  tree = (await ok(s.url, admin, '/units')).items;
  flat = flattenTree(tree);
});
after(async () => { await s?.stop(); });

const byCode = (code) => flat.find((f) => f.u.code === code);
const post = (auth, body, path = '/units') => call(s.url, auth, 'POST', path, body);
const patch = (auth, code, body) => call(s.url, auth, 'PATCH', `/units/${encodeURIComponent(code)}`, body);

test('the tree has roots and children and its employee counts add up', async () => {
  assert.ok(tree.length >= 1, 'at least one root');
  assert.ok(flat.length > 20 && flat.length > tree.length, `the demo has many units below its roots (${flat.length})`);
  assert.equal(new Set(flat.map((f) => f.u.code)).size, flat.length, 'unit codes are unique');
  for (const { u, parent } of flat) {
    assert.equal(u.parent_code, parent ? parent.code : null, u.code);
    assert.equal(typeof u.name, 'string');
    assert.equal(typeof u.kind, 'string');
    assert.equal(typeof u.face_to_face, 'boolean');
    assert.ok(Array.isArray(u.children));
    const sum = u.children.reduce((n, c) => n + c.employees, u.employees_direct);
    assert.equal(u.employees, sum, `${u.code}: employees = direct + children`);
    assert.ok(u.employees_direct >= 0);
  }
  const list = await ok(s.url, admin, '/employees?per_page=1');
  const all = tree.reduce((n, r) => n + r.employees, 0);
  assert.equal(all, list.total, 'the roots hold every (active) employee');
  assert.ok(all >= 580 && all <= 620, `about 600 demo employees (${all})`);
});

test('a unit subtree total equals the employee list filtered by that unit', async () => {
  const candidates = flat.filter((f) => f.u.children.length > 0 && f.u.employees > 0);
  assert.ok(candidates.length > 0);
  for (const f of candidates.slice(0, 3)) {
    const list = await ok(s.url, admin, `/employees?unit=${encodeURIComponent(f.u.code)}&per_page=1`);
    assert.equal(list.total, f.u.employees, f.u.code);
  }
});

test('GET /units/{code} has the path root-first, the children and the direct count', async () => {
  const deep = [...flat].sort((a, b) => b.depth - a.depth)[0];
  assert.ok(deep.depth >= 2, 'the demo is at least three levels deep');
  const d = await ok(s.url, pegawai, `/units/${encodeURIComponent(deep.u.code)}`);
  assert.equal(d.code, deep.u.code);
  assert.equal(d.name, deep.u.name);
  assert.deepEqual(d.path.map((p) => p.code), deep.ancestors);
  assert.equal(d.path[0].name, byCode(deep.ancestors[0]).u.name);
  assert.equal(d.parent_code, deep.ancestors.at(-1));
  assert.equal(d.employees, deep.u.employees_direct);

  const withKids = flat.find((f) => f.u.children.length >= 2);
  const w = await ok(s.url, kepala, `/units/${encodeURIComponent(withKids.u.code)}`);
  assert.deepEqual(w.children.map((c) => c.code).sort(), withKids.u.children.map((c) => c.code).sort());
  for (const c of w.children) {
    const t = withKids.u.children.find((x) => x.code === c.code);
    assert.equal(c.name, t.name);
    assert.equal(c.employees, t.employees_direct);
  }
  const root = await ok(s.url, admin, `/units/${encodeURIComponent(tree[0].code)}`);
  assert.deepEqual(root.path, []);
  assert.equal(root.parent_code, null);
});

test('POST /units (admin) creates a unit: 201, then readable in the tree', async () => {
  const parent = tree[0];
  const code = freshCode('UNIT');
  const r = await post(admin, { code, name: 'Unit Uji Coba', kind: 'bidang', parent_code: parent.code,
    face_to_face: true, lat: -6.2, lon: 106.8, radius_m: 150, service_open: '08:00', service_close: '14:00' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.code, code);
  assert.equal(r.body.parent_code, parent.code);
  assert.equal(r.body.radius_m, 150);
  assert.equal(r.body.service_open, '08:00');
  assert.equal(r.body.employees, 0);
  const d = await ok(s.url, admin, `/units/${code}`);
  assert.deepEqual(d.path.map((p) => p.code), [parent.code]);
  assert.ok(Math.abs(d.lat + 6.2) < 1e-9 && Math.abs(d.lon - 106.8) < 1e-9);
  const t = flattenTree((await ok(s.url, admin, '/units')).items);
  assert.equal(t.find((f) => f.u.code === code)?.parent?.code, parent.code);

  // A root, and the form with the code in the path.
  const root = freshCode('ROOT');
  const r2 = await post(admin, { name: 'Unit Akar', kind: 'lainnya' }, `/units/${root}`);
  assert.equal(r2.status, 201, r2.text);
  assert.equal(r2.body.parent_code, null);
  assert.equal(r2.body.code, root);
  assertError(await post(admin, { code: 'OTHER', name: 'x', kind: 'bidang' }, `/units/${freshCode('P')}`), 422, 'invalid', 'code');
});

test('POST /units refuses a duplicate code (409) and an unknown parent (422 unknown_unit)', async () => {
  const existing = flat[flat.length - 1].u;
  assertError(await post(admin, { code: existing.code, name: 'Kembar', kind: 'bidang' }), 409, 'duplicate', 'code');
  const code = freshCode('ORPHAN');
  assertError(await post(admin, { code, name: 'Yatim', kind: 'bidang', parent_code: 'NO-SUCH-PARENT' }),
    422, 'unknown_unit', 'parent_code');
  assertError(await get(s.url, admin, `/units/${code}`), 404, 'not_found', 'code');
  // The duplicate did not change the original.
  const d = await ok(s.url, admin, `/units/${encodeURIComponent(existing.code)}`);
  assert.equal(d.name, existing.name);
});

test('POST /units checks the body: unknown field, wrong type, invalid values', async () => {
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'bidang', colour: 'red' }), 422, 'unknown_field', 'colour');
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'bidang', radius_m: '100' }), 422, 'wrong_type', 'radius_m');
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'bidang', face_to_face: 1 }), 422, 'wrong_type', 'face_to_face');
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'bidang', lat: -6.2 }), 422, 'invalid', 'lat');
  assertError(await post(admin, { code: 'bad code!', name: 'x', kind: 'bidang' }), 422, 'invalid');
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'kementerian' }), 422, 'invalid');
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'bidang', lat: 51.5, lon: -0.1 }), 422, 'invalid');
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'bidang', service_open: '08:00' }), 422, 'invalid');
});

test('validation errors name the API field, not the CSV column', async () => {
  // org_validate_unit reports CSV columns (nama, jenis, induk_kode, ...); the
  // API must speak its own names, as the employee endpoints do.
  assertError(await post(admin, { code: freshCode(), name: '', kind: 'bidang' }), 422, 'invalid', 'name');
  assertError(await post(admin, { code: freshCode(), name: 'x', kind: 'kementerian' }), 422, 'invalid', 'kind');
  const self = freshCode();
  assertError(await post(admin, { code: self, name: 'x', kind: 'bidang', parent_code: self }), 422, 'invalid', 'parent_code');
});

test('PATCH /units/{code} changes the name and the service hours', async () => {
  const target = flat.find((f) => f.depth === 1).u;
  const r = await patch(admin, target.code, { name: 'Nama Baru Unit', face_to_face: true, service_open: '07:30', service_close: '16:00' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, 'Nama Baru Unit');
  assert.equal(r.body.service_open, '07:30');
  assert.equal(r.body.service_close, '16:00');
  assert.equal(r.body.parent_code, target.parent_code, 'other fields kept');
  assert.equal(r.body.kind, target.kind);
  const d = await ok(s.url, insp, `/units/${encodeURIComponent(target.code)}`);
  assert.equal(d.name, 'Nama Baru Unit');
  assert.equal(d.service_open, '07:30');
  assert.equal(d.face_to_face, true);
  // Clearing the hours.
  const c = await patch(admin, target.code, { service_open: null, service_close: null });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.service_open, null);
  // Closing before opening is refused and changes nothing.
  assertError(await patch(admin, target.code, { name: 'Jangan', service_open: '16:00', service_close: '07:30' }), 422, 'invalid');
  assertError(await patch(admin, target.code, { code: 'RENAMED' }), 422, 'invalid', 'code');
  assert.equal((await ok(s.url, admin, `/units/${encodeURIComponent(target.code)}`)).name, 'Nama Baru Unit');
});

test('PATCH moving a unit under its own descendant answers 409 cycle and changes nothing', async () => {
  const top = flat.find((f) => f.depth === 0 && f.u.children.some((c) => c.children.length > 0)).u;
  const child = top.children.find((c) => c.children.length > 0);
  const grandchild = child.children[0];
  for (const target of [child.code, grandchild.code]) {
    assertError(await patch(admin, top.code, { parent_code: target, name: 'Tidak Boleh' }), 409, 'cycle', 'parent_code');
  }
  const d = await ok(s.url, admin, `/units/${encodeURIComponent(top.code)}`);
  assert.equal(d.parent_code, null);
  assert.equal(d.name, top.name);
  const g = await ok(s.url, admin, `/units/${encodeURIComponent(grandchild.code)}`);
  assert.deepEqual(g.path.map((p) => p.code), [top.code, child.code]);
  // Under itself: refused too (422 or 409), never accepted.
  const selfMove = await patch(admin, top.code, { parent_code: top.code });
  assert.ok(selfMove.status === 409 || selfMove.status === 422, selfMove.text);
  assertError(selfMove, selfMove.status);
  // An unknown new parent: 422 unknown_unit.
  assertError(await patch(admin, child.code, { parent_code: 'NO-SUCH-PARENT' }), 422, 'unknown_unit', 'parent_code');
});

test('PATCH moving a unit elsewhere moves its whole subtree', async () => {
  const a = freshCode('MOVA'), b = freshCode('MOVB'), c = freshCode('MOVC');
  assert.equal((await post(admin, { code: a, name: 'A', kind: 'bidang' })).status, 201);
  assert.equal((await post(admin, { code: b, name: 'B', kind: 'seksi', parent_code: a })).status, 201);
  assert.equal((await post(admin, { code: c, name: 'C', kind: 'bidang' })).status, 201);
  const r = await patch(admin, a, { parent_code: c });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual((await ok(s.url, admin, `/units/${b}`)).path.map((p) => p.code), [c, a]);
  // And back to a root.
  assert.equal((await patch(admin, a, { parent_code: null })).status, 200);
  assert.deepEqual((await ok(s.url, admin, `/units/${b}`)).path.map((p) => p.code), [a]);
  // Now c may go under b (no cycle any more).
  assert.equal((await patch(admin, c, { parent_code: b })).status, 200);
  assert.deepEqual((await ok(s.url, admin, `/units/${c}`)).path.map((p) => p.code), [a, b]);
});

test('inspektorat may read units but every write is 403', async () => {
  const u = flat[1].u;
  assertError(await patch(insp, u.code, { name: 'Inspeksi' }), 403, 'forbidden');
  assertError(await post(insp, { code: freshCode(), name: 'x', kind: 'bidang' }), 403, 'forbidden');
  assertError(await post(insp, { name: 'x', kind: 'bidang' }, `/units/${freshCode()}`), 403, 'forbidden');
  assert.notEqual((await ok(s.url, admin, `/units/${encodeURIComponent(u.code)}`)).name, 'Inspeksi');
  assertError(await patch(pegawai, u.code, { name: 'Pegawai' }), 403, 'forbidden');
  assertError(await post(pegawai, { code: freshCode(), name: 'x', kind: 'bidang' }), 403, 'forbidden');
  assertError(await post(kepala, { code: freshCode(), name: 'x', kind: 'bidang', parent_code: kepala.user.opd_unit }), 403, 'forbidden');
  assertError(await patch(null, u.code, { name: 'Anon' }), 401, 'unauthorized');
});

test('kepala_opd may PATCH units inside their own body, not outside, and may not move them', async () => {
  const body = byCode(kepala.user.opd_unit);
  assert.ok(body, `the kepala's body ${kepala.user.opd_unit} is in the tree`);
  const inside = body.u.children[0] || body.u;
  const r = await patch(kepala, inside.code, { name: 'Bidang Diubah Kepala', service_open: '08:00', service_close: '12:00' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, 'Bidang Diubah Kepala');
  const own = await patch(kepala, body.u.code, { face_to_face: true });
  assert.equal(own.status, 200, own.text);
  const outside = flat.find((f) => !f.ancestors.includes(body.u.code) && f.u.code !== body.u.code
    && !body.ancestors.includes(f.u.code)).u;
  const ancestor = body.ancestors.at(-1);
  if (ancestor) assertError(await patch(kepala, ancestor, { name: 'Induk Bukan Wewenang' }), 403, 'forbidden');
  const outsideName = (await ok(s.url, admin, `/units/${encodeURIComponent(outside.code)}`)).name;
  assertError(await patch(kepala, outside.code, { name: 'Bukan Wewenang' }), 403, 'forbidden');
  assert.equal((await ok(s.url, admin, `/units/${encodeURIComponent(outside.code)}`)).name, outsideName);
  // Re-parenting is for BKD only, even inside the body.
  const deeper = inside.children?.[0];
  if (deeper) {
    assertError(await patch(kepala, deeper.code, { parent_code: body.u.code }), 403, 'forbidden');
  }
  assertError(await patch(kepala, inside.code, { parent_code: null }), 403, 'forbidden');
  assert.equal((await ok(s.url, admin, `/units/${encodeURIComponent(inside.code)}`)).parent_code, inside.parent_code);
});

test('a unit created by admin shows up with zero employees and a parent subtree grows', async () => {
  const parent = flat.find((f) => f.depth === 1).u;
  const now = flattenTree((await ok(s.url, admin, '/units')).items);
  const before = subtreeCodes(now.find((f) => f.u.code === parent.code).u).length;
  const code = freshCode('GROW');
  assert.equal((await post(admin, { code, name: 'Tumbuh', kind: 'seksi', parent_code: parent.code })).status, 201);
  const t = flattenTree((await ok(s.url, admin, '/units')).items);
  const p = t.find((f) => f.u.code === parent.code).u;
  assert.equal(subtreeCodes(p).length, before + 1);
  const n = t.find((f) => f.u.code === code).u;
  assert.equal(n.employees, 0);
  assert.deepEqual(n.children, []);
});

test('a radius_m outside the int range is refused, never stored as another number', async () => {
  // (int) of an out-of-range double is undefined behaviour in C; x86 gives INT_MIN.
  for (const radius of [4294967396, -4294967296, 1e15]) {
    const r = await post(admin, { code: freshCode('RAD'), name: 'Radius Besar', kind: 'bidang', radius_m: radius });
    if (r.status === 201) assert.equal(r.body.radius_m, radius, `radius_m ${radius} came back as ${r.body.radius_m}`);
    else assertError(r, 422, 'invalid', 'radius_m');
  }
});
